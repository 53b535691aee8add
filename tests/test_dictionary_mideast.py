"""The actor dictionary of the Middle East and neighbouring wars (ontology/actors/iraq.ttl, yemen.ttl,
israel-gaza-lebanon.ttl, iran.ttl, russia-ukraine.ttl, afghanistan.ttl, armenia-azerbaijan.ttl): the names
of each theatre resolve to their actors, and sentences written for this test give the claims an analyst
expects through the real pipeline (only what the current rules extract)."""
from __future__ import annotations

import pytest

from graph.actors import ActorDictionary

A = "https://w3id.org/actorgraph/id/actor/"

#: (name as a report writes it, the actor's slug)
NAMES = {
    "iraq": [
        ("Iraqi security forces", "iraq"), ("Counter-Terrorism Service", "iraq"), ("Golden Division", "iraq"),
        ("Hashd Shaabi", "popular-mobilization-units"), ("the Popular Mobilization", "popular-mobilization-units"),
        ("Kurdish peshmerga", "peshmerga"), ("KRG", "kurdistan-regional-government"),
        ("Asaib Ahl al-Haq", "asaib-ahl-al-haq"), ("Harakat al-Nujaba", "harakat-hezbollah-al-nujaba"),
        ("Badr Organisation", "badr-organization"), ("Mahdi Army", "saraya-al-salam"),
        ("Islamic State of Iraq", "al-qaida-in-iraq"), ("Islamic State of Iraq and al-Sham", "isis"),
        ("Prime Minister Haider al-Abadi", "haider-al-abadi"), ("Nuri al-Maliki", "nouri-al-maliki"),
        ("Moqtada al-Sadr", "muqtada-al-sadr"), ("Abu Bakr al-Baghdadi", "abu-bakr-al-baghdadi"),
        ("Tel Afar", "tal-afar"), ("Ain al-Asad air base", "ain-al-asad-air-base"), ("Anbar province", "anbar-governorate"),
    ],
    "israel-gaza-lebanon": [
        ("Israeli warplanes", "israel"), ("IDF troops", "israel-defense-forces"), ("Shin Bet", "shin-bet"),
        ("Ezzedine al-Qassam Brigades", "qassam-brigades"), ("Hamas's armed wing", "qassam-brigades"),
        ("Islamic Jihad", "palestinian-islamic-jihad"), ("Saraya al-Quds", "al-quds-brigades"),
        ("Palestinian Authority", "palestinian-authority"), ("Lebanese Armed Forces", "lebanon"),
        ("Radwan Force", "hezbollah"), ("Yahya Sinwar", "yahya-sinwar"), ("Ismail Haniya", "ismail-haniyeh"),
        ("Naim Qassem", "naim-qassem"), ("Defence Minister Yoav Gallant", "yoav-gallant"), ("Dahiyeh", "southern-beirut"),
        ("Rafah", "rafah"), ("Philadelphi corridor", "philadelphi-corridor"), ("Kerem Shalom", "kerem-shalom-crossing"),
        ("al-Shifa hospital", "al-shifa-hospital"), ("Kibbutz Be'eri", "beeri"), ("Bekaa", "bekaa-valley"),
    ],
    "yemen": [
        ("Yemen's internationally recognised government", "yemeni-government"), ("Yemeni army", "yemeni-government"),
        ("Presidential Leadership Council", "yemeni-government"), ("Huthi rebels", "houthis"), ("Ansarullah", "houthis"),
        ("STC", "southern-transitional-council"), ("UAE-backed Security Belt force", "security-belt"),
        ("Riyadh-led coalition", "saudi-led-coalition"), ("Arab coalition", "saudi-led-coalition"),
        ("al-Qaeda in the Arabian Peninsula", "aqap"), ("Al-Amaliqa", "giants-brigades"),
        ("Yemeni President Abderabbo Mansour Hadi", "abdrabbuh-mansour-hadi"), ("Hadi", "abdrabbuh-mansour-hadi"),
        ("Abdul-Malik al-Houthi", "abdul-malik-al-houthi"), ("Aidarous al-Zubaidi", "aidarous-al-zubaidi"),
        ("Maashiq Palace", "aden-presidential-palace"), ("Hodeidah", "hodeidah"), ("Bab al-Mandab", "bab-el-mandeb"),
    ],
    "russia-ukraine": [
        ("Russian Aerospace Forces", "russia"), ("Rosgvardia", "russia"), ("Black Sea Fleet", "russia"),
        ("Armed Forces of Ukraine", "ukraine"), ("ZSU", "ukraine"), ("SBU", "sbu"), ("HUR", "hur"), ("Azov Regiment", "azov"),
        ("Russian Volunteer Corps", "russian-volunteer-corps"), ("Kadyrovtsy", "akhmat-forces"),
        ("pro-Russian separatists", "donbas-separatists"), ("DNR", "donetsk-peoples-republic"),
        ("Lugansk People's Republic", "luhansk-peoples-republic"), ("Moscow-installed officials", "russian-installed-authorities"),
        ("Volodymyr Zelenskyy", "volodymyr-zelensky"), ("General Oleksandr Syrskyi", "oleksandr-syrskyi"),
        ("Valery Zaluzhny", "valerii-zaluzhnyi"), ("Sergey Shoigu", "sergei-shoigu"), ("Gerasimov", "valery-gerasimov"),
        ("Kherson oblast", "kherson-region"), ("Russia's Kursk region", "kursk-region"), ("Sudja", "sudzha"),
        ("ZNPP", "zaporizhzhia-nuclear-power-plant"), ("Crimean Bridge", "kerch-bridge"), ("Donbass", "donbas"),
    ],
    "afghanistan": [
        ("Afghan National Army", "afghan-government"), ("ANDSF", "afghan-government"), ("Afghan commandos", "afghan-government"),
        ("Islamic Emirate of Afghanistan", "taliban"), ("Taleban", "taliban"), ("Haqqani network", "haqqani-network"),
        ("Pakistani Taliban", "ttp"), ("ISKP", "isis-k"), ("Islamic State Khorasan", "isis-k"),
        ("National Resistance Front of Afghanistan", "national-resistance-front"), ("President Ashraf Ghani", "ashraf-ghani"),
        ("Haibatullah Akhundzada", "hibatullah-akhundzada"), ("Mullah Baradar", "abdul-ghani-baradar"),
        ("Bagram airfield", "bagram-air-base"), ("Kabul airport", "kabul-airport"), ("Panjshir", "panjshir-valley"),
        ("Torkham", "torkham-crossing"),
    ],
    "armenia-azerbaijan": [
        ("Azeri forces", "azerbaijan"), ("Azerbaijani Defence Ministry", "azerbaijan"), ("Armenian Armed Forces", "armenia"),
        ("Republic of Artsakh", "artsakh"), ("Artsakh Defence Army", "artsakh"), ("Karabakh Armenian forces", "artsakh"),
        ("Nagorno Karabakh", "nagorno-karabakh"), ("Lachin corridor", "lachin-corridor"), ("Ilham Aliyev", "ilham-aliyev"),
        ("Nikol Pashinian", "nikol-pashinyan"), ("Arayik Harutyunyan", "arayik-harutyunyan"),
    ],
    "iran": [
        ("Artesh", "iran"), ("Iranian army", "iran"), ("Iran's Islamic Revolutionary Guard Corps", "irgc"),
        ("Pasdaran", "irgc"), ("Basij militia", "basij"), ("Mujahedin-e Khalq", "mek"), ("Jaysh al-Adl", "jaish-al-adl"),
        ("Qasem Soleimani", "qassem-soleimani"), ("Esmail Ghaani", "esmail-qaani"), ("Ebrahim Raisi", "ebrahim-raisi"),
        ("General Hossein Salami", "hossein-salami"), ("Fordo", "fordow-enrichment-facility"),
        ("Natanz uranium enrichment facility", "natanz-enrichment-facility"), ("Strait of Hormuz", "strait-of-hormuz"),
    ],
}


