"""The actor dictionary and the resolution of mentions to canonical actors.

The dictionary is RDF (``ontology/actors/*.ttl``, one file per theatre or kind, plus any user Turtle files):
each actor has a class, a ``skos:prefLabel``, its aliases as ``skos:altLabel``
and the adjectives that denote it in compounds as ``ag:adjective`` ("Turkish"
in "Turkish-backed"). Names that are not in it become *discovered* actors with
an IRI minted stably from the name, so the same unknown group met in two
articles is one node. The words resolution needs (titles, the head words of
armed groups, the organs of a state) come from the lexicon's
``ontology/lexicon/actors.ttl``.
"""
from __future__ import annotations

import datetime as dt
import functools
import hashlib
import re
import unicodedata
from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from pathlib import Path

import pycountry
import pyoxigraph
from rdflib.namespace import RDF, SKOS

from .errors import ActorGraphError
from .lexicon import Lexicon, default_lexicon
from .models import Actor, Location
from .namespaces import ACTOR, AG, GEO
from .queries import ontology_dir
from .sanitize import clean_label

__all__ = ["ActorDictionary", "Office", "OFFICE_GRACE_DAYS", "normalize", "mint_iri", "NER_TYPES", "DictionaryError", "DESCRIPTOR", "is_generic", "bundled_files", "ACRONYM"]

#: spaCy NER labels that name actors or places, and the class a new one gets
NER_TYPES = {
    "PERSON": "Person", "ORG": "Organization", "GPE": "Settlement", "LOC": "Region", "FAC": "Facility",
    "NORP": "ArmedGroup",
}
PLACE_TYPES = frozenset({"Place", "Settlement", "BorderCrossing", "Region", "Facility"})
#: ruler ids of generic descriptors ("the army", "rebels"): a descriptor names an actor only once the
#: report's theatre is known (graph.theatres), so the ruler marks it with a descriptor id, not an actor IRI
DESCRIPTOR = "https://w3id.org/actorgraph/id/descriptor/"
#: IRIs of the generic actors of every dictionary read in this process (see :func:`is_generic`)
_GENERIC: set[str] = set()
def is_generic(iri: str) -> bool:
    """Whether ``iri`` is a generic actor (one with ``ag:descriptor`` words) of a dictionary read in this process.

    For code that holds an actor but not its dictionary; ``ActorDictionary.is_generic`` asks one dictionary.

    >>> _ = ActorDictionary.bundled()
    >>> [is_generic(f"https://w3id.org/actorgraph/id/actor/{name}") for name in ("syrian-rebels", "hts")]
    [True, False]
    """
    return iri in _GENERIC


def _title_pattern(titles: frozenset[str]) -> re.Pattern[str]:
    """Titles (longest first, so "secretary of state" before "secretary") at the start of a name, folded or
    as written ("Lt. Gen. Ahmed"): any case, and any spaces, dots or hyphens between the title's words."""
    alternatives = "|".join(r"[\s.-]+".join(map(re.escape, t.split())) for t in sorted(titles, key=lambda t: (-len(t), t)))
    return re.compile(r"^(?:(?:%s)\b\.?\s*)+" % alternatives if alternatives else r"^(?!)", re.IGNORECASE)


def _article_pattern(articles: frozenset[str]) -> re.Pattern[str]:
    """An article at the start of a folded surname ("al assad")."""
    alternatives = "|".join(re.escape(a) for a in sorted(articles))
    return re.compile(r"^(?:%s) " % alternatives if alternatives else r"^(?!)")


def bundled_files() -> list[Path]:
    """The dictionary files shipped with actorgraph (``ontology/actors/``: the world's states and
    organisations, then one file per theatre), in the order they are read.

    >>> "syria.ttl" in [p.name for p in bundled_files()]
    True
    """
    return sorted((ontology_dir() / "actors").glob("*.ttl"))


#: days after an office's end on which a report still titles its holder: the reports written in the days
#: after a fall ("President Ashraf Ghani fled", a day after his government fell) name the office he has
#: just lost; a year later the same title is no evidence
OFFICE_GRACE_DAYS = 14


#: an alias matched on its exact spelling: capitals ("US", "IS", "SDF") or a short word with two or more
#: ("LeT", "FAMa", "HoR"); on lower case "us", "is" and "let" would be actors
ACRONYM = re.compile(r"^(?:[A-Z0-9.\-/&]{2,6}|(?=(?:[^A-Z]*[A-Z]){2})[A-Za-z0-9.\-/&]{3,6})$")

