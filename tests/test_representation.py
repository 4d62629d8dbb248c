"""Representation analyses on a tiny territory, hand-computed through the SQL path and the CLI.

Territory (tests/representation_helpers.py): A 62001 (1000 inhabitants), B 62002 (3000),
C 62003 (2000) with their breakdown by age band and category; D 62004 (4000, total only).
"""

from __future__ import annotations

import csv
import json
import math
from pathlib import Path

import pandas as pd
import pytest
import shapely

from cartoparti import i18n
from cartoparti._errors import ValidationError
from cartoparti.analysis import hexagons, stats
from cartoparti.analysis import representation as rep
from cartoparti.analysis.representation import outreach
from cartoparti.cli import main
from cartoparti.io.territory import load_territory
from cartoparti.present import representation as view
from cartoparti.storage import open_storage
from tests.representation_helpers import centre, draft, later, write_tiny_territory

A, B, C, D = "62001", "62002", "62003", "62004"
# Garwood 95% bounds and Wilson 95% bounds (n = 5), from published tables
POISSON = {0: (0.0, 3.68888), 1: (0.02532, 5.57164), 2: (0.24221, 7.22469), 3: (0.61867, 8.76727),
           4: (1.08987, 10.24159), 6: (2.20189, 13.05947)}
WILSON5 = {0: (0.0, 0.43448), 1: (0.03622, 0.62447), 2: (0.11762, 0.76928)}


@pytest.fixture(scope="module")
def tiny_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = write_tiny_territory(tmp_path_factory.mktemp("tiny") / "territory")
    path = folder.parent / "tiny.duckdb"
    with open_storage(path) as store:
        store.load_territory(load_territory(folder))
    return path


@pytest.fixture
def tiny(tmp_path: Path, tiny_template: Path):
    path = tmp_path / "tiny.duckdb"
    path.write_bytes(tiny_template.read_bytes())
    with open_storage(path) as store:
        yield store


def people_data() -> list:
    """Contributors p1…p8 and one anonymous contribution (see the tests for the counts)."""
    return [
        draft(centre(A), "a1", who="p1", age="30-44", csp="CS3", home=A, at=later(1)),
        draft(centre(A), "a2", who="p1", age="30-44", csp="CS3", home=A, at=later(2)),
        draft(centre(A), "a3", who="p2", age="15-29", csp="CS5", home=A, at=later(3)),
        draft(centre(B), "b1", who="p2", age="30-44", csp="CS5", home=B, at=later(4)),  # latest wins
        draft(centre(A), "a4", at=later(5)),  # anonymous: one contributor
        draft(centre(A), "a5", who="p3", age="60-74", csp="CS7", home=C, at=later(6)),
        draft(centre(B), "b2", who="p4", age="15-29", csp="CS5", at=later(7)),
        draft(centre(B), "b3", who="p5", age="75+", csp="CS6", home="59350", at=later(8)),
        draft(centre(D), "d1", who="p6", home=D, channel="paper", at=later(9)),
        draft(centre(D), "d2", who="p7", home=D, channel="paper", at=later(10)),
        draft(centre(D), "d3", who="p8", channel="paper", at=later(11)),
    ]


def cells_data() -> list:
    """q1…q6 aged 30-44 and q7 aged 15-29 in B; q8, q9 aged 30-44 in A; q10…q14 CS1 in A
    without age; q15 aged 45-59 in D."""
    out = [draft(centre(B), f"q{i}", who=f"q{i}", age="30-44", theme="mobilité") for i in range(1, 7)]
    out.append(draft(centre(B), "q7", who="q7", age="15-29", theme="nature"))
    out += [draft(centre(A), f"q{i}", who=f"q{i}", age="30-44", theme="nature") for i in (8, 9)]
    out += [draft(centre(A), f"q{i}", who=f"q{i}", csp="CS1") for i in range(10, 15)]
    out.append(draft(centre(D), "q15", who="q15", age="45-59", theme="autre"))
    return out


