"""Slides (bahan tayang) of every lesson: reveal.js pages and PDFs."""