@dataclass(frozen=True)
class Office:
    """A post a person holds or held (``ag:office``): the actor it heads, its title as reports write it,
    and the first and last days it covers (a year-only ``xsd:gYear`` covers the whole year; None: unknown
    or still held). Background: it tells which actor a title in a report names, never an edge itself.

    >>> d = ActorDictionary.bundled()
    >>> d.offices[d.lookup("Bashar al-Assad").iri][0].title
    'president'
    """

    heads: str
    title: str
    start: dt.date | None = None
    end: dt.date | None = None

    def held_on(self, day: dt.date | None, grace: int = OFFICE_GRACE_DAYS) -> bool:
        """Whether a report of ``day`` may title the holder with this office: held that day, or ended at most
        ``grace`` days before (any day when the report's date is unknown). An office whose end precedes its
        start holds no day.

        >>> o = Office("https://w3id.org/actorgraph/id/actor/yemen", "president", dt.date(2012, 2, 25), dt.date(2022, 4, 7))
        >>> o.held_on(dt.date(2015, 3, 26)), o.held_on(dt.date(2022, 4, 10)), o.held_on(dt.date(2023, 1, 1)), o.held_on(None)
        (True, True, False, True)
        >>> o.held_on(dt.date(2022, 4, 10), grace=0)
        False
        """
        if self.start is not None and self.end is not None and self.end < self.start:
            return False
        return day is None or (self.start is None or self.start <= day) and \
            (self.end is None or day <= self.end + dt.timedelta(days=grace))


def _office_day(value: object, last: bool) -> dt.date | None:
    """An office's ``ag:start``/``ag:end`` literal as a day: "2018-04-02", or "2018" (its first or last day)."""
    text = str(value).strip()
    match = re.match(r"^(-?\d{4})(?:-(\d{2})-(\d{2}))?", text)
    if match is None:
        return None
    year = int(match.group(1))
    if not 1 <= year <= 9999:
        return None
    if match.group(2):
        try:
            return dt.date(year, int(match.group(2)), int(match.group(3)))
        except ValueError:
            return None
    return dt.date(year, 12, 31) if last else dt.date(year, 1, 1)


class DictionaryError(ActorGraphError, ValueError):
    """An actor dictionary file that cannot be used (one line, names the file)."""


class Statements:
    """The statements of Turtle dictionaries by subject and predicate, terms as plain strings (an IRI, a
    literal's lexical form, ``_:id`` for a blank node): all the dictionary reads of them.

    The dictionary is read at every build's start, and the world's states and theatres make it thousands of
    statements: pyoxigraph parses them about ten times faster than rdflib's Turtle parser, and plain
    dictionaries answer ``objects`` without rdflib's term and store machinery (bench/bench_dictionary.py).
    Leniently, as rdflib did: an odd IRI (a space in it) is kept, not refused.

    >>> s = Statements()
    >>> s.parse('''@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
    ...     <https://example.org/a> skos:prefLabel "A" ; skos:altLabel "B", "C" .''', "<inline Turtle>")
    >>> s.objects("https://example.org/a", SKOS.altLabel), s.value("https://example.org/a", SKOS.prefLabel)
    (['B', 'C'], 'A')
    """

    def __init__(self) -> None:
        self._index: dict[str, dict[str, dict[str, None]]] = defaultdict(lambda: defaultdict(dict))

    def parse(self, data: str | Path, where: str) -> None:
        """Add the statements of a Turtle file (a path) or text; ``DictionaryError`` naming ``where`` if unusable."""
        options = {"format": pyoxigraph.RdfFormat.TURTLE, "lenient": True, "rename_blank_nodes": True}
        try:
            if isinstance(data, Path):
                quads = pyoxigraph.parse(path=str(data), base_iri=data.resolve().as_uri(), **options)
            else:
                quads = pyoxigraph.parse(data.encode("utf-8", "surrogatepass"), **options)
            for quad in quads:
                self._index[self._key(quad.subject)][quad.predicate.value][self._key(quad.object)] = None
        except Exception as exc:  # a syntax error, an unreadable file, bytes that are not UTF-8: one line
            raise DictionaryError(f"{where}: not a usable Turtle actor dictionary: {str(exc).splitlines()[0]}") from exc

    @staticmethod
    def _key(term: object) -> str:
        return f"_:{term.value}" if isinstance(term, pyoxigraph.BlankNode) else term.value

    def objects(self, subject: str, predicate: str) -> list[str]:
        """The objects of ``subject``'s ``predicate`` statements, in the order first read."""
        return list(self._index.get(str(subject), {}).get(str(predicate), ()))

    def value(self, subject: str, predicate: str) -> str | None:
        """One object of ``subject``'s ``predicate`` (the first read), or None."""
        return next(iter(self.objects(subject, predicate)), None)

    def subjects(self, predicate: str) -> list[str]:
        """Every subject with a ``predicate`` statement."""
        return [s for s, predicates in self._index.items() if str(predicate) in predicates]


_POSSESSIVE, _NOT_ALPHANUMERIC, _LEADING_THE = re.compile(r"'s\b"), re.compile(r"[^a-z0-9]+"), re.compile(r"^the ")
_ISO_ALPHA_2 = re.compile(r"^[A-Z]{2}$")


