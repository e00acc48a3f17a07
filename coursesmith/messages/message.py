"""What one problem code says: its severity, wording and fix hint."""

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Message:
    severity: Severity
    text: str
    hint: str
