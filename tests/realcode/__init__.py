"""Code nobody here wrote, checked with and without the plugin."""