def run_cli(db: Path, tmp_path: Path, *args: str, fmt: str = "csv") -> list[dict]:
    out = tmp_path / f"out.{fmt}"
    assert main(["--db", str(db), *args, "--format", fmt, "-o", str(out)]) == 0
    if fmt == "json":
        return json.loads(out.read_text(encoding="utf-8"))
    with out.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def num(text: str) -> float:
    return float(text)


# --------------------------------------------------------------------------- by zone


def test_zone_columns_hand_computed_through_the_cli(tiny, tmp_path):
    tiny.add_contributions(people_data())
    db = tiny.path
    tiny.close()
    rows = {r["zone_code"]: r for r in run_cli(db, tmp_path, "representation", "--by", "zone")}
    assert list(next(iter(rows.values()))) == [
        "zone_code", "zone_name", "population", "contributors", "expected", "ratio",
        "ci_low", "ci_high", "smoothed_ratio", "status",
    ]
    # A: p1 (twice), p2, the anonymous one, p3 → 4; B: p2, p4, p5 → 3; C: 0; D: p6, p7, p8 → 3.
    # Σ contributors 10 over Σ population 10,000: expected = population / 1000.
    observed = {A: 4, B: 3, C: 0, D: 3}
    expected = {A: 1.0, B: 3.0, C: 2.0, D: 4.0}
    # Marshall: m = 1, s² = (1·3² + 0 + 2·1² + 4·0.25²) / 10 = 1.125, A = 1.125 − 1/2.5 = 0.725,
    # a = b = 1/0.725 → smoothed = (O + 1.37931) / (E + 1.37931)
    b = 1 / 0.725
    for code in (A, B, C, D):
        r = rows[code]
        o, e = observed[code], expected[code]
        assert int(r["contributors"]) == o
        assert num(r["population"]) == pytest.approx(e * 1000)
        assert num(r["expected"]) == pytest.approx(e)
        assert num(r["ratio"]) == pytest.approx(o / e)
        assert num(r["ci_low"]) == pytest.approx(POISSON[o][0] / e, abs=1e-5)
        assert num(r["ci_high"]) == pytest.approx(POISSON[o][1] / e, abs=1e-5)
        assert num(r["smoothed_ratio"]) == pytest.approx((o + b) / (e + b), abs=1e-6)
    assert rows[A]["zone_name"] == "Aville"
    assert num(rows[A]["smoothed_ratio"]) == pytest.approx(2.26087, abs=1e-5)
    assert {c: rows[c]["status"] for c in rows} == {A: "over", B: "expected", C: "expected", D: "expected"}


def test_zone_result_marks_blank_zones_and_counts_everyone(tiny):
    tiny.add_contributions(people_data())
    result = rep.representation_by_zone(tiny)
    assert result.table.loc[C, "blank"] and not result.table.loc[A, "blank"]
    assert result.totals == {"contributors": 9, "placed": 9, "no_home": 3, "home_outside": 1}
    # four zones: too few for Gi*, said in plain French
    assert "au moins 8 zones" in result.clusters_note
    assert (result.table["cluster"] == "").all()


def test_home_basis(tiny, tmp_path):
    tiny.add_contributions(people_data())
    result = rep.representation_by_zone(tiny, basis="home")
    # homes (latest declared): p1 A, p2 B, p3 C, p6 D, p7 D; p4, p8 and the anonymous one
    # declared none; p5 lives outside the territory.
    assert result.table["contributors"].to_dict() == {A: 1, B: 1, C: 1, D: 2}
    assert result.totals == {"contributors": 9, "placed": 5, "no_home": 3, "home_outside": 1}
    assert result.left_out == 4
    assert result.table.loc[B, "expected"] == pytest.approx(1.5)  # 3000 × 5 / 10,000
    assert result.table.loc[A, "ratio"] == pytest.approx(2.0)
    db = tiny.path
    tiny.close()
    rows = run_cli(db, tmp_path, "representation", "--by", "zone", "--basis", "home", fmt="json")
    assert {r["zone_code"]: r["contributors"] for r in rows} == {A: 1, B: 1, C: 1, D: 2}


