"""The timeline component's assets, and what a page needs to inline them safely.

``assets/timeline.js`` draws claims per relation over time and a place's controllers
(``window.agTimeline``: see the file's head and /work/shared's map contract); the map page and
the actor pages of ``actorgraph serve`` inline it. An inlined script runs under a
Content-Security-Policy that allows exactly the page's own scripts, by their SHA-256, and
nothing remote: markup smuggled into a label could neither run nor load anything.
"""
from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources

__all__ = ["content_security_policy", "inline_scripts", "script_hash", "timeline_assets"]

#: an inline script element without a ``type`` or ``src`` (JSON data blocks are not run, so need no hash)
_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL | re.IGNORECASE)


@lru_cache(maxsize=1)
def timeline_assets() -> tuple[str, str]:
    """``timeline.js`` and ``timeline.css``, checked inlinable (nothing in them ends their element).

    >>> script, style = timeline_assets()
    >>> "window.agTimeline" in script, ".agt-chart" in style
    (True, True)
    """
    folder = resources.files(__package__).joinpath("assets")
    script, style = (folder.joinpath(name).read_text(encoding="utf-8") for name in ("timeline.js", "timeline.css"))
    if re.search(r"</script|<!--", script, re.IGNORECASE) or re.search(r"</style", style, re.IGNORECASE):
        raise RuntimeError(f"{folder}: timeline.js or timeline.css contains markup that would end its element")
    return script, style


def script_hash(script: str) -> str:
    """The CSP source that allows exactly this inline script's text.

    >>> script_hash("alert(1)")
    "'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='"
    """
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def inline_scripts(page: str) -> list[str]:
    """The text of each inline script a page runs (``<script>...</script>``, no attributes).

    >>> inline_scripts('<script type="application/json">{}</script><script>go()</script>')
    ['go()']
    """
    return _INLINE_SCRIPT.findall(page)


def content_security_policy(scripts: Iterable[str]) -> str:
    """A policy that runs only these inline scripts and loads nothing from anywhere: no remote
    script, style, image, font, frame or connection; inline styles are allowed (the pages set
    them), forms post nowhere, and ``<base>`` cannot redirect links.

    >>> content_security_policy(["alert(1)"]).split("; ")[:2]
    ["default-src 'none'", "script-src 'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='"]
    """
    hashes = " ".join(dict.fromkeys(script_hash(s) for s in scripts)) or "'none'"
    return (f"default-src 'none'; script-src {hashes}; style-src 'unsafe-inline'; img-src data:; "
            "base-uri 'none'; form-action 'none'")
