"""The rule hooks (graph/rules/hooks/) on whole sentences of the real model: the constructions of wire
reports whose records need logic beyond their pattern, and the near readings they must not give.

Each case names the asserted edges a sentence must give (``made``) and those it must not (``not_made``),
as (subject, relation, object) dictionary names.
"""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow

CASES = [
    ("no-longer-controls",
     "The Syrian army no longer controls Palmyra, a monitor said.",
     [("Assad government", "withdrewFrom", "Palmyra")],
     [("Assad government", "controls", "Palmyra")]),
    ("pulled-out-and-took",
     "Hezbollah units pulled out and the rebels took control of Qusayr.",
     [("Hezbollah", "withdrewFrom", "Qusayr"), ("Syrian rebels", "controls", "Qusayr")],
     []),
    ("pulled-out-and-took-one-side",
     "The rebels pulled back and later retook Qusayr.",
     [],
     [("Syrian rebels", "withdrewFrom", "Qusayr")]),
    ("retreated-towards",
     "Hezbollah units retreated towards Qusayr overnight.",
     [],
     [("Hezbollah", "withdrewFrom", "Qusayr")]),
    ("posts-of-a-town",
     "Russian military police abandoned their Manbij posts on Sunday.",
     [("Russia", "withdrewFrom", "Manbij")],
     []),
    ("wrested-back-from",
     "Rwandan troops wrested Palma back from the insurgents.",
     [("Rwanda", "controls", "Palma"), ("Cabo Delgado insurgents", "withdrewFrom", "Palma"),
      ("Rwanda", "opposes", "Cabo Delgado insurgents")],
     []),
    ("took-charge",
     "M23 rebels took charge of Bunagana on Friday.",
     [("M23", "controls", "Bunagana")],
     []),
    ("its-main-supporter-is-not-itself",
     "The raid was a blow to Hezbollah and to Iran, its main supporter.",
     [("Iran", "backs", "Hezbollah")],
     [("Hezbollah", "backs", "Iran")]),
    ("apposition-outside-the-modal",
     "His death would deal a heavy blow to Hezbollah and to Iran, its main patron.",
     [("Iran", "backs", "Hezbollah")],
     []),
    ("primary-backer-in-a-list",
     "The war could draw in the United States and Iran, Hezbollah's primary backer.",
     [("Iran", "backs", "Hezbollah")],
     [("United States", "backs", "Hezbollah")]),
    ("lost-the-backing",
     "The Afghan army collapsed once it lost the backing of the US military.",
     [("United States", "backs", "Afghan government")],
     []),
    ("loyal-named-group",
     "The People's Defence Force, loyal to the National Unity Government, seized Momauk.",
     [("People's Defence Force", "backs", "National Unity Government")],
     []),
    ("forces-loyal-to-are-his-own",
     "Forces loyal to Bashar al-Assad shelled Douma overnight.",
     [],
     [("Assad government", "backs", "Bashar al-Assad")]),
    ("killed-the-leader",
     "Israel said it had killed Hassan Nasrallah, the leader of Hezbollah, in Beirut.",
     [("Israel", "opposes", "Hezbollah"), ("Israel", "opposes", "Hassan Nasrallah")],
     []),
    ("ally-in-the-fight",
     "The SDF is an ally of the United States in the fight against the Islamic State.",
     [("SDF", "opposes", "ISIS"), ("United States", "opposes", "ISIS")],
     []),
    ("assist-against",
     "Rwandan troops were sent to assist the Mozambican army against the insurgents in Cabo Delgado.",
     [("Rwanda", "opposes", "Cabo Delgado insurgents"), ("Mozambique", "opposes", "Cabo Delgado insurgents")],
     []),
    ("coordinate-attacks",
     "Hezbollah used the bunker to coordinate attacks on Israel.",
     [("Hezbollah", "opposes", "Israel")],
     []),
    ("bent-on-toppling",
     "Bent on toppling the Somali government, al-Shabaab stages frequent raids.",
     [("al-Shabaab", "opposes", "Somali government")],
     []),
    ("intent-on-attacking-is-not-a-stance",
     "Al-Shabaab is intent on attacking the Somali government.",
     [],
     [("al-Shabaab", "opposes", "Somali government")]),
    ("loyal-to-a-described-name",
     "The KIA fought beside People's Defence Forces loyal to the shadow National Unity Government.",
     [("People's Defence Force", "backs", "National Unity Government")],
     []),
    ("loyal-to-a-description",
     "The LNA is loyal to a rival government based in the east.",
     [],
     [("LNA", "backs", "Government of National Stability")]),
    ("held-out-against",
     "Kurdish fighters held out against the Islamic State in Kobani for months.",
     [("Kurdish forces", "opposes", "ISIS")],
     [("Kurdish forces", "controls", "Kobani")]),
]


@pytest.mark.parametrize("text,made,not_made", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_hooks_construction(edges_of, iri, text, made, not_made):
    edges = edges_of(text)
    for subject, relation, obj in made:
        assert (iri(subject), relation, iri(obj)) in edges, f"missing {subject} {relation} {obj}"
    for subject, relation, obj in not_made:
        assert (iri(subject), relation, iri(obj)) not in edges, f"wrongly gave {subject} {relation} {obj}"