def test_filters_kind_channel_and_period(tiny, tmp_path):
    drafts = people_data()
    drafts[0].kind = "memory"
    tiny.add_contributions(drafts)
    paper = rep.representation_by_zone(tiny, selection=rep.Selection(channels=("paper",)))
    assert paper.table["contributors"].to_dict() == {A: 0, B: 0, C: 0, D: 3}
    memory = rep.representation_by_zone(tiny, selection=rep.Selection(kinds=("memory",)))
    assert memory.table["contributors"].sum() == 1
    window = rep.Selection(since=later(3), until=later(6))  # a3, b1, a4 (until is exclusive)
    assert rep.representation_by_zone(tiny, selection=window).table["contributors"].to_dict() == {
        A: 2, B: 1, C: 0, D: 0,
    }
    db = tiny.path
    tiny.close()
    rows = run_cli(db, tmp_path, "representation", "--kind", "memory")
    assert sum(int(r["contributors"]) for r in rows) == 1
    # --until takes the whole day
    assert sum(int(r["contributors"]) for r in run_cli(db, tmp_path, "representation", "--until", "2025-03-01")) == 10
    assert sum(int(r["contributors"]) for r in run_cli(db, tmp_path, "representation", "--since", "2025-03-02")) == 0


def test_contributions_hidden_by_moderation_do_not_count(tiny):
    result = tiny.add_contributions(people_data())
    spam = result.ids[8]  # d1, p6
    tiny.apply_changes(spam, actor="test", action="hide", handling={"hidden": True, "hidden_reason": "spam"})
    assert rep.representation_by_zone(tiny).table.loc[D, "contributors"] == 2
    tiny.merge_contributions(result.ids[9], result.ids[10], actor="test")  # p7 merged: still took part
    assert rep.representation_by_zone(tiny).table.loc[D, "contributors"] == 2


def test_unknown_basis_and_home_basis_on_another_layer(tiny):
    with pytest.raises(ValidationError):
        rep.representation_by_zone(tiny, basis="work")
    with pytest.raises(ValidationError):
        rep.representation_by_zone(tiny, layer="iris")


def test_messages_of_the_analyses_come_from_the_catalogue(tiny):
    # the French words live in cartoparti.i18n; the analyses only fill them in
    with pytest.raises(ValidationError) as caught:
        rep.representation_by_zone(tiny, basis="work")
    assert caught.value.errors == {"basis": "Base inconnue : « work » (place ou home)."}
    with pytest.raises(ValidationError) as caught:
        rep.representation_by_zone(tiny, layer="iris")
    assert caught.value.errors == {"layer": "Couche de zones inconnue : « iris »."}
    assert i18n.message("representation.home_off_primary", primary="communes") == (
        "La base « domicile » compte par commune de résidence : "
        "elle ne s'applique qu'à la couche « communes »."
    )
    with pytest.raises(ValidationError) as caught:
        hexagons.hexagon_counts(tiny, size_m=5)
    assert caught.value.errors["size"].startswith("Hexagones trop petits pour ce territoire (environ ")
    assert caught.value.errors["size"].endswith(
        f" ; {hexagons.MAX_HEXAGONS} au plus) : choisissez une taille plus grande."
    )
    with pytest.raises(ValueError) as refused:
        stats.getis_ord_gi_star(pd.Series([1.0, 2.0]), {0: [1], 1: [0]})
    assert str(refused.value) == (
        f"L'analyse des points chauds (Gi*) demande au moins {stats.MIN_ZONES_GI_STAR} zones "
        "renseignées ; il y en a 2."
    )
    nobody = rep.representation_by_zone(tiny, selection=rep.Selection(themes=("no such theme",)))
    assert nobody.clusters_note == "Aucun contributeur : pas d'analyse des regroupements."


# --------------------------------------------------------------------------- by public


