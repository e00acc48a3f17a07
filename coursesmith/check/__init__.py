"""Checks across files: the catalogue of codes, references, course rules."""
