"""The participant roster (course/roster.csv or .yaml): personal data, read only for the course office.

Course offices keep rosters in spreadsheets, so the roster is CSV (UTF-8, a header
row, comma-separated; a `#` line is a comment); `roster.yaml` (`kind: roster`) is the
alternative for those who prefer YAML. Every bad cell is reported at its line and
column, all at once, naming the offending value only where the fix needs it (a NIP
that is not one), never a participant's name. Nothing here is ever part of a course
model: only the office checks and the office output call `load_roster`, and only the
office output's files may carry what it returns.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path

from coursesmith.diagnostics import Location, Problems, suggest
from coursesmith.load.schema.office import Roster
from coursesmith.load.validate import validate_as
from coursesmith.load.yamlfile import SourceFile, load_yaml

ROSTER = "roster.csv"
ROSTER_YAML = "roster.yaml"
COLUMNS = ("name", "nip", "rank", "position", "agency", "unit", "email", "note")
REQUIRED = ("name", "nip")


@dataclass(frozen=True)
class Participant:
    number: int
    """Place in the roster, from 1."""
    name: str
    nip: str
    rank: str = ""
    """Pangkat/golongan, e.g. `Penata Tk. I (III/d)`."""
    position: str = ""
    agency: str = ""
    unit: str = ""
    email: str = ""
    note: str = ""


def roster_path(root: Path) -> Path:
    return root / "course" / ROSTER


def load_roster(root: Path, problems: Problems) -> list[Participant]:
    """The participants in roster order; no file gives an empty roster."""
    path, yaml_path = roster_path(root), root / "course" / ROSTER_YAML
    if path.is_file() and yaml_path.is_file():
        problems.add("roster-twice", Location(yaml_path), other=ROSTER)
        return []
    if yaml_path.is_file():
        return _yaml_participants(yaml_path, problems)
    if not path.is_file():
        return []
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        problems.add("not-utf8", Location(path), byte=error.object[error.start])
        return []
    except OSError as error:
        problems.add("file-unreadable", Location(path), reason=error.strerror or str(error))
        return []
    return _participants(path, text, problems)


def _participants(path: Path, text: str, problems: Problems) -> list[Participant]:
    rows = [(number, row) for number, row in _rows(text) if any(cell.strip() for cell in row)]
    if not rows:
        return []
    header_line, header = rows[0]
    columns = [cell.strip().lower() for cell in header]
    if not _header_ok(path, header_line, header, columns, problems):
        return []
    found, seen = [], {}
    for line, row in rows[1:]:
        cells = {name: (row[i].strip() if i < len(row) else "") for i, name in enumerate(columns)}
        where = {name: Location(path, line, _column(row, i)) for i, name in enumerate(columns)}
        if len(row) > len(columns):
            problems.add("roster-extra-cell", Location(path, line, _column(row, len(columns))),
                         count=len(columns))
        ok = True
        if not cells["name"]:
            problems.add("roster-missing", where["name"], column="name")
            ok = False
        nip = cells["nip"]
        reason = nip_problem(nip)
        if reason:
            problems.add("roster-bad-nip", where["nip"], nip=nip, reason=reason)
            ok = False
        elif nip in seen:
            problems.add("roster-duplicate-nip", where["nip"], line=seen[nip])
            ok = False
        else:
            seen[nip] = line
        if ok:
            found.append(Participant(len(found) + 1, **{k: v for k, v in cells.items() if k in COLUMNS}))
    return found


def _yaml_participants(path: Path, problems: Problems) -> list[Participant]:
    source = load_yaml(path, problems)
    roster = validate_as(source, Roster, problems) if source is not None else None
    if roster is None:
        return []
    found, seen = [], {}
    for index, entry in enumerate(roster.participants):
        ok = True
        if not entry.name.strip():
            problems.add("roster-missing", source.location(("participants", index, "name")), column="name")
            ok = False
        if not _nip_ok(entry.nip.strip(), source, ("participants", index, "nip"), seen, problems):
            ok = False
        if ok:
            found.append(Participant(len(found) + 1, **{k: v.strip() for k, v in entry.model_dump().items()}))
    return found


def _nip_ok(nip: str, source: SourceFile, loc: tuple, seen: dict[str, int], problems: Problems) -> bool:
    """Report a bad or repeated NIP at its YAML position; remember a good one's line."""
    where = source.location(loc)
    reason = nip_problem(nip)
    if reason:
        problems.add("roster-bad-nip", where, nip=nip, reason=reason)
        return False
    if nip in seen:
        problems.add("roster-duplicate-nip", where, line=seen[nip])
        return False
    seen[nip] = where.line
    return True


def _rows(text: str) -> list[tuple[int, list[str]]]:
    """Each row with the line it starts on; comment lines skipped."""
    lines = text.splitlines()
    kept = "\n".join("" if line.lstrip().startswith("#") else line for line in lines)
    reader = csv.reader(io.StringIO(kept))
    rows = []
    for row in reader:
        rows.append((reader.line_num - _extra_lines(row), row))
    return rows


def _extra_lines(row: list[str]) -> int:
    return sum(cell.count("\n") for cell in row)


def _column(row: list[str], index: int) -> int:
    """The column (from 1) where cell `index` starts, for rows without quoted commas."""
    return sum(len(cell) + 1 for cell in row[:index]) + 1


def _header_ok(path: Path, line: int, header: list[str], columns: list[str], problems: Problems) -> bool:
    ok = True
    for index, name in enumerate(columns):
        if name not in COLUMNS:
            problems.add("roster-unknown-column", Location(path, line, _column(header, index)), column=header[index],
                         suggestion=suggest(name, COLUMNS), columns=", ".join(COLUMNS))
            ok = False
    for name in REQUIRED:
        if name not in columns:
            problems.add("roster-missing-column", Location(path, line), column=name)
            ok = False
    return ok


def nip_problem(nip: str) -> str | None:
    """Why `nip` is not a civil servant's NIP, or None. A NIP is 18 digits: the birth
    date (YYYYMMDD), the month of appointment (YYYYMM), the sex (1 man, 2 woman) and
    a three-digit sequence number."""
    if not (len(nip) == 18 and nip.isascii() and nip.isdigit()):
        return "a NIP has 18 digits"
    try:
        born = dt.date(int(nip[0:4]), int(nip[4:6]), int(nip[6:8]))
    except ValueError:
        return f"{nip[0:8]} is not a birth date (YYYYMMDD)"
    year, month = int(nip[8:12]), int(nip[12:14])
    if not 1 <= month <= 12:
        return f"{nip[8:14]} is not a month of appointment (YYYYMM)"
    if year < born.year + 15:
        return f"appointed in {year}, before the age of 15"
    if nip[14] not in "12":
        return f"the 15th digit is the sex, 1 or 2, not {nip[14]}"
    if nip[15:] == "000":
        return "the sequence number (last three digits) starts at 001"
    return None
