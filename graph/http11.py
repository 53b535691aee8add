"""HTTP/1.1 for ``actorgraph serve``'s event loop: a small strict request parser, and the answers.

The server reads requests from many keep-alive connections in one thread, so it parses heads itself
from the bytes it has: ``http.server``'s parser reads line by line from a blocking file and builds
an ``email`` message per request, which costs more than answering a cached query. What it accepts
is RFC 9112's message syntax and nothing looser: CRLF line ends, one space between the three parts
of the request line, an origin-form target, ``HTTP/1.1`` or ``HTTP/1.0``, header names that are
tokens, no line folding, no control characters, one ``Host`` and one ``Content-Length`` at most (two
could frame the body two ways). Everything else is a :class:`BadRequest` carrying the status to
answer; the connection is then closed, since its framing can no longer be trusted.
"""
from __future__ import annotations

import codecs
import re
import urllib.parse
from dataclasses import dataclass, field

__all__ = ["MAX_HEAD", "MAX_HEADERS", "BadRequest", "Reply", "Request", "parse_head", "parse_query"]

#: bytes of a request line and its headers, the blank line included (http.server allows 64 KiB per line)
MAX_HEAD = 65_536
#: header lines per request (http.server's limit too)
MAX_HEADERS = 100
_TOKEN = re.compile(r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")
#: the bytes a head may hold: visible ASCII, space, tab, obs-text and the CRLFs between lines
_HEAD_BYTES = bytes(range(0x20, 0x7F)) + bytes(range(0x80, 0x100)) + b"\t\r\n"
_VERSION = re.compile(r"HTTP/[0-9]\.[0-9]")
_UNIQUE = ("host", "content-length")


class BadRequest(ValueError):
    """A request the server cannot read: ``status`` is the answer (400, 431 or 505), the message its text."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


@dataclass
class Reply:
    """An HTTP answer, built in the worker process and sent back whole.

    >>> reply = Reply(200, b'{"boolean": true}', "application/sparql-results+json")
    >>> reply.status, reply.content_type, reply.headers
    (200, 'application/sparql-results+json', {})
    """

    status: int
    body: bytes
    content_type: str = "text/plain; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)

    @classmethod
    def text(cls, status: int, message: str) -> "Reply":
        """A plain-text answer (errors are one line).

        >>> reply = Reply.text(403, "updates are disabled (start with --allow-update)")
        >>> reply.status, reply.body, reply.content_type
        (403, b'updates are disabled (start with --allow-update)\\n', 'text/plain; charset=utf-8')
        """
        return cls(status, (message.rstrip("\n") + "\n").encode("utf-8"))

    def closing(self) -> "Reply":
        """This answer, and the connection closed after it (the request cannot be trusted further).

        >>> Reply.text(411, "a Content-Length header is required").closing().headers
        {'Connection': 'close'}
        """
        self.headers["Connection"] = "close"
        return self


@dataclass(slots=True)
class Request:
    """One request's head: header names in lower case, repeated headers joined with ``", "``.

    >>> parse_head(b"GET / HTTP/1.1\\r\\nAccept: text/csv\\r\\naccept: text/turtle\\r\\n\\r\\n")[0].headers
    {'accept': 'text/csv, text/turtle'}
    """

    method: str
    target: str
    version: str
    headers: dict[str, str]

    @property
    def keep_alive(self) -> bool:
        """Whether the client wants the connection kept open: HTTP/1.1 unless ``Connection: close``,
        HTTP/1.0 only with ``Connection: keep-alive``.

        >>> Request("GET", "/", "HTTP/1.1", {"connection": "Keep-Alive, Close"}).keep_alive
        False
        >>> Request("GET", "/", "HTTP/1.0", {"connection": "keep-alive"}).keep_alive
        True
        """
        tokens = {t.strip().lower() for t in self.headers.get("connection", "").split(",")}
        return "close" not in tokens if self.version == "HTTP/1.1" else "keep-alive" in tokens


def parse_head(buffer: bytes | bytearray) -> tuple[Request, int] | None:
    """The request whose head starts ``buffer`` and the head's length in bytes (its body follows),
    or None while the head is incomplete; BadRequest for a head that breaks the syntax or the limits.

    >>> request, size = parse_head(b"GET /sparql?query=ASK%7B%7D HTTP/1.1\\r\\nHost: localhost\\r\\n\\r\\nnext")
    >>> request.method, request.target, request.headers, size
    ('GET', '/sparql?query=ASK%7B%7D', {'host': 'localhost'}, 57)
    >>> parse_head(b"GET / HTTP/1.1\\r\\nHost: loc") is None
    True
    >>> parse_head(b"GET /  HTTP/1.1\\r\\n\\r\\n")
    Traceback (most recent call last):
    ...
    graph.http11.BadRequest: malformed request line 'GET /  HTTP/1.1'
    """
    end = buffer.find(b"\r\n\r\n")
    if end < 0 or end + 4 > MAX_HEAD:
        if len(buffer) >= MAX_HEAD or end >= 0:
            raise BadRequest(431, f"the request line and headers are over the server's limit of {MAX_HEAD} bytes")
        if buffer.find(b"\n\n") >= 0:
            raise BadRequest(400, "request lines must end with CRLF")
        return None
    head = bytes(buffer[:end])
    if head.translate(None, _HEAD_BYTES) or not head.count(b"\r") == head.count(b"\n") == head.count(b"\r\n"):
        raise BadRequest(400, "control character or lone CR or LF in the request head")
    lines = head.decode("latin-1").split("\r\n")
    if len(lines) > MAX_HEADERS + 1:
        raise BadRequest(431, f"more than {MAX_HEADERS} header lines")
    parts = lines[0].split(" ")
    if (len(parts) != 3 or not _TOKEN.fullmatch(parts[0]) or not parts[1].startswith("/") or not parts[1].isascii()
            or "\t" in parts[1]):
        raise BadRequest(400, f"malformed request line {lines[0][:200]!r}")
    method, target, version = parts
    if version not in ("HTTP/1.1", "HTTP/1.0"):
        if _VERSION.fullmatch(version):
            raise BadRequest(505, f"{version} is not supported; use HTTP/1.1")
        raise BadRequest(400, f"malformed request line {lines[0][:200]!r}")
    headers: dict[str, str] = {}
    for line in lines[1:]:
        name, colon, value = line.partition(":")
        if not colon or not _TOKEN.fullmatch(name):
            raise BadRequest(400, f"malformed header line {line[:200]!r}")
        value = value.strip(" \t")
        key = name.lower()
        if key in headers:
            if key in _UNIQUE:
                raise BadRequest(400, f"more than one {name} header")
            headers[key] += ", " + value
        else:
            headers[key] = value
    return Request(method, target, version, headers), end + 4


def _unquote(text: str) -> str:
    """``urllib.parse.unquote`` in C: backslashes are doubled and the escapes become ``\\xHH``, so
    that the bytes-escape codec sees no escape but those (a query of a few hundred escapes cost
    ~90 us in urllib's loop, more than the query itself); text with a ``%`` that is not an escape
    goes to urllib, which keeps it as it is."""
    if "%" not in text:
        return text
    try:
        raw = codecs.escape_decode(text.replace("\\", "\\\\").replace("%", "\\x").encode("utf-8"))[0]
    except ValueError:  # a "%" not followed by two hex digits
        return urllib.parse.unquote(text)
    return raw.decode("utf-8", "replace")


def parse_query(query: str) -> dict[str, list[str]]:
    """``urllib.parse.parse_qs(query)``: the values of each name in order, blank ones left out.

    >>> parse_query("query=SELECT+%3Fs%20%7B%7D&default-graph-uri=&x=a%zz&x=%C3%A9%2")
    {'query': ['SELECT ?s {}'], 'x': ['a%zz', 'é%2']}
    """
    params: dict[str, list[str]] = {}
    for pair in query.split("&"):
        name, _, value = pair.partition("=")
        if value:
            params.setdefault(_unquote(name.replace("+", " ")), []).append(_unquote(value.replace("+", " ")))
    return params
