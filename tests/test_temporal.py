"""Event dates resolved against the publication date."""
from __future__ import annotations

import datetime as dt

import pytest

from graph.temporal import _weekday_or_year, dateparsed, parse_relative

FRIDAY = dt.date(2024, 12, 6)


@pytest.mark.parametrize("phrase,expected", [
    ("today", FRIDAY), ("on Thursday", dt.date(2024, 12, 5)), ("a week ago", dt.date(2024, 11, 29)),
    ("last month", dt.date(2024, 11, 1)), ("1 December 2024", dt.date(2024, 12, 1)), ("December 3", dt.date(2024, 12, 3)),
    ("yesterday", dt.date(2024, 12, 5)), ("in 2016", dt.date(2016, 1, 1)),
], ids=lambda v: v if isinstance(v, str) else None)
def test_temporal_relative_dates(phrase, expected):
    assert parse_relative(phrase, FRIDAY) == expected


@pytest.mark.parametrize("phrase", ["years", "five decades", "the past week of fighting", "14-year", "tomorrow"])
def test_temporal_periods_and_future_give_no_date(phrase):
    assert parse_relative(phrase, FRIDAY) is None


def test_temporal_relative_phrase_needs_a_publication_date():
    assert parse_relative("on Thursday", None) is None
    assert parse_relative("1 December 2024", None) == dt.date(2024, 12, 1)


def test_temporal_claim_dates_in_context(claims_of):
    claims = claims_of("On Thursday, the Observatory said rebels had captured Hama. "
                       "Hezbollah is allied with Iran and has fought in Syria since 2012.")
    dated = {c.relation: c.event_date for c in claims}
    assert dated["controls"] == dt.date(2024, 12, 5)  # the date on the reporting clause covers what it reports
    assert dated["alliedWith"] is None  # "since 2012" belongs to the coordinated clause, not to the alliance


WORDS = "Last week , on 3 March , Assad fled . Since 2015 Russia backed him".split()
ENTS = "B-DATE I-DATE O O B-DATE I-DATE O B-PERSON O O O B-DATE B-GPE O O".split()


@pytest.mark.parametrize(("start", "end"), [(0, 10), (0, 1), (1, 5), (5, 15), (3, 15), (10, 12), (0, 15), (4, 4)],
                         ids=["sentence", "cuts-an-entity", "starts-inside-one", "starts-inside-another", "two-dates",
                              "date-at-the-end", "whole", "empty"])
def test_temporal_date_entities_are_the_spans_dates(start, end):
    """The sentence's own DATE entities, as ``Span.ents`` gives them (which scans the whole document)."""
    import spacy
    from spacy.tokens import Doc

    from graph.temporal import date_entities

    doc = Doc(spacy.blank("en").vocab, words=WORDS, ents=ENTS)
    span = doc[start:end]
    expected = [(e.start, e.end, e.label_) for e in span.ents if e.label_ == "DATE"]
    assert [(e.start, e.end, e.label_) for e in date_entities(span)] == expected


#: base dates every 53 days over 2000-2030, and the days around a leap day and a new year
BASES = [dt.date(2000, 1, 1) + dt.timedelta(days=n) for n in range(0, 11323, 53)] + \
    [dt.date(2024, 2, 27) + dt.timedelta(days=n) for n in range(4)] + [dt.date(2024, 12, 29) + dt.timedelta(days=n) for n in range(7)]


@pytest.mark.parametrize("weekday", ["Monday", "tuesday", "WEDNESDAY", "Thursday", "Friday", "Saturday", "Sunday"])
def test_temporal_a_lone_weekday_is_the_date_dateparser_gives(weekday):
    """Computed without dateparser, as dateparser resolves it (checked here on 227 base dates per weekday, and
    once on every day of 2000-2030 in three spellings: 86,149 phrases, none different)."""
    assert [_weekday_or_year(weekday, base) for base in BASES] == [dateparsed(weekday, base) for base in BASES]


def test_temporal_a_lone_year_is_the_date_dateparser_gives():
    """As above (checked once on every year 0000-9999 against five base dates)."""
    years = [f"{y:04d}" for y in (*range(0, 30), *range(990, 3100, 7), 9998, 9999)]
    for base in (FRIDAY, dt.date(1990, 6, 15)):
        assert [_weekday_or_year(y, base) for y in years] == [dateparsed(y, base) for y in years]
        assert [parse_relative(y, base) for y in years[:40]] == [d if d and d <= base else None for d in
                                                                 (dateparsed(y, base) for y in years[:40])]
    assert _weekday_or_year("Friday 2017", FRIDAY) is None and _weekday_or_year("fRiday", FRIDAY) is None