class _P:
    """The predicates the dictionary reads, as strings (an rdflib ``Namespace`` attribute makes a term each time)."""

    ag, type, prefLabel, altLabel = str(AG), str(RDF.type), str(SKOS.prefLabel), str(SKOS.altLabel)
    adjective, memberOf, locatedIn = str(AG.adjective), str(AG.memberOf), str(AG.locatedIn)
    theatre, descriptor = str(AG.theatre), str(AG.descriptor)
    lat, long, notation = str(GEO.lat), str(GEO.long), str(SKOS.notation)
    office, heads, title, start, end = str(AG.office), str(AG.heads), str(AG.title), str(AG.start), str(AG.end)


@functools.lru_cache(maxsize=1 << 16)
def normalize(text: str) -> str:
    """Fold a name for lookup: case, accents, punctuation, possessive and a leading "the".

    Remembered (a pure function of the text): the rules fold the same words and names many times per
    report, a few hundred thousand calls per 200 bench articles.

    >>> normalize("the Hay’at Tahrir al-Sham's")
    'hay at tahrir al sham'
    """
    text = text.replace("\u2019", "'")
    if not text.isascii():  # an ASCII name has no accents to fold: most names, and the dictionary folds thousands
        text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    text = _POSSESSIVE.sub("", text.lower())
    return _LEADING_THE.sub("", _NOT_ALPHANUMERIC.sub(" ", text).strip())


