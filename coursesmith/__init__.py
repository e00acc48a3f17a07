"""coursesmith: leadership courses written in YAML, built into a website and PDF handouts."""

__version__ = "0.1.0"
