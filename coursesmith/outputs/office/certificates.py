"""Certificates: each participant's number, verification address and QR code, and the
list the site publishes to verify them without publishing the roster.

Verification (docs/office.md): a certificate's QR code encodes
`<site>/verify.html#n=<number>&s=<salt>`. The salt is derived from the participant's
NIP and number, which the site never holds. The site's list has, per certificate,
`id = SHA-256("coursesmith-verify-id" | number | salt)` and the name and programme
sealed with AES-GCM under `key = SHA-256("coursesmith-verify-key" | number | salt)`.
Without a certificate in hand the list says nothing: the ids cannot be reversed to
numbers (the salt has 128 bits) and the sealed texts cannot be opened."""
from __future__ import annotations

import hashlib
import json
from urllib.parse import quote
from dataclasses import dataclass

import segno
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from coursesmith.diagnostics import Location, Problems
from coursesmith.load.roster import Participant
from coursesmith.model import layout
from coursesmith.model.course import CourseView

VERIFY_PAGE = "verify.html"


@dataclass(frozen=True)
class Certificate:
    participant: Participant
    number: str
    verify_url: str
    code: str
    """The verification code (the salt), printed beside the QR code for typing in by hand."""
    qr_uri: str
    """The QR code of `verify_url`, as an SVG data: URI."""


def issue(course: CourseView, roster: list[Participant], problems: Problems) -> list[Certificate]:
    """A certificate for each participant; an unusable number pattern is reported once."""
    pattern = course.course.office.certificate_number
    ends = course.course.dates.end if course.course.dates else course.course.edition
    year = ends.year if ends else ""  # a course without dates numbers its certificates without a year
    issued = []
    for participant in roster:
        try:
            number = pattern.format(seq=participant.number, year=year)
        except (KeyError, IndexError, ValueError, AttributeError) as error:  # the check reports it first
            problems.add("certificate-number", Location(course.root / "course" / "course.yaml"),
                         reason=f"{type(error).__name__}: {error}")
            return []
        salt = salt_of(participant, number)
        url = f"{course.course.base_url or ''}{layout.verify_page()}#n={_quote(number)}&s={salt}"
        issued.append(Certificate(participant, number, url, salt, qr_uri(url)))
    return issued


def salt_of(participant: Participant, number: str) -> str:
    """128 bits from what only the office holds (the NIP), the same in every build."""
    return hashlib.sha256(f"coursesmith-verify-salt|{participant.nip}|{number}".encode()).hexdigest()[:32]


def _quote(number: str) -> str:
    return quote(number, safe="")


def qr_uri(url: str) -> str:
    return segno.make(url, error="m", micro=False).svg_data_uri(scale=4, border=2)


def entry_id(number: str, salt: str) -> str:
    return hashlib.sha256(f"coursesmith-verify-id|{number}|{salt}".encode()).hexdigest()


def entry_key(number: str, salt: str) -> bytes:
    return hashlib.sha256(f"coursesmith-verify-key|{number}|{salt}".encode()).digest()


def sealed_entries(course: CourseView, issued: list[Certificate]) -> dict[str, str]:
    """The sealed name and programme of each certificate by id, in id order, so that
    not even the roster's order shows."""
    languages = course.course.languages
    programme = {lang: course.course.program.get(lang, languages) for lang in languages}
    entries = {}
    for certificate in issued:
        salt = salt_of(certificate.participant, certificate.number)
        key = entry_key(certificate.number, salt)
        nonce = hashlib.sha256(key).digest()[:12]  # one message per key, so a derived nonce is safe
        plain = json.dumps({"name": certificate.participant.name, "programme": programme}, ensure_ascii=False)
        sealed = AESGCM(key).encrypt(nonce, plain.encode("utf-8"), None)
        entries[entry_id(certificate.number, salt)] = (nonce + sealed).hex()
    return dict(sorted(entries.items()))


def verification_script(entries: dict[str, str]) -> bytes:
    """The site's list as a script the verify page loads (it works opened from disk, where
    a page may not fetch files)."""
    listed = json.dumps(entries, indent=0, sort_keys=True)
    return f"window.COURSESMITH_CERTIFICATES = {listed};\n".encode("ascii")


def handover_list(entries: dict[str, str]) -> bytes:
    """The same entries for the office to commit as course/verify-list.json."""
    return (json.dumps(entries, indent=1, sort_keys=True) + "\n").encode("ascii")
