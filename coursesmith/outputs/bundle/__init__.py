"""The offline bundle: one language's participant site, PDFs and slides in one zip, to open from disk."""
