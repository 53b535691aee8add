"""Dates that claims refer to, resolved against the publication date.

"on Thursday" in an article published on Friday 2024-12-06 is 2024-12-05;
"a week ago" is 2024-11-29; "today" is the publication date. dateparser does
the resolution (relative base = publication date, preferring the past, since
news reports what has happened); this module only decides *which* date phrase
of a sentence belongs to a claim. The commonest phrases, a lone weekday ("on Sunday") and a lone
year ("in 2017"), are computed here, as the dates dateparser gives them (a millisecond a phrase:
two of five of the build's calls on real reports); tests/test_temporal.py holds the two to each other.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

import dateparser
from spacy.tokens import Span, Token

__all__ = ["parse_relative", "dateparsed", "resolve_date", "EventDate"]


@dataclass(frozen=True)
class EventDate:
    """The date a claim refers to; ``ongoing`` when the clause says "since" it ("has backed Assad since 2015").

    >>> EventDate(dt.date(2015, 1, 1), ongoing=True).ongoing, EventDate(None).date
    (True, None)
    """

    date: dt.date | None
    ongoing: bool = False

_DATELIKE = re.compile(
    r"\d|\b(today|tonight|yesterday|ago|last|this|earlier|monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|"
    r"aug|sep|sept|oct|nov|dec)\b",
    re.I,
)
_NOISE = re.compile(r"^(on|in|since|by|from|during|until|of|the|as of)\s+", re.I)
_PERIOD = re.compile(r"\b(\d+|several|many|few)[- ](year|month|decade)s?\b|\byears\b|\bdecades\b", re.I)


@lru_cache(maxsize=4096)
def parse_relative(text: str, published: dt.date | None) -> dt.date | None:
    """A date phrase as a calendar date, relative to ``published`` (None: unresolvable).

    >>> parse_relative("on Thursday", dt.date(2024, 12, 6))
    datetime.date(2024, 12, 5)
    >>> parse_relative("a week ago", dt.date(2024, 12, 6))
    datetime.date(2024, 11, 29)
    >>> parse_relative("1 December 2024", None)
    datetime.date(2024, 12, 1)
    """
    phrase = _NOISE.sub("", text.strip())
    if not _DATELIKE.search(phrase) or _PERIOD.search(phrase):
        return None
    if phrase.lower() in ("today", "tonight", "this morning", "this evening", "this afternoon"):
        return published
    if published is None and not re.search(r"\d{4}", phrase):
        return None
    base = published or dt.date.today()
    date = _weekday_or_year(phrase, base)
    if date is None:
        date = dateparsed(phrase, base)
    if date is None or published is not None and date > published:
        return None
    return date


def dateparsed(phrase: str, base: dt.date) -> dt.date | None:
    """dateparser's date for ``phrase`` relative to noon of ``base`` (preferring the past), or None.

    >>> dateparsed("two days ago", dt.date(2024, 12, 6)), dateparsed("Sunday", dt.date(2024, 12, 6))
    (datetime.date(2024, 12, 4), datetime.date(2024, 12, 1))
    """
    settings = {
        "RELATIVE_BASE": dt.datetime.combine(base, dt.time(12)), "PREFER_DATES_FROM": "past",
        "PREFER_DAY_OF_MONTH": "first", "PREFER_MONTH_OF_YEAR": "first",
        "RETURN_AS_TIMEZONE_AWARE": False, "DATE_ORDER": "DMY",
    }
    try:
        value = dateparser.parse(phrase, languages=["en"], settings=settings)
    except (ValueError, OverflowError):
        return None
    return value.date() if value is not None else None


_WEEKDAYS = {name: n for n, name in enumerate(("monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                                                "sunday"))}
_YEAR = re.compile(r"[0-9]{4}")


def _weekday_or_year(phrase: str, base: dt.date) -> dt.date | None:
    """:func:`dateparsed` of a lone weekday (the last such day before ``base``: a week before on the same
    weekday) or a lone year (its 1 January), without dateparser; None for any other phrase.

    >>> _weekday_or_year("Friday", dt.date(2024, 12, 6)), _weekday_or_year("SUNDAY", dt.date(2024, 12, 6))
    (datetime.date(2024, 11, 29), datetime.date(2024, 12, 1))
    >>> _weekday_or_year("2017", dt.date(2024, 12, 6)), _weekday_or_year("0000", dt.date(2024, 12, 6))
    (datetime.date(2017, 1, 1), None)
    >>> _weekday_or_year("last Friday", dt.date(2024, 12, 6)) is None
    True
    """
    day = _WEEKDAYS.get(phrase.lower())
    if day is not None and (phrase.istitle() or phrase.islower() or phrase.isupper()):
        return base - dt.timedelta(days=(base.weekday() - day) % 7 or 7)
    if _YEAR.fullmatch(phrase) and int(phrase) >= 1:
        return dt.date(int(phrase), 1, 1)
    return None


def _clause_of(token: Token) -> Token | None:
    """The nearest verb above ``token`` (its clause), or None for a verbless sentence."""
    node = token
    while node.head.i != node.i:
        node = node.head
        if node.pos_ in ("VERB", "AUX") and node.dep_ not in ("aux", "auxpass"):
            return node
    return node if node.pos_ in ("VERB", "AUX") else None


def date_entities(sent: Span) -> list[Span]:
    """The DATE entities inside ``sent``: ``[e for e in sent.ents if e.label_ == "DATE"]``, read from the
    sentence's own tokens. ``Span.ents`` builds every entity of the whole document first, and a claim's
    date is asked for in every sentence with a claim: that scan was a third of the relation rules' time.

    An entity that begins before the sentence or runs on after it is not inside it (as ``Span.ents``).

    >>> import spacy
    >>> from spacy.tokens import Doc
    >>> doc = Doc(spacy.blank("en").vocab, words="On 3 March Assad fled . Last week".split(),
    ...           ents="O B-DATE I-DATE B-PERSON O O B-DATE I-DATE".split())
    >>> [e.text for e in date_entities(doc[0:5])], [e.text for e in date_entities(doc[0:7])]
    (['3 March'], ['3 March'])
    >>> [e.text for e in date_entities(doc[2:8])]
    ['Last week']
    """
    doc, found = sent.doc, []
    for i in range(sent.start, sent.end):
        token = doc[i]
        if token.ent_iob_ != "B" or token.ent_type_ != "DATE":
            continue
        end = i + 1
        while end < len(doc) and doc[end].ent_iob_ == "I":
            end += 1
        if end <= sent.end:
            found.append(Span(doc, i, end, label=token.ent_type, kb_id=token.ent_kb_id, span_id=token.ent_id))
    return found


def resolve_date(sent: Span, trigger: Token, published: dt.date | None) -> EventDate:
    """The date a claim made at ``trigger`` refers to, if the sentence gives one.

    A date phrase applies to the clause it hangs on and to the clauses under it ("On
    Thursday the monitor said rebels took Hama"), not to a coordinated clause beside it
    ("X is allied with Y and has fought there since 2012"); the closest one wins. A
    "since" phrase on the claim's own clause marks a state that still holds.

    The examples build the parsed sentences by hand (as the model parses them), so need no model:

    >>> import spacy
    >>> from spacy.tokens import Doc
    >>> doc = Doc(spacy.blank("en").vocab, words="Rebels took Hama on Thursday .".split(),
    ...           heads=[1, 1, 1, 1, 3, 1], deps="nsubj ROOT dobj prep pobj punct".split(),
    ...           pos="NOUN VERB PROPN ADP PROPN PUNCT".split(), ents="O O B-GPE O B-DATE O".split())
    >>> resolve_date(doc[:], doc[1], dt.date(2024, 12, 6))
    EventDate(date=datetime.date(2024, 12, 5), ongoing=False)
    >>> doc = Doc(spacy.blank("en").vocab, words="Russia has backed Assad since 2015 .".split(),
    ...           heads=[2, 2, 2, 2, 2, 4, 2], deps="nsubj aux ROOT dobj prep pobj punct".split(),
    ...           pos="PROPN AUX VERB PROPN SCONJ NUM PUNCT".split(), ents="B-GPE O O B-PERSON O B-DATE O".split())
    >>> resolve_date(doc[:], doc[2], dt.date(2024, 12, 6))
    EventDate(date=datetime.date(2015, 1, 1), ongoing=True)
    """
    dates = date_entities(sent)
    if not dates:
        return EventDate(None)
    clause = trigger if trigger.pos_ in ("VERB", "AUX") else _clause_of(trigger)
    candidates = []
    for ent in dates:
        home = _clause_of(ent.root)
        # a date applies to its own clause and to the clauses that clause governs
        if home is None or clause is None or home.i == clause.i or home in clause.ancestors:
            candidates.append((ent, home is not None and clause is not None and home.i == clause.i))
    for ent, own_clause in sorted(candidates, key=lambda c: abs(c[0].root.i - trigger.i)):
        date = parse_relative(ent.text, published)
        if date is not None:
            since = ent.start > 0 and sent.doc[ent.start - 1].lower_ == "since"
            pluperfect = clause is not None and any(c.lower_ == "had" and c.dep_ in ("aux", "auxpass") for c in clause.children)
            return EventDate(date, ongoing=since and own_clause and not pluperfect)
    return EventDate(None)
