"""The lexicon: every word list the extraction uses, read from Turtle files a user can edit.

Word lists are knowledge, not code: the trigger verbs of a relation, the pronouns coreference
follows, the titles stripped from a person's name live in ``ontology/lexicon/*.ttl`` as SKOS-flavoured
entries, one per list::

    lex:capture-verbs a ag:WordList ;
        skos:prefLabel "capture verbs" ;
        skos:definition "Verbs whose agent takes control of their object (a place)." ;
        ag:word "capture", "seize", "retake", "overrun" .

An entry's key is its local name after ``lex:`` (kebab-case). Files are read in order, the bundled
ones first: a later file adds words to an entry (``ag:word``), removes some (``ag:notWord``) or adds
new entries (typed ``ag:WordList``, so that a mistyped key is an error rather than a silent new
list). Pair entries map one form to another with ``ag:form "retook=retake"``. Words are lower-case,
as lemmas or surface forms according to each entry's definition.

Anything wrong with a file (missing, XML, not Turtle, a malformed entry) is one
:class:`LexiconError` line that names the file and the problem.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from pyoxigraph import Literal, NamedNode, RdfFormat, parse

from .errors import ActorGraphError
from .queries import ontology_dir

__all__ = ["Lexicon", "LexiconError", "default_lexicon", "LEX"]

#: namespace of the lexicon's entries; an entry's key is the local name after it
LEX = "https://w3id.org/actorgraph/lexicon#"
_AG = "https://w3id.org/actorgraph#"
_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_STRING = "http://www.w3.org/2001/XMLSchema#string"
_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
_WORD, _NOT_WORD, _FORM = _AG + "word", _AG + "notWord", _AG + "form"
_KEY = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_INLINE = "<inline Turtle>"


class LexiconError(ActorGraphError, ValueError):
    """A lexicon file that cannot be used: one line, ``"<file>: <problem>"``."""


@dataclass
class _Entry:
    words: set[str] = field(default_factory=set)
    forms: dict[str, str] = field(default_factory=dict)


@dataclass
class _Changes:
    """What one file says about one entry."""

    typed: bool = False
    add: list[str] = field(default_factory=list)
    remove: list[str] = field(default_factory=list)
    forms: list[str] = field(default_factory=list)


class Lexicon:
    """Named word lists (frozen sets of lower-case words) and form maps.

    >>> lexicon = Lexicon.from_turtle('''
    ... @prefix ag: <https://w3id.org/actorgraph#> . @prefix lex: <https://w3id.org/actorgraph/lexicon#> .
    ... lex:capture-verbs a ag:WordList ; ag:word "capture", "seize" .
    ... lex:verb-forms a ag:WordList ; ag:form "retook=retake" .
    ... ''')
    >>> sorted(lexicon.words("capture-verbs")), lexicon.pairs("verb-forms"), lexicon.keys()
    (['capture', 'seize'], {'retook': 'retake'}, ['capture-verbs', 'verb-forms'])
    >>> lexicon.words("capture-verb")
    Traceback (most recent call last):
    ...
    KeyError: 'the lexicon has no entry lex:capture-verb'
    """

    def __init__(self, entries: Mapping[str, tuple[Iterable[str], Mapping[str, str]]] | None = None) -> None:
        self._words: dict[str, frozenset[str]] = {}
        self._pairs: dict[str, dict[str, str]] = {}
        for key, (words, pairs) in (entries or {}).items():
            self._words[key] = frozenset(words)
            self._pairs[key] = dict(pairs)

    @classmethod
    def from_turtle(cls, *sources: str | Path) -> "Lexicon":
        """Read lexicon files (paths, or Turtle text with a line break) in order, later over earlier.

        >>> base = '''@prefix ag: <https://w3id.org/actorgraph#> . @prefix lex: <https://w3id.org/actorgraph/lexicon#> .
        ... lex:titles a ag:WordList ; ag:word "general", "colonel" .
        ... '''
        >>> user = '''@prefix ag: <https://w3id.org/actorgraph#> . @prefix lex: <https://w3id.org/actorgraph/lexicon#> .
        ... lex:titles ag:word "brigadier" ; ag:notWord "colonel" .
        ... '''
        >>> sorted(Lexicon.from_turtle(base, user).words("titles"))
        ['brigadier', 'general']
        >>> Lexicon.from_turtle("/no/such/lexicon.ttl")
        Traceback (most recent call last):
        ...
        graph.lexicon.LexiconError: /no/such/lexicon.ttl: lexicon file not found
        """
        entries: dict[str, _Entry] = {}
        for source in sources:
            name, data = _read(source)
            for key, changes in _changes(name, data).items():
                _apply(name, entries, key, changes)
        return cls({key: (entry.words, entry.forms) for key, entry in entries.items()})

    @classmethod
    def bundled(cls, *extra: str | Path) -> "Lexicon":
        """Every ``ontology/lexicon/*.ttl`` file (in name order), then ``extra`` files over them.

        >>> "group-pronouns" in Lexicon.bundled().keys()
        True
        """
        return cls.from_turtle(*bundled_files(), *extra)

    def words(self, key: str) -> frozenset[str]:
        """The words of entry ``key``; a KeyError naming the key if there is no such entry.

        >>> sorted(Lexicon.bundled().words("army-nouns"))
        ['army', 'military']
        """
        try:
            return self._words[key]
        except KeyError:
            raise KeyError(f"the lexicon has no entry lex:{key}") from None

    def pairs(self, key: str) -> dict[str, str]:
        """The ``ag:form "a=b"`` pairs of entry ``key`` as ``{a: b}`` (a copy).

        >>> Lexicon({"verb-forms": ((), {"overran": "overrun"})}).pairs("verb-forms")
        {'overran': 'overrun'}
        """
        self.words(key)
        return dict(self._pairs[key])

    def keys(self) -> list[str]:
        """The entries' keys, sorted.

        >>> [key for key in Lexicon.bundled().keys() if key.startswith("anaphor-nouns-")][:2]
        ['anaphor-nouns-armed-group', 'anaphor-nouns-coalition']
        """
        return sorted(self._words)

    def __contains__(self, key: object) -> bool:
        return key in self._words

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Lexicon) and (self._words, self._pairs) == (other._words, other._pairs)

    def __hash__(self) -> int:
        return hash(frozenset(self._words.items()))

    def __repr__(self) -> str:
        return f"Lexicon({len(self._words)} entries)"


def bundled_files() -> list[Path]:
    """The lexicon files shipped with actorgraph, in the order they are read.

    >>> [p.name for p in bundled_files()][:1]
    ['actors.ttl']
    """
    return sorted((ontology_dir() / "lexicon").glob("*.ttl"))


@functools.cache
def default_lexicon() -> Lexicon:
    """The bundled lexicon, read once per process: for code paths that are given no settings.

    >>> default_lexicon() is default_lexicon()
    True
    """
    return Lexicon.bundled()


def _read(source: str | Path) -> tuple[str, bytes]:
    """(name for messages, bytes) of a file or of Turtle text; XML is refused before any parser sees it."""
    if isinstance(source, str) and "\n" in source:
        return _INLINE, source.encode("utf-8")
    path = Path(source)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise LexiconError(f"{path}: lexicon file not found") from None
    except OSError as exc:
        raise LexiconError(f"{path}: cannot read the lexicon file: {exc.strerror or exc}") from None
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith((b"<?xml", b"<!")) or b"<rdf:RDF" in head:
        raise LexiconError(f"{path}: not a usable Turtle lexicon: this is XML (RDF/XML is not read; convert it to Turtle)")
    return str(path), data


def _changes(name: str, data: bytes) -> dict[str, _Changes]:
    """Entry key -> what the file says about it, in the file's order; malformed statements are errors."""
    try:
        quads = list(parse(data, format=RdfFormat.TURTLE))
    except (SyntaxError, ValueError) as exc:
        raise LexiconError(f"{name}: not a usable Turtle lexicon: {str(exc).splitlines()[0]}") from None
    changes: dict[str, _Changes] = {}
    for quad in quads:
        predicate = quad.predicate.value
        typed = predicate == _TYPE and quad.object == NamedNode(_AG + "WordList")
        if not typed and predicate not in (_WORD, _NOT_WORD, _FORM):
            continue
        key = _key(name, quad.subject)
        entry = changes.setdefault(key, _Changes())
        if typed:
            entry.typed = True
            continue
        value = _word(name, key, quad.object)
        {_WORD: entry.add, _NOT_WORD: entry.remove, _FORM: entry.forms}[predicate].append(value)
    return changes


def _key(name: str, subject: object) -> str:
    value = subject.value if isinstance(subject, NamedNode) else None
    if value is None or not value.startswith(LEX) or not _KEY.fullmatch(value[len(LEX):]):
        raise LexiconError(f"{name}: {subject} is not a lexicon entry: entries are lex:some-key "
                           f"(<{LEX}some-key>, kebab-case)")
    return value[len(LEX):]


def _word(name: str, key: str, value: object) -> str:
    if not isinstance(value, Literal) or value.datatype.value not in (_STRING, _LANG_STRING):
        raise LexiconError(f"{name}: lex:{key}: {value} is not a word (words are plain strings)")
    word = value.value.strip()
    if not word or word != word.lower():
        raise LexiconError(f"{name}: lex:{key}: {value.value!r} is not a word (words are non-empty and lower-case)")
    return word


def _apply(name: str, entries: dict[str, _Entry], key: str, changes: _Changes) -> None:
    """Add one file's words to an entry, then take its removed words out."""
    if key not in entries and not changes.typed:
        raise LexiconError(f"{name}: lex:{key}: no such entry to extend (declare a new one `a ag:WordList`)")
    entry = entries.setdefault(key, _Entry())
    entry.words.update(changes.add)
    for form in changes.forms:
        left, sep, right = (part.strip() for part in form.partition("="))
        if not (sep and left and right) or "=" in right:
            raise LexiconError(f"{name}: lex:{key}: {form!r} is not a form pair (write \"form=base\")")
        entry.forms[left] = right
    for word in changes.remove:
        entry.words.discard(word)
        entry.forms.pop(word, None)
