"""One module per rule family. Each exports the hook tables that ``hooks.py`` merges."""
