"""Differential test of alchemy-lazy-load against SQLAlchemy at run time."""
