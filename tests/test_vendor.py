"""The third-party files shipped for the map page are the registry's files, with their licences."""
from __future__ import annotations

import hashlib
import json
from importlib import resources

import pytest

VENDOR = resources.files("graph.views") / "assets" / "vendor"
MANIFEST = json.loads((VENDOR / "vendor.json").read_text(encoding="utf-8"))
FILES = [(package, path, digest) for package, entry in MANIFEST.items() for path, digest in entry["files"].items()]


@pytest.mark.parametrize(("package", "path", "digest"), FILES, ids=[f"{p}:{f}" for p, f, _ in FILES])
def test_vendor_file_is_the_registrys(package: str, path: str, digest: str) -> None:
    local = VENDOR / package / path.rsplit("/", 1)[-1]
    assert hashlib.sha256(local.read_bytes()).hexdigest() == digest


@pytest.mark.parametrize("package", sorted(MANIFEST))
def test_vendor_package_ships_its_licence(package: str) -> None:
    licence = (VENDOR / package / "LICENSE").read_text(encoding="utf-8")
    assert "Permission to use, copy, modify" in licence and MANIFEST[package]["license"] == "ISC"
