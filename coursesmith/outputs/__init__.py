"""The outputs a build writes: the site, its search index, the PDFs."""
