"""The HTML view without a browser: data extraction, escaping, self-containment."""
from __future__ import annotations

SYRIA_TRIG = r'''
@prefix ag: <https://w3id.org/actorgraph#> .
@prefix actor: <https://w3id.org/actorgraph/id/actor/> .
@prefix doc: <https://w3id.org/actorgraph/id/doc/> .
@prefix claim: <https://w3id.org/actorgraph/id/claim/> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix schema: <https://schema.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

<https://w3id.org/actorgraph/id/graph/actors> {
  actor:hts a ag:ArmedGroup ; rdfs:label "Hayat Tahrir al-Sham" ; skos:prefLabel "Hayat Tahrir al-Sham" ; skos:altLabel "HTS" .
  actor:assad-government a ag:Government ; skos:prefLabel "Assad government" ; skos:altLabel "Syrian government", "Damascus" .
  actor:russia a ag:State ; skos:prefLabel "Russia" ; skos:altLabel "Moscow" .
  actor:iran a ag:State ; skos:prefLabel "Iran" ; skos:altLabel "Tehran" .
  actor:turkey a ag:State ; skos:prefLabel "Turkey" ; skos:altLabel "Ankara", "Türkiye" .
  actor:united-states a ag:State ; skos:prefLabel "United States" ; skos:altLabel "Washington" .
  actor:hezbollah a ag:ArmedGroup ; skos:prefLabel "Hezbollah" .
  actor:sdf a ag:ArmedGroup ; skos:prefLabel "Syrian Democratic Forces" ; skos:altLabel "SDF" .
  actor:sna a ag:ArmedGroup ; skos:prefLabel "Syrian National Army" ; skos:altLabel "SNA" .
  actor:ahmed-al-sharaa a ag:Person ; skos:prefLabel "Ahmed al-Sharaa" ; skos:altLabel "Abu Mohammed al-Jolani" .
  actor:aleppo a ag:Place, ag:Settlement ; skos:prefLabel "Aleppo" .
  actor:hama a ag:Settlement ; skos:prefLabel "Hama" .
  actor:kuweires-airbase a ag:Facility ; skos:prefLabel "Kuweires air base" .
  actor:syrian-observatory a ag:Organization ; skos:prefLabel "Syrian Observatory for Human Rights" ; skos:altLabel "SOHR" .
}

<https://w3id.org/actorgraph/id/graph/documents> {
  doc:d1 a ag:Document, schema:NewsArticle ; dcterms:title "Rebels sweep into Aleppo" ;
    schema:url "https://news.example.org/2024/11/30/aleppo"^^xsd:anyURI ; dcterms:issued "2024-11-30"^^xsd:date .
  doc:d2 a ag:Document, schema:NewsArticle ; dcterms:title "Army pulls out of Hama" ;
    schema:url "https://news.example.org/2024/12/06/hama"^^xsd:anyURI ; dcterms:issued "2024-12-06"^^xsd:date .
  doc:d3 a ag:Document, schema:NewsArticle ; dcterms:title "Old alliances in the north-east" ;
    dcterms:issued "2024-10-02"^^xsd:date .
}

doc:d1 {
  actor:hts ag:controls actor:aleppo .
  actor:russia ag:backs actor:assad-government .
  actor:hts ag:opposes actor:assad-government .
  actor:ahmed-al-sharaa ag:leads actor:hts .
  claim:c1 a ag:Claim ; rdf:subject actor:hts ; rdf:predicate ag:controls ; rdf:object actor:aleppo ;
    prov:wasDerivedFrom doc:d1 ; ag:rule "controls.took_control" ; ag:confidence 0.9 ; ag:status ag:Asserted ;
    ag:sentence "Fighters led by Hayat Tahrir al-Sham took control of most of Aleppo on Friday, the Syrian Observatory for Human Rights said." ;
    ag:reportedBy actor:syrian-observatory ; ag:eventDate "2024-11-29"^^xsd:date .
  claim:c2 a ag:Claim ; rdf:subject actor:russia ; rdf:predicate ag:backs ; rdf:object actor:assad-government ;
    prov:wasDerivedFrom doc:d1 ; ag:rule "backs.in_support_of" ; ag:confidence 0.85 ; ag:status ag:Asserted ;
    ag:sentence "Russian warplanes struck rebel positions east of Aleppo in support of government forces." .
  claim:c3 a ag:Claim ; rdf:subject actor:hts ; rdf:predicate ag:opposes ; rdf:object actor:assad-government ;
    prov:wasDerivedFrom doc:d1 ; ag:rule "opposes.offensive_against" ; ag:confidence 0.8 ; ag:status ag:Asserted ;
    ag:sentence "Hayat Tahrir al-Sham launched its offensive against government forces on Wednesday." ;
    ag:eventDate "2024-11-27"^^xsd:date .
  claim:c4 a ag:Claim ; rdf:subject actor:turkey ; rdf:predicate ag:backs ; rdf:object actor:hts ;
    prov:wasDerivedFrom doc:d1 ; ag:rule "backs.denial" ; ag:confidence 0.7 ; ag:status ag:Denied ;
    ag:sentence "Ankara denied that it had given any support to the offensive by Hayat Tahrir al-Sham." .
  claim:c5 a ag:Claim ; rdf:subject actor:ahmed-al-sharaa ; rdf:predicate ag:leads ; rdf:object actor:hts ;
    prov:wasDerivedFrom doc:d1 ; ag:rule "leads.apposition_leader" ; ag:confidence 0.95 ; ag:status ag:Asserted ;
    ag:sentence "Ahmed al-Sharaa, the leader of Hayat Tahrir al-Sham, toured the citadel of Aleppo." .
}

doc:d2 {
  actor:assad-government ag:withdrewFrom actor:hama .
  actor:hts ag:controls actor:hama .
  actor:iran ag:backs actor:assad-government .
  actor:hezbollah ag:alliedWith actor:assad-government .
  actor:iran ag:backs actor:hezbollah .
  actor:hezbollah ag:alliedWith actor:iran .
  actor:hts ag:opposes actor:assad-government .
  claim:c6 a ag:Claim ; rdf:subject actor:assad-government ; rdf:predicate ag:withdrewFrom ; rdf:object actor:hama ;
    prov:wasDerivedFrom doc:d2 ; ag:rule "withdrewFrom.withdrew_from" ; ag:confidence 0.9 ; ag:status ag:Asserted ;
    ag:sentence "The Syrian army said it had withdrawn from Hama to spare the lives of civilians." ;
    ag:eventDate "2024-12-05"^^xsd:date .
  claim:c7 a ag:Claim ; rdf:subject actor:hts ; rdf:predicate ag:controls ; rdf:object actor:hama ;
    prov:wasDerivedFrom doc:d2 ; ag:rule "controls.entered" ; ag:confidence 0.85 ; ag:status ag:Asserted ;
    ag:sentence "HTS fighters entered Hama on Thursday after days of fighting on the city's outskirts." ;
    ag:eventDate "2024-12-05"^^xsd:date .
  claim:c8 a ag:Claim ; rdf:subject actor:iran ; rdf:predicate ag:backs ; rdf:object actor:assad-government ;
    prov:wasDerivedFrom doc:d2 ; ag:rule "backs.backed" ; ag:confidence 0.8 ; ag:status ag:Asserted ;
    ag:sentence "Iran has backed the government of Bashar al-Assad throughout the civil war." .
  claim:c9 a ag:Claim ; rdf:subject actor:hezbollah ; rdf:predicate ag:alliedWith ; rdf:object actor:assad-government ;
    prov:wasDerivedFrom doc:d2 ; ag:rule "alliedWith.fought_alongside" ; ag:confidence 0.75 ; ag:status ag:Asserted ;
    ag:sentence "Hezbollah fighters fought alongside government troops in the countryside north of Hama." .
  claim:c10 a ag:Claim ; rdf:subject actor:russia ; rdf:predicate ag:opposes ; rdf:object actor:hts ;
    prov:wasDerivedFrom doc:d2 ; ag:rule "opposes.conditional" ; ag:confidence 0.6 ; ag:status ag:Hypothetical ;
    ag:sentence "Moscow could step up its air strikes on the rebels if the advance continues." .
  claim:c11 a ag:Claim ; rdf:subject actor:iran ; rdf:predicate ag:backs ; rdf:object actor:hezbollah ;
    prov:wasDerivedFrom doc:d2 ; ag:rule "backs.funds" ; ag:confidence 0.9 ; ag:status ag:Asserted ;
    ag:sentence "Iran has funded and armed Hezbollah for decades." .
  claim:c12 a ag:Claim ; rdf:subject actor:hezbollah ; rdf:predicate ag:alliedWith ; rdf:object actor:iran ;
    prov:wasDerivedFrom doc:d2 ; ag:rule "alliedWith.ally_of" ; ag:confidence 0.75 ; ag:status ag:Asserted ;
    ag:sentence "Hezbollah, Iran's closest ally in the region, sent reinforcements to Homs." .
  claim:c13 a ag:Claim ; rdf:subject actor:hts ; rdf:predicate ag:controls ; rdf:object actor:kuweires-airbase ;
    prov:wasDerivedFrom doc:d2 ; ag:rule "controls.took_control" ; ag:confidence 0.6 ; ag:status ag:Negated ;
    ag:sentence "Rebels have not taken the Kuweires air base, a military source said." .
  claim:c14 a ag:Claim ; rdf:subject actor:hts ; rdf:predicate ag:opposes ; rdf:object actor:assad-government ;
    prov:wasDerivedFrom doc:d2 ; ag:rule "opposes.fighting" ; ag:confidence 0.7 ; ag:status ag:Asserted ;
    ag:sentence "Rebels led by HTS fought government forces for control of the Hama countryside." ;
    ag:eventDate "2024-12-04"^^xsd:date .
}

doc:d3 {
  actor:united-states ag:backs actor:sdf .
  actor:turkey ag:backs actor:sna .
  actor:sna ag:opposes actor:sdf .
  claim:c15 a ag:Claim ; rdf:subject actor:united-states ; rdf:predicate ag:backs ; rdf:object actor:sdf ;
    prov:wasDerivedFrom doc:d3 ; ag:rule "backs.backed" ; ag:confidence 0.9 ; ag:status ag:Asserted ;
    ag:sentence "The United States backs the Syrian Democratic Forces in the fight against the Islamic State group." .
  claim:c16 a ag:Claim ; rdf:subject actor:turkey ; rdf:predicate ag:backs ; rdf:object actor:sna ;
    prov:wasDerivedFrom doc:d3 ; ag:rule "backs.adjective_backed" ; ag:confidence 0.85 ; ag:status ag:Asserted ;
    ag:sentence "The Turkish-backed Syrian National Army attacked positions of the Kurdish-led SDF near Tal Rifaat." .
  claim:c17 a ag:Claim ; rdf:subject actor:sna ; rdf:predicate ag:opposes ; rdf:object actor:sdf ;
    prov:wasDerivedFrom doc:d3 ; ag:rule "opposes.attacked" ; ag:confidence 0.8 ; ag:status ag:Asserted ;
    ag:sentence "The Turkish-backed Syrian National Army attacked positions of the Kurdish-led SDF near Tal Rifaat." ;
    ag:eventDate "2024-10-01"^^xsd:date .
}
'''
