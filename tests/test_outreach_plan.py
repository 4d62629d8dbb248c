"""« Où aller ? » for a non-statistician: the order, the reasons and the link to field entry.

Hand cases on small territories (figures computed below, in the comments), then the
real Lens-Liévin territory, then the pages (AppTest).
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from cartoparti.analysis import representation as rep
from cartoparti.cli import main
from cartoparti.commands import accounts as auth
from cartoparti.io.territory import load_territory
from cartoparti.present import representation as view
from cartoparti.storage import open_storage
from tests.conftest import ROOT
from tests.representation_helpers import (
    centre,
    draft,
    proportional_drafts,
    square,
    write_tiny_territory,
)

NNBSP, NBSP = "\u202f", "\u00a0"  # babel's French thousands separator, and before « % »
A, B, C, D = "62001", "62002", "62003", "62004"
MERICOURT, ACHEVILLE, BENIFONTAINE = "62570", "62003", "62107"


def key(targets) -> list[tuple[str, str, str]]:
    return list(zip(targets["zone_code"], targets["dimension"], targets["group"], strict=True))


# --------------------------------------------------------------------------- whole zones

WHOLE = {  # code: (name, population, contributors)
    A: ("Grandeville", 100_000, 160),
    B: ("Petiteville", 5_000, 2),
    C: ("Videville", 1_000, 0),
    D: ("Hauteville", 10_000, 70),
}
# 232 contributors for 116,000 inhabitants: 0.002 each → expected G 200, P 10, V 2, H 20.


def write_whole_territory(folder: Path) -> Path:
    """Four square communes known by their total population only (no breakdown)."""
    folder.mkdir(parents=True, exist_ok=True)
    corners = {A: (2.80, 50.40), B: (2.82, 50.40), C: (2.80, 50.42), D: (2.82, 50.42)}
    features = [
        {"type": "Feature", "properties": {"insee": code, "nom": WHOLE[code][0], "population": WHOLE[code][1]},
         "geometry": {"type": "Polygon", "coordinates": [square(x, y, 0.02)]}}
        for code, (x, y) in corners.items()
    ]
    (folder / "communes.geojson").write_text(json.dumps({"type": "FeatureCollection", "features": features}), encoding="utf-8")
    return folder


@pytest.fixture
def whole(tmp_path: Path):
    path = tmp_path / "whole.duckdb"
    with open_storage(path) as store:
        store.load_territory(load_territory(write_whole_territory(tmp_path / "whole")))
        store.add_contributions([
            draft(centre(code), f"{code}-{i}", who=f"{code}-{i}")
            for code, (_name, _pop, n) in WHOLE.items() for i in range(n)
        ])
        yield store


def test_zone_blanche_first_then_the_deepest_relative_deficit(whole, tmp_path):
    targets = rep.outreach_targets(whole, top=None)
    # Videville: nobody (2 expected, not even significant) → first.
    # Petiteville: 2 for 10 expected, ratio 0.2, Garwood upper bound 7.22 / 10 = 0.72.
    # Grandeville: 160 for 200 expected, ratio 0.8, upper bound 186.7 / 200 = 0.93: it
    # misses 40 people (Petiteville 8) but its gap is relatively small → after.
    # Hauteville: 70 for 20 → not listed.
    assert key(targets) == [(C, "all", "all"), (B, "all", "all"), (A, "all", "all")]
    assert targets["blank"].tolist() == [True, False, False]
    assert targets["needed"].tolist() == [2, 8, 40]
    assert targets["status"].tolist() == ["expected", "under", "under"]
    assert targets["ratio"].tolist() == pytest.approx([0.0, 0.2, 0.8])
    assert view.outreach_reasons(targets) == [
        f"Personne n'a participé à Videville (1{NNBSP}000 habitants)",
        "Les habitants de Petiteville participent 5 fois moins que la moyenne du territoire",
        f"Les habitants de Grandeville participent 20{NBSP}% de moins que la moyenne du territoire",
    ]
    # the command line gives the same order
    db = whole.path
    whole.close()
    out = tmp_path / "ou_aller.csv"
    assert main(["--db", str(db), "outreach", "--format", "csv", "-o", str(out)]) == 0
    with out.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert [r["zone_code"] for r in rows] == [C, B, A]
    assert [r["blank"] for r in rows] == ["true", "false", "false"]


# --------------------------------------------------------------------------- zone × public

@pytest.fixture
def tiny(tmp_path: Path):
    path = tmp_path / "tiny.duckdb"
    with open_storage(path) as store:
        store.load_territory(load_territory(write_tiny_territory(tmp_path / "tiny")))
        yield store


def crossed() -> list:
    """120 contributors declaring their age in Aville (A) and Beville (B), nobody in
    Ceville (C), 10 without age in Deville (D, no breakdown)."""
    counts = {(A, "30-44"): 20, (A, "45-59"): 20, (B, "15-29"): 5, (B, "30-44"): 60, (B, "45-59"): 15}
    out = [draft(centre(z), f"{z}-{band}-{i}", who=f"{z}-{band}-{i}", age=band)
           for (z, band), n in counts.items() for i in range(n)]
    return out + [draft(centre(D), f"d{i}", who=f"d{i}") for i in range(10)]


def test_cells_order_and_reasons_by_hand(tiny):
    tiny.add_contributions(crossed())
    targets = rep.outreach_targets(tiny, top=None)
    # Zones: 130 contributors for 10,000 inhabitants → C expects 26 and has nobody;
    # D expects 52 and has 10 (ratio 0.19, bound 19.17 / 52 = 0.37).
    # Age bands: 120 for the 6,000 inhabitants of A, B, C → 0.02 each. B 15-29: 5 for
    # 12 (ratio 0.42, bound 11.67 / 12 = 0.97, under); B 60-74 and 75+: nobody for 6,
    # suppressed, ranked as 4 at most (10.24 / 6 = 1.71), at least 6 - 4 = 2 missing;
    # B 0-14: nobody for 12, under, but children are not met in the field → last.
    # A's missing bands expect 4 or 2: 4 at most is as many, not listed; C's cells are
    # folded into its one line.
    assert key(targets) == [
        (C, "all", "all"), (D, "all", "all"), (B, "age_band", "15-29"),
        (B, "age_band", "60-74"), (B, "age_band", "75+"), (B, "age_band", "0-14"),
    ]
    assert targets["needed"].tolist() == [26, 42, 7, 2, 2, 8]
    assert targets["suppressed"].tolist() == [False, False, False, True, True, True]
    assert (targets["status"] == "under").all()
    assert view.outreach_reasons(targets) == [
        f"Personne n'a participé à Ceville (2{NNBSP}000 habitants)",
        "Les habitants de Deville participent 5,2 fois moins que la moyenne du territoire",
        "Les 15-29 ans sont 2,4 fois moins nombreux parmi les contributeurs que dans la population à Beville",
        "À Beville, moins de 5 contributeurs parmi les 60-74 ans : il en manque au moins 2",
        "À Beville, moins de 5 contributeurs parmi les 75 ans ou plus : il en manque au moins 2",
        ("À Beville, moins de 5 contributeurs parmi les moins de 15 ans : il en manque au moins 8"
         " (à rencontrer avec les écoles et les familles plutôt que sur le terrain)"),
    ]
    # the figures of suppressed cells never reach the reasons nor the list
    assert targets.loc[targets["suppressed"], ["population", "contributors", "expected", "ratio"]].isna().all().all()
    assert view.outreach_query(targets)[:3] == [{"zone": C}, {"zone": D}, {"zone": B, "public": "15-29"}]


def test_a_gap_that_may_be_chance_says_so(whole):
    whole.add_contributions([draft(centre(B), f"extra-{i}", who=f"extra-{i}") for i in range(7)])
    targets = rep.outreach_targets(whole, top=None)
    # Petiteville now has 9: 239 / 116,000 → 10.3 expected, not significant
    row = targets[targets["zone_code"] == B]
    assert row["status"].tolist() == ["expected"]
    assert view.outreach_reasons(row) == [
        (f"Les habitants de Petiteville participent 13{NBSP}% de moins que la moyenne du territoire"
         " (écart qui peut venir du hasard)"),
    ]


def test_field_target_ignores_unknown_values():
    names = {A: "Aville", B: "Beville"}
    assert view.field_target({"zone": A, "public": "15-29"}, names) == (A, "15-29")
    assert view.field_target({"zone": B, "public": "CS6"}, names) == (B, "CS6")
    assert view.field_target({"zone": A, "public": "all"}, names) == (A, None)
    assert view.field_target({"zone": A, "public": "<b>x</b>"}, names) == (A, None)
    assert view.field_target({"zone": "99999", "public": "15-29"}, names) == (None, None)
    assert view.field_target({}, names) == (None, None)
    assert view.field_target({"zone": ["62001"]}, names) == (None, None)


# --------------------------------------------------------------------------- Lens-Liévin

def nobody_in(store, codes) -> None:
    """Everyone at 0.4 % except nobody in ``codes``, and the 15-29 at a third of that."""
    store.add_contributions(
        proportional_drafts(store, rate=0.004, zone_factor=dict.fromkeys(codes, 0), band_factor={"15-29": 0.3})
    )


def test_communes_with_nobody_top_the_list_on_the_real_territory(store):
    nobody_in(store, [MERICOURT, ACHEVILLE, BENIFONTAINE])
    targets = rep.outreach_targets(store)
    # Méricourt (11,676 inhabitants, by IRIS) is crossed by public; Acheville (602) and
    # Bénifontaine (345) are not: all three first, the most populated first
    assert targets["zone_code"].head(3).tolist() == [MERICOURT, ACHEVILLE, BENIFONTAINE]
    assert targets["blank"].head(3).all() and not targets["blank"].iloc[3:].any()
    assert not targets["zone_code"].iloc[3:].isin([MERICOURT, ACHEVILLE, BENIFONTAINE]).any()
    reasons = view.outreach_reasons(targets)
    assert reasons[0] == f"Personne n'a participé à Méricourt (11{NNBSP}676 habitants)"
    # then the 15-29 of the big towns, a third as many as they should be
    assert key(targets)[3:5] == [("62498", "age_band", "15-29"), ("62510", "age_band", "15-29")]
    assert reasons[3] == ("Les 15-29 ans sont 2,8 fois moins nombreux parmi les contributeurs "
                          "que dans la population à Lens")
    # and the three are on the map of where to go
    zones = view.outreach_zones(store.zones(), targets)
    assert {MERICOURT, ACHEVILLE, BENIFONTAINE} <= set(zones["code"])


# --------------------------------------------------------------------------- pages

AGENT = {"name": "agent.test", "role": "agent"}


@pytest.fixture
def agent_env(app_env):
    with open_storage(app_env) as store:
        auth.add_user(store, AGENT["name"], role="agent", password="un mot de passe assez long")
        nobody_in(store, [MERICOURT, ACHEVILLE, BENIFONTAINE])
    return app_env


def open_page(path: str, query: dict[str, str] | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run(timeout=60)
    at.session_state["user"] = AGENT
    for name, value in (query or {}).items():
        at.query_params[name] = value
    at.switch_page(path).run(timeout=60)
    assert not at.exception, at.exception
    return at


def test_page_lists_reasons_with_links_to_field_entry(agent_env):
    at = open_page("pages/qui_manque.py")
    lines = [m.value for m in at.markdown if re.match(r"\*\*\d+\.\*\* ", m.value)]
    assert lines[0] == f"**1.** Personne n'a participé à Méricourt (11{NNBSP}676 habitants)"
    assert lines[1].startswith("**2.** Personne n'a participé à Acheville")
    links = [link.proto for link in at.get("page_link") if link.proto.page == "saisie_terrain" and link.proto.query_string]  # not the sidebar's
    # 16 lines: the 3 zones blanches, 11 communes' 15-29, 2 small communes a little short
    assert len(links) == len(lines) == 16
    assert links[0].label == "Saisie terrain à Méricourt" and links[0].query_string == f"zone={MERICOURT}"
    assert links[3].query_string == "zone=62498&public=15-29"
    assert links[7].label == "Saisie terrain à Bully\\-les\\-Mines"  # names are escaped markdown there
    table = next(df.value for df in at.dataframe if "Pourquoi" in df.value.columns)
    assert table["Pourquoi"].iloc[0] == lines[0].removeprefix("**1.** ")


def test_field_entry_opened_from_the_list_preselects_the_commune(agent_env):
    at = open_page("pages/saisie_terrain.py", {"zone": "62498", "public": "15-29"})
    assert at.selectbox(key="field_commune").value == "62498"
    assert any(i.value == "Sortie « Où aller ? » : Lens, pour rencontrer en priorité : les 15-29 ans." for i in at.info)


def test_field_entry_ignores_unknown_codes(agent_env):
    at = open_page("pages/saisie_terrain.py", {"zone": "99999", "public": "15-29"})
    assert at.selectbox(key="field_commune").value is None
    assert not any("Où aller" in i.value for i in at.info)
    at = open_page("pages/saisie_terrain.py", {"zone": MERICOURT, "public": "nope"})
    assert at.selectbox(key="field_commune").value == MERICOURT
    assert any(i.value == "Sortie « Où aller ? » : Méricourt, tous les publics." for i in at.info)


def test_page_without_contribution_claims_no_deficit(app_env):
    with open_storage(app_env) as store:
        auth.add_user(store, AGENT["name"], role="agent", password="un mot de passe assez long")
    at = open_page("pages/qui_manque.py")
    # every commune is empty, not « au moins en proportion »
    assert not any("Aucun déficit" in s.value for s in at.success)
    assert not [link for link in at.get("page_link") if link.proto.query_string]
