"""actorgraph: news reports about armed conflicts -> a sourced actor-relationship knowledge graph.

>>> from graph import ActorGraph
>>> ActorGraph().query("ASK { ?s ?p ?o }")
False
"""
from __future__ import annotations

from .api import ActorGraph, Control, Evidence, Tie, UnknownActorError
from .models import Actor, Claim, Document

__all__ = ["ActorGraph", "Actor", "Claim", "Document", "Tie", "Control", "Evidence", "UnknownActorError",
           "__version__"]
__version__ = "0.1.0"
