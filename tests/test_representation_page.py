"""AppTest of the page "Qui manque ?" (agents only) on the Lens-Liévin territory."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from cartoparti.analysis import representation as rep
from cartoparti.commands import accounts as auth
from cartoparti.storage import open_storage
from tests.conftest import ROOT
from tests.representation_helpers import proportional_drafts

PAGE = "pages/qui_manque.py"
AGENT = {"name": "agent.test", "role": "agent"}
PASSWORD = "un mot de passe assez long"


def open_page(user: dict | None = AGENT) -> AppTest:
    """Open the app, sign in (as the sign-in page does), then go to the page."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run(timeout=60)
    if user is not None:
        at.session_state["user"] = user
    at.switch_page(PAGE).run(timeout=60)
    assert not at.exception, at.exception
    return at


@pytest.fixture
def agent_env(app_env):
    """The app's database with an agent (the session's user must exist in it)."""
    with open_storage(app_env) as store:
        auth.add_user(store, AGENT["name"], role="agent", password=PASSWORD)
    return app_env


@pytest.fixture
def seeded(agent_env):
    with open_storage(agent_env) as store:
        drafts = proportional_drafts(store, rate=0.004, zone_factor={"62413": 0.1}, band_factor={"75+": 0.1})
        for i, d in enumerate(drafts):
            d.csp = ("CS5", "CS6", "CS3", None)[i % 4] if d.age_band not in (None, "0-14") else None
            d.channel = "paper" if i % 5 == 0 else d.channel
        store.add_contributions(drafts)
    return agent_env


def all_text(at: AppTest) -> str:
    parts = [e.value for e in [*at.markdown, *at.caption, *at.info, *at.success, *at.warning]]
    for frame in at.dataframe:
        parts.append(frame.value.to_csv())
    return "\n".join(str(p) for p in parts)


def test_page_is_for_agents_only(app_env):
    at = open_page(user=None)
    assert any("réservée aux agents" in w.value for w in at.warning)
    assert not at.metric and not at.dataframe


def test_page_runs_without_any_contribution(agent_env):
    at = open_page()
    assert any("Aucune contribution" in i.value for i in at.info)
    assert at.metric[0].value == "0"


def test_page_shows_zones_publics_cells_channels_outreach_and_weights(seeded):
    at = open_page()
    metrics = {m.label: m.value for m in at.metric}
    assert int(metrics["Contributeurs"]) > 800
    assert metrics["Communes sous-représentées"] == "1"  # Harnes
    text = all_text(at)
    assert "Harnes" in text and "sous-représenté" in text
    assert "< 5" in text  # suppressed cells
    assert "Laissées de côté : Ablain" in text  # zones without breakdown, named
    zone_table = at.dataframe[0].value
    assert list(zone_table.columns[:3]) == ["Zone", "Population", "Contributeurs"]
    assert zone_table.set_index("Zone").loc["Harnes", "Statut"] == "sous-représenté"
    outreach = next(df.value for df in at.dataframe if "Il en manque" in df.value.columns)
    assert outreach.iloc[0]["Statut"] == "sous-représenté"
    assert set(outreach["Canal qui a le mieux marché"]) <= {
        "en ligne", "atelier", "questionnaire papier", "porte-à-porte", "—",
    }
    # never a small count: every zone × public value is a number ≥ 5 or "< 5"
    cells = next(df.value for df in at.dataframe if list(df.value.columns[:2]) == ["Zone", "Groupe"])
    counts = cells["Contributeurs"]
    assert all(c == "< 5" or int(c.replace("\u202f", "")) >= 5 for c in counts)


