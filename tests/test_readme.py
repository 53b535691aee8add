"""The README's code blocks run as written: every ```python and ```bash block, against a temporary folder.

Bash blocks run command by command (a quoted query may span lines) with ``actorgraph`` meaning this
checkout's ``python -m graph.cli``, in a folder holding a copy of ``examples/``, after the README's first
command has built ``out/`` there. A command is skipped only for a reason listed in ``SKIPPED``: it starts
a server or a cluster, needs the network or a desktop, names a corpus the reader brings, or runs the
test suite itself. Python blocks run in order as one session (as a reader pastes them), each top-level
expression evaluated: an empty list or ``False`` where the README shows a result fails the test.
"""
from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # builds the examples with the spaCy model

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
#: command patterns the test does not run, each with its reason
SKIPPED: dict[str, str] = {
    r"^pip install ": "installs the package into the environment (what runs after `&&` is run)",
    r"-m pytest\b": "runs the test suite, which holds this test",
    r"^xdg-open ": "opens a desktop browser (tests/test_html_browser.py drives the page in Chromium)",
    r"^actorgraph serve\b": "starts a server that runs until interrupted (tests/test_server.py runs it)",
    r"--store https?://": "writes to a SPARQL server at the README's address (tests/test_remote.py runs it "
                          "against a real Oxigraph server)",
    r"--dask\b": "starts or joins a Dask cluster (tests/test_parallel.py runs one)",
    r"^actorgraph build (articles/|corpus\.jsonl\.gz|feeds/)": "names a corpus the reader brings",
}


def _blocks(language: str) -> list[tuple[int, str]]:
    """(line number, text) of every fenced block of ``language`` in the README."""
    text = README.read_text(encoding="utf-8")
    return [(text[:m.start()].count("\n") + 1, m.group(1))
            for m in re.finditer(rf"^```{language}\n(.*?)^```", text, re.MULTILINE | re.DOTALL)]


def _commands(block: str) -> list[str]:
    """The block's commands: lines joined while a quote is open, comments kept (bash drops them)."""
    commands, pending = [], ""
    for line in block.splitlines():
        pending = f"{pending}\n{line}" if pending else line
        try:
            shlex.split(pending, comments=True)
        except ValueError:  # an open quote: the command goes on
            continue
        if pending.strip():
            commands.append(pending.strip())
        pending = ""
    assert not pending, f"README: unclosed quote in {pending!r}"
    return commands


def _runnable(command: str) -> str | None:
    """The part of ``command`` the test runs (after a skipped ``pip install ... &&``), or None."""
    for pattern, _reason in SKIPPED.items():
        if re.search(pattern, command):
            if pattern == r"^pip install " and "&&" in command:
                return _runnable(command.split("&&", 1)[1].strip())
            return None
    return command


@pytest.fixture(scope="module")
def workdir(tmp_path_factory) -> Path:
    """A folder with ``examples/``, an ``actorgraph`` command on PATH, and ``out/`` built by the README's
    first command."""
    folder = tmp_path_factory.mktemp("readme")
    shutil.copytree(ROOT / "examples", folder / "examples")
    bin_dir = folder / ".bin"
    bin_dir.mkdir()
    script = bin_dir / "actorgraph"
    script.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m graph.cli "$@"\n', encoding="utf-8")
    script.chmod(0o755)
    first = _runnable(_commands(_blocks("bash")[0][1])[0])
    assert first == "actorgraph build examples/ --out out/", first
    _run(first, folder)
    return folder


def _run(command: str, folder: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, PATH=f"{folder / '.bin'}{os.pathsep}{os.environ['PATH']}",
               PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    done = subprocess.run(["bash", "-c", command], cwd=folder, env=env, capture_output=True, text=True,
                          timeout=900)
    assert done.returncode == 0, f"README command failed ({done.returncode}): {command}\n{done.stderr}"
    return done


BASH = [(line, i, command) for line, block in _blocks("bash") for i, command in enumerate(_commands(block))]


@pytest.mark.parametrize(("line", "index", "command"), BASH, ids=[f"line{line}-{i}" for line, i, _ in BASH])
def test_readme_bash_command_runs(workdir, line, index, command):
    runnable = _runnable(command)
    if runnable is None:
        rest = command.split("&&", 1)[1].strip() if command.startswith("pip install ") and "&&" in command else command
        reason = next(r for p, r in SKIPPED.items() if re.search(p, rest))
        pytest.skip(f"README line {line}: {reason}")
    done = _run(runnable, workdir)
    if runnable.startswith("actorgraph query"):
        assert done.stdout.strip() and "(0 rows)" not in done.stdout, done.stdout


def test_readme_skips_only_what_it_lists():
    """Every command of the README is either run or skipped for a listed reason, and every reason is used."""
    used = {p for _, _, command in BASH for p in SKIPPED if re.search(p, command)}
    assert used == set(SKIPPED)
    assert sum(_runnable(c) is not None for _, _, c in BASH) >= 10


_SESSION = r'''
import ast, json, sys
values = []
namespace = {}
for source in json.loads(sys.argv[1]):
    for node in ast.parse(source).body:
        if isinstance(node, ast.Expr):
            value = eval(compile(ast.Expression(node.value), "<README>", "eval"), namespace)
            values.append([ast.unparse(node.value), type(value).__name__,
                           len(value) if isinstance(value, (list, dict)) else None, value is False])
        else:
            exec(compile(ast.Module([node], []), "<README>", "exec"), namespace)
print(json.dumps(values))
'''

PYTHON = _blocks("python")


@pytest.mark.parametrize("upto", range(1, len(PYTHON) + 1), ids=[f"line{line}" for line, _ in PYTHON])
def test_readme_python_blocks_run_in_order(tmp_path, upto):
    sources = [text for _, text in PYTHON[:upto]]
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    done = subprocess.run([sys.executable, "-c", _SESSION, json.dumps(sources)], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr
    for expression, kind, length, false in json.loads(done.stdout.splitlines()[-1]):
        assert length != 0 and not false, f"README: {expression} gave an empty {kind}"
    if upto == 1:
        assert {"graph.html", "graph.trig", "graph.gexf"} <= {p.name for p in tmp_path.iterdir()}
