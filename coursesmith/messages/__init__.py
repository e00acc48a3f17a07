"""Every problem coursesmith can report: its code, severity, wording and fix hint.

Checks never write sentences of their own; they name a code from this table and
pass the values that fill its placeholders. Codes are stable: tests, CI scripts
and instructors' notes may rely on them.
"""

from coursesmith.messages import build, course, files, office
from coursesmith.messages.message import Message, Severity

__all__ = ["MESSAGES", "Message", "Severity"]

MESSAGES: dict[str, Message] = {
    **files.MESSAGES, **course.MESSAGES, **build.MESSAGES,
    **office.MESSAGES,
}
"""Every code, in the order docs/problems.md lists them."""
