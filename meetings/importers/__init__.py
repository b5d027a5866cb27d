"""The import pipeline: text (or PDF) -> parsed dataclasses -> database (load.py only)."""
