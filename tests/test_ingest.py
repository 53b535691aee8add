"""Ingest: every input kind on small news-like fixtures, and every kind of bad input.

Fixtures are written to tmp_path by the tests themselves, so each test shows
exactly the bytes it reads.
"""
from __future__ import annotations

import datetime as dt
import gzip
import io
import itertools
import json
import pickle
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from graph.ingest import (
    InputError,
    InputWarning,
    iter_documents,
    parse_date,
    read_feed,
    read_html,
    read_jsonl,
    read_text_file,
)
from graph.models import Document

HAMA = ("BEIRUT (Wire) - Syrian opposition fighters led by Hayat Tahrir al-Sham pushed into the central city of "
        "Hama on Thursday after days of fighting with government forces, a war monitor said.\n"
        "The army said its units had redeployed outside Hama to protect civilians.\n")
IDLIB = "State media said Russian and Syrian warplanes bombed rebel positions in Idlib province overnight."
TEHRAN = "Iran has sent military advisers to support Assad's forces, two regional officials said."

ARTICLE_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Rebels seize Hama as government forces withdraw | Levant Wire</title>
<meta property="og:title" content="Rebels seize Hama as government forces withdraw">
<meta property="og:site_name" content="Levant Wire">
<meta property="og:url" content="https://levantwire.example/2024/12/05/hama">
<meta property="article:published_time" content="2024-12-05T18:30:00+00:00">
<script>window.dataLayer = [{"page": "article"}];</script>
</head><body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/sport">Sport</a></li><li><a href="/subscribe">Subscribe now</a></li></ul></nav></header>
<main><article>
<h1>Rebels seize Hama as government forces withdraw</h1>
<p>BEIRUT - Syrian opposition fighters led by Hayat Tahrir al-Sham entered the central city of Hama on Thursday
after days of fighting with government forces, a war monitor said.</p>
<p>The Syrian army said its units had redeployed outside the city to protect civilians. State media reported that
Russian warplanes struck rebel positions in Idlib province overnight.</p>
<p>Iran has sent military advisers to support the government, two regional officials said, while Turkey called
for talks between the warring parties.</p>
</article></main>
<aside><h3>Most read</h3><ul><li><a href="/a">Football: late winner stuns champions</a></li>
<li><a href="/b">Markets close higher</a></li></ul></aside>
<footer><p>&copy; 2024 Levant Wire. All rights reserved.</p><a href="/privacy">Privacy policy</a>
<a href="/cookies">Cookie settings</a></footer>
</body></html>
"""

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel>
<title>Levant Wire - Syria</title><link>https://levantwire.example/</link><description>Syria news</description>
<item><title>Rebels enter Hama</title><link>https://levantwire.example/hama</link><guid>lw-1</guid>
<pubDate>Thu, 05 Dec 2024 18:30:00 GMT</pubDate>
<description>&lt;p&gt;Syrian opposition fighters entered &lt;b&gt;Hama&lt;/b&gt; on Thursday.&lt;/p&gt;&lt;p&gt;The army
said it had redeployed.&lt;/p&gt;&lt;script&gt;track()&lt;/script&gt;</description></item>
<item><title>Strikes on Idlib</title><link>https://levantwire.example/idlib</link>
<pubDate>Fri, 06 Dec 2024 08:00:00 +0300</pubDate>
<description>Russian warplanes struck Idlib &amp; its countryside overnight.</description></item>
</channel></rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<title>Damascus Monitor</title><id>urn:dm</id><updated>2024-12-08T06:00:00Z</updated>
<entry><title>Assad leaves Damascus</title><id>urn:dm:1</id>
<link rel="alternate" href="https://dm.example/assad"/>
<published>2024-12-08T01:30:00+03:00</published><updated>2024-12-08T05:00:00Z</updated>
<content type="html">&lt;p&gt;Bashar al-Assad left Damascus, two officials said.&lt;/p&gt;&lt;p&gt;Rebels
declared the capital free.&lt;/p&gt;</content></entry>
<entry><title>Israel strikes</title><id>urn:dm:2</id>
<link rel="alternate" href="https://dm.example/israel"/>
<updated>2024-12-09T10:00:00Z</updated>
<summary type="text">Israel struck army depots near Damascus, a war monitor said.</summary></entry>
</feed>
"""


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def jsonl(*records: object) -> str:
    return "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records)


