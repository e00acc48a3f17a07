"""Turning the model into HTML: the Jinja environment, filters, Markdown, accessibility."""
