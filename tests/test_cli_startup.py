"""A command pays only for what it uses: building the parser imports the module of the
command named, and each module imports the heavy libraries (geopandas, scipy.stats,
scikit-learn, WeasyPrint…) inside the handlers that need them.

Each case runs the real command line in a fresh interpreter and lists the libraries
it loaded; the command's output is checked too, so a command that does nothing cannot
pass.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

HEAVY = ("geopandas", "pyproj", "sklearn", "scipy.stats", "statsmodels", "weasyprint", "folium", "streamlit")

PROBE = f"""
import json, sys
from cartoparti.cli import main
code = main(sys.argv[1:])
sys.stdout.flush()
watched = {HEAVY + ("pandas", "duckdb")!r}
print("\\n@@" + json.dumps({{"code": code, "loaded": sorted(m for m in watched if m in sys.modules)}}))
"""


def _run(*args: str) -> tuple[int, list[str], str]:
    done = subprocess.run([sys.executable, "-c", PROBE, *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=120, check=False)
    out, _, tail = done.stdout.rpartition("\n@@")
    assert tail, done.stderr
    probe = json.loads(tail)
    return probe["code"], probe["loaded"], out


# by public, the Wilson intervals come from statsmodels (which loads scipy.stats)
@pytest.mark.parametrize(("by", "allowed"), [("zone", ()), ("public", ("scipy.stats", "statsmodels"))])
def test_representation_loads_no_geopandas_no_sklearn(db_path: Path, by: str, allowed: tuple[str, ...]) -> None:
    code, loaded, out = _run("--db", str(db_path), "representation", "--by", by, "--format", "json")
    assert code == 0
    rows = json.loads(out)
    assert rows, out
    if by == "zone":
        assert {r["zone_name"] for r in rows} >= {"Loos-en-Gohelle", "Liévin"}
    assert [m for m in loaded if m in HEAVY and m not in allowed] == []


def test_outreach_loads_no_geopandas(db_path: Path) -> None:
    code, loaded, _ = _run("--db", str(db_path), "outreach", "--format", "json")
    assert code == 0
    assert [m for m in loaded if m in HEAVY] == []


def test_accounts_and_settings_load_no_analysis_library(db_path: Path) -> None:
    code, loaded, out = _run("--db", str(db_path), "user", "list")
    assert code == 0
    assert [m for m in loaded if m in HEAVY] == []
    code, loaded, out = _run("--db", str(db_path), "settings")
    assert code == 0 and "DuckDB" in out
    assert [m for m in loaded if m in HEAVY + ("pandas", "duckdb")] == []


def test_help_lists_every_command_and_the_map_of_modules_is_true() -> None:
    import argparse

    from cartoparti.cli import COMMAND_MODULES, build_parser

    def commands(parser: argparse.ArgumentParser) -> set[str]:
        action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
        return set(action.choices)

    every = commands(build_parser())
    assert every == {name for names in COMMAND_MODULES.values() for name in names}
    for names in COMMAND_MODULES.values():
        for name in names:
            assert commands(build_parser(["--db", "x.duckdb", name, "--help"])) == set(names)
    # an unknown command still gets the full list in argparse's message
    assert commands(build_parser(["nope"])) == every
