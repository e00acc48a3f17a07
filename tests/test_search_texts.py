"""The offline search's page texts kept between builds (outputs/offline_search.py): a
page read once is not read again, and an entry that is not a title and a text is ignored."""

from __future__ import annotations

import json

from coursesmith.outputs import offline_search
from coursesmith.outputs.offline_search import SearchTexts, page_record

PAGE = '<main data-pagefind-body><h1>Coalitions</h1><p>Map the  people.</p></main>'


def test_a_page_read_before_is_not_read_again(tmp_path, monkeypatch):
    texts = SearchTexts(tmp_path / "texts")
    first = page_record(PAGE, "a.html", texts)
    assert first == page_record(PAGE, "a.html") == {"url": "a.html", "title": "Coalitions",
                                                     "text": "Coalitions Map the people."}
    monkeypatch.setattr(offline_search, "_title_and_text", lambda html: ("unread", "unread"))
    assert page_record(PAGE, "b.html", SearchTexts(tmp_path / "texts")) == {**first, "url": "b.html"}
    assert page_record(PAGE + " ", "a.html", texts)["text"] == "unread"  # another page's HTML: read


def test_an_entry_that_is_not_a_title_and_a_text_is_read_again(tmp_path):
    texts = SearchTexts(tmp_path / "texts")
    page_record(PAGE, "a.html", texts)
    [entry] = (tmp_path / "texts").glob("*/*.json")
    for planted in ('{"title": "x"}', '["x", 3]', "not json", '["x"]'):
        entry.write_text(planted, encoding="utf-8")
        assert page_record(PAGE, "a.html", texts)["text"] == "Coalitions Map the people."
    assert json.loads(entry.read_text(encoding="utf-8")) == ["Coalitions", "Coalitions Map the people."]
