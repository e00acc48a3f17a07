"""The labels of the pages that show each anchor of a book's parts ("3–4"), as the parts
tell them once laid out, and the record of which labels a part's HTML asked for."""
from __future__ import annotations


class AnchorMap:
    """Anchor → label of the page that shows it, from the parts of one audience's books
    laid out in this build. Ids may repeat across parts: the first part in book order
    wins, as in the bound book."""

    def __init__(self):
        self.found: dict[str, tuple[tuple[int, str], str]] = {}
        self.by_part: dict[tuple[int, str], dict[str, str]] = {}

    def update(self, position: tuple[int, str], labels: dict[str, str]) -> None:
        """A part was laid out, with these labels; `position` is its place in its book
        and its name (the front matter of two editions share a place)."""
        for anchor in self.by_part.pop(position, {}):
            if self.found.get(anchor, (None,))[0] == position:
                del self.found[anchor]
                self._refill(anchor)
        self.by_part[position] = labels
        for anchor, label in labels.items():
            if anchor not in self.found or self.found[anchor][0] > position:
                self.found[anchor] = (position, label)

    def _refill(self, anchor: str) -> None:
        holders = [(position, labels[anchor]) for position, labels in self.by_part.items() if anchor in labels]
        if holders:
            self.found[anchor] = min(holders)

    def labels(self) -> dict[str, str]:
        return {anchor: label for anchor, (_, label) in self.found.items()}

    def get(self, anchor: str) -> str | None:
        found = self.found.get(anchor)
        return None if found is None else found[1]


class Asked:
    """Looks labels up in `known`, remembering what was asked and whether all was found."""

    def __init__(self, known: AnchorMap):
        self.known, self.asked, self.missing = known, {}, False

    def __call__(self, anchor: str) -> str | None:
        label = self.known.get(anchor)
        self.asked[anchor] = label
        self.missing |= label is None
        return label
