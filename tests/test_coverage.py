"""The coverage table: generated from the dictionary's files, and the README's copy of it kept current;
the README's example of a theatre file works as it says."""
from __future__ import annotations

import re
from pathlib import Path

from graph.actors import ActorDictionary
from graph.coverage import coverage_table, main
from graph.queries import ontology_dir

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
EXAMPLE = re.search(r"^```turtle\n(.*?)^```", README[README.index("## Theatres the dictionary covers"):],
                    re.MULTILINE | re.DOTALL).group(1)
WORLD = ontology_dir() / "actors" / "world.ttl"


def test_coverage_readme_table_is_the_generated_one():
    assert coverage_table() in README, "README coverage table is stale: run python -m graph.coverage --readme README.md"


def test_coverage_row_counts_what_a_file_defines(tmp_path):
    """The example theatre defines one armed group and adds names to a state it does not define (not counted)."""
    theatre = tmp_path / "cabo-delgado.ttl"
    theatre.write_text(EXAMPLE, encoding="utf-8")
    rows = coverage_table([WORLD, theatre]).splitlines()
    assert "| Mozambique | `cabo-delgado.ttl` | 0 | 0 | 0 | 1 | 0 | 0 | 0 | 0 | 0 | 4 |" in rows
    assert any(row.startswith("| — | `world.ttl` | 198 |") for row in rows)
    assert rows[-2].startswith("| **all** | 2 files | **198** |")


def test_coverage_readme_example_theatre_names_its_actors(tmp_path):
    theatre = tmp_path / "cabo-delgado.ttl"
    theatre.write_text(EXAMPLE, encoding="utf-8")
    dictionary = ActorDictionary.from_turtle(WORLD, theatre)
    insurgents = dictionary.lookup("Ahlu Sunnah Wal Jamaa")
    assert (dictionary.lookup("FADM").label, insurgents.label, dictionary.theatre[insurgents.iri]) == (
        "Mozambique", "Cabo Delgado insurgents", (dictionary.lookup("Mozambique").iri,))
    assert [a.label for a in dictionary.described(dictionary.descriptor_id("the militants"))] == ["Cabo Delgado insurgents"]


def test_coverage_command_prints_the_user_s_file_as_a_row(tmp_path, capsys):
    theatre = tmp_path / "cabo-delgado.ttl"
    theatre.write_text(EXAMPLE, encoding="utf-8")
    main([str(theatre)])
    printed = capsys.readouterr().out.splitlines()
    assert printed[0] == coverage_table().splitlines()[0]
    assert sum(line.startswith("| Mozambique | `cabo-delgado.ttl` |") for line in printed) == 1
