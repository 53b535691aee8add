"""Wars and years the held-out batch 12 brought (tests/data/heldout/README.md): two new theatres, Sierra Leone
1991-2002 (ontology/actors/sierra-leone.ttl: the RUF, the AFRC, the Kamajors, ECOMOG) and Rwanda 1990-94 (rwanda.ttl:
the RPF, the Interahamwe, UNAMIR), and older years of known theatres (Afghanistan's Northern Alliance of 1996-2001,
Saddam Hussein's guards and Fedayeen of 2003, Mali's AFISMA and MIA of 2013, Israel's and Lebanon's leaders of 2006,
the Luhansk leader of 2014-17, and the offices of the US, French, British and German leaders that reports of
many wars name): names resolve to their actors, descriptors name the side the war's reports mean,
offices head their bodies on their days, and sentences written for this test give the claims an analyst expects
through the real pipeline."""
from __future__ import annotations

import datetime as dt

import pytest

A = "https://w3id.org/actorgraph/id/actor/"

#: (name as a report writes it, the slug of the actor it names)
NAMES = [
    ("Revolutionary United Front", "ruf"), ("RUF rebels", "ruf"), ("Armed Forces Revolutionary Council", "afrc"),
    ("Kamajor militia", "kamajors"), ("Civil Defence Forces", "kamajors"), ("ECOMOG peacekeepers", "ecomog"),
    ("Nigerian-led ECOMOG", "ecomog"), ("Foday Sankoh", "foday-sankoh"), ("Hinga Norman", "sam-hinga-norman"),
    ("Kabbah", "ahmad-tejan-kabbah"), ("Sierra Leonean troops", "sierra-leone"), ("State House", "state-house-freetown"),
    ("Kissy", "kissy"), ("Rwandan Patriotic Front", "rpf"), ("Interahamwe militia", "interahamwe"),
    ("Rwandan Armed Forces", "rwanda"), ("UNAMIR", "unamir"), ("Operation Turquoise", "france"),
    ("Romeo Dallaire", "romeo-dallaire"), ("Northern Alliance", "northern-alliance"),
    ("United Islamic Front", "northern-alliance"), ("Marshal Fahim", "mohammed-fahim"),
    ("Ahmed Shah Massoud", "ahmad-shah-massoud"), ("Atta Mohammad", "atta-mohammad-noor"),
    ("Fedayeen Saddam", "fedayeen-saddam"), ("Special Republican Guard", "special-republican-guard"),
    ("Republican Guard", "republican-guard"), ("Saddam International Airport", "baghdad-international-airport"),
    ("AFISMA", "afisma"), ("Islamic Movement of Azawad", "islamic-movement-of-azawad"), ("Diabaly", "diabaly"),
    ("Ehud Olmert", "ehud-olmert"), ("Fouad Siniora", "fouad-siniora"), ("Igor Plotnitsky", "igor-plotnitsky"),
]


@pytest.mark.parametrize("name, slug", NAMES, ids=[n for n, _ in NAMES])
def test_dictionary_earlier_years_name_resolves_to_its_actor(dictionary, name, slug):
    actor = dictionary.lookup(name)
    assert actor is not None and actor.iri == A + slug, (name, actor)


def test_dictionary_earlier_years_wellington_stays_new_zealand_s(dictionary):
    """Freetown's Wellington district is not written: the name is New Zealand's capital (a state's name)."""
    assert dictionary.lookup("Wellington").iri == A + "new-zealand"


@pytest.mark.parametrize("descriptor, slug, theatre", [
    ("the rebels", "ruf", "sierra-leone"), ("the peacekeepers", "ecomog", "liberia"), ("the militia", "kamajors", "sierra-leone"),
    ("the rebel movement", "rpf", "rwanda"), ("the government army", "rwanda", "rwanda"),
], ids=["sl-rebels", "ecomog-liberia", "kamajors", "rpf", "far"])
def test_dictionary_earlier_years_descriptor_names_its_theatre_s_actor(dictionary, descriptor, slug, theatre):
    candidates = dictionary.described(dictionary.descriptor_id(descriptor))
    assert A + slug in [a.iri for a in candidates]
    assert A + theatre in dictionary.theatre[A + slug]