def test_public_columns_hand_computed_through_the_cli(tiny, tmp_path):
    tiny.add_contributions(people_data())
    db = tiny.path
    tiny.close()
    rows = run_cli(db, tmp_path, "representation", "--by", "public")
    assert list(rows[0]) == [
        "dimension", "group", "population", "population_share", "contributors",
        "contributor_share", "index", "ci_low", "ci_high", "status",
    ]
    by = {(r["dimension"], r["group"]): r for r in rows}
    assert [k for k in by if k[0] == "age_band"] == [
        ("age_band", g) for g in ("0-14", "15-29", "30-44", "45-59", "60-74", "75+")
    ]
    # Zones A, B, C: p1, p2, p3, p4, p5 and the anonymous one; five declared an age band
    # (p2's latest is 30-44). Population shares 0.2 ×4 and 0.1 ×2 of 6,000.
    ages = {"0-14": (0, 0.2), "15-29": (1, 0.2), "30-44": (2, 0.2), "45-59": (0, 0.2), "60-74": (1, 0.1), "75+": (1, 0.1)}
    for group, (count, share) in ages.items():
        r = by[("age_band", group)]
        assert num(r["population"]) == pytest.approx(share * 6000)
        assert num(r["population_share"]) == pytest.approx(share)
        assert int(r["contributors"]) == count
        assert num(r["contributor_share"]) == pytest.approx(count / 5)
        assert num(r["index"]) == pytest.approx(count / 5 / share)
        assert num(r["ci_low"]) == pytest.approx(WILSON5[count][0] / share, abs=1e-4)
        assert num(r["ci_high"]) == pytest.approx(WILSON5[count][1] / share, abs=1e-4)
        assert r["status"] == "expected"
    # CSP (15+): p1 CS3, p2 CS5, p3 CS7, p4 CS5, p5 CS6; population 4 + 600 + 1800 + 1800 + 600
    total = 4804
    r = by[("csp", "CS5")]
    assert int(r["contributors"]) == 2
    assert num(r["population_share"]) == pytest.approx(1800 / total)
    assert num(r["index"]) == pytest.approx(0.4 / (1800 / total))
    assert num(r["ci_low"]) == pytest.approx(WILSON5[2][0] / (1800 / total), abs=1e-4)
    # a category nobody lives in: no share, no status
    r = by[("csp", "CS2")]
    assert num(r["population"]) == 0 and r["population_share"] == "" and r["status"] == ""


def test_public_tests_scores_and_zones_left_out(tiny):
    tiny.add_contributions(people_data())
    publics = rep.representation_by_public(tiny)
    # chi²: expected 5 × shares = 1, 1, 1, 1, 0.5, 0.5 against 0, 1, 2, 0, 1, 1
    assert publics.tests["age_band"]["statistic"] == pytest.approx(4.0)
    assert publics.tests["age_band"]["dof"] == 5
    assert publics.tests["age_band"]["p_value"] == pytest.approx(0.549416, abs=1e-5)
    assert publics.scores["age_band"] == 0.0  # nobody aged 0-14 or 45-59
    # CSP rates: CS1 0/4 … so the score is 0 too; the four others: min 1/1800, max 1/600
    assert publics.scores["csp"] == 0.0
    assert publics.declared == {"age_band": 5, "csp": 5}
    assert publics.contributors == 6
    assert publics.zones_used == ["Aville", "Beville", "Ceville"]
    assert publics.zones_left_out == ["Deville"]


def test_categories_leave_out_children(tiny):
    drafts = people_data() + [draft(centre(A), "kid", who="kid", age="0-14", csp="CS8")]
    tiny.add_contributions(drafts)
    table = rep.representation_by_public(tiny).table
    assert table.loc[("age_band", "0-14"), "contributors"] == 1
    assert table.loc[("csp", "CS8"), "contributors"] == 0


# --------------------------------------------------------------------------- zone x public