def collect(inputs: list, **kwargs) -> tuple[list[Document], list[str]]:
    seen: list[str] = []
    docs = list(iter_documents(inputs, warn=seen.append, **kwargs))
    return docs, seen


# ---------------------------------------------------------------- each input kind


def test_ingest_text_file_carries_meta_json(tmp_path: Path) -> None:
    path = write(tmp_path / "hama.txt", HAMA)
    write(tmp_path / "hama.meta.json", json.dumps({
        "id": "wire-0512", "url": "https://wire.example/hama", "title": "Rebels push\ninto Hama",
        "published": "2024-12-05", "outlet": "Wire"}))
    doc = read_text_file(path)
    assert doc == Document(text=HAMA.strip(), id="wire-0512", url="https://wire.example/hama",
                           title="Rebels push into Hama", published=dt.date(2024, 12, 5), outlet="Wire",
                           source=str(path))


def test_ingest_text_file_without_meta_is_named_by_its_stem(tmp_path: Path) -> None:
    doc = read_text_file(write(tmp_path / "doc01.txt", "\ufeff" + HAMA.replace("\n", "\r\n")))
    assert (doc.id, doc.published, doc.url, doc.outlet) == ("doc01.txt", None, None, None)
    assert doc.text == HAMA.strip()  # BOM removed, CRLF normalised


def test_ingest_folder_is_read_recursively_in_sorted_order(tmp_path: Path) -> None:
    write(tmp_path / "b.txt", IDLIB)
    write(tmp_path / "a.txt", HAMA)
    write(tmp_path / "a.meta.json", '{"published": "2024-12-05"}')
    write(tmp_path / "sub" / "c.jsonl", jsonl({"text": TEHRAN, "id": "c1"}))
    write(tmp_path / "notes.md", "not an article")
    write(tmp_path / "a.gold.tsv", "not an article\t\n")
    write(tmp_path / ".hidden.txt", "editor backup")
    docs, seen = collect([tmp_path])
    assert [d.id for d in docs] == ["a.txt", "b.txt", "c1"]
    assert docs[0].published == dt.date(2024, 12, 5)
    assert docs[2].source == f"{tmp_path / 'sub' / 'c.jsonl'}:1"
    assert seen == []


def test_ingest_inputs_keep_their_given_order(tmp_path: Path) -> None:
    docs, _ = collect([write(tmp_path / "z.txt", IDLIB), str(write(tmp_path / "a.txt", HAMA))])
    assert [d.id for d in docs] == ["z.txt", "a.txt"]


JSONL_RECORDS = [
    {"text": HAMA, "id": "w1", "url": "https://wire.example/hama", "title": "Hama", "published": "5 December 2024",
     "outlet": "Wire"},
    "",
    "   ",
    {"text": IDLIB, "id": 42, "published": None},
]


@pytest.mark.parametrize("name", [pytest.param("news.jsonl", id="plain"), pytest.param("news.jsonl.gz", id="gzip")])
def test_ingest_jsonl_reads_records_and_skips_blank_lines(tmp_path: Path, name: str) -> None:
    data = jsonl(*JSONL_RECORDS).encode()
    path = write(tmp_path / name, gzip.compress(data) if name.endswith(".gz") else data)
    docs = list(read_jsonl(path))
    assert docs == [
        Document(text=HAMA.strip(), id="w1", url="https://wire.example/hama", title="Hama",
                 published=dt.date(2024, 12, 5), outlet="Wire", source=f"{path}:1"),
        Document(text=IDLIB, id="42", source=f"{path}:4"),
    ]


def test_ingest_jsonl_is_read_lazily() -> None:
    records = [{"text": f"{n}. {HAMA}"} for n in range(1, 10_001)]  # about 2.8 MiB
    stream = io.StringIO(jsonl(*records, "{broken"))
    documents = read_jsonl(stream, "feed.jsonl")
    assert next(documents).text.startswith("1. ")
    assert stream.tell() < len(stream.getvalue()) / 2  # only a block of 1 MiB is read ahead
    assert [d.text[:6] for d in itertools.islice(documents, 9_999)][-1] == "10000."
    with pytest.raises(InputError, match=r"^feed\.jsonl:10001: malformed JSON"):
        next(documents)


