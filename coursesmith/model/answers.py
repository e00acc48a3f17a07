"""Sealed answers: how a participant package checks a quiz without carrying its key.

A self-checking quiz must know which option is right, yet the participant edition
never holds the answer key. It holds instead, for each item, a digest of the
correct option's key together with the course, lesson and item codes; the quiz
hashes the option a participant chose the same way and compares. This is not
secrecy against a determined reader (with four options anyone can try them all);
it keeps the key from being read off the package as text, and the rationale, the
facilitator's explanation, is not in the package at all.
"""

from __future__ import annotations

import hashlib


def seal(course: str, lesson: str, item: str, key: str) -> str:
    """The hex SHA-256 of `course/lesson/item/key`; quiz.js computes the same."""
    return hashlib.sha256(f"{course}/{lesson}/{item}/{key}".encode("utf-8")).hexdigest()


def unseal(course: str, lesson: str, item: str, keys: list[str], sealed: str) -> str | None:
    """The key among `keys` that `sealed` was made from: what an LMS's own quiz engine
    needs (a Common Cartridge test states its correct option)."""
    return next((key for key in keys if seal(course, lesson, item, key) == sealed), None)
