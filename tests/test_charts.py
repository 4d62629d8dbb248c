"""Charts of the representation analyses: Altair specs read back as Vega-Lite."""

from __future__ import annotations

import subprocess
import sys

from cartoparti.analysis import representation as rep
from cartoparti.present import charts
from cartoparti.present import representation as view
from tests.test_representation import cells_data, people_data, tiny, tiny_template  # noqa: F401 - fixtures


def test_charts_need_no_streamlit():
    code = "import sys, cartoparti.present.charts; assert 'streamlit' not in sys.modules, 'streamlit imported'"
    done = subprocess.run([sys.executable, "-c", code], check=False, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_public_index_chart(tiny):  # noqa: F811
    tiny.add_contributions(people_data())
    publics = rep.representation_by_public(tiny)
    spec = charts.public_index_chart(publics, "age_band").to_dict()
    interval, point, one = spec["layer"]
    assert interval["mark"]["type"] == "rule"
    assert (interval["encoding"]["x"]["field"], interval["encoding"]["x2"]["field"]) == ("ci_low", "ci_high")
    labels = [view.group_label("age_band", g) for g in rep.GROUPS["age_band"]]
    assert interval["encoding"]["y"]["sort"] == labels  # groups in the import contract's order
    colour = point["encoding"]["color"]
    assert colour["field"] == "statut"
    assert dict(zip(colour["scale"]["domain"], colour["scale"]["range"], strict=True)) == charts.STATUS_COLOURS
    assert one["mark"]["strokeDash"] == [5, 4]  # the reference line at 1
    rows = spec["datasets"][spec["data"]["name"]]
    assert [r["label"] for r in rows] == labels
    assert {r["statut"] for r in rows} <= set(charts.STATUS_COLOURS)
    assert next(r for r in rows if r["group"] == "30-44")["index"] == 2.0  # 2 of 5 against 0.2


def test_zone_public_heatmap_colours_suppressed_cells(tiny):  # noqa: F811
    tiny.add_contributions(cells_data())
    heat = view.heatmap_frame(rep.representation_by_zone_public(tiny), "age_band")
    spec = charts.zone_public_heatmap(heat, "age_band").to_dict()
    rect, text = spec["layer"]
    assert rect["mark"]["type"] == "rect" and text["mark"]["type"] == "text"
    colour = rect["encoding"]["color"]
    scale = dict(zip(colour["scale"]["domain"], colour["scale"]["range"], strict=True))
    assert scale["suppressed"] == view.SUPPRESSED_COLOUR and scale["na"] == view.NO_VALUE_CLASS[1]
    assert scale["r0"] == view.RATIO_CLASSES[0][2]
    assert rect["encoding"]["x"]["sort"] == [view.group_label("age_band", g) for g in rep.GROUPS["age_band"]]
    cells = spec["datasets"][spec["data"]["name"]]
    assert {c["text"] for c in cells if c["klass"] == "suppressed"} == {"< 5"}