def mint_iri(name: str) -> str:
    """A valid, stable actor IRI for a name not in the dictionary.

    Only ``[a-z0-9-]`` reach the IRI; names that fold to nothing (other scripts)
    or are very long get a hash, so any string gives a valid IRI.

    >>> mint_iri("Liwa al-Quds <Brigade>")
    'https://w3id.org/actorgraph/id/actor/liwa-al-quds-brigade'
    >>> mint_iri("لواء").startswith('https://w3id.org/actorgraph/id/actor/x-')
    True
    """
    slug = normalize(name).replace(" ", "-")
    if not slug or len(slug) > 80:
        slug = "x-" + hashlib.sha256(name.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    return str(ACTOR[slug])


def _is_country(name: str) -> bool:
    """Whether ``name`` is a country's name in ISO 3166 (pycountry's data, shipped in its package).

    Two- and three-letter codes are not names here: "IS" is the Islamic State far more often than Iceland.
    """
    if len(name) <= 3:
        return False
    try:
        pycountry.countries.lookup(name)
    except LookupError:
        return False
    return True


class ActorDictionary:
    """Canonical actors by IRI, and every way of naming them.

    >>> d = ActorDictionary.from_turtle('''
    ... @prefix ag: <https://w3id.org/actorgraph#> . @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
    ... <https://w3id.org/actorgraph/id/actor/turkey> a ag:State ; skos:prefLabel "Turkey" ;
    ...     skos:altLabel "Ankara" ; ag:adjective "Turkish" .''')
    >>> d.lookup("ankara").label, d.by_adjective("Turkish").type
    ('Turkey', 'State')
    """

    def __init__(self, graph: Statements, lexicon: Lexicon | None = None) -> None:
        #: the word lists of resolution (and of the coreference that reads this dictionary)
        self.lexicon = lexicon or default_lexicon()
        self._titles = _title_pattern(self.lexicon.words("titles"))
        self._articles = _article_pattern(self.lexicon.words("surname-articles"))
        self.actors: dict[str, Actor] = {}
        self._aliases: dict[str, str] = {}
        self._adjectives: dict[str, str] = {}
        self._adjectives_of: dict[str, set[str]] = defaultdict(set)
        self._surnames: dict[str, set[str]] = defaultdict(set)
        self.member_of: dict[str, set[str]] = defaultdict(set)
        #: a person's posts (ag:office), read by :meth:`office_heading`
        self.offices: dict[str, list[Office]] = defaultdict(list)
        self._qualifiers = self.lexicon.words("title-qualifiers")
        #: a place's containing places and state (ag:locatedIn)
        self.located_in: dict[str, set[str]] = defaultdict(set)
        #: a place's coordinates as its file writes them (geo:lat, geo:long)
        self.coordinates: dict[str, tuple[float, float]] = {}
        self._codes: dict[str, str | None] = {}
        #: actor -> the states whose wars it belongs to (ag:theatre, any number: JNIM fights in Mali,
        #: Burkina Faso and Niger), sorted
        self.theatre: dict[str, tuple[str, ...]] = {}
        #: descriptor as written ("the army") -> the generic actors it may name, one per theatre
        self.descriptors: dict[str, list[str]] = defaultdict(list)
        self._described: dict[str, list[str]] = defaultdict(list)
        for iri in sorted(graph.subjects(_P.prefLabel)):
            self._add(graph, iri)
        _GENERIC.update(self.generic_actors())

    def _add(self, graph: Statements, iri: str) -> None:
        types = sorted(str(t).rsplit("#", 1)[-1] for t in graph.objects(iri, _P.type) if str(t).startswith(_P.ag))
        label = clean_label(str(next(iter(sorted(graph.objects(iri, _P.prefLabel))))))
        aliases = tuple(sorted({clean_label(str(a)) for a in graph.objects(iri, _P.altLabel)} - {label}))
        actor = Actor(iri=str(iri), type=types[0] if types else "Actor", label=label, aliases=aliases)
        self.actors[actor.iri] = actor
        for name in (label, *aliases):
            self._aliases.setdefault(normalize(name), actor.iri)
        for adjective in graph.objects(iri, _P.adjective):
            self._adjectives.setdefault(normalize(str(adjective)), actor.iri)
            self._adjectives_of[actor.iri].add(clean_label(str(adjective)))
        if actor.type == "Person":
            for name in (label, *aliases):
                words = normalize(name).split()
                if len(words) > 1:
                    self._surnames[self._articles.sub("", " ".join(words[-1:]))].add(actor.iri)
        for group in graph.objects(iri, _P.memberOf):
            self.member_of[actor.iri].add(str(group))
        for post in graph.objects(iri, _P.office):
            heads, title = graph.value(post, _P.heads), graph.value(post, _P.title)
            if heads is not None and title is not None:
                self.offices[actor.iri].append(Office(str(heads), self.title_key(str(title)),
                                                      _office_day(graph.value(post, _P.start), False),
                                                      _office_day(graph.value(post, _P.end), True)))
        for place in graph.objects(iri, _P.locatedIn):
            self.located_in[actor.iri].add(str(place))
        lat, long = graph.value(iri, _P.lat), graph.value(iri, _P.long)
        if lat is not None and long is not None:
            self.coordinates[actor.iri] = (float(lat), float(long))
        notation = graph.value(iri, _P.notation)
        if actor.type == "State" and notation is not None and _ISO_ALPHA_2.match(notation):
            self._codes[actor.iri] = notation  # the file's ISO code beats a name ("Congo" is Brazzaville's)
        states = tuple(sorted({*self.theatre.get(actor.iri, ()), *map(str, graph.objects(iri, _P.theatre))}))
        if states:
            self.theatre[actor.iri] = states
        for phrase in sorted({clean_label(str(d)) for d in graph.objects(iri, _P.descriptor)}):
            self.descriptors[phrase].append(actor.iri)
            if actor.iri not in self._described[normalize(phrase)]:
                self._described[normalize(phrase)].append(actor.iri)

    @classmethod
    def from_turtle(cls, *sources: str | Path, lexicon: Lexicon | None = None) -> "ActorDictionary":
        """Merge Turtle dictionaries (file paths or Turtle text); later files add to earlier ones.

        A broken dictionary is reported as the one ``DictionaryError`` line below, nothing else.

        >>> d = ActorDictionary.from_turtle('''
        ...     @prefix ag: <https://w3id.org/actorgraph#> .
        ...     @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
        ...     <https://w3id.org/actorgraph/id/actor/sna> a ag:ArmedGroup ; skos:prefLabel "Syrian National Army" .
        ... ''')
        >>> [a.label for a in d], len(ActorDictionary.from_turtle(""))
        (['Syrian National Army'], 0)
        >>> ActorDictionary.from_turtle("<not turtle")  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        graph.actors.DictionaryError: <not turtle: not a usable Turtle actor dictionary: ...
        """
        statements = Statements()
        for source in sources:
            cls._parse_into(statements, source)
        return cls(statements, lexicon)

    @classmethod
    def bundled(cls, *extra: str | Path, lexicon: Lexicon | None = None) -> "ActorDictionary":
        """The dictionary shipped in ``ontology/actors/*.ttl``, with ``extra`` Turtle files merged over it.

        >>> ActorDictionary.bundled().lookup("Hayat Tahrir al-Sham").type
        'ArmedGroup'
        """
        return cls.from_turtle(*bundled_files(), *extra, lexicon=lexicon)

    @staticmethod
    def _parse_into(statements: Statements, source: str | Path) -> None:
        """A path, a string naming a file, or Turtle text; the error names the file, or the text if one line."""
        if isinstance(source, Path) or ("\n" not in source and Path(source).is_file()):
            statements.parse(Path(source), str(source))
        else:
            statements.parse(source, "<inline Turtle>" if "\n" in source else source)

    def ruler_aliases(self) -> dict[str, tuple[str, str]]:
        """Every label and alias as written -> (IRI, class), for the EntityRuler.

        >>> d = ActorDictionary.from_turtle('''
        ... @prefix ag: <https://w3id.org/actorgraph#> . @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
        ... <https://w3id.org/actorgraph/id/actor/turkey> a ag:State ; skos:prefLabel "Turkey" ;
        ...     skos:altLabel "Ankara" ; ag:adjective "Turkish" .''')
        >>> d.ruler_aliases()["Ankara"]
        ('https://w3id.org/actorgraph/id/actor/turkey', 'State')

        A generic descriptor ("the army") maps to its descriptor id (:data:`DESCRIPTOR`), which
        coreference resolves in the report's theatre; a descriptor that is also a name stays a descriptor.

        >>> ActorDictionary.bundled().ruler_aliases()["the army"]
        ('https://w3id.org/actorgraph/id/descriptor/army', 'Government')
        """
        table: dict[str, tuple[str, str]] = {}
        for actor in self.actors.values():
            for name in (actor.label, *actor.aliases):
                table.setdefault(name, (actor.iri, actor.type))
        for phrase, iris in sorted(self.descriptors.items()):
            table[phrase] = (self.descriptor_id(phrase), self.actors[iris[0]].type)
        return table

    @staticmethod
    def descriptor_id(phrase: str) -> str:
        """The ruler id of a descriptor: its folded words under :data:`DESCRIPTOR`.

        >>> ActorDictionary.descriptor_id("Government forces")
        'https://w3id.org/actorgraph/id/descriptor/government-forces'
        """
        return DESCRIPTOR + normalize(phrase).replace(" ", "-")

    def described(self, descriptor_id: str) -> list[Actor]:
        """The generic actors a descriptor id may name (one per theatre), or [] if it is no descriptor.

        >>> "Syrian rebels" in [a.label for a in ActorDictionary.bundled().described(ActorDictionary.descriptor_id("rebels"))]
        True
        """
        if not descriptor_id.startswith(DESCRIPTOR):
            return []
        return [self.actors[i] for i in self._described.get(descriptor_id[len(DESCRIPTOR):].replace("-", " "), ())]

    @functools.cached_property
    def theatres(self):  # -> graph.theatres.Theatres (imported here: it builds on this module)
        """The theatres of this dictionary (states its generic actors belong to) and their evidence.

        >>> "https://w3id.org/actorgraph/id/actor/syria" in ActorDictionary.bundled().theatres.states
        True
        """
        from .theatres import Theatres

        return Theatres(self)

    def generic_actors(self) -> set[str]:
        """IRIs of the generic actors: those named by descriptors (``ag:descriptor``).

        >>> {"assad-government", "local-factions", "syrian-rebels"} <= {iri.rsplit("/", 1)[-1] for iri in ActorDictionary.bundled().generic_actors()}
        True
        """
        return {iri for iris in self.descriptors.values() for iri in iris}

    def is_generic(self, iri: str) -> bool:
        """Whether ``iri`` is one of this dictionary's generic actors ("rebels", "the army", "local factions").

        >>> d = ActorDictionary.bundled()
        >>> d.is_generic("https://w3id.org/actorgraph/id/actor/syrian-rebels"), d.is_generic(d.lookup("HTS").iri)
        (True, False)
        """
        if not hasattr(self, "_generic"):
            self._generic = self.generic_actors()
        return iri in self._generic

    def lookup(self, name: str) -> Actor | None:
        """The actor a name denotes, trying the name as is, without titles, and a unique surname.

        >>> d = ActorDictionary.from_turtle('''
        ... @prefix ag: <https://w3id.org/actorgraph#> . @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
        ... <https://w3id.org/actorgraph/id/actor/erdogan> a ag:Person ;
        ...     skos:prefLabel "Recep Tayyip Erdogan" .''')
        >>> d.lookup("President Recep Tayyip Erdogan").label, d.lookup("Erdogan's").label
        ('Recep Tayyip Erdogan', 'Recep Tayyip Erdogan')
        >>> d.lookup("Assad") is None
        True
        """
        key = normalize(name)
        if key in self._aliases:
            actor = self.actors[self._aliases[key]]
            if _respelt_acronym(name.strip(), actor):
                return None  # "JeM" (Jaish-e-Mohammed) is not Sudan's JEM: an acronym is matched as written
            return actor
        if len(self._described.get(key, ())) == 1:  # "rebels": a descriptor of one theatre only
            return self.actors[self._described[key][0]]
        body = self.by_body(name)
        if body is not None:
            return body
        bare = self._titles.sub("", key).strip()
        if bare != key and bare in self._aliases:
            return self.actors[self._aliases[bare]]
        surname = self._articles.sub("", bare)
        candidates = self._surnames.get(surname, set())
        if len(candidates) == 1:
            return self.actors[next(iter(candidates))]
        return None

    def by_body(self, name: str) -> Actor | None:
        """"Russian Defence Ministry", "Turkish military": an organ named by its state's adjective.

        >>> d = ActorDictionary.from_turtle('''
        ... @prefix ag: <https://w3id.org/actorgraph#> . @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
        ... <https://w3id.org/actorgraph/id/actor/turkey> a ag:State ; skos:prefLabel "Turkey" ;
        ...     skos:altLabel "Ankara" ; ag:adjective "Turkish" .''')
        >>> d.by_body("Turkish Defence Ministry").label
        'Turkey'
        >>> d.by_body("Turkish drone") is None
        True
        """
        words = normalize(name).split()
        if len(words) < 2 or not all(w in self.lexicon.words("state-body-words") for w in words[1:]):
            return None
        return self.by_adjective(words[0])

    def by_adjective(self, word: str) -> Actor | None:
        """The actor an adjective or name denotes in a compound ("Turkish-backed", "US-led").

        >>> d = ActorDictionary.from_turtle('''
        ... @prefix ag: <https://w3id.org/actorgraph#> . @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
        ... <https://w3id.org/actorgraph/id/actor/turkey> a ag:State ; skos:prefLabel "Turkey" ;
        ...     skos:altLabel "Ankara" ; ag:adjective "Turkish" .''')
        >>> d.by_adjective("Turkish").label, d.by_adjective("Ankara").label, d.by_adjective("Russian")
        ('Turkey', 'Turkey', None)
        """
        key = normalize(word)
        iri = self._adjectives.get(key) or self._aliases.get(key)
        return self.actors[iri] if iri and not _respelt_acronym(word.strip(), self.actors[iri]) else None

    def title_key(self, title: str) -> str:
        """A title folded for comparison, without the qualifiers that leave the office the same
        (lexicon ``title-qualifiers``: "interim", "acting", "junta" ...).

        >>> d = ActorDictionary.from_turtle()
        >>> d.title_key("Interim President"), d.title_key("junta leader"), d.title_key("Defence Minister")
        ('president', 'leader', 'defence minister')
        """
        words = [w for w in normalize(title).split() if w not in self._qualifiers]
        return " ".join(words) or normalize(title)

    def office_heading(self, person: str, title: str, day: dt.date | None = None,
                       named: Collection[str] = ()) -> Actor | None:
        """The actor that ``person``'s office of this ``title`` heads on ``day`` (the day the claim refers to,
        else the report's date, if known; ``OFFICE_GRACE_DAYS`` after the office's end count), or None: a
        report's "President Hadi" names the body of Hadi's presidency, and an office of another title
        ("General Hadi"), or one not held on that day, is no evidence. Of several such offices (the
        leader of two gangs), the one whose actor the report names (``named``), else none.

        >>> d = ActorDictionary.from_turtle('''
        ... @prefix ag: <https://w3id.org/actorgraph#> . @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
        ... @prefix xsd: <http://www.w3.org/2001/XMLSchema#> . @prefix actor: <https://w3id.org/actorgraph/id/actor/> .
        ... actor:yemeni-government a ag:Government ; skos:prefLabel "Yemeni government" .
        ... actor:hadi a ag:Person ; skos:prefLabel "Abdrabbuh Mansour Hadi" ;
        ...     ag:office [ ag:heads actor:yemeni-government ; ag:title "president" ;
        ...                 ag:start "2012-02-25"^^xsd:date ; ag:end "2022-04-07"^^xsd:date ] .''')
        >>> hadi = d.lookup("Hadi").iri
        >>> d.office_heading(hadi, "Interim President", dt.date(2015, 3, 26)).label
        'Yemeni government'
        >>> d.office_heading(hadi, "president", dt.date(2023, 5, 1)), d.office_heading(hadi, "general")
        (None, None)
        """
        key = self.title_key(title)
        found = list(dict.fromkeys(o.heads for o in self.offices.get(person, ())
                                   if o.title == key and o.held_on(day) and o.heads in self.actors))
        if len(found) > 1:
            found = [iri for iri in found if iri in named]
        return self.actors[found[0]] if len(found) == 1 else None

    def organ_of(self, state: str, organ: str) -> Actor | None:
        """The actor of its own that names a state's ``organ`` ("government", "army") in the dictionary
        ("Ethiopian government", "Sudanese army"), or None when the dictionary folds it into the state or
        lacks it.

        >>> d = ActorDictionary.from_turtle('''
        ... @prefix ag: <https://w3id.org/actorgraph#> . @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
        ... @prefix actor: <https://w3id.org/actorgraph/id/actor/> .
        ... actor:sudan a ag:State ; skos:prefLabel "Sudan" ; skos:altLabel "Sudanese government" ; ag:adjective "Sudanese" .
        ... actor:saf a ag:ArmedForces ; skos:prefLabel "Sudanese Armed Forces" ; skos:altLabel "Sudanese army" .''')
        >>> d.organ_of(d.lookup("Sudan").iri, "army").label, d.organ_of(d.lookup("Sudan").iri, "government")
        ('Sudanese Armed Forces', None)
        """
        actor = self.actors.get(state)
        if actor is None:
            return None
        for name in (*self.adjectives_of(state), actor.label):
            found = self._aliases.get(normalize(f"{name} {organ}"))
            if found is not None and found != state and self.actors[found].type in ("Government", "ArmedForces"):
                return self.actors[found]
        return None

    def adjectives_of(self, iri: str) -> list[str]:
        """The adjectives of an actor as written: "Syrian" for the Assad government, "rebel" for the rebels.

        >>> ActorDictionary.bundled().adjectives_of("https://w3id.org/actorgraph/id/actor/turkey")
        ['Turkey', 'Turkish', 'Türkiye']
        """
        return sorted(self._adjectives_of.get(iri, ()))

    def discover(self, name: str, ner_label: str) -> Actor | None:
        """A typed node for a named entity not in the dictionary, or None for labels that are not actors.

        >>> d = ActorDictionary.from_turtle()
        >>> brigade = d.discover("the Liwa al-Quds Brigade", "ORG")
        >>> brigade.label, brigade.type, brigade.discovered
        ('Liwa al-Quds Brigade', 'ArmedGroup', True)
        >>> d.discover("Army of Conquest", "ORG").type, d.discover("Sovereignty Council", "ORG").type
        ('ArmedGroup', 'PoliticalOrganization')
        >>> d.discover("Sudan", "GPE").type, d.discover("Wad Madani", "GPE").type
        ('State', 'Settlement')
        >>> d.discover("Mount Hermon", "LOC").type
        'Region'
        >>> d.discover("General Ahmed Awad", "ORG").type
        'Person'
        >>> [d.discover(*e) for e in (("Kurdish", "NORP"), ("Tuesday", "DATE"), ("Tigrayan", "ORG"), ("eastern", "ORG"),
        ...                           ("Defense", "ORG"), ("Libyan", "GPE"))]
        [None, None, None, None, None, None]
        """
        kind = NER_TYPES.get(ner_label)
        label = clean_label(self._titles.sub("", name.strip()).strip() if ner_label == "PERSON" else name.strip())
        label = re.sub(r"^(?i:the)\s+", "", label).strip("-\u2010\u2013\u2014 ")
        label = re.sub(r"['’]s?$", "", label)  # "Hezbollah's", "the Rapid Support Forces'"
        if kind is None or self._no_name(label, ner_label):
            return None
        folded = normalize(label)
        if ner_label == "GPE" and _is_country(label):
            kind = "State"  # "Sudan", "Yemen": a country the dictionary does not know is still a state
        elif folded.split()[0] in self.lexicon.words("place-prefixes"):
            kind = "Region" if kind not in ("Settlement", "Facility") else kind
        elif ner_label in ("ORG", "NORP", "PERSON"):
            kind = self._organisation_kind(label, ner_label)
            if kind is None:
                return None
            if kind == "Person":
                label = clean_label(self._titles.sub("", label).strip())
        return Actor(iri=mint_iri(label), type=kind, label=label, discovered=True)

    def ner_label(self, ent) -> str:  # ent: a spaCy Span (this module needs no spaCy)
        """The NER label of an entity, corrected by a person's title written before it: the statistical
        NER often takes "military chief Oleksandr Syrskyi" or "President Abdou Ndiaye" for an
        organisation or a place; the title says it is a person.

        >>> import spacy
        >>> from spacy.tokens import Doc
        >>> doc = Doc(spacy.blank("en").vocab, words="army chief Ahmed Awad spoke in Niamey .".split(),
        ...           ents="O O B-ORG I-ORG O O B-GPE O".split())
        >>> d = ActorDictionary.from_turtle()
        >>> [d.ner_label(e) for e in doc.ents]
        ['PERSON', 'GPE']
        """
        if ent.label_ not in ("ORG", "GPE", "NORP") or len(ent) > 4 or not all(t.text[:1].isupper() for t in ent):
            return ent.label_
        doc, titles = ent.doc, self.lexicon.words("titles") | self.lexicon.words("leading-titles") | \
            self.lexicon.words("member-titles")
        for start in range(max(0, ent.start - 4), ent.start):
            if normalize(doc[start:ent.start].text) in titles:
                return "PERSON"
        return ent.label_

    def _organisation_kind(self, label: str, ner_label: str) -> str | None:
        """The class of an unknown ORG, NORP or PERSON entity from its head words ("... Brigade", "... Party",
        "General ..."), or None for a people's name alone ("Druze")."""
        folded, words = normalize(label), self.lexicon.words
        heads = {part.split()[-1] for part in re.split(r" (?:of|for|in) ", folded) if part} | \
            {phrase for phrase in words("armed-heads") if " " in phrase and f" {phrase} " in f" {folded} "}
        if ner_label == "PERSON":
            return "Person"
        if heads & words("armed-heads"):
            return "ArmedGroup"  # "Hamza Division", "Army of Conquest", "Movement for Justice", "X Self-Defence Group"
        if heads & words("political-heads"):
            return "PoliticalOrganization"  # "Umma Party", "Sovereignty Council"
        bare = self._titles.sub("", folded).strip()
        if bare != folded and len(bare.split()) >= 2:
            return "Person"  # "General Ahmed Awad" tagged as an organisation: a title before a full name
        return None if ner_label == "NORP" else "Organization"

    def _no_name(self, label: str, ner_label: str) -> bool:
        """Entities that name no actor: too short, a prefix, a common word written in lower case ("eastern"),
        a people's demonym alone ("Tigrayan", "Libyan"), or a portfolio ("Defense", "the Foreign Ministry")."""
        folded, words = normalize(label), self.lexicon.words
        if len(folded) < 2 or folded in words("not-names"):
            return True
        if ner_label in ("PERSON", "ORG", "NORP") and not any(c.isupper() or c.isdigit() for c in label):
            return True
        if all(w in words("portfolio-words") for w in folded.split()):
            return True
        return len(folded.split()) == 1 and self.is_demonym(folded)

    def is_demonym(self, word: str) -> bool:
        """Whether a word is a people's name or adjective, never an actor's name alone: a demonym of the
        lexicon, an adjective (ag:adjective) of the dictionary, or a known place's or country's name with a
        demonym suffix ("Ethiopian", "Sudanese", "Tigrayan" once Tigray is known).

        >>> d = ActorDictionary.bundled()
        >>> [d.is_demonym(w) for w in ("Turkish", "Tigrayan", "Ethiopian", "Sudanese", "Taliban", "Hezbollah")]
        [True, True, True, True, False, False]
        """
        key = normalize(word)
        if key in self.lexicon.words("demonyms") or key in self._adjectives:
            return True
        for suffix in self.lexicon.words("demonym-suffixes"):
            if key.endswith(suffix) and len(key) - len(suffix) >= 3:
                stem = key[:-len(suffix)]
                for base in (stem, stem + "a", stem + "ia", stem + "e", stem + "o"):
                    known = self._aliases.get(base)
                    if known is not None and (self.actors[known].type == "State" or self.actors[known].type in PLACE_TYPES) \
                            or _is_country(base):
                        return True
        return False

    @staticmethod
    def is_place(actor: Actor) -> bool:
        """Places are what `controls` and `withdrewFrom` point at, and never act.

        >>> ActorDictionary.is_place(Actor(mint_iri("Manbij"), "Settlement", "Manbij"))
        True
        >>> ActorDictionary.is_place(Actor(mint_iri("SNA"), "ArmedGroup", "SNA"))
        False
        """
        return actor.type in PLACE_TYPES

    def state_of(self, iri: str, seen: frozenset[str] = frozenset()) -> str | None:
        """The state a dictionary place lies in, following ``ag:locatedIn`` up (a town in a governorate).

        >>> d = ActorDictionary.bundled()
        >>> d.state_of(d.lookup("Manbij").iri).rsplit("/", 1)[-1]
        'syria'
        """
        for parent in sorted(self.located_in.get(iri, ())):
            if parent in seen:
                continue
            if parent in self.actors and self.actors[parent].type == "State":
                return parent
            state = self.state_of(parent, seen | {iri})
            if state is not None:
                return state
        return None

    def country_code(self, iri: str) -> str | None:
        """The ISO 3166-1 code of a state of this dictionary: its file's ``skos:notation``, else from its
        names (graph.gazetteer), else None.

        >>> d = ActorDictionary.bundled()
        >>> d.country_code(d.lookup("Russia").iri), d.country_code(d.lookup("DRC").iri), d.country_code(d.lookup("HTS").iri)
        ('RU', 'CD', None)
        """
        if iri not in self._codes:
            actor = self.actors.get(iri)
            code = None
            if actor is not None and actor.type == "State":
                from .gazetteer import gazetteer

                code = next((c for name in (actor.label, *actor.aliases) if len(name) > 3
                             and (c := gazetteer().country_code(name))), None)
            self._codes[iri] = code
        return self._codes[iri]

    def state_with_code(self, code: str) -> str | None:
        """The IRI of this dictionary's state with an ISO 3166-1 code, or None.

        >>> ActorDictionary.bundled().state_with_code("TR").rsplit("/", 1)[-1]
        'turkey'
        """
        if not hasattr(self, "_states_by_code"):
            states = sorted(iri for iri, a in self.actors.items() if a.type == "State")
            self._states_by_code = {}
            for iri in states:
                if (c := self.country_code(iri)) is not None:
                    self._states_by_code.setdefault(c, iri)
        return self._states_by_code.get(code)

    def location(self, iri: str) -> Location | None:
        """Where a dictionary place is as the dictionary says it: its state and the coordinates its file writes.

        >>> d = ActorDictionary.bundled()
        >>> d.location(d.lookup("Manbij").iri).country.rsplit("/", 1)[-1]
        'syria'
        """
        actor = self.actors.get(iri)
        if actor is None or not self.is_place(actor):
            return None
        lat, long = self.coordinates.get(iri, (None, None))
        state = self.state_of(iri)
        return Location(country=state, lat=lat, long=long, country_label=self.actors[state].label if state else None)

    def __len__(self) -> int:
        return len(self.actors)

    def __iter__(self) -> Iterable[Actor]:
        return iter(self.actors.values())


def _respelt_acronym(name: str, actor: Actor) -> bool:
    """Whether ``name`` is a mixed-case acronym ("JeM", "LeT") that none of the actor's names spells so.

    >>> _respelt_acronym("JeM", Actor("a", "ArmedGroup", "Justice and Equality Movement", ("JEM",)))
    True
    >>> _respelt_acronym("LeT", Actor("b", "ArmedGroup", "Lashkar-e-Taiba", ("LeT",)))
    False
    """
    return bool(ACRONYM.match(name)) and any(c.islower() for c in name) and name not in (actor.label, *actor.aliases)
