"""Loaded YAML files kept between builds (load/loaded.py): a file read back from its
record is the file load_yaml parses, every value, date and position in the same order;
a file with a problem is parsed every time, and a damaged record is ignored."""

from __future__ import annotations

import json

import pytest

from coursesmith.diagnostics import Problems
from coursesmith.load.loaded import LoadRecords
from coursesmith.load.yamlfile import load_yaml

FILE = (
    "\ufeffkind: lesson\r\ncode: LES-1\r\ndate: 2027-02-03\r\nnot_a_date: 2027-02-31\r\n"
    "times: [08:30, '09:00', 1e3, 07, -2, true, yes, null, ~]\r\n"
    "base: &b {x: [1, {y: 2027-01-01}]}\r\nagain: *b\r\n"
    "text: |\r\n  Baris \"satu\" 🙂\r\n  baris dua \\ud800\r\nescaped: \"\\u00e9 \\0 tab\\t\"\r\n"
    "nested:\r\n  - - a\r\n    - {b: c, \"\\0date\": 2027-03-04}\r\n  - []\r\n  - {}\r\n"
)


def parts(source) -> tuple:
    """Everything a SourceFile holds, its marks in the order they were made."""
    return (source.path, repr(source.data), list(source.value_marks.items()), list(source.key_marks.items()),
            list(source.value_ends.items()), source.lines)


def test_a_record_gives_back_what_parsing_gives(tmp_path):
    path = tmp_path / "les.yaml"
    path.write_bytes(FILE.encode("utf-8"))
    parsed = load_yaml(path, Problems())
    assert parsed is not None
    LoadRecords(tmp_path / "loaded").load(path, Problems())
    records = LoadRecords(tmp_path / "loaded")
    read = records.load(path, Problems())
    assert records.parsed == 0
    assert parts(read) == parts(parsed)
    assert type(read.data["date"]).__name__ == "date" and read.data["not_a_date"] == "2027-02-31"


def test_a_file_with_a_problem_is_parsed_every_time(tmp_path):
    path = tmp_path / "les.yaml"
    path.write_text("kind: lesson\nkind: case\n", encoding="utf-8")
    first = Problems()
    LoadRecords(tmp_path / "loaded").load(path, first)
    records, again = LoadRecords(tmp_path / "loaded"), Problems()
    records.load(path, again)
    assert records.parsed == 1 and [d.code for d in again.items] == ["yaml-duplicate-key"] == [
        d.code for d in first.items]


@pytest.mark.parametrize("damage", [
    b"", b"{", b"[]", b"null", b'{"data": {}}',
    b'{"data": {"a": "x"}, "dates": [["a"]], "values": [], "keys": []}',  # not a date
    b'{"data": {"a": 1}, "dates": [["b", 0]], "values": [], "keys": []}',  # no such place
    b'{"data": {}, "dates": [[]], "values": [], "keys": []}',  # a file that is a date
    b'{"data": {}, "dates": [], "values": [[[], -1, 1, 1]], "keys": []}',  # a line before the file
    b'{"data": {}, "dates": [], "values": [[[true], 1, 1, 1]], "keys": []}',  # not a place
    b'{"data": {}, "dates": [], "values": [[[], 1, 1]], "keys": []}',  # its end missing
])
def test_a_damaged_record_is_ignored(tmp_path, damage):
    path = tmp_path / "les.yaml"
    path.write_bytes(FILE.encode("utf-8"))
    LoadRecords(tmp_path / "loaded").load(path, Problems())
    (entry,) = (tmp_path / "loaded").glob("*/*.json")
    json.loads(entry.read_bytes())  # what was written is JSON
    entry.write_bytes(damage)
    records = LoadRecords(tmp_path / "loaded")
    assert parts(records.load(path, Problems())) == parts(load_yaml(path, Problems()))
    assert records.parsed == 1