def test_ingest_stdin_dash_reads_json_lines(tmp_path: Path) -> None:
    stdin = io.StringIO(jsonl({"text": TEHRAN, "id": "s1"}))
    docs, _ = collect([write(tmp_path / "a.txt", HAMA), "-"], stdin=stdin)
    assert [(d.id, d.source) for d in docs] == [("a.txt", str(tmp_path / "a.txt")), ("s1", "<stdin>:1")]


def test_ingest_stdin_bytes_get_the_invalid_utf8_policy() -> None:
    stdin = io.BytesIO(jsonl({"text": IDLIB}).encode() + b'{"text": "Homs \xff"}\n')
    docs, seen = collect(["-"], stdin=stdin)
    assert [d.text for d in docs] == [IDLIB, "Homs \ufffd"]
    assert seen == [f"<stdin>:2: invalid UTF-8 at byte {len(jsonl({'text': IDLIB})) + 15}, replaced"]


def test_ingest_strict_text_stream_that_cannot_decode_is_an_input_error() -> None:
    stdin = io.TextIOWrapper(io.BytesIO(b'{"text": "Homs \xff"}\n'), encoding="utf-8", errors="strict")
    with pytest.raises(InputError, match=r"^<stdin>:1: not UTF-8 text"):
        list(iter_documents(["-"], stdin=stdin))


def test_ingest_html_keeps_the_article_and_drops_boilerplate(tmp_path: Path) -> None:
    path = write(tmp_path / "hama.html", ARTICLE_PAGE)
    doc = read_html(path)
    assert "Hayat Tahrir al-Sham entered the central city of Hama" in doc.text
    assert "Turkey called for talks" in doc.text
    for boilerplate in ("Subscribe", "Football", "Markets close", "All rights reserved", "Cookie", "dataLayer"):
        assert boilerplate not in doc.text
    assert (doc.id, doc.title, doc.url, doc.published, doc.outlet, doc.source) == (
        None, "Rebels seize Hama as government forces withdraw", "https://levantwire.example/2024/12/05/hama",
        dt.date(2024, 12, 5), "Levant Wire", str(path))


def test_ingest_rss_gives_one_document_per_item(tmp_path: Path) -> None:
    path = write(tmp_path / "wire.rss", RSS)
    docs = list(read_feed(path))
    assert [d.text for d in docs] == [
        "Syrian opposition fighters entered Hama on Thursday.\nThe army said it had redeployed.",
        "Russian warplanes struck Idlib & its countryside overnight.",
    ]
    assert [(d.id, d.title, d.url, d.published, d.outlet, d.source) for d in docs] == [
        ("lw-1", "Rebels enter Hama", "https://levantwire.example/hama", dt.date(2024, 12, 5),
         "Levant Wire - Syria", str(path)),
        (None, "Strikes on Idlib", "https://levantwire.example/idlib", dt.date(2024, 12, 6),
         "Levant Wire - Syria", str(path)),
    ]


def test_ingest_atom_gives_one_document_per_entry(tmp_path: Path) -> None:
    path = write(tmp_path / "monitor.atom", ATOM)
    docs = list(read_feed(path))
    assert [d.text for d in docs] == [
        "Bashar al-Assad left Damascus, two officials said.\nRebels declared the capital free.",
        "Israel struck army depots near Damascus, a war monitor said.",
    ]
    # The first entry's date is the publisher's local date (8 December), not UTC's 7 December.
    assert [(d.id, d.url, d.published, d.outlet) for d in docs] == [
        ("urn:dm:1", "https://dm.example/assad", dt.date(2024, 12, 8), "Damascus Monitor"),
        ("urn:dm:2", "https://dm.example/israel", dt.date(2024, 12, 9), "Damascus Monitor"),
    ]


