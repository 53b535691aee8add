"""Articles in, a stream of :class:`graph.models.Document` out.

Supported inputs (give files, folders, or ``-`` for JSON lines on standard input):

- ``NAME.txt``: UTF-8 text; an optional sibling ``NAME.meta.json`` holds ``id``,
  ``url``, ``title``, ``published``, ``outlet``. The default id is ``NAME``.
- ``*.jsonl`` / ``*.jsonl.gz``: one JSON object per line with ``text`` and the same
  optional fields; blank lines are skipped; gzip is read line by line.
- ``*.html`` / ``*.htm``: the main text and metadata as trafilatura extracts them,
  with navigation, footers and scripts left out.
- ``*.xml`` / ``*.rss`` / ``*.atom``: an RSS or Atom feed, one Document per entry.
- a folder: every supported file below it, recursively, in sorted order
  (``*.meta.json`` are metadata, hidden files and other types are ignored).

Why it is strict: an article that silently goes missing or arrives garbled makes
a graph that looks complete and is not. So every bad input raises
:class:`InputError` with a one-line message ``<path>[:<line>]: <problem>``, unless
``skip_bad=True``: then the message goes to ``warn`` and the rest of the batch
goes on.

One policy is deliberately lenient: **invalid UTF-8 is not fatal**. A file that
is text but has a few bad bytes (a stray Latin-1 ``é``) is decoded with
``errors="replace"``, so each bad byte becomes U+FFFD, and a warning
``invalid UTF-8 at byte N, replaced`` names the first one: one bad byte should
not cost an article. A file that is mostly not UTF-8, or has NUL bytes in its
first 8 KiB, is a ``binary file`` error.

Every text passes through :func:`graph.sanitize.clean_text`; its warnings go to
``warn`` too. Without a ``warn`` callback, warnings are issued as
:class:`InputWarning` with the :mod:`warnings` module, so nothing is lost
silently.

Readers are generators and read JSON lines one at a time, so memory holds one
article, never the corpus.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import email.utils
import functools
import gzip
import io
import itertools
import json
import os
import re
import stat
import sys
import warnings
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO, Any

from .errors import ActorGraphError
from .models import Document
from .sanitize import clean_label, clean_text

__all__ = ["InputError", "InputWarning", "MAX_DOC_BYTES", "SUPPORTED", "iter_documents", "read_text_file", "read_jsonl",
           "read_html", "read_feed", "parse_date"]

MAX_DOC_BYTES = 5_000_000
"""Largest article read (a file, or one JSON line), in bytes: past it a clear error, not unbounded memory.
News articles are a few KB; ``--max-doc-bytes`` (``max_doc_bytes=``) raises it."""

SUPPORTED = (".txt", ".jsonl", ".jsonl.gz", ".html", ".htm", ".xml", ".rss", ".atom")
"""File name endings read as articles (case-insensitive)."""

_KINDS = {".txt": "text", ".jsonl": "jsonl", ".jsonl.gz": "jsonl", ".html": "html", ".htm": "html",
          ".xml": "feed", ".rss": "feed", ".atom": "feed"}
_HEAD = 8192  # bytes looked at to tell text from binary
_DATE_SETTINGS = {"STRICT_PARSING": False, "PREFER_DAY_OF_MONTH": "first", "DATE_ORDER": "DMY",
                  "RETURN_AS_TIMEZONE_AWARE": False}
_DIGIT = re.compile(r"\d")
_SPACES = re.compile(r"\s+")
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_BLOCKS = frozenset({"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
                     "pre", "table", "tr", "section", "article", "header", "footer", "figure", "figcaption", "hr"})
_HIDDEN = frozenset({"script", "style", "template", "noscript"})
_JSON_TYPES = {dict: "an object", list: "an array", str: "a string", bool: "a boolean", int: "a number",
               float: "a number", type(None): "null"}

Warn = Callable[[str], None]


def _one_line(text: str) -> str:
    return text.replace("\r", "\\r").replace("\n", "\\n")


def _quote(value: str, limit: int = 80) -> str:
    """``repr`` of a value for a message: one line, quoted, cut to ``limit`` characters."""
    return repr(value if len(value) <= limit else value[: limit - 3] + "...")


class InputError(ActorGraphError):
    """A bad input: ``str(e)`` is one line, ``"<path>[:<line>]: <problem>"``.

    >>> str(InputError("news/a.jsonl", "JSON line is not an object (got an array)", 7))
    'news/a.jsonl:7: JSON line is not an object (got an array)'
    >>> InputError.at("a.jsonl:3", "bad").line
    3
    """

    def __init__(self, path: str | Path, problem: str, line: int | None = None) -> None:
        # args keep all three values so that the error survives pickling (dask workers).
        Exception.__init__(self, str(path), problem, line)
        self.path = _one_line(str(path))
        self.problem = _one_line(problem)
        self.line = line

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.problem}"

    @classmethod
    def at(cls, where: str, problem: str) -> InputError:
        """An error at ``where``, a source string ``"path"`` or ``"path:line"`` (as in ``Document.source``).

        >>> str(InputError.at("news/a.jsonl:3", "not JSON")), InputError.at("news/a.jsonl:3", "not JSON").line
        ('news/a.jsonl:3: not JSON', 3)
        >>> InputError.at("C:notes.txt", "empty").path
        'C:notes.txt'
        """
        path, sep, line = where.rpartition(":")
        if sep and path and line.isdigit():
            return cls(path, problem, int(line))
        return cls(where, problem)


class InputWarning(UserWarning):
    """A recoverable input problem, issued when no ``warn`` callback was given."""


class _Sink:
    """Where problems go: raised (strict), or warned about and skipped (``skip_bad``); and how large
    one document may be (``max_bytes``)."""

    def __init__(self, skip_bad: bool, warn: Warn | None, on_bad: Callable[[InputError], None] | None = None,
                 max_bytes: int = MAX_DOC_BYTES) -> None:
        self.skip_bad = skip_bad
        self.max_bytes = max_bytes
        self._warn = warn
        self._on_bad = on_bad

    def warn(self, message: str) -> None:
        message = _one_line(message)
        if self._warn is None:
            warnings.warn(message, InputWarning, stacklevel=4)
        else:
            self._warn(message)

    def bad(self, error: InputError) -> None:
        if not self.skip_bad:
            raise error
        if self._on_bad is not None:
            self._on_bad(error)
        self.warn(str(error))


# ---------------------------------------------------------------- dates


@functools.lru_cache(maxsize=4096)
def _parse(text: str) -> dt.date | None:
    # Cached: a corpus repeats a few hundred date strings, and dateparser takes ~1.5 ms each.
    # each strict format in turn; a text none of them reads goes to dateparser
    with contextlib.suppress(ValueError):
        return dt.date.fromisoformat(text)
    with contextlib.suppress(ValueError):
        return dt.datetime.fromisoformat(text).date()  # the date as written, in the publisher's zone
    with contextlib.suppress(TypeError, ValueError, IndexError):
        return email.utils.parsedate_to_datetime(text).date()  # RSS dates (RFC 822)
    if not _DIGIT.search(text):
        # Without a digit a "date" is relative ("today") or noise that dateparser's
        # lenient mode still turns into a date: neither is a publication date.
        return None
    import dateparser

    try:
        parsed = dateparser.parse(text, settings=_DATE_SETTINGS)
    except Exception:  # noqa: BLE001 - third-party parser on untrusted text: any failure means "unparseable"
        return None
    return parsed.date() if parsed is not None else None


def _date_field(value: str | None, path: str, line: int | None) -> dt.date | None:
    text = clean_label(value) if value is not None else ""
    if not text:
        return None
    parsed = _parse(text)
    if parsed is None:
        raise InputError(path, f"unparseable published date {_quote(value or '')}", line)
    return parsed


def parse_date(value: str | None, *, where: str) -> dt.date | None:
    """A publication date from ISO 8601, RFC 822 or free text ("5 December 2024", DMY order).

    ISO and RFC 822 dates take a fast path; anything else goes to dateparser.
    ``None`` or a blank value is no date; anything else that does not parse
    raises :class:`InputError` at ``where`` (``"path"`` or ``"path:line"``).

    >>> parse_date("2024-12-07", where="a.txt")
    datetime.date(2024, 12, 7)
    >>> parse_date("Thu, 05 Dec 2024 18:30:00 GMT", where="feed.rss")
    datetime.date(2024, 12, 5)
    >>> parse_date("yesterday-ish?", where="a.jsonl:3")
    Traceback (most recent call last):
    ...
    graph.ingest.InputError: a.jsonl:3: unparseable published date 'yesterday-ish?'
    """
    try:
        return _date_field(value, where, None)
    except InputError as error:
        raise InputError.at(where, error.problem) from None


# ---------------------------------------------------------------- bytes and text


def _too_large(limit: int) -> str:
    return f"over {limit:,} bytes, the limit for one article (--max-doc-bytes to raise it)"


def _read_bytes(path: Path, limit: int | None = None) -> bytes:
    """The bytes of a file, refused past ``limit`` before more than ``limit + 1`` bytes are held."""
    try:
        with path.open("rb") as stream:
            data = stream.read() if limit is None else stream.read(limit + 1)
    except OSError as error:
        raise InputError(path, f"cannot read file: {error.strerror or error}") from None
    if limit is not None and len(data) > limit:
        raise InputError(path, f"file is {_too_large(limit)}")
    return data


def _check_binary(head: bytes, path: str | Path) -> None:
    """Refuse data that is not text: NUL bytes, or over 10% invalid UTF-8 or control bytes.

    A few bad bytes in a short text are let through: they become U+FFFD with a warning.
    """
    if b"\x00" in head:
        raise InputError(path, "binary file (NUL bytes), not UTF-8 text")
    decoded = head.decode("utf-8", "replace")
    invalid = decoded.count("\ufffd") - head.count(b"\xef\xbf\xbd")
    controls = sum(1 for c in decoded if c < " " and c not in "\t\n\r\f")
    if invalid + controls >= 4 and (invalid + controls) * 10 > len(decoded):
        raise InputError(path, "binary file (mostly not UTF-8 text)")


def _decode(data: bytes, where: str, sink: _Sink, offset: int = 0) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        sink.warn(f"{where}: invalid UTF-8 at byte {offset + error.start}, replaced")
        return data.decode("utf-8", "replace")


def _json_type(value: Any) -> str:
    return _JSON_TYPES.get(type(value), type(value).__name__)


def _metadata(obj: dict[str, Any], path: str, line: int | None, sink: _Sink) -> dict[str, Any]:
    """The optional fields of a meta.json or JSON line, checked and cleaned (a lone surrogate is warned about)."""
    out: dict[str, Any] = {}
    for key in ("id", "url", "title", "outlet"):
        value = obj.get(key)
        if value is None:
            continue
        if key == "id" and type(value) is int:
            value = str(value)
        if not isinstance(value, str):
            raise InputError(path, f"'{key}' must be a string, not {_json_type(value)}", line)
        for note in clean_text(value)[1]:
            sink.warn(f"{path if line is None else f'{path}:{line}'}: '{key}': {note}")
        value = clean_label(value)
        if value:
            out[key] = value
    published = obj.get("published")
    if published is not None and not isinstance(published, str):
        raise InputError(path, f"'published' must be a string, not {_json_type(published)}", line)
    out["published"] = _date_field(published, path, line)
    return out


def _document(text: str, *, path: str, line: int | None, sink: _Sink, empty: str, **meta: Any) -> Document:
    source = path if line is None else f"{path}:{line}"
    cleaned, notes = clean_text(text)
    for note in notes:
        sink.warn(f"{source}: {note}")
    cleaned = cleaned.strip()
    if not cleaned:
        raise InputError(path, empty, line)
    return Document(text=cleaned, source=source, **meta)


# ---------------------------------------------------------------- text files


def _source_id(meta: dict[str, Any], name: str) -> dict[str, Any]:
    """``meta`` with the document's identity settled: its own ``id``, else its URL (then no ``id``
    is set), else ``name``, the file's path relative to the input (so a corrected file rebuilt
    replaces its earlier version, and two files named alike in two folders stay two documents).

    >>> _source_id({"url": "https://example.org/a"}, "a.txt"), _source_id({}, "north/hama.txt")
    ({'url': 'https://example.org/a'}, {'id': 'north/hama.txt'})
    """
    return meta if meta.get("id") or meta.get("url") else {**meta, "id": name}


def _text_file(path: Path, sink: _Sink, name: str | None = None) -> Document:
    data = _read_bytes(path, sink.max_bytes)
    if not data:
        raise InputError(path, "empty file")
    _check_binary(data[:_HEAD], path)
    text = _decode(data, str(path), sink)
    meta_path = path.with_name(path.name[: -len(path.suffix)] + ".meta.json")
    meta = _meta_json(meta_path, sink) if meta_path.is_file() else {}
    return _document(text, path=str(path), line=None, sink=sink, empty="whitespace-only file",
                     **_source_id(meta, name or path.name))


def _meta_json(path: Path, sink: _Sink) -> dict[str, Any]:
    try:
        obj = json.loads(_read_bytes(path, sink.max_bytes))
    except UnicodeDecodeError:
        raise InputError(path, "malformed metadata: not UTF-8 JSON") from None
    except json.JSONDecodeError as error:
        raise InputError(path, f"malformed metadata JSON: {error.msg}", error.lineno) from None
    except (ValueError, RecursionError) as error:
        raise InputError(path, f"malformed metadata JSON: {type(error).__name__}") from None
    if not isinstance(obj, dict):
        raise InputError(path, f"metadata is {_json_type(obj)}, not a JSON object")
    return _metadata(obj, str(path), None, sink)


def read_text_file(path: str | Path, *, warn: Warn | None = None) -> Document:
    """One article from a UTF-8 text file, with metadata from its sibling ``NAME.meta.json`` if any.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     _ = Path(tmp, "hama.txt").write_text("Rebels entered Hama on Thursday.\\n")
    ...     _ = Path(tmp, "hama.meta.json").write_text('{"published": "2024-12-05", "outlet": "Wire"}')
    ...     doc = read_text_file(Path(tmp, "hama.txt"))
    >>> doc.id, doc.text, doc.published, doc.outlet
    ('hama.txt', 'Rebels entered Hama on Thursday.', datetime.date(2024, 12, 5), 'Wire')
    """
    return _text_file(Path(path), _Sink(False, warn))


# ---------------------------------------------------------------- JSON lines


def _record(raw: str, name: str, lineno: int, sink: _Sink) -> Document | None:
    """One JSON line as a Document, None for a blank line; InputError for a bad one."""
    if not raw.strip():
        return None
    try:
        obj = json.loads(raw)
    except json.JSONDecodeError as error:
        raise InputError(name, f"malformed JSON: {error.msg} (column {error.colno})", lineno) from None
    except (ValueError, RecursionError) as error:  # e.g. integers too long, nesting too deep
        raise InputError(name, f"malformed JSON: {type(error).__name__}", lineno) from None
    if not isinstance(obj, dict):
        raise InputError(name, f"JSON line is not an object (got {_json_type(obj)})", lineno)
    if "text" not in obj:
        raise InputError(name, "JSON object has no 'text'", lineno)
    text = obj["text"]
    if not isinstance(text, str):
        raise InputError(name, f"'text' must be a string, not {_json_type(text)}", lineno)
    meta = _metadata(obj, name, lineno, sink)
    return _document(text, path=name, line=lineno, sink=sink, empty="empty text", **meta)


_BLOCK = 1 << 20  # bytes (or characters) read at a time from a JSON lines stream
_CONTENT = {bytes: re.compile(rb"[^ \t\r\n\f\v]"), str: re.compile(r"[^ \t\r\n\f\v]")}


def _read_block(stream: Any, name: str, lineno: int) -> str | bytes:
    """Up to ``_BLOCK`` of what is there (``read1``: a pipe's lines are not held back for a full block)."""
    try:
        return (stream.read1 if hasattr(stream, "read1") else stream.read)(_BLOCK)
    except UnicodeDecodeError as error:  # a strict text stream
        raise InputError(name, f"not UTF-8 text ({error.reason})", lineno) from None


def _lines(stream: Any, name: str, limit: int, buffer: str | bytes) -> Iterator[tuple[int, int, str | bytes]]:
    """``(line number, offset, line)`` for each line that is not blank, from ``buffer`` then ``stream``.

    Read a block at a time, so that no line longer than ``limit`` is ever held whole (a gzip
    member of gigabytes with no newline is refused after ``limit`` bytes), and runs of blank lines
    are skipped by one search for the next visible character, not one Python step per line. ``offset`` counts bytes (or
    characters) from the start, for the invalid-UTF-8 warning.
    """
    content = _CONTENT[type(buffer)]
    newline = "\n" if isinstance(buffer, str) else b"\n"
    lineno, start, base = 1, 0, 0  # base: the offset in the stream of buffer[0]
    while buffer:
        found = content.search(buffer, start)  # the blank lines before it are skipped in one step
        last = buffer.rfind(newline, start, found.start() if found else len(buffer))
        if last >= 0:
            lineno += buffer.count(newline, start, last + 1)
            start = last + 1
        end = buffer.find(newline, start)
        if end < 0:
            if len(buffer) - start > limit:
                raise InputError(name, f"line is {_too_large(limit)}", lineno)
            more = _read_block(stream, name, lineno)
            if more:
                base, buffer, start = base + start, buffer[start:] + more, 0
                continue
            end = len(buffer)
        if end - start > limit:
            raise InputError(name, f"line is {_too_large(limit)}", lineno)
        line = buffer[start:end]
        if line.strip():
            yield lineno, base + start, line
        lineno += 1
        start = end + 1
        if start >= len(buffer):
            base, buffer, start = base + len(buffer), _read_block(stream, name, lineno), 0


def _jsonl_stream(stream: Any, name: str, sink: _Sink) -> Iterator[Document]:
    """Documents from an open text or binary stream, one line at a time; blank lines are skipped."""
    first = _read_block(stream, name, 1)
    if not first:
        raise InputError(name, "empty file")
    if isinstance(first, bytes):
        _check_binary(first[:_HEAD], name)
    records = 0
    for lineno, offset, raw in _lines(stream, name, sink.max_bytes, first):
        text = _decode(raw, f"{name}:{lineno}", sink, offset) if isinstance(raw, bytes) else raw
        records += 1
        try:
            document = _record(text, name, lineno, sink)
        except InputError as error:
            sink.bad(error)
            continue
        if document is not None:
            yield document
    if not records:
        raise InputError(name, "whitespace-only file")


def _jsonl_file(path: Path, sink: _Sink) -> Iterator[Document]:
    compressed = path.name.lower().endswith(".gz")
    try:
        with (gzip.open(path, "rb") if compressed else path.open("rb")) as stream:
            yield from _jsonl_stream(stream, str(path), sink)
    except (OSError, EOFError, zlib.error) as error:
        problem = "corrupt gzip file" if compressed else "cannot read file"
        raise InputError(path, f"{problem}: {getattr(error, 'strerror', None) or error}") from None


def read_jsonl(path_or_stream: str | Path | IO[Any], name: str | None = None, *,
               warn: Warn | None = None) -> Iterator[Document]:
    """Documents from JSON lines: a ``.jsonl``/``.jsonl.gz`` path or an open stream called ``name``.

    >>> import io
    >>> lines = io.StringIO('{"text": "Turkey called for talks.", "published": "6 December 2024"}\\n\\n')
    >>> [(d.text, d.published, d.source) for d in read_jsonl(lines, "<stdin>")]
    [('Turkey called for talks.', datetime.date(2024, 12, 6), '<stdin>:1')]
    """
    sink = _Sink(False, warn)
    if isinstance(path_or_stream, (str, Path)):
        return _jsonl_file(Path(path_or_stream), sink)
    return _jsonl_stream(path_or_stream, name or str(getattr(path_or_stream, "name", "<stream>")), sink)


# ---------------------------------------------------------------- HTML


def _html(path: Path, sink: _Sink, name: str | None = None) -> Document:
    import trafilatura

    data = _read_bytes(path, sink.max_bytes)
    if not data.strip():
        raise InputError(path, "empty file")
    if b"\x00" in data[:_HEAD]:  # the charset is the page's to declare: trafilatura decodes it
        raise InputError(path, "binary file (NUL bytes), not HTML")
    try:
        found = trafilatura.bare_extraction(data, with_metadata=True,
                                            date_extraction_params={"extensive_search": False, "original_date": True})
    except Exception as error:  # noqa: BLE001 - third-party parser on untrusted bytes
        raise InputError(path, f"cannot parse HTML ({type(error).__name__})") from None
    page: dict[str, Any] = found.as_dict() if found is not None and not isinstance(found, dict) else {}
    if not (page.get("text") or "").strip():
        raise InputError(path, "no main text found in HTML")
    meta = _metadata({"url": page.get("url"), "title": page.get("title"), "outlet": page.get("sitename"),
                      "published": page.get("date")}, str(path), None, sink)
    return _document(page["text"], path=str(path), line=None, sink=sink, empty="no main text found in HTML",
                     **_source_id(meta, name or path.name))


def read_html(path: str | Path, *, warn: Warn | None = None) -> Document:
    """One article from a saved web page: trafilatura's main text, title, url, date and site name.

    >>> import tempfile
    >>> page = ("<html><head><title>Hama falls</title></head><body><nav><a href='/'>Home</a></nav>"
    ...         "<article><p>Rebels entered the city of Hama on Thursday after days of heavy fighting "
    ...         "with government forces, a war monitor said.</p></article></body></html>")
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     _ = Path(tmp, "hama.html").write_text(page)
    ...     doc = read_html(Path(tmp, "hama.html"))
    >>> doc.title, doc.text[:24]
    ('Hama falls', 'Rebels entered the city ')
    """
    return _html(Path(path), _Sink(False, warn))


# ---------------------------------------------------------------- feeds


def _strip_html(fragment: str) -> str:
    """The text of an HTML fragment, one line per block element, without scripts or styles."""
    import lxml.etree
    import lxml.html

    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return ""
    for element in root.iter():
        # Line breaks in the source are only whitespace in HTML; block elements make the lines.
        element.text = "" if element.tag in _HIDDEN else _SPACES.sub(" ", element.text or "")
        element.tail = _SPACES.sub(" ", element.tail or "")
        if isinstance(element.tag, str) and element.tag in _BLOCKS:
            element.tail = "\n" + element.tail
    lines = (" ".join(line.split()) for line in root.text_content().split("\n"))
    return "\n".join(line for line in lines if line)


def _entry_text(entry: dict[str, Any]) -> str:
    parts = [c for c in entry.get("content") or [] if (c.get("value") or "").strip()]
    if not parts and (entry.get("summary") or "").strip():
        parts = [entry.get("summary_detail") or {"value": entry["summary"], "type": "text/html"}]
    if not parts:
        return ""
    part = parts[0]
    value = part.get("value") or ""
    return _strip_html(value) if part.get("type", "text/html") in _HTML_TYPES else value


def _entry_date(entry: dict[str, Any], path: str, number: int) -> dt.date | None:
    # dict.get: feedparser's own get() maps a missing "updated" to "published", with a DeprecationWarning.
    raw = dict.get(entry, "published") or dict.get(entry, "updated")
    if not isinstance(raw, str) or not raw.strip():
        return None
    text = clean_label(raw)
    parsed = _parse(text) if text else None
    if parsed is None:
        when = dict.get(entry, "published_parsed") or dict.get(entry, "updated_parsed")
        if when:
            return dt.date(*when[:3])
        raise InputError(path, f"entry {number}: unparseable published date {_quote(raw)}")
    return parsed


def _feed(path: Path, sink: _Sink) -> Iterator[Document]:
    import feedparser

    data = _read_bytes(path, sink.max_bytes)
    if not data.strip():
        raise InputError(path, "empty file")
    if b"\x00" in data[:_HEAD]:
        raise InputError(path, "binary file (NUL bytes), not a feed")
    try:
        # A stream, never a path or bytes: feedparser fetches a string that looks like a URL
        # and opens bytes that name an existing file.
        parsed = feedparser.parse(io.BytesIO(data), resolve_relative_uris=False, sanitize_html=True)
    except Exception as error:  # noqa: BLE001 - third-party parser on untrusted bytes
        raise InputError(path, f"cannot parse feed ({type(error).__name__})") from None
    entries = parsed.get("entries") or []
    problem = parsed.get("bozo_exception")
    if not entries:
        if parsed.get("bozo") or not parsed.get("version"):
            raise InputError(path, f"not an RSS/Atom feed ({problem or 'no feed elements'})")
        raise InputError(path, "feed has no entries")
    if parsed.get("bozo"):
        sink.warn(f"{path}: feed is not well-formed ({problem}); read its {len(entries)} entries anyway")
    outlet = (parsed.get("feed") or {}).get("title")
    for number, entry in enumerate(entries, 1):
        try:
            meta = _metadata({"id": entry.get("id"), "url": entry.get("link"), "title": entry.get("title"),
                              "outlet": outlet}, str(path), None, sink)
            meta["published"] = _entry_date(entry, str(path), number)
            yield _document(_entry_text(entry), path=str(path), line=None, sink=sink,
                            empty=f"entry {number} has no text", **meta)
        except InputError as error:
            sink.bad(error)


def read_feed(path: str | Path, *, warn: Warn | None = None) -> Iterator[Document]:
    """One Document per entry of a local RSS or Atom file; the feed's title is the outlet.

    >>> import tempfile
    >>> rss = ('<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>'
    ...        '<item><title>Hama</title><link>https://wire.example/hama</link>'
    ...        '<pubDate>Thu, 05 Dec 2024 18:30:00 GMT</pubDate>'
    ...        '<description>&lt;p&gt;Rebels entered &lt;b&gt;Hama&lt;/b&gt;.&lt;/p&gt;</description>'
    ...        '</item></channel></rss>')
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     _ = Path(tmp, "wire.rss").write_text(rss)
    ...     docs = list(read_feed(Path(tmp, "wire.rss")))
    >>> [(d.text, d.url, d.published, d.outlet) for d in docs]
    [('Rebels entered Hama.', 'https://wire.example/hama', datetime.date(2024, 12, 5), 'Wire')]
    """
    return _feed(Path(path), _Sink(False, warn))


# ---------------------------------------------------------------- dispatch


def _kind(name: str) -> str | None:
    lower = name.lower()
    if lower.endswith(".meta.json"):
        return None
    return next((kind for end, kind in _KINDS.items() if lower.endswith(end)), None)


def _file_documents(path: Path, sink: _Sink, name: str | None = None) -> Iterator[Document]:
    kind = _kind(path.name)
    if kind == "text":
        yield _text_file(path, sink, name)
    elif kind == "jsonl":
        yield from _jsonl_file(path, sink)
    elif kind == "html":
        yield _html(path, sink, name)
    elif kind == "feed":
        yield from _feed(path, sink)
    elif path.name.lower().endswith(".meta.json"):
        raise InputError(path, "a metadata file, not an article: give its NAME.txt instead")
    else:
        raise InputError(path, f"unsupported file type (supported: {', '.join(SUPPORTED)})")


def _walk(folder: Path) -> Iterator[Path]:
    """Supported files below ``folder``, sorted, skipping hidden files and folders."""

    def unreadable(error: OSError) -> None:
        raise InputError(error.filename or folder, f"cannot read folder: {error.strerror or error}")

    for parent, folders, files in os.walk(folder, onerror=unreadable):
        folders[:] = sorted(f for f in folders if not f.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and _kind(name) is not None:
                yield Path(parent, name)


def _guarded(documents: Iterable[Document], sink: _Sink) -> Iterator[Document]:
    try:
        yield from documents
    except InputError as error:
        sink.bad(error)


def _input_documents(item: str | Path, sink: _Sink) -> Iterator[Document]:
    path = Path(item)
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        raise InputError(path, "no such file or directory") from None
    except (OSError, ValueError) as error:  # ValueError: a NUL in the path
        raise InputError(path, f"cannot open: {getattr(error, 'strerror', None) or error}") from None
    if stat.S_ISDIR(mode):
        found = False
        for file in _walk(path):
            found = True
            yield from _guarded(_file_documents(file, sink, file.relative_to(path).as_posix()), sink)
        if not found:
            raise InputError(path, f"no articles in folder (looked for {', '.join(SUPPORTED)})")
    elif stat.S_ISREG(mode):
        yield from _file_documents(path, sink)
    else:
        raise InputError(path, "not a regular file or folder")


def iter_documents(inputs: Sequence[str | Path], *, skip_bad: bool = False, warn: Warn | None = None,
                   stdin: IO[Any] | None = None, on_bad: Callable[[InputError], None] | None = None,
                   max_doc_bytes: int = MAX_DOC_BYTES,
                   ) -> Iterator[Document]:
    """Every article of ``inputs`` (files, folders, ``-`` for JSON lines on ``stdin``), lazily, in order.

    A bad input raises :class:`InputError` (so does an article over ``max_doc_bytes``: a file, or a
    JSON line); with ``skip_bad=True`` its message
    goes to ``warn`` instead (and the error to ``on_bad``, to count what was
    skipped apart from other warnings) and the other inputs are still read.

    >>> import io
    >>> lines = io.StringIO('{"text": "Iran sent advisers.", "id": "a"}\\n[1, 2]\\n{"text": "Russia struck Idlib."}\\n')
    >>> seen = []
    >>> [d.text for d in iter_documents(["-"], skip_bad=True, warn=seen.append, stdin=lines)]
    ['Iran sent advisers.', 'Russia struck Idlib.']
    >>> seen
    ['<stdin>:2: JSON line is not an object (got an array)']
    """
    sink = _Sink(skip_bad, warn, on_bad, max_doc_bytes)
    for item in [inputs] if isinstance(inputs, (str, Path)) else inputs:
        if str(item) == "-":
            # Bytes from the real stdin, so that invalid UTF-8 gets the same policy as in files.
            stream = getattr(sys.stdin, "buffer", sys.stdin) if stdin is None else stdin
            documents = _jsonl_stream(stream, "<stdin>", sink)
        else:
            documents = _input_documents(item, sink)
        yield from _guarded(documents, sink)
