"""Make untrusted article text safe for NLP, RDF serialisers and HTML views.

News text arrives from files, feeds and JSON written by other tools. Invisible
characters in it do real harm downstream: a NUL or other control character
breaks N-Triples/Turtle writers and XML; a zero-width space splits "Hama"
into two tokens the actor dictionary never matches; bidi overrides (the
"Trojan Source" trick) make a label display as something else than it says;
a lone surrogate (from JSON ``"\\ud800"``) cannot be encoded as UTF-8 at all.
And the same visible word in two Unicode normal forms would be two actors.

So every text goes through :func:`clean_text` once, at ingest, and every
label through :func:`clean_label`. Both are pure and run a regex substitution
plus one ``str.translate`` pass, so they cost little next to the parser.

What is removed carries no text (controls, zero-width and bidi formatting
characters), so it goes silently. A lone surrogate stood for a character that
is now lost, so it becomes U+FFFD and a warning is returned: never silent loss.

:func:`defuse_runs` is a separate, later step, applied only to the copy of the
text that goes to spaCy: its tokenizer splits a run of prefix/suffix
punctuation one character at a time and re-scans the rest each time, so its
cost grows with the square of the run (measured here: 4,000 characters of
``!?`` take 2.9 s, of ``$`` 4.5 s, so 20,000 take over a minute; spaCy issues
#1768, #4362). A run is blanked with as many spaces, so the offsets of every
claim still point into the stored, untouched text.
"""
from __future__ import annotations

import re
import unicodedata

__all__ = ["clean_text", "clean_label", "defuse_runs", "MAX_PUNCT_RUN", "MAX_WORD"]

_REMOVED = (
    [c for c in range(0x00, 0x20) if c not in (0x09, 0x0A, 0x0D)]  # C0 controls except \t \n (\r: see below)
    + [0x7F]  # DEL
    + list(range(0x80, 0xA0))  # C1 controls
    + [0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF]  # zero-width characters, BOM
    + list(range(0x202A, 0x202F))  # bidi embeddings and overrides
    + list(range(0x2066, 0x206A))  # bidi isolates
)
# A lone CR (old Mac line end) is a line break too; CRLF is folded before this table runs.
_TABLE: dict[int, str | None] = {**dict.fromkeys(_REMOVED), 0x0D: "\n"}
_SURROGATE = re.compile("[\ud800-\udfff]")
_WHITESPACE = re.compile(r"\s+")
#: longest run of punctuation and symbols (no letter, digit or space) left for the tokenizer
MAX_PUNCT_RUN = 49
#: longest "word" (run without whitespace) left for the tokenizer: longer ones are never names,
#: and each distinct token would stay in the pipeline's string store for the life of the process
MAX_WORD = 200
# The lookbehind starts the long-word scan at word starts only, which keeps the pass linear.
_RUNS = re.compile(rf"[^\w\s]{{{MAX_PUNCT_RUN + 1},}}|(?<!\S)\S{{{MAX_WORD + 1},}}")


def clean_text(text: str) -> tuple[str, list[str]]:
    """Return ``text`` without invisible or unsafe characters, in NFC, with LF line ends, and the warnings.

    Removed: C0/C1 control characters except tab and newline, zero-width
    characters (U+200B-U+200D, U+2060, U+FEFF) and bidi embedding, override
    and isolate controls. Lone surrogates become U+FFFD with a warning.
    Cleaning is idempotent: ``clean_text(clean_text(t)[0])[0] == clean_text(t)[0]``.

    >>> clean_text("Ha\\u200bma\\r\\nHoms\\x00")
    ('Hama\\nHoms', [])
    >>> clean_text("bad \\ud800 char")
    ('bad \\ufffd char', ['replaced 1 lone surrogate (invalid character) with U+FFFD'])
    >>> clean_text("Cafe\\u0301")[0] == "Caf\\u00e9"
    True
    """
    warnings: list[str] = []
    text, surrogates = _SURROGATE.subn("\ufffd", text)
    if surrogates:
        plural = "s" if surrogates > 1 else ""
        warnings.append(f"replaced {surrogates} lone surrogate{plural} (invalid character) with U+FFFD")
    text = text.replace("\r\n", "\n").translate(_TABLE)
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return text, warnings


def clean_label(text: str) -> str:
    """:func:`clean_text`, then every run of whitespace (newlines too) as one space, stripped.

    Labels (actor names, titles, outlets) are shown on one line and compared
    as strings, so internal layout must not make two labels differ.

    >>> clean_label("  Hayat\\u00a0Tahrir \\n al-Sham\\u202e ")
    'Hayat Tahrir al-Sham'
    """
    return _WHITESPACE.sub(" ", clean_text(text)[0]).strip()


def defuse_runs(text: str) -> str:
    """``text`` with each run of 50+ punctuation characters, and each word over 200, blanked by as many spaces.

    The result has the same length, so character offsets found in it are offsets in ``text``.
    One regex pass: about 50 ms per MB of news text, next to about 30 s per MB for the spaCy pass.

    >>> defuse_runs("Hama fell. " + "!?" * 30 + " Then Homs.") == "Hama fell. " + " " * 60 + " Then Homs."
    True
    >>> defuse_runs("a " + "x" * 201 + " b") == "a " + " " * 201 + " b"
    True
    >>> defuse_runs("Wait... what?!") == "Wait... what?!"
    True
    """
    return _RUNS.sub(lambda m: " " * (m.end() - m.start()), text)
