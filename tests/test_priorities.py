"""Priorities: ranking, distinct contributors, diversity and the counts re-weighted by
age band × zone, on a hand-computed case (both backends), and the command line."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from cartoparti._errors import ValidationError
from cartoparti.analysis import priorities as prio
from cartoparti.analysis.representation import MIN_CELL
from cartoparti.cli import main
from cartoparti.commands import contribute, moderation, residents
from cartoparti.commands import priorities as command
from cartoparti.settings import Settings
from cartoparti.storage import open_storage

SETTINGS = Settings()
AGENT = {"name": "alice", "role": "agent"}
A, B = "62498", "62510"  # Lens and Liévin


def _add(store, kind, title, zone, *, who=None, age=None, csp=None):
    return contribute.submit(
        store, settings=SETTINGS, kind=kind, title=title, text="", theme="nature",
        location=store.zone_point(zone), contributor_id=who, age_band=age, csp=csp,
    ).id


def plant(store) -> dict[str, str]:
    """P1 (Lens): three authors aged 30-44 (two merged duplicates) and 2 supports;
    P2 (Liévin): one author aged 75+ and 3 supports; N1: a need without profile."""
    p1 = _add(store, "proposal", "Une piste cyclable", A, who="a1", age="30-44", csp="CS5")
    d2 = _add(store, "proposal", "Piste vélo", A, who="a2", age="30-44", csp="CS6")
    d3 = _add(store, "proposal", "Vélo rue Ampère", A, who="a3", age="30-44", csp="CS5")
    p2 = _add(store, "proposal", "Un banc au parc", B, who="b1", age="75+", csp="CS7")
    n1 = _add(store, "need", "De l'ombre", A)
    moderation.merge(store, AGENT, d2, p1)
    moderation.merge(store, AGENT, d3, p1)
    for session in ("s1", "s2"):
        residents.support(store, p1, session)
    for session in ("s1", "s2", "s3"):
        residents.support(store, p2, session)
    return {"p1": p1, "p2": p2, "n1": n1}


def _population(store, zone, age):
    pop = store.group_population(None)
    return float(pop.loc[(pop["dimension"] == "age_band") & (pop["zone_code"] == zone) & (pop["grp"] == age), "population"].sum())


def test_storage_counts_priorities_and_authors(backend_store):
    ids = plant(backend_store)
    counted = backend_store.priority_counts(["proposal", "need"])
    items = counted["items"].set_index("id")
    assert set(items.index) == set(ids.values()), "the merged duplicates are not priorities"
    assert items.loc[ids["p1"], "supports"] == 2, "the merge's own support for an author is not a support"
    assert items.loc[ids["p1"], "authors"] == 3
    assert items.loc[ids["p2"], ["supports", "authors"]].tolist() == [3, 1]
    assert items.loc[ids["n1"], ["supports", "authors"]].tolist() == [0, 1]
    assert items.loc[ids["p1"], "zone_code"] == A
    publics = counted["publics"]
    assert set(publics.columns) == {"priority_id", "zone_code", "age_band", "csp", "authors"}
    p1 = publics[publics["priority_id"] == ids["p1"]].set_index("csp")["authors"].to_dict()
    assert p1 == {"CS5": 2, "CS6": 1}
    only_need = backend_store.priority_counts(["need"])["items"]
    assert only_need["id"].tolist() == [ids["n1"]]


def test_ranking_and_reweighted_counts_hand_computed(backend_store):
    ids = plant(backend_store)
    result = prio.priorities(backend_store)
    table = result.table.set_index("id")
    # supports first: P2 (3) before P1 (2) before N1 (0)
    assert result.table["id"].tolist() == [ids["p2"], ids["p1"], ids["n1"]]
    assert result.table["rank"].tolist() == [1, 2, 3]
    assert table.loc[ids["p1"], "contributors"] == 3 + 2
    assert table.loc[ids["p2"], "contributors"] == 1 + 3
    # contributors with a declared age: a1, a2, a3 (Lens, 30-44), b1 (Liévin, 75+);
    # the need has no profile. Weight = census share / contributors share.
    # Census shares over the two cells that have contributors.
    pop_a, pop_b = _population(backend_store, A, "30-44"), _population(backend_store, B, "75+")
    w_a = (pop_a / (pop_a + pop_b)) / (3 / 4)
    w_b = (pop_b / (pop_a + pop_b)) / (1 / 4)
    assert pop_a > 0 and pop_b > 0
    assert w_a < 1 < w_b, "three of four contributors from one public: over-represented"
    assert 3 * w_a + 1 * w_b == pytest.approx(4), "the total is kept"
    assert table.loc[ids["p1"], "profiled"] == 3
    assert table.loc[ids["p1"], "reweighted"] == pytest.approx(2 + 3 * w_a)
    assert table.loc[ids["p2"], "reweighted"] == pytest.approx(3 + 1 * w_b)
    assert table.loc[ids["n1"], "reweighted"] == pytest.approx(1.0), "unknown public counts as 1"
    assert table.loc[ids["p1"], "reweighted"] < table.loc[ids["p1"], "contributors"]
    # diversity: distinct age bands and categories, Gini-Simpson only from MIN_CELL authors
    assert table.loc[ids["p1"], ["age_bands", "csps"]].tolist() == [1, 2]
    assert MIN_CELL > 3 and table["diversity"].isna().all()
    # publics behind a priority: aggregates, masked under MIN_CELL
    publics = result.publics[result.publics["priority_id"] == ids["p1"]]
    assert publics["suppressed"].all() and publics["share"].isna().all()
    assert publics["contributors"].isna().all()


def test_diversity_breaks_ties_and_gini_simpson():
    import pandas as pd

    when = datetime(2026, 1, 1, tzinfo=UTC)
    items = pd.DataFrame({
        "id": ["x", "y"], "kind": "proposal", "title": ["X", "Y"], "theme": "nature", "status": "received",
        "created_at": [when, when], "zone_code": "z", "zone_name": "Z", "supports": [0, 0], "authors": [6, 6],
    })
    publics = pd.DataFrame({
        "priority_id": ["x", "y", "y"], "zone_code": "z", "age_band": ["15-29", "15-29", "75+"],
        "csp": [None, None, None], "authors": [6, 3, 3],
    })
    weights = pd.Series({("z", "15-29"): 0.5, ("z", "75+"): 2.0})
    result = prio.priorities_of(items, publics, weights)
    table = result.table.set_index("id")
    assert result.table["id"].tolist() == ["y", "x"], "two age bands before one"
    assert table.loc["y", "diversity"] == pytest.approx(1 - (0.5**2 + 0.5**2))
    assert table.loc["x", "diversity"] == pytest.approx(0.0)
    assert table.loc["x", "reweighted"] == pytest.approx(3.0)
    assert table.loc["y", "reweighted"] == pytest.approx(1.5 + 6.0)
    shown = result.publics[(result.publics["priority_id"] == "x")]
    assert shown["contributors"].tolist() == [6] and not shown["suppressed"].any()
    assert result.publics[result.publics["priority_id"] == "y"]["suppressed"].all(), "3 < MIN_CELL"


def test_unknown_kind_is_refused(store):
    with pytest.raises(ValidationError) as info:
        command.rank(store, SETTINGS, kind="licorne")
    assert "licorne" in str(info.value.errors["kind"])
    assert command.kind_code("proposition") == "proposal"


def test_cli_priorities_csv_and_json(db_path, tmp_path, capsys):
    with open_storage(db_path) as store:
        ids = plant(store)
    out = tmp_path / "prio.json"
    assert main(["--db", str(db_path), "priorities", "--format", "json", "-o", str(out)]) == 0
    rows = json.loads(out.read_text(encoding="utf-8"))
    assert [r["id"] for r in rows] == [ids["p2"], ids["p1"], ids["n1"]]
    assert list(rows[0]) == list(prio.PRIORITY_COLUMNS)
    assert rows[0]["created_at"].endswith("Z")
    assert main(["--db", str(db_path), "priorities", "--kind", "besoin"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[0].split(",") == list(prio.PRIORITY_COLUMNS) and len(lines) == 2
    assert main(["--db", str(db_path), "priorities", "--kind", "licorne"]) == 2
    assert "licorne" in capsys.readouterr().err
