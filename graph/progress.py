"""Progress of a build on a terminal: the command line's own face, passed in where work is done.

The library reports progress through a callback (``ActorGraph.add_documents(progress=...)``) and
knows no bar; this module is the bar the ``actorgraph`` command passes, on stderr (tqdm).
"""
from __future__ import annotations

import time

from .models import Claim, Document

__all__ = ["BuildProgress"]


class BuildProgress:
    """A progress bar on stderr (documents, words/s, relations found); silent when not a terminal.

    Used as the ``progress`` callback of ``ActorGraph.add_documents``.

    >>> p = BuildProgress(enabled=False)
    >>> p(Document(text="Rebels took Hama."), []); p.documents, p.words
    (1, 3)
    >>> p.close()
    """

    def __init__(self, *, enabled: bool | None = None, desc: str = "extracting") -> None:
        import sys

        self.enabled = sys.stderr.isatty() if enabled is None else enabled
        self.documents = self.words = self.relations = 0
        self._start = time.monotonic()
        self._bar = None
        if self.enabled:
            from tqdm import tqdm

            self._bar = tqdm(unit=" docs", desc=desc, file=sys.stderr, dynamic_ncols=True, mininterval=0.5)

    def __call__(self, document: Document, claims: list[Claim]) -> None:
        self.documents += 1
        self.words += len(document.text.split())
        self.relations += sum(1 for c in claims if c.status == "asserted")
        if self._bar is not None:
            self._bar.update(1)
            elapsed = max(time.monotonic() - self._start, 1e-9)
            self._bar.set_postfix_str(f"{self.words / elapsed:,.0f} words/s, {self.relations:,} relations",
                                      refresh=False)

    def write(self, line: str) -> None:
        """Print a line on stderr above the bar, so that warnings do not break it up.

        >>> import contextlib, io
        >>> err = io.StringIO()
        >>> with contextlib.redirect_stderr(err):
        ...     BuildProgress(enabled=False).write("actorgraph: warning: a.txt: empty; skipped")
        >>> err.getvalue()
        'actorgraph: warning: a.txt: empty; skipped\\n'
        """
        import sys

        if self._bar is not None:
            self._bar.write(line, file=sys.stderr)
        else:
            print(line, file=sys.stderr)

    def close(self) -> None:
        """Close the bar (leaves its last line on the terminal).

        >>> import contextlib, io
        >>> err = io.StringIO()
        >>> with contextlib.redirect_stderr(err):
        ...     progress = BuildProgress(enabled=True)
        ...     progress(Document(text="Rebels took Hama."), [])
        ...     progress.close()
        >>> err.getvalue().rsplit("\\r", 1)[-1].rstrip()  # doctest: +ELLIPSIS
        'extracting: 1 docs [..., 0 relations]'
        """
        if self._bar is not None:
            self._bar.close()