def test_zone_public_columns_and_suppression_through_the_cli(tiny, tmp_path):
    tiny.add_contributions(cells_data())
    db = tiny.path
    tiny.close()
    rows = run_cli(db, tmp_path, "representation", "--by", "zone-public")
    assert list(rows[0]) == [
        "zone_code", "dimension", "group", "population", "contributors", "expected", "ratio",
        "status", "suppressed",
    ]
    by = {(r["zone_code"], r["dimension"], r["group"]): r for r in rows}
    assert len(by) == 3 * (6 + 8)  # zones with a breakdown × groups; D is left out
    assert not any(k[0] == D for k in by)
    # age bands: 9 contributors in A, B, C over 6,000 inhabitants → rate 0.0015
    r = by[(B, "age_band", "30-44")]
    assert r["suppressed"] == "false"
    assert num(r["population"]) == 600 and int(r["contributors"]) == 6
    assert num(r["expected"]) == pytest.approx(0.9)
    assert num(r["ratio"]) == pytest.approx(6 / 0.9, abs=1e-5)
    assert r["status"] == "over"  # 2.20189 / 0.9 > 1
    # fewer than 5 contributors: figures hidden, status kept
    for key, status in [((A, "age_band", "30-44"), "expected"), ((C, "age_band", "30-44"), "expected"),
                        ((B, "age_band", "15-29"), "expected")]:
        r = by[key]
        assert r["suppressed"] == "true"
        assert (r["population"], r["contributors"], r["expected"], r["ratio"]) == ("", "", "", "")
        assert r["status"] == status
    # 5 contributors but 4 inhabitants: suppressed as well
    r = by[(A, "csp", "CS1")]
    assert r["suppressed"] == "true" and r["contributors"] == "" and r["population"] == ""
    json_rows = run_cli(db, tmp_path, "representation", "--by", "zone-public", fmt="json")
    cell = next(r for r in json_rows if (r["zone_code"], r["group"]) == (A, "CS1"))
    assert cell["suppressed"] is True and cell["contributors"] is None and cell["population"] is None




# --------------------------------------------------------------------------- channels


def test_channel_reach_hand_computed(tiny, tmp_path):
    tiny.add_contributions(cells_data())
    reach = rep.channel_reach(tiny)
    online = reach[reach["channel"] == "online"].set_index(["dimension", "group"])
    assert online.loc[("all", "all"), "contributors"] == 15
    assert online.loc[("all", "all"), "share"] == pytest.approx(1.0)
    # A: q8…q14 = 7 of 15 contributors; A holds 1,000 of 10,000 inhabitants
    assert online.loc[("zone", A), "contributors"] == 7
    assert online.loc[("zone", A), "share"] == pytest.approx(7 / 15)
    assert online.loc[("zone", A), "index"] == pytest.approx(7 / 15 / 0.1)
    # D: one contributor → suppressed; C: nobody → suppressed too
    assert online.loc[("zone", D), "suppressed"] and pd.isna(online.loc[("zone", D), "contributors"])
    assert online.loc[("zone", C), "suppressed"]
    # ages in A, B, C: 9 declared, 8 aged 30-44 (share of population 0.2)
    assert online.loc[("age_band", "30-44"), "contributors"] == 8
    assert online.loc[("age_band", "30-44"), "index"] == pytest.approx(8 / 9 / 0.2)
    assert online.loc[("age_band", "30-44"), "status"] == "over"
    db = tiny.path
    tiny.close()
    rows = run_cli(db, tmp_path, "representation", "--by", "channel")
    assert list(rows[0]) == rep.CHANNEL_COLUMNS
    assert rows[0]["channel"] == "online" and rows[0]["dimension"] == "all" and rows[0]["contributors"] == "15"


# --------------------------------------------------------------------------- outreach


def test_outreach_lists_whole_zones_and_hides_small_cells(tiny, tmp_path):
    tiny.add_contributions(cells_data())
    targets = rep.outreach_targets(tiny, top=None)
    assert list(targets.columns) == rep.OUTREACH_COLUMNS
    # nobody in C (2,000 inhabitants): a zone blanche, first, as one whole-zone line
    # (15 contributors over 10,000 inhabitants → 3 expected)
    blank = targets.iloc[0]
    assert (blank["zone_code"], blank["dimension"], blank["group"]) == (C, "all", "all")
    assert blank["blank"] and blank["contributors"] == 0 and blank["needed"] == 3
    assert blank["expected"] == pytest.approx(3.0) and not blank["suppressed"]
    assert not (targets["zone_code"].eq(C) & targets["dimension"].ne("all")).any()
    assert not targets["blank"].iloc[1:].any()
    # D has no breakdown: listed as a whole; age bands of the other zones: 0.0015 × 9 → Σ
    first = targets.iloc[1]
    # every contributor: 15 over 10,000 → D expects 6 and has 1 (q15): ratio 1/6, under
    assert (first["zone_code"], first["dimension"], first["group"]) == (D, "all", "all")
    assert first["needed"] == 5 and first["status"] == "under" and not first["suppressed"]
    assert first["contributors"] == 1 and first["expected"] == pytest.approx(6.0)
    assert list(targets["rank"]) == list(range(1, len(targets) + 1))
    small = targets[targets["suppressed"]]
    assert small[["population", "contributors", "expected"]].isna().all().all()
    assert (targets["needed"] >= 1).all()
    db = tiny.path
    tiny.close()
    rows = run_cli(db, tmp_path, "outreach", "--top", "2")  # the same order
    assert [r["zone_code"] for r in rows] == [C, D] and rows[1]["needed"] == "5"


