"""Documents -> (Document, claims): the spaCy pass and the relation rules, streamed.

Texts go through ``nlp.pipe`` in batches; a text longer than the chunk limit is
split at paragraph breaks (spaCy refuses texts over ``max_length``, error E088)
and the claims' offsets are shifted back into the whole document.

spaCy sees each text through :func:`graph.sanitize.defuse_runs`, which blanks
runs of punctuation and overlong "words" (the tokenizer's cost on them grows
with the square of their length) without moving any character.
"""
from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Iterator
from functools import cached_property
from typing import TYPE_CHECKING

from .actors import ActorDictionary
from .config import Settings
from .lexicon import Lexicon
from .models import Claim, Document
from .sanitize import defuse_runs

if TYPE_CHECKING:  # spaCy is imported on first use, so that commands needing no model start fast
    from spacy.language import Language

__all__ = ["Extractor", "chunks"]


_SENTENCE_END = re.compile(r"[.!?][\"'\u2019\u201d)\]]*\s")


def chunks(text: str, limit: int) -> Iterator[tuple[int, str]]:
    """(offset, piece) pieces of at most ``limit`` characters, cut at paragraph or line breaks where
    possible; a paragraph longer than ``limit`` is cut after its last sentence-like end (``.``, ``!``,
    ``?``, then a space) that fits, else at a space: never inside a sentence that fits.

    >>> [(o, p) for o, p in chunks("aa\\n\\nbb\\n\\ncc", 5)]
    [(0, 'aa\\n\\n'), (4, 'bb\\n\\n'), (8, 'cc')]
    >>> [p for _, p in chunks("Rebels took Hama. Then Homs fell. Army left.", 30)]
    ['Rebels took Hama. ', 'Then Homs fell. Army left.']
    """
    start = 0
    while start < len(text):
        end = min(start + limit, len(text))
        if end < len(text):
            window = text[start:end]
            cut = window.rfind("\n")
            if cut <= 0:
                ends = [m.end() - 1 for m in _SENTENCE_END.finditer(window)]
                cut = ends[-1] if ends else max(window.rfind(" "), window.rfind("\t"))
                cut = cut if cut > 0 else len(window) - 1
            end = start + cut + 1
        yield start, text[start:end]
        start = end


def _batches(items: Iterable[tuple[str, object]], size: int, max_chars: int) -> Iterator[list[tuple[str, object]]]:
    """``items`` in lists of at most ``size`` texts and ``max_chars`` characters (but one text at least).

    spaCy's memory grows with the characters of a batch, about 3 KB each: 64 pieces of 100,000
    characters took 5.7 GB. Bounding the characters bounds it, whatever the documents' sizes.

    >>> [[t for t, _ in b] for b in _batches([("aaa", 1), ("bb", 2), ("cccc", 3), ("d", 4)], 3, 5)]
    [['aaa', 'bb'], ['cccc', 'd']]
    """
    batch: list[tuple[str, object]] = []
    chars = 0
    for text, context in items:
        if batch and (len(batch) >= size or chars + len(text) > max_chars):
            yield batch
            batch, chars = [], 0
        batch.append((text, context))
        chars += len(text)
    if batch:
        yield batch


