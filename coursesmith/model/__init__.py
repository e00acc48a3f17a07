"""The course as one audience sees it, and where every output goes."""