def test_outreach_needed_is_a_lower_bound_in_suppressed_cells(tiny):
    # 60 contributors aged 30-44 in B and one in C: 61 over 6,000 inhabitants
    drafts = [draft(centre(B), f"r{i}", who=f"r{i}", age="30-44") for i in range(60)]
    drafts += [draft(centre(C), "c1", who="c1", age="30-44")]
    tiny.add_contributions(drafts)
    targets = rep.outreach_targets(tiny, top=None)
    cells = targets.set_index(["zone_code", "dimension", "group"])
    # D (no breakdown) expects 10,000 … 4,000 × 61 / 10,000 = 24.4 with nobody: first
    assert targets.iloc[0][["zone_code", "needed", "status"]].tolist() == [D, 25, "under"]
    # B, 0-14: 600 × 61 / 6000 = 6.1 expected, nobody → at least ceil(6.1 − 4) = 3 (truly 7)
    b = cells.loc[(B, "age_band", "0-14")]
    assert b["suppressed"] and b["needed"] == 3 and pd.isna(b["expected"]) and pd.isna(b["contributors"])
    assert b["best_channel"] == ""  # nobody of that age reached yet
    # nobody in A either (1,000 × 61 / 10,000 = 6.1 expected): a zone blanche, second,
    # as one whole-zone line instead of its cells
    assert cells.loc[(A, "all", "all"), "blank"] and targets.iloc[1]["zone_code"] == A
    # C, 0-14: 4.07 expected → at least 1
    assert cells.loc[(C, "age_band", "0-14"), "needed"] == 1
    assert (A, "age_band", "30-44") not in cells.index
    assert cells.loc[(C, "age_band", "30-44"), "best_channel"] == "online"  # 1 of 4.07: listed


# --------------------------------------------------------------------------- re-weighting


def test_reweighted_counts_hand_computed(tiny):
    tiny.add_contributions(cells_data())
    weights = rep.reweighted_counts(tiny)
    # cells (A, 30-44) 2, (B, 30-44) 6, (B, 15-29) 1 of 9; population shares 200, 600, 600 / 6000
    # weights 0.15, 0.15, 0.9 → mobilité 6 × 0.15 = 0.9; nature 0.9 + 2 × 0.15 = 1.2
    assert weights.used == 9 and weights.no_age == 5 and weights.no_breakdown == 1
    assert weights.coverage == pytest.approx(1400 / 6000)
    theme = weights.by_theme
    assert theme.loc["mobilité", "contributions"] == 6
    assert theme.loc["mobilité", "share"] == pytest.approx(6 / 9)
    assert theme.loc["mobilité", "reweighted"] == pytest.approx(0.9)
    assert theme.loc["nature", "reweighted"] == pytest.approx(1.2)
    assert theme.loc["nature", "reweighted_share"] == pytest.approx(1.2 / 2.1)
    assert weights.by_zone.loc[A, "reweighted"] == pytest.approx(0.3)
    assert weights.by_zone.loc[B, "reweighted"] == pytest.approx(1.8)
    shown = view.reweighted_display(weights)
    assert list(shown["Thème"]) == ["nature", "mobilité"]


# --------------------------------------------------------------------------- hexagons