@pytest.fixture(scope="module")
def bundled() -> ActorDictionary:
    return ActorDictionary.bundled()


@pytest.mark.parametrize("name, slug", [pytest.param(n, s, id=f"{t}-{n}") for t, pairs in NAMES.items() for n, s in pairs])
def test_dictionary_mideast_name_resolves_to_its_actor(bundled, name, slug):
    actor = bundled.lookup(name)
    assert actor is not None and actor.iri == A + slug, (name, actor)


@pytest.mark.parametrize("name", ["Hussein", "Sinwar", "Barzani", "Talabani"])
def test_dictionary_mideast_shared_surname_names_nobody(bundled, name):
    """A surname several leaders share ("Barzani": Masoud, Nechirvan, Masrour) is nobody's name alone."""
    assert bundled.lookup(name) is None


@pytest.mark.slow
def test_dictionary_mideast_offices_head_their_actor(bundled):
    """An office is background (ag:office): the dictionary's graph keeps it for the leads of a title."""
    from rdflib import Graph, URIRef

    from graph.actors import bundled_files
    from graph.namespaces import AG

    graph = Graph()
    for path in bundled_files():
        graph.parse(path, format="turtle")
    heads = {(str(person), str(graph.value(office, AG.heads)), str(graph.value(office, AG.title)))
             for person, office in graph.subject_objects(AG.office)}
    assert (A + "haider-al-abadi", A + "iraq", "prime minister") in heads
    assert (A + "abu-bakr-al-baghdadi", A + "isis", "leader") in heads
    assert (A + "benjamin-netanyahu", A + "israel", "prime minister") in heads
    assert (A + "herzi-halevi", A + "israel-defense-forces", "chief of staff") in heads
    assert (A + "naim-qassem", A + "hezbollah", "secretary-general") in heads
    assert (A + "ali-khamenei", A + "iran", "supreme leader") in heads
    assert (A + "abdrabbuh-mansour-hadi", A + "yemeni-government", "president") in heads
    assert (A + "vladimir-putin", A + "russia", "president") in heads
    assert (A + "oleksandr-syrskyi", A + "ukraine", "commander-in-chief") in heads
    assert (A + "ashraf-ghani", A + "afghan-government", "president") in heads
    assert (A + "ilham-aliyev", A + "azerbaijan", "president") in heads
    assert all(URIRef(h) in set(graph.subjects()) for _, h, _ in heads)


