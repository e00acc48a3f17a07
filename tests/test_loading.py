"""YAML loading: positions, duplicate keys, tags, tabs, encodings, bounded aliases."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from coursesmith.diagnostics import Problems
from coursesmith.load.yamlfile import load_yaml


def load(tmp_path: Path, text: str | bytes):
    path = tmp_path / "f.yaml"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    problems = Problems()
    return load_yaml(path, problems), problems


def codes(problems: Problems) -> list[tuple[str, int, int]]:
    return [(d.code, d.location.line, d.location.column) for d in problems.sorted()]


def test_keeps_value_and_key_positions(tmp_path):
    source, problems = load(tmp_path, "kind: lesson\nitems:\n  - code: A\n    title: x\n")
    assert not problems.items
    assert source.data == {"kind": "lesson", "items": [{"code": "A", "title": "x"}]}
    assert source.location(("items", 0, "title")).line == 4
    assert source.location(("items", 0, "title")).column == 12
    assert source.location(("items", 0, "title"), key=True).column == 5


def test_missing_location_falls_back_to_nearest_parent(tmp_path):
    source, _ = load(tmp_path, "kind: lesson\nitems:\n  - code: A\n")
    where = source.location(("items", 0, "missing"))
    assert (where.line, where.column) == (3, 5)


def test_yaml_12_scalars_keep_words_and_times_as_text(tmp_path):
    source, _ = load(tmp_path, "a: yes\nb: no\nc: on\nd: 08:30\ne: true\nf: 45\ng: 2027-03-01\nh: 1.5\ni: ~\n")
    assert source.data == {"a": "yes", "b": "no", "c": "on", "d": "08:30", "e": True, "f": 45,
                           "g": dt.date(2027, 3, 1), "h": 1.5, "i": None}


def test_duplicate_key_is_an_error_naming_both_lines(tmp_path):
    source, problems = load(tmp_path, "title: one\nbody: x\ntitle: two\n")
    assert codes(problems) == [("yaml-duplicate-key", 3, 1)]
    assert "first at line 1" in problems.items[0].message
    assert source.data["title"] == "one"  # still checked further, with the first value


def test_tags_of_any_kind_are_refused(tmp_path):
    _, problems = load(tmp_path, "a: !!python/object:os.system x\nb: !custom y\nc: !!str z\n")
    assert codes(problems) == [("yaml-tag", 1, 4), ("yaml-tag", 2, 4), ("yaml-tag", 3, 4)]


def test_tab_indentation_is_reported_at_the_tab(tmp_path):
    source, problems = load(tmp_path, "a:\n\tb: 1\n")
    assert source is None
    assert codes(problems) == [("yaml-tab", 2, 1)]


def test_syntax_error_has_a_position(tmp_path):
    source, problems = load(tmp_path, "a: 1\nb: x: y\n")
    assert source is None
    assert codes(problems) == [("yaml-syntax", 2, 5)]


def test_unclosed_bracket_is_reported_where_it_opens(tmp_path):
    source, problems = load(tmp_path, "a: [1, 2\nb: 3\n")
    assert source is None
    assert codes(problems) == [("yaml-unclosed", 1, 4)]


def test_byte_order_mark_and_windows_line_endings_are_accepted(tmp_path):
    source, problems = load(tmp_path, b"\xef\xbb\xbfkind: lesson\r\ncode: A\r\n")
    assert not problems.items
    assert source.data == {"kind": "lesson", "code": "A"}
    assert source.location(("code",)).line == 2


def test_non_utf8_file_names_the_byte_and_place(tmp_path):
    source, problems = load(tmp_path, b"kind: lesson\ntitle: caf" + b"\xe9\n")
    assert source is None
    [d] = problems.items
    assert (d.code, d.location.line, d.location.column) == ("not-utf8", 2, 11)
    assert "0xe9" in d.message


def test_empty_file(tmp_path):
    _, problems = load(tmp_path, "# only a comment\n")
    assert codes(problems) == [("empty-file", 1, 1)]


def test_billion_laughs_fails_fast(tmp_path):
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 10):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]")
    source, problems = load(tmp_path, "\n".join(lines) + "\n")
    assert source is None
    assert [d.code for d in problems.items] == ["yaml-too-large"]


def test_merge_keys_are_refused(tmp_path):
    _, problems = load(tmp_path, "base: &b {x: 1}\nother:\n  <<: *b\n")
    assert codes(problems) == [("yaml-merge-key", 3, 3)]