def test_page_hexagons_home_basis_and_filters(seeded):
    at = open_page()
    at.radio(key="qm_mesh").set_value("Hexagones").run(timeout=60)
    assert not at.exception
    assert any("population de chaque hexagone est inconnue" in i.value for i in at.info)
    assert any("hexagones, dont" in c.value for c in at.caption)
    at.radio(key="qm_basis").set_value("home").run(timeout=60)
    assert not at.exception
    assert any("commune de résidence" in c.value for c in at.caption)
    at.multiselect(key="qm_channels").set_value(["paper"]).run(timeout=60)
    assert not at.exception
    paper = int(at.metric[0].value)
    at.multiselect(key="qm_channels").set_value([]).run(timeout=60)
    assert int(at.metric[0].value) > paper > 0
    # a period without any contribution (the synthetic ones are dated 1 March 2025)
    at.date_input(key="qm_period").set_value((date(2024, 1, 1), date(2024, 12, 31))).run(timeout=60)
    assert not at.exception
    assert at.metric[0].value == "0"
    at.date_input(key="qm_period").set_value((date(2025, 3, 1), date(2025, 3, 1))).run(timeout=60)
    assert int(at.metric[0].value) > paper
    at.radio(key="qm_cells_dim").set_value("csp").run(timeout=60)
    assert not at.exception
    frames = [df.value for df in at.dataframe]
    assert any(isinstance(f, pd.DataFrame) and "Ouvrier ou ouvrière" in f.to_csv() for f in frames)


def test_page_is_thin():
    """Charts, legends, styles and map display live in the library: the page imports
    neither altair, pandas nor streamlit_folium, and shows maps through ui.show_map."""
    import ast

    tree = ast.parse((ROOT / PAGE).read_text(encoding="utf-8"))
    imported = {alias.name.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.Import)
                for alias in node.names}
    imported |= {node.module.split(".")[0] for node in ast.walk(tree)
                 if isinstance(node, ast.ImportFrom) and node.module}
    assert not imported & {"altair", "pandas", "streamlit_folium", "folium", "numpy"}, imported
    names = {node.id for node in ast.walk(tree) if isinstance(node, ast.Name)}
    assert "st_folium" not in names
    assert not [node.name for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)]
    calls = [ast.unparse(node.func) for node in ast.walk(tree) if isinstance(node, ast.Call)]
    assert calls.count("web.show_map") == 3


def test_downloads_say_which_zones_are_left_out(seeded, monkeypatch):
    import streamlit

    downloads: dict[str, tuple[str, bytes]] = {}
    original = streamlit.download_button

    def recording(label, data, *args, **kwargs):
        downloads[kwargs["key"]] = (kwargs["file_name"], data)
        return original(label, data, *args, **kwargs)

    monkeypatch.setattr(streamlit, "download_button", recording)
    at = open_page()
    header = "zone_code,zone_name,population,reason"
    for key, name in [("qm_dl_left_publics", "zones_exclues_publics_place.csv"),
                      ("qm_dl_left_cells", "zones_exclues_communes_publics_place.csv"),
                      ("qm_dl_left_channels", "zones_exclues_canaux.csv"),
                      ("qm_dl_left_outreach", "zones_exclues_ou_aller.csv")]:
        file_name, data = downloads[key]
        lines = data.decode("utf-8").splitlines()
        assert file_name == name and lines[0] == header, key
        assert len(lines) == 1 + 18 and any(",Ablain-Saint-Nazaire," in line for line in lines), key
    # the analyses' own files keep their documented columns
    assert downloads["qm_dl_publics"][1].decode().startswith(",".join(rep.PUBLIC_COLUMNS) + "\n")
    assert downloads["qm_dl_cells"][1].decode().startswith(",".join(rep.ZONE_PUBLIC_COLUMNS) + "\n")
    captions = [c.value for c in at.caption]
    for start in ("Communes laissées de côté (population par public inconnue) : Ablain",
                  "Publics (âges, catégories) comptés sans les communes",
                  "Communes dont la population par public est inconnue, listées en entier"):
        assert any(c.startswith(start) for c in captions), start
    assert sum(c.startswith("Communes laissées de côté (population par public inconnue)") for c in captions) == 2