def test_hexagons_count_each_contribution_in_the_hexagon_holding_it(tiny):
    points = [shapely.Point(2.801 + 0.0037 * i, 50.401 + 0.0029 * i) for i in range(10)]
    drafts = [draft(p, f"h{i}", who=f"h{i % 7}") for i, p in enumerate(points)]
    drafts += [draft(points[0], "h-again", who="h0")]
    tiny.add_contributions(drafts)
    hexes = hexagons.hexagon_counts(tiny, size_m=250)
    assert hexes.crs.to_epsg() == 4326
    assert hexes["contributions"].sum() == 11
    # the grid covers the four communes (~2.9 km × 4.4 km) with hexagons of ~0.16 km²
    assert 50 < len(hexes) < 200
    assert (hexes["contributors"] <= hexes["contributions"]).all()
    for i, point in enumerate(points):
        holder = hexes[hexes.contains(point)]
        assert len(holder) == 1, i
        assert holder.iloc[0]["contributions"] >= (2 if i == 0 else 1)
    first = hexes[hexes.contains(points[0])].iloc[0]
    assert first["contributors"] == 1 and first["contributions"] == 2
    assert hexes[hexes.contains(points[2])].iloc[0]["zone_name"] == "Aville"
    # metric hexagons: side 250 m → area 3√3/2 × 250² in Lambert-93
    area = hexes.to_crs(2154).area
    assert area.mean() == pytest.approx(1.5 * math.sqrt(3) * 250**2, rel=1e-3)
    with pytest.raises(ValidationError):
        hexagons.hexagon_counts(tiny, size_m=5)


# --------------------------------------------------------------------------- exports and report


def test_report_bundles_every_analysis_on_both_bases(tiny):
    tiny.add_contributions(people_data())
    report = rep.representation_report(tiny, basis="home")
    assert report.zones.basis == "home"
    assert report.totals_by_basis["place"]["placed"] == 9
    assert report.totals_by_basis["home"]["placed"] == 5
    assert set(report.channels["channel"]) == {"online", "paper"}
    assert view.zones_display(report.zones)["Statut"].iloc[0] in view.STATUS_LABELS.values()




def test_cli_writes_to_stdout(tiny, capsysbinary):
    tiny.add_contributions(people_data())
    db = tiny.path
    tiny.close()
    assert main(["--db", str(db), "representation", "--by", "zone"]) == 0
    out = capsysbinary.readouterr().out.decode()
    assert out.startswith("zone_code,zone_name,population,")
    assert main(["--db", str(db), "representation", "--by", "channel", "--basis", "home"]) == 2
    assert main(["--db", str(db), "outreach", "--top", "0"]) == 2


def test_best_channel_needs_five_people_of_that_public():
    channels = pd.DataFrame(
        [
            # 15-29: paper has the higher index but only 4 people; workshop reached 6
            ("paper", "age_band", "15-29", 4, 3.0),
            ("workshop", "age_band", "15-29", 6, 1.5),
            ("online", "age_band", "15-29", 20, 0.8),
            # 75+: nobody reached 5 of them
            ("paper", "age_band", "75+", 3, 2.0),
            # a zone: the channel that reached most of its contributors
            ("online", "zone", A, 9, 0.5),
            ("paper", "zone", A, 12, 0.4),
            ("online", "all", "all", 40, None),
        ],
        columns=["channel", "dimension", "group", "contributors", "index"],
    )
    best = outreach._best_channels(channels)
    assert best == {("age_band", "15-29"): "workshop", ("zone", A): "paper"}