@pytest.mark.parametrize("name", [pytest.param(n, id=n) for n in ("wire.xml", "WIRE.RSS", "wire.atom")])
def test_ingest_feed_suffixes_are_read_as_feeds(tmp_path: Path, name: str) -> None:
    docs, _ = collect([write(tmp_path / name, RSS)])
    assert len(docs) == 2


@pytest.mark.parametrize(("value", "expected"), [
    pytest.param("2024-12-07", dt.date(2024, 12, 7), id="iso-date"),
    pytest.param("2024-12-07T23:30:00-05:00", dt.date(2024, 12, 7), id="iso-datetime-offset"),
    pytest.param("2024-12-07T10:00:00Z", dt.date(2024, 12, 7), id="iso-zulu"),
    pytest.param("Sat, 07 Dec 2024 10:00:00 GMT", dt.date(2024, 12, 7), id="rfc822"),
    pytest.param("7 December 2024", dt.date(2024, 12, 7), id="words"),
    pytest.param("December 7, 2024", dt.date(2024, 12, 7), id="us-words"),
    pytest.param("07/12/2024", dt.date(2024, 12, 7), id="day-first"),
    pytest.param("December 2024", dt.date(2024, 12, 1), id="month-prefers-first-day"),
    pytest.param("  ", None, id="blank"),
    pytest.param(None, None, id="none"),
])
def test_ingest_parse_date_formats(value: str | None, expected: dt.date | None) -> None:
    assert parse_date(value, where="a.txt") == expected


@pytest.mark.parametrize("value", [
    pytest.param("yesterday-ish?", id="fuzzy"),
    pytest.param("today", id="relative-without-digit"),
    pytest.param("x", id="one-letter"),
    pytest.param("2024-13-45", id="impossible"),
])
def test_ingest_parse_date_rejects_non_dates(value: str) -> None:
    with pytest.raises(InputError) as info:
        parse_date(value, where="news.jsonl:9")
    assert str(info.value) == f"news.jsonl:9: unparseable published date {value!r}"
    assert (info.value.path, info.value.line) == ("news.jsonl", 9)


# ---------------------------------------------------------------- recoverable problems: warnings


def test_ingest_invalid_utf8_is_replaced_with_a_warning(tmp_path: Path) -> None:
    path = write(tmp_path / "latin.txt", b"Rebels entered Hama, caf" + b"\xe9 owners said.")
    docs, seen = collect([path])
    assert docs[0].text == "Rebels entered Hama, caf\ufffd owners said."
    assert seen == [f"{path}: invalid UTF-8 at byte 24, replaced"]


def test_ingest_invalid_utf8_in_jsonl_names_line_and_byte(tmp_path: Path) -> None:
    path = write(tmp_path / "a.jsonl", jsonl({"text": HAMA}).encode() + b'{"text": "Homs \xff city"}\n')
    docs, seen = collect([path])
    assert [d.text for d in docs] == [HAMA.strip(), "Homs \ufffd city"]
    assert seen == [f"{path}:2: invalid UTF-8 at byte {len(jsonl({'text': HAMA}).encode()) + 15}, replaced"]


def test_ingest_cleaning_warnings_reach_warn(tmp_path: Path) -> None:
    path = write(tmp_path / "a.jsonl", '{"text": "Homs \\ud800 and Ha\\u200bma"}\n')
    docs, seen = collect([path])
    assert docs[0].text == "Homs \ufffd and Hama"
    assert len(seen) == 1 and seen[0].startswith(f"{path}:1: replaced 1 lone surrogate")


def test_ingest_warnings_without_callback_are_python_warnings(tmp_path: Path) -> None:
    path = write(tmp_path / "latin.txt", b"Caf\xe9 in Hama.")
    with pytest.warns(InputWarning, match="invalid UTF-8 at byte 3"):
        assert read_text_file(path).text == "Caf\ufffd in Hama."


def test_ingest_malformed_feed_with_entries_is_read_with_a_warning(tmp_path: Path) -> None:
    path = write(tmp_path / "broken.rss", RSS.replace("</channel></rss>", "</channel>"))
    docs, seen = collect([path])
    assert len(docs) == 2
    assert len(seen) == 1 and "feed is not well-formed" in seen[0] and "\n" not in seen[0]


