"""Property: any Unicode text through ``ActorGraph.add_text`` gives RDF that both parsers read back.

Random text mixes arbitrary code points (lone surrogates and controls included)
with pieces chosen to hurt: markup, quotes, backslashes, bidi overrides, SPARQL
break-outs, punctuation runs, and a sentence that does yield a claim, so that the
claim path is exercised and not only the empty one.
"""
from __future__ import annotations

import datetime as dt

import pytest
import rdflib
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pyoxigraph import RdfFormat, Store

from graph.api import ActorGraph

PIECES = [
    "Russia backs the Syrian government. ", "Rebels led by HTS captured Aleppo on Friday. ",
    "<script>alert(1)</script>", "</script>", '"', "'", "\\", "\n", "\n\n", "\r\n", "\u202e", "\u2066", "\u200b",
    "\x00", "\x1b[31m", "\ud800", "\udfff", '"} ; DROP ALL ; {', "!?" * 40, "$" * 60, "x" * 250, "\ufeff",
    "Caf\u0065\u0301 ", "\U0001f600", "\u0644\u0648\u0627\u0621 ",
]
any_char = st.characters(exclude_categories=())  # every category, surrogates (Cs) and controls (Cc) too
texts = st.lists(st.text(any_char, max_size=30) | st.sampled_from(PIECES), max_size=12).map("".join)
PROPERTY = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.mark.filterwarnings("ignore::graph.ingest.InputWarning")  # lone surrogates: warned about by design
@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # rdflib's TriG parser uses its own deprecated API
@PROPERTY
@given(text=texts, title=st.none() | st.text(any_char, max_size=20))
def test_property_any_text_gives_rdf_both_parsers_read_back(extractor, text, title):
    graph = ActorGraph(settings=extractor.settings, extractor=extractor)
    graph.add_text(text, title=title, published=dt.date(2024, 12, 6))
    trig = graph.store.raw.dump(format=RdfFormat.TRIG, from_graph=None)
    trig.decode("utf-8")  # valid UTF-8: no surrogate reached the output
    oxigraph = Store()
    oxigraph.load(trig, format=RdfFormat.TRIG)
    assert set(oxigraph) == set(graph.store.raw)
    dataset = rdflib.Dataset()
    dataset.parse(data=trig.decode("utf-8"), format="trig")
    again = Store()
    again.load(dataset.serialize(format="nquads", encoding="utf-8"), format=RdfFormat.N_QUADS)
    assert set(again) == set(oxigraph)