@pytest.mark.parametrize("basis", ["place", "home"])
def test_report_and_each_analysis_agree(tiny, basis):
    """The report counts once; each analysis counts its own parts: same results."""
    tiny.add_contributions(people_data() + cells_data())
    report = rep.representation_report(tiny, basis=basis)
    pd.testing.assert_frame_equal(report.zones.table, rep.representation_by_zone(tiny, basis=basis).table)
    assert report.zones.totals == rep.representation_by_zone(tiny, basis=basis).totals
    assert report.totals_by_basis[basis] == report.zones.totals
    publics = rep.representation_by_public(tiny, basis=basis)
    pd.testing.assert_frame_equal(report.publics.table, publics.table)
    assert (report.publics.tests, report.publics.declared) == (publics.tests, publics.declared)
    pd.testing.assert_frame_equal(
        report.zone_public.table, rep.representation_by_zone_public(tiny, basis=basis).table
    )
    pd.testing.assert_frame_equal(report.channels, rep.channel_reach(tiny))
    pd.testing.assert_frame_equal(report.outreach, rep.outreach_targets(tiny, basis=basis))
    weights = rep.reweighted_counts(tiny)
    pd.testing.assert_frame_equal(report.reweighted.by_theme, weights.by_theme)
    pd.testing.assert_frame_equal(report.reweighted.by_zone, weights.by_zone)
    pd.testing.assert_frame_equal(report.left_out, rep.breakdown_left_out(tiny))


# --------------------------------------------------------------------------- command line options


def test_cli_kind_and_channel_take_codes_or_french_labels(tiny, tmp_path):
    drafts = people_data()
    drafts[0].kind = "memory"
    tiny.add_contributions(drafts)
    db = tiny.path
    tiny.close()

    def total(*args: str) -> int:
        return sum(int(r["contributors"]) for r in run_cli(db, tmp_path, "representation", *args))

    assert total("--kind", "souvenir") == total("--kind", "memory") == 1
    assert total("--kind", " Besoin ") == total("--kind", "need") == 10  # p1 also wrote a2
    assert total("--kind", "besoin", "--kind", "souvenir") == 10
    assert total("--channel", "questionnaire papier") == total("--channel", "paper") == 3
    rows = run_cli(db, tmp_path, "outreach", "--kind", "besoin", "--channel", "en ligne")
    assert rows and set(rows[0]) == set(rep.OUTREACH_COLUMNS)


@pytest.mark.parametrize(
    ("command", "option", "value", "words"),
    [
        ("representation", "--kind", "idée", "type de contribution inconnu : « idée »"),
        ("representation", "--channel", "pigeon", "canal inconnu : « pigeon »"),
        ("outreach", "--kind", "needs", "type de contribution inconnu : « needs »"),
    ],
)
def test_cli_rejects_an_unknown_kind_or_channel_with_exit_2(tiny, tmp_path, capsys, command, option, value, words):
    db = tiny.path
    tiny.close()
    out = tmp_path / "out.csv"
    assert main(["--db", str(db), command, option, value, "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert words in err and ("besoin" in err or "questionnaire papier" in err)  # the labels accepted
    assert not out.exists()


# --------------------------------------------------------------------------- zones left out


def test_cli_names_zones_left_out_on_stderr_and_keeps_its_columns(tiny, tmp_path, capsys):
    tiny.add_contributions(cells_data())
    db = tiny.path
    tiny.close()
    for args, columns in [
        (("representation", "--by", "public"), rep.PUBLIC_COLUMNS),
        (("representation", "--by", "zone-public"), rep.ZONE_PUBLIC_COLUMNS),
        (("representation", "--by", "channel"), rep.CHANNEL_COLUMNS),
        (("outreach",), rep.OUTREACH_COLUMNS),
    ]:
        capsys.readouterr()
        rows = run_cli(db, tmp_path, *args)
        assert list(rows[0]) == columns, args
        err = capsys.readouterr().err
        assert "1 zone(s) sans répartition de la population par public" in err and "Deville" in err, args
        as_json = run_cli(db, tmp_path, *args, fmt="json")
        assert isinstance(as_json, list) and list(as_json[0]) == columns, args  # the shape stays a list
    capsys.readouterr()
    run_cli(db, tmp_path, "representation", "--by", "zone")
    assert "Deville" not in capsys.readouterr().err  # every zone has a rate: nothing left out












def test_zone_headline_counts(tiny):
    tiny.add_contributions(people_data())
    result = rep.representation_by_zone(tiny)
    assert result.blank_zones == ["Ceville"]
    assert result.under_count == 0
    result.table.loc[D, "status"] = "under"
    assert result.under_count == 1