# ---------------------------------------------------------------- bad inputs


@dataclass(frozen=True)
class Bad:
    """A bad input: ``make(tmp_path)`` writes it and returns what to pass to iter_documents."""

    make: Callable[[Path], str | Path]
    reported: str  # the path the message must name, relative to tmp_path
    line: int | None
    problem: str  # a piece of the message after "<path>[:<line>]: "
    good_inside: int = 0  # documents of the bad input that still come out with skip_bad


def _folder_without_articles(tmp: Path) -> Path:
    write(tmp / "empty" / "notes.md", "no articles here")
    write(tmp / "empty" / "a.meta.json", "{}")
    return tmp / "empty"


def _truncated_gzip(tmp: Path) -> Path:
    data = gzip.compress(jsonl({"text": HAMA}, {"text": IDLIB}).encode())
    return write(tmp / "bad.jsonl.gz", data[: len(data) // 2])


def _bad_meta(tmp: Path) -> Path:
    write(tmp / "bad.meta.json", '{\n  "url": "https://wire.example/x",\n  "published": 2024-12-05\n}')
    return write(tmp / "bad.txt", HAMA)


def _feed_with_an_empty_entry(tmp: Path) -> Path:
    return write(tmp / "bad.rss", RSS.replace("Russian warplanes struck Idlib &amp; its countryside overnight.", " "))


BAD = {
    "missing-path": Bad(lambda t: t / "nope.txt", "nope.txt", None, "no such file or directory"),
    "folder-without-articles": Bad(_folder_without_articles, "empty", None, "no articles in folder"),
    "empty-file": Bad(lambda t: write(t / "bad.txt", ""), "bad.txt", None, "empty file"),
    "whitespace-only": Bad(lambda t: write(t / "bad.txt", " \n\t\r\n "), "bad.txt", None, "whitespace-only file"),
    "invisible-only": Bad(lambda t: write(t / "bad.txt", "\u200b\ufeff\n"), "bad.txt", None, "whitespace-only file"),
    "jsonl-empty": Bad(lambda t: write(t / "bad.jsonl", ""), "bad.jsonl", None, "empty file"),
    "jsonl-blank-lines-only": Bad(lambda t: write(t / "bad.jsonl", "\n  \n\n"), "bad.jsonl", None,
                                  "whitespace-only file"),
    "binary-nul": Bad(lambda t: write(t / "bad.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), "bad.txt", None,
                      "binary file"),
    "binary-undecodable": Bad(lambda t: write(t / "bad.txt", bytes(range(0x80, 0x100)) * 4), "bad.txt", None,
                              "binary file"),
    "binary-jsonl": Bad(lambda t: write(t / "bad.jsonl", b'{"text": "a"}\n\x00\x01\x02'), "bad.jsonl", None,
                        "binary file"),
    "malformed-json": Bad(lambda t: write(t / "bad.jsonl", jsonl({"text": HAMA}, '{"text": "Hama", ')), "bad.jsonl",
                          2, "malformed JSON: Expecting property name", good_inside=1),
    "json-not-object": Bad(lambda t: write(t / "bad.jsonl", jsonl({"text": HAMA}, ["Hama"])), "bad.jsonl", 2,
                           "JSON line is not an object (got an array)", good_inside=1),
    "json-without-text": Bad(lambda t: write(t / "bad.jsonl", jsonl({"body": HAMA}, {"text": IDLIB})), "bad.jsonl",
                             1, "JSON object has no 'text'", good_inside=1),
    "json-text-not-string": Bad(lambda t: write(t / "bad.jsonl", jsonl({"text": ["Hama"]})), "bad.jsonl", 1,
                                "'text' must be a string, not an array"),
    "json-empty-text": Bad(lambda t: write(t / "bad.jsonl", jsonl({"text": IDLIB}, {"text": " \n "})), "bad.jsonl", 2,
                           "empty text", good_inside=1),
    "json-url-not-string": Bad(lambda t: write(t / "bad.jsonl", jsonl({"text": IDLIB, "url": 3})), "bad.jsonl", 1,
                               "'url' must be a string, not a number"),
    "unparseable-date": Bad(lambda t: write(t / "bad.jsonl", jsonl({"text": IDLIB},
                                                                   {"text": HAMA, "published": "yesterday-ish?"})),
                            "bad.jsonl", 2, "unparseable published date 'yesterday-ish?'", good_inside=1),
    "malformed-meta-json": Bad(_bad_meta, "bad.meta.json", 3, "malformed metadata JSON"),
    "meta-json-not-object": Bad(lambda t: (write(t / "bad.meta.json", "[]"), write(t / "bad.txt", HAMA))[1],
                                "bad.meta.json", None, "metadata is an array, not a JSON object"),
    "meta-json-given": Bad(lambda t: write(t / "bad.meta.json", "{}"), "bad.meta.json", None, "a metadata file"),
    "html-only-scripts": Bad(lambda t: write(t / "bad.html", "<html><head><script>var a = 1;</script></head><body>"
                                                             "<script>render()</script></body></html>"),
                             "bad.html", None, "no main text found in HTML"),
    "not-a-feed": Bad(lambda t: write(t / "bad.xml", "Rebels entered Hama. This is not XML at all."), "bad.xml",
                      None, "not an RSS/Atom feed"),
    "feed-without-entries": Bad(lambda t: write(t / "bad.rss", RSS.split("<item>")[0] + "</channel></rss>"),
                                "bad.rss", None, "feed has no entries"),
    "feed-entry-without-text": Bad(_feed_with_an_empty_entry, "bad.rss", None, "entry 2 has no text", good_inside=1),
    "feed-entry-bad-date": Bad(lambda t: write(t / "bad.rss", RSS.replace("Fri, 06 Dec 2024 08:00:00 +0300",
                                                                           "yesterday-ish?")),
                               "bad.rss", None, "entry 2: unparseable published date 'yesterday-ish?'",
                               good_inside=1),
    "unsupported-type": Bad(lambda t: write(t / "bad.pdf", b"%PDF-1.7"), "bad.pdf", None, "unsupported file type"),
    "gzip-not-gzip": Bad(lambda t: write(t / "bad.jsonl.gz", jsonl({"text": HAMA})), "bad.jsonl.gz", None,
                         "corrupt gzip file"),
    "gzip-truncated": Bad(_truncated_gzip, "bad.jsonl.gz", None, "corrupt gzip file"),
}


@pytest.fixture(params=list(BAD.values()), ids=list(BAD))
def bad(request: pytest.FixtureRequest) -> Bad:
    return request.param


def test_ingest_bad_input_raises_one_line_error(tmp_path: Path, bad: Bad) -> None:
    target = bad.make(tmp_path)
    with pytest.raises(InputError) as info:
        list(iter_documents([target]))
    message = str(info.value)
    where = str(tmp_path / bad.reported) + ("" if bad.line is None else f":{bad.line}")
    assert message.startswith(f"{where}: "), message
    assert bad.problem in message
    assert "\n" not in message and "\r" not in message
    assert (info.value.path, info.value.line) == (str(tmp_path / bad.reported), bad.line)


def test_ingest_bad_input_is_skipped_with_one_warning(tmp_path: Path, bad: Bad) -> None:
    target = bad.make(tmp_path)
    before = write(tmp_path / "good" / "before.txt", HAMA)
    after = write(tmp_path / "good" / "after.jsonl", jsonl({"text": TEHRAN, "id": "after"}))
    docs, seen = collect([before, target, after], skip_bad=True)
    assert len(seen) == 1, seen
    assert seen[0].startswith(str(tmp_path / bad.reported)) and bad.problem in seen[0]
    assert [d.id for d in docs][0] == "before.txt" and docs[-1].id == "after"
    assert len(docs) == 2 + bad.good_inside


def test_ingest_error_message_escapes_newlines_in_names(tmp_path: Path) -> None:
    with pytest.raises(InputError) as info:
        list(iter_documents([tmp_path / "two\nlines.txt"]))
    assert "\n" not in str(info.value) and "two\\nlines.txt" in str(info.value)


def test_ingest_error_survives_pickling() -> None:
    error = InputError("news.jsonl", "empty text", 4)
    copy = pickle.loads(pickle.dumps(error))
    assert (str(copy), copy.path, copy.line) == (str(error), "news.jsonl", 4)


def test_ingest_a_file_without_id_or_url_is_known_by_its_path_in_the_input(tmp_path: Path) -> None:
    """Two reports named alike in two folders stay two documents; a file's own id or URL wins."""
    write(tmp_path / "north" / "report.txt", HAMA)
    write(tmp_path / "south" / "report.txt", IDLIB)
    write(tmp_path / "south" / "wire.txt", TEHRAN)
    write(tmp_path / "south" / "wire.meta.json", '{"url": "https://wire.example/tehran"}')
    docs, _ = collect([tmp_path])
    assert [(d.id, d.url) for d in docs] == [("north/report.txt", None), ("south/report.txt", None),
                                             (None, "https://wire.example/tehran")]
    (single,), _ = collect([tmp_path / "north" / "report.txt"])
    assert single.id == "report.txt"


# ---- bounded sizes ------------------------------------------------------------------------------------
def gzip_of(path: Path, block: bytes, times: int) -> Path:
    """A gzip file that inflates to ``block * times``: one small member, repeated (gzip allows many)."""
    member = gzip.compress(block, compresslevel=9)
    with path.open("wb") as out:
        for _ in range(times):
            out.write(member)
    return path


GIB = 1 << 30


@pytest.mark.parametrize(("block", "problem"), [
    pytest.param(b"\0" * (64 << 20), r" binary file \(NUL bytes\), not UTF-8 text", id="nul-bytes"),
    pytest.param(b"x" * (64 << 20), r"1: line is over 5,000,000 bytes, the limit for one article "
                                    r"\(--max-doc-bytes to raise it\)", id="letters-no-newline"),
])
def test_ingest_gzip_of_five_gib_on_one_line_is_refused_before_it_is_read_whole(tmp_path, block, problem):
    """5 GiB in a few MB of gzip: the line used to be read whole first (3 GiB of memory in 9 s)."""
    bomb = gzip_of(tmp_path / "bomb.jsonl.gz", block, 5 * GIB // len(block))
    assert bomb.stat().st_size < 10_000_000
    started = time.monotonic()
    with pytest.raises(InputError, match=rf"^{bomb}:{problem}$"):
        list(read_jsonl(bomb))
    assert time.monotonic() - started < 30


def test_ingest_article_over_the_limit_is_refused_and_the_limit_can_be_raised(tmp_path):
    article = write(tmp_path / "long.txt", (HAMA.strip() + " ") * 60_000)  # 10 MB, no paragraph break
    with pytest.raises(InputError, match=rf"^{article}: file is over 5,000,000 bytes, the limit for one article"):
        list(iter_documents([article]))
    (document,) = iter_documents([article], max_doc_bytes=20_000_000)
    assert len(document.text) > 9_000_000


def test_ingest_jsonl_line_over_a_raised_limit_names_the_line(tmp_path):
    lines = jsonl({"text": HAMA}, {"text": IDLIB * 100})
    path = write(tmp_path / "news.jsonl", lines)
    with pytest.raises(InputError, match=rf"^{path}:2: line is over 1,000 bytes, the limit for one article"):
        list(iter_documents([path], max_doc_bytes=1_000))


@pytest.mark.slow  # 100 MiB unzipped and scanned: about 2 s of CPU
def test_ingest_hundred_mib_of_blank_lines_are_skipped_at_once(tmp_path):
    """An article, 100 MiB of blank lines, an article: every blank line used to cost Python steps
    (minutes); the line numbers still count them."""
    blank = 100 << 20
    data = gzip.compress(jsonl({"text": HAMA}).encode() + b"\n" * blank + jsonl({"text": IDLIB}).encode(), 9)
    path = write(tmp_path / "news.jsonl.gz", data)
    assert len(data) < 200_000
    started = time.monotonic()
    documents = list(read_jsonl(path))
    assert time.monotonic() - started < 20
    assert [d.source for d in documents] == [f"{path}:1", f"{path}:{blank + 2}"]
