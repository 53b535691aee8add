"""Writing output files whole: a full disk, a crash or Ctrl-C leaves the previous file (or none),
never a truncated page or graph that a user would open without knowing it is cut short."""
from __future__ import annotations

import os
from pathlib import Path

__all__ = ["write_text_whole"]


def write_text_whole(path: str | Path, text: str) -> None:
    """Write ``text`` to a temporary file beside ``path``, then rename it over ``path``.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     write_text_whole(Path(tmp, "page.html"), "<p>x</p>")
    ...     sorted(p.name for p in Path(tmp).iterdir()), Path(tmp, "page.html").read_text()
    (['page.html'], '<p>x</p>')
    """
    path = Path(path)
    tmp = path.with_name(path.name + ".tmp")
    try:
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
