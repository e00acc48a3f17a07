"""The PDFs: documents, cache, worker pool."""