class Extractor:
    """Holds the lexicon, the actor dictionary and the spaCy pipeline (each loaded once, on first use).

    Making one is cheap: nothing is loaded until ``lexicon``, ``dictionary``, ``nlp`` or ``extract``
    is used. One extractor holds one lexicon, which its dictionary and its rules share.

    >>> extractor = Extractor(Settings(min_confidence=0.7))
    >>> extractor.settings.min_confidence, "nlp" in vars(extractor), "dictionary" in vars(extractor)
    (0.7, False, False)
    """

    def __init__(self, settings: Settings | None = None, dictionary: ActorDictionary | None = None,
                 lexicon: Lexicon | None = None) -> None:
        self.settings = settings or Settings()
        self._dictionary = dictionary
        self._lexicon = lexicon

    @cached_property
    def lexicon(self) -> Lexicon:
        """The bundled lexicon (``ontology/lexicon/*.ttl``) with the user's ``--lexicon`` files read over it.

        >>> import tempfile
        >>> from pathlib import Path
        >>> with tempfile.TemporaryDirectory() as tmp:
        ...     extra = Path(tmp, "mine.ttl")
        ...     _ = extra.write_text('@prefix ag: <https://w3id.org/actorgraph#> . '
        ...         '@prefix lex: <https://w3id.org/actorgraph/lexicon#> . '
        ...         'lex:titles ag:word "field marshal" ; ag:notWord "leader" .')
        ...     titles = Extractor(Settings(lexicon_files=(extra,))).lexicon.words("titles")
        >>> "field marshal" in titles, "leader" in titles, "general" in titles
        (True, False, True)
        """
        if self._lexicon is not None:
            return self._lexicon
        return Lexicon.bundled(*self.settings.lexicon_files)

    @cached_property
    def dictionary(self) -> ActorDictionary:
        """The bundled dictionary merged with the user's ``--actors`` files, reading this extractor's lexicon.

        >>> import tempfile
        >>> from pathlib import Path
        >>> with tempfile.TemporaryDirectory() as tmp:
        ...     extra = Path(tmp, "extra.ttl")
        ...     _ = extra.write_text('@prefix ag: <https://w3id.org/actorgraph#> . '
        ...         '@prefix skos: <http://www.w3.org/2004/02/skos/core#> . '
        ...         '<https://w3id.org/actorgraph/id/actor/liwa-al-quds> a ag:ArmedGroup ; '
        ...         'skos:prefLabel "Liwa al-Quds" .')
        ...     dictionary = Extractor(Settings(actor_files=(extra,))).dictionary
        >>> dictionary.lookup("Liwa al-Quds").type, dictionary.lookup("Ankara").label
        ('ArmedGroup', 'Turkey')
        """
        if self._dictionary is not None:
            return self._dictionary
        return ActorDictionary.bundled(*self.settings.actor_files, lexicon=self.lexicon)

    @cached_property
    def nlp(self) -> "Language":
        """The spaCy pipeline with the actor ruler.

        Built by :func:`graph.nlp.pipeline.build_nlp` (whose example loads one) from the model
        ``settings.model`` names, on first use: so a model that is not installed is reported here.

        >>> Extractor(Settings(model="no_such_model")).nlp  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        graph.nlp.pipeline.ModelNotFound: spaCy model 'no_such_model' is not installed (installed: ...)
        """
        from .nlp.pipeline import build_nlp

        return build_nlp(self.settings, self.dictionary.ruler_aliases(),
                         abbreviations=self.lexicon.words("sentence-abbreviations"))

    def extract(self, documents: Iterable[Document]) -> Iterator[tuple[Document, list[Claim]]]:
        """Claims of each document, in input order, streaming.

        Lazy: nothing is read and no model loaded until the result is iterated (tests/test_extract.py
        runs it on real articles).

        >>> from graph.models import Document
        >>> extractor = Extractor()
        >>> results = extractor.extract([Document("Turkey backs the Syrian National Army.", id="d1")])
        >>> "nlp" in vars(extractor)  # the model is loaded by the first next(results)
        False
        """
        from .rules import extract_claims

        limit = self.settings.max_chunk_chars
        pending: dict[int, tuple[Document, int, list[Claim]]] = {}

        def pieces() -> Iterator[tuple[str, tuple[int, int, int]]]:
            for n, document in enumerate(documents):
                parts = list(chunks(defuse_runs(document.text), limit))
                pending[n] = (document, len(parts), [])
                for offset, piece in parts:
                    yield piece, (n, offset, len(parts))

        done = 0
        for doc, (n, offset, _) in self._pipe(pieces()):
            document, remaining, found = pending[n]
            for claim in extract_claims(doc, self.dictionary, document.published, self.lexicon):
                found.append(_trimmed(claim, offset))
            pending[n] = (document, remaining - 1, found)
            while done in pending and pending[done][1] == 0:
                document, _, found = pending.pop(done)
                yield document, found
                done += 1


    def _pipe(self, pieces: Iterable[tuple[str, object]]) -> Iterator[tuple[object, object]]:
        """``nlp.pipe`` over ``(text, context)`` pairs, in batches bounded by characters as well as count."""
        for batch in _batches(pieces, self.settings.batch_size, self.settings.max_batch_chars):
            yield from self.nlp.pipe(batch, as_tuples=True, batch_size=len(batch))


def _trimmed(claim: Claim, offset: int) -> Claim:
    """``claim`` with its sentence stripped of surrounding whitespace (spaCy keeps a paragraph's
    trailing ``\\n\\n`` in the sentence, which breaks CSV cells and tables) and its offsets moved
    by ``offset`` (the start of the chunk it came from) and by what was stripped, so that
    ``text[char_start:char_end] == sentence`` still holds.

    >>> from graph.models import Actor
    >>> a = Actor("https://w3id.org/actorgraph/id/actor/a", "State", "A")
    >>> c = _trimmed(Claim(a, "backs", a, "asserted", " A backs A.\\n\\n", 10, 24, "r", 0.9), 100)
    >>> c.sentence, c.char_start, c.char_end
    ('A backs A.', 111, 121)
    """
    sentence = claim.sentence.strip()
    if sentence == claim.sentence and not offset:
        return claim
    lead = len(claim.sentence) - len(claim.sentence.lstrip())
    start = claim.char_start + offset + lead
    return dataclasses.replace(claim, sentence=sentence, char_start=start, char_end=start + len(sentence))