@pytest.mark.parametrize("person, title, day, body", [
    ("Ahmad Tejan Kabbah", "president", "1999-01-12", "sierra-leone"), ("Charles Taylor", "president", "1999-01-12", "liberia"),
    ("Charles Taylor", "leader", "1995-01-01", "npfl"), ("Paul Kagame", "commander", "1994-07-04", "rpf"),
    ("Theodore Sindikubwabo", "president", "1994-07-04", "rwanda"), ("Mohammed Fahim", "commander", "2001-11-13", "northern-alliance"),
    ("Ahmad Shah Massoud", "commander", "2000-06-01", "northern-alliance"),
    ("Qusay Hussein", "commander", "2003-04-09", "special-republican-guard"),
    ("Alghabass Ag Intalla", "leader", "2013-01-30", "islamic-movement-of-azawad"),
    ("Ehud Olmert", "prime minister", "2006-08-21", "israel"), ("Fouad Siniora", "prime minister", "2006-08-21", "lebanon"),
    ("Igor Plotnitsky", "head", "2015-02-18", "luhansk-peoples-republic"),
    ("George W. Bush", "president", "2001-11-14", "united-states"), ("Barack Obama", "president", "2014-08-10", "united-states"),
    ("Donald Trump", "president", "2019-10-07", "united-states"), ("Joe Biden", "president", "2024-01-12", "united-states"),
    ("Angela Merkel", "chancellor", "2015-02-18", "germany"), ("Rishi Sunak", "prime minister", "2024-01-12", "united-kingdom"),
    ("Pervez Musharraf", "president", "2001-11-14", "pakistan"),
], ids=["kabbah", "taylor", "taylor-npfl", "kagame-rpf", "sindikubwabo", "fahim", "massoud", "qusay", "intalla", "olmert",
        "siniora", "plotnitsky", "bush", "obama", "trump-first-term", "biden", "merkel", "sunak", "musharraf"])
def test_dictionary_earlier_years_office_heads_its_body_on_the_day(dictionary, person, title, day, body):
    actor = dictionary.office_heading(dictionary.lookup(person).iri, title, dt.date.fromisoformat(day))
    assert actor is not None and actor.iri == A + body, actor


@pytest.mark.parametrize("person, title, day", [
    ("Paul Kagame", "commander", "2010-01-01"), ("Mohammed Fahim", "commander", "2001-06-01"),
    ("Theodore Sindikubwabo", "president", "1994-03-01"), ("Donald Trump", "president", "2023-10-07"),
    ("Joe Biden", "president", "2025-06-01"),
], ids=["kagame-after-1994", "fahim-before-massoud-s-death", "sindikubwabo-before-april-1994", "trump-between-terms",
        "biden-after-his-term"])
def test_dictionary_earlier_years_office_is_not_held_outside_its_dates(dictionary, person, title, day):
    assert dictionary.office_heading(dictionary.lookup(person).iri, title, dt.date.fromisoformat(day)) is None


SENTENCES = [
    ("RUF rebels and AFRC soldiers fought ECOMOG troops in Kissy, east of Freetown.", dt.date(1999, 1, 12),
     {("RUF", "opposes", "ECOMOG"), ("AFRC", "opposes", "ECOMOG")}),
    ("The Kamajor militia, led by Sam Hinga Norman, attacked rebel positions near Bo.", dt.date(1998, 6, 1),
     {("Sam Hinga Norman", "leads", "Kamajors"), ("Kamajors", "opposes", "RUF")}),
    ("The Rwandan Patriotic Front captured Butare and Gitarama as government forces fled towards Gisenyi.",
     dt.date(1994, 7, 5), {("RPF", "controls", "Butare"), ("RPF", "controls", "Gitarama")}),
    ("Fedayeen Saddam militiamen ambushed a US convoy near Nasiriyah.", dt.date(2003, 3, 25),
     {("Fedayeen Saddam", "opposes", "United States")}),
    ("Major General Shehu Usman Abdulkadir, the AFISMA commander, arrived in Bamako.", dt.date(2013, 1, 29),
     {("Shehu Usman Abdulkadir", "leads", "AFISMA")}),
    ("German Chancellor Angela Merkel and French President Francois Hollande brokered the truce.", dt.date(2015, 2, 12),
     {("Angela Merkel", "leads", "Germany")}),
    ("Pakistan's military ruler, General Pervez Musharraf, urged the alliance to stay out of Kabul.", dt.date(2001, 11, 13),
     {("Pervez Musharraf", "leads", "Pakistan")}),
    ("The alliance ignored appeals from President George W. Bush to stay outside the city.", dt.date(2001, 11, 14),
     {("George W. Bush", "leads", "United States")}),
]


@pytest.mark.slow
@pytest.mark.parametrize("text, published, expected", SENTENCES,
                         ids=["freetown", "kamajors", "rpf", "fedayeen", "afisma", "chancellor", "ruler", "office"])
def test_dictionary_earlier_years_sentence_gives_the_expected_claims(claims_of, text, published, expected):
    claims = claims_of(text, published=published)
    found = {(c.subject.label, c.relation, c.object.label) for c in claims if c.status == "asserted"}
    assert expected <= found, found
