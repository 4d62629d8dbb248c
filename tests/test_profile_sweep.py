"""Profile fields never leave the agents' side (issue 13, privacy): a database filled
with distinctive profile values, then every public page (AppTest of each page of
``web.PUBLIC_PAGES``, so a public page added later is swept too) and every open export
(every format, every layer of the GeoPackage) is searched for them; the agents'
aggregates suppress their small cells."""

from __future__ import annotations

import io
import json

import pandas as pd
import pyogrio
import pytest
from streamlit.testing.v1 import AppTest

from cartoparti import settings, web
from cartoparti.analysis import representation as rep
from cartoparti.commands import contribute, exports, plan
from cartoparti.i18n import labels
from cartoparti.settings import Settings
from cartoparti.storage import open_storage
from tests.conftest import ROOT

SETTINGS = Settings()
LENS = "62498"
CONTRIBUTOR = "PROFIL-7Q3Z-ID"
HOME = "2B917"  # a home commune no page or file of this territory has any reason to print
AGE, CSP = "75+", "CS1"
PROFILE_VALUES = [CONTRIBUTOR, HOME]
PROFILE_LABELS = [labels("age_bands")[AGE], labels("csp")[CSP]]
PROFILE_COLUMNS = ["age_band", "home_commune", "contributor_id", "first_time"]


@pytest.fixture
def profiled(app_env):
    """Three residents of Lens, all 75 or older, farmers, living in 2B917, one
    contributor id, around a landmark (so that its story page shows them)."""
    with open_storage(settings.db_path()) as store:
        landmark = store.landmarks(LENS).iloc[0]
        point = store.landmark_point(str(landmark["id"]))
        receipts = [
            contribute.submit(
                store, settings=SETTINGS, kind=kind, title=f"Souvenir {n} du carreau", text="La fosse",
                theme="culture et mémoire", location=point, age_band=AGE, csp=CSP, home_commune=HOME,
                first_time=True, contributor_id=f"{CONTRIBUTOR}-{n}",
            )
            for n, kind in enumerate(["memory", "need", "proposal"], start=1)
        ]
        plan.add_item(store, SETTINGS, {"name": "alice", "role": "agent"}, title="Restaurer le carreau",
                      service=SETTINGS.services[0], level="concertation", start_date="2026-01-01",
                      geometry=point, contribution_ids=[receipts[0].id])
    return {"receipts": receipts, "landmark": str(landmark["id"])}


def _everything_shown(at: AppTest) -> str:
    """Every element of the page as its protobuf text (markdown, tables' Arrow bytes,
    maps' HTML, widgets' labels and options)."""
    out, stack = [], [at._tree]
    while stack:
        node = stack.pop()
        proto = getattr(node, "proto", None)
        if proto is not None:
            out.append(str(proto))
        children = getattr(node, "children", None) or {}
        stack.extend(children.values())
    return "\n".join(out)


def _open(path: str, query: dict[str, str] | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.run()
    at.switch_page(path)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, at.exception
    return at


def test_no_public_page_shows_a_profile_field(profiled):
    receipts = profiled["receipts"]
    swept = []
    for path, _label, _icon in web.PUBLIC_PAGES:
        query = {"pages/contribution.py": {"id": receipts[0].id},
                 "pages/histoire.py": {"lieu": profiled["landmark"]}}.get(path)
        at = _open(path, query)
        if path == "pages/suivi.py":
            at.text_input(key="follow_input").set_value(receipts[0].follow_code)
            next(b for b in at.button if b.label == "Voir mes contributions").click().run()
            assert not at.exception, at.exception
        shown = _everything_shown(at)
        if path in ("pages/contribution.py", "pages/histoire.py", "pages/suivi.py", "pages/carte.py"):
            assert "Souvenir 1 du carreau" in shown, f"{path} shows the contributions it is swept for"
        for value in PROFILE_VALUES:
            assert value not in shown, f"{path} shows the profile value {value}"
        if path != "pages/contribuer.py":  # the form itself offers every age band and category
            for value in PROFILE_LABELS:
                assert value not in shown, f"{path} shows the profile label {value}"
        swept.append(path)
    assert len(swept) == len(web.PUBLIC_PAGES) >= 7


def _export_texts(store, tmp_path) -> dict[str, str]:
    texts = {}
    for fmt in exports.FORMATS:
        data = exports.export_bytes(store, SETTINGS, fmt)
        if fmt != "gpkg":
            texts[fmt] = data.decode("utf-8")
            continue
        path = tmp_path / "open.gpkg"
        path.write_bytes(data)
        for name, _kind in pyogrio.list_layers(path):
            frame = pyogrio.read_dataframe(path, layer=name)
            texts[f"gpkg:{name}"] = ",".join(frame.columns) + "\n" + pd.DataFrame(frame).to_csv(index=False)
    return texts


def test_no_open_export_carries_a_profile_field(profiled, tmp_path):
    with open_storage(settings.db_path()) as store:
        texts = _export_texts(store, tmp_path)
    assert {"geojson", "csv", "open311", "gpkg:contributions_points", "gpkg:plan_items"} <= set(texts)
    for name in ("geojson", "csv", "open311", "gpkg:contributions_points"):
        assert "Souvenir 1 du carreau" in texts[name], f"{name} holds the contributions it is swept for"
    for name, text in texts.items():
        for value in [*PROFILE_VALUES, *PROFILE_LABELS]:
            assert value not in text, f"{name} carries {value}"
        for column in PROFILE_COLUMNS:
            assert column not in text, f"{name} has a column {column}"
        header = text.splitlines()[0] if name.startswith("gpkg") or name == "csv" else ""
        assert "csp" not in header.split(","), name
    features = json.loads(texts["geojson"])["features"]
    assert all(set(f["properties"]).isdisjoint(["age_band", "csp", "home_commune", "contributor_id"])
               for f in features)


def test_the_agents_aggregates_suppress_small_cells(profiled):
    """The three farmers aged 75+ of Lens are a cell of 3 (< 5): its figures stay empty."""
    with open_storage(settings.db_path()) as store:
        frame = rep.representation_by_zone_public(store).export_frame()
    cells = frame.set_index(["zone_code", "dimension", "group"])
    for key in [(LENS, "age_band", AGE), (LENS, "csp", CSP)]:
        cell = cells.loc[key]
        assert bool(cell["suppressed"]), key
        assert pd.isna(cell["contributors"]) and pd.isna(cell["population"]), key
    shown = frame.loc[~frame["suppressed"].astype(bool), "contributors"].dropna()
    assert (shown >= 5).all() or shown.empty
    assert io.StringIO(frame.to_csv(index=False)).getvalue().count(HOME) == 0
