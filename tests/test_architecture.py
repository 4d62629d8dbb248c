"""The layout keeps its promises: no import circle anywhere in the library, and the
import-linter contracts of pyproject.toml (layers downhill only; streamlit only in
cartoparti.web) hold."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import grimp

from tests.conftest import ROOT


def test_no_import_circle():
    graph = grimp.build_graph("cartoparti")
    circles = []
    for module in sorted(graph.modules):
        for imported in graph.find_modules_directly_imported_by(module):
            if graph.find_shortest_chain(importer=imported, imported=module):
                circles.append((module, imported))
    assert circles == []


def test_the_import_contracts_hold():
    command = Path(sys.executable).with_name("lint-imports")
    done = subprocess.run([str(command)], cwd=ROOT, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Contracts: 2 kept, 0 broken." in done.stdout