#: (sentence written for this test, claims (subject, relation, object) by label that must be among the asserted;
#: "A|B": either label)
SENTENCES = {
    "iraq-peshmerga": ("Peshmerga fighters recaptured Zumar from the Islamic State, Kurdish officials said.",
                       {("Peshmerga", "controls", "Zumar"), ("Peshmerga", "opposes", "Islamic State")}),
    "iraq-security-forces": ("Security forces clashed with Islamic State militants near Hawija, Iraqi officials said.",
                             {("Iraq", "opposes", "Islamic State")}),
    "iraq-pmf-backing": ("Iraqi government forces, backed by the Popular Mobilization, retook Tal Afar from ISIS.",
                         {("Popular Mobilization Units", "backs", "Iraq"), ("Iraq", "controls", "Tal Afar")}),
    "iraq-shiite-militias": ("The Shiite militias attacked Islamic State positions near Amerli, an Iraqi army officer said.",
                             {("Popular Mobilization Units", "opposes", "Islamic State")}),
    "iraq-badr": ("Badr Organization fighters seized Jurf al-Sakhar from Islamic State in October 2014.",
                  {("Badr Organization", "controls", "Jurf al-Sakhar")}),
    "israel-the-army": ("The Israeli military said its troops had killed Hamas fighters in Rafah. The army said it had "
                        "seized the Philadelphi corridor.",
                        {("Israel", "opposes", "Hamas"), ("Israel Defense Forces|Israel", "controls", "Philadelphi corridor")}),
    "israel-withdrawal": ("Israeli forces withdrew from the Netzarim corridor on Sunday, Hamas said.",
                          {("Israel", "withdrewFrom", "Netzarim corridor")}),
    "lebanon-the-lebanese-group": ("Hezbollah fired rockets at northern Israel, and Israel struck the Lebanese group's "
                                   "positions in southern Lebanon.",
                                   {("Hezbollah", "opposes", "Israel"), ("Israel", "opposes", "Hezbollah")}),
    "gaza-qassam": ("The Qassam Brigades, Hamas's armed wing, said its fighters had attacked Israeli soldiers in Jabalia.",
                    {("Qassam Brigades", "opposes", "Israel")}),
    "yemen-separatists": ("Separatists of the Southern Transitional Council took control of Aden's presidential palace "
                          "from government forces.",
                          {("Southern Transitional Council", "controls", "Aden presidential palace"),
                           ("Southern Transitional Council", "opposes", "Yemeni government")}),
    "yemen-coalition-backing": ("Government forces backed by coalition warplanes retook Marib from the rebels, Yemeni "
                                "military sources said.",
                                {("Saudi-led coalition", "backs", "Yemeni government"),
                                 ("Yemeni government", "opposes", "Houthis")}),
    "yemen-coalition-strikes": ("The Saudi-led coalition launched airstrikes on Houthi positions in Hodeidah, Yemeni "
                                "officials said.", {("Saudi-led coalition", "opposes", "Houthis")}),
    "ukraine-russian-capture": ("Russian forces captured Avdiivka after months of fighting, the Russian Defence Ministry "
                                "said.", {("Russia", "controls", "Avdiivka")}),
    "ukraine-withdrawal": ("Ukrainian troops withdrew from Bakhmut in May 2023.", {("Ukraine", "withdrewFrom", "Bakhmut")}),
    "ukraine-separatists": ("Separatists shelled Ukrainian army positions near Debaltseve, Kyiv said.",
                            {("Russian-backed separatists", "opposes", "Ukraine")}),
    "ukraine-president": ("Ukrainian President Volodymyr Zelensky said the Armed Forces of Ukraine had retaken Kupiansk.",
                          {("Volodymyr Zelensky", "leads", "Ukraine"), ("Ukraine", "controls", "Kupiansk")}),
    "afghanistan-taliban-capture": ("Taliban fighters captured Kunduz in September 2015 after Afghan forces withdrew.",
                                    {("Taliban", "controls", "Kunduz"), ("Afghan government", "withdrewFrom", "Kunduz")}),
    "afghanistan-bagram": ("The Taliban seized Bagram Air Base after US forces left.",
                           {("Taliban", "controls", "Bagram Air Base")}),
    "afghanistan-nrf": ("NRF fighters clashed with the Taliban in the Panjshir Valley.",
                        {("National Resistance Front", "opposes", "Taliban"), ("Taliban", "opposes", "National Resistance Front")}),
    "karabakh-shusha": ("Azerbaijani forces captured Shusha from ethnic Armenian forces in November 2020.",
                        {("Azerbaijan", "controls", "Shusha"), ("Artsakh", "withdrewFrom", "Shusha"),
                         ("Azerbaijan", "opposes", "Artsakh")}),
    "karabakh-separatists": ("Azerbaijan launched an offensive against the separatists in Nagorno-Karabakh, and the "
                             "breakaway republic agreed to disarm.", {("Azerbaijan", "opposes", "Artsakh")}),
    "armenia-withdrawal": ("Armenian troops withdrew from Lachin under the ceasefire deal.",
                           {("Armenia", "withdrewFrom", "Lachin")}),
    "iran-backs-hezbollah": ("Iran supplied missiles to Hezbollah, Israeli officials said.", {("Iran", "backs", "Hezbollah")}),
    "iran-irgc-commander": ("General Hossein Salami, the commander of the IRGC, was killed in an Israeli strike on Tehran.",
                            {("Hossein Salami", "leads", "Islamic Revolutionary Guard Corps")}),
}


@pytest.mark.slow
def test_dictionary_mideast_militants_of_a_syria_report_are_not_hamas(claims_of):
    """A report about Syria that mentions Hamas in passing: its "militants" are not Hamas's, which carries
    only descriptors that say whose they are ("Palestinian militants")."""
    claims = claims_of("Rebels and allied militants captured Aleppo from government forces, a year after Hamas "
                       "attacked Israel, Syrian officials said.")
    found = {(c.subject.label, c.relation, c.object.label) for c in claims}
    assert ("Syrian rebels", "controls", "Aleppo") in found
    assert not any("Hamas" == s and o in ("Aleppo", "Assad government") for s, _, o in found), found


@pytest.mark.slow
@pytest.mark.parametrize("text, expected", list(SENTENCES.values()), ids=list(SENTENCES))
def test_dictionary_mideast_sentence_gives_its_claims(claims_of, text, expected):
    found = {(c.subject.label, c.relation, c.object.label) for c in claims_of(text) if c.status == "asserted"}
    missing = [(s, r, o) for s, r, o in expected if not any((a, r, o) in found for a in s.split("|"))]
    assert missing == [], found
