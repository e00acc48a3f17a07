"""Binding books from part PDFs with pikepdf, and publishing a part on its own."""

from coursesmith.outputs.print.assemble.book import Book, BookInfo, Part, bind, bind_books, part_anchors
from coursesmith.outputs.print.assemble.publish import publish_part

__all__ = ["Book", "BookInfo", "Part", "bind", "bind_books", "part_anchors", "publish_part"]
