"""What people read of the representation analyses: French tables, captions, map
classes, styles and legends (:mod:`cartoparti.present.representation`)."""

from __future__ import annotations

import pandas as pd

from cartoparti.analysis import representation as rep
from cartoparti.io import tables
from cartoparti.present import representation as view
from tests.test_representation import A, B, C, D, cells_data, people_data, tiny, tiny_template  # noqa: F401 - fixtures


def test_zone_public_display_never_shows_a_small_value(tiny):  # noqa: F811
    tiny.add_contributions(cells_data())
    cells = rep.representation_by_zone_public(tiny)
    shown = view.zone_public_display(cells, "csp")
    row = shown[(shown["Zone"] == "Aville") & (shown["Groupe"].str.startswith("Agriculteur"))].iloc[0]
    assert (row["Population"], row["Contributeurs"], row["Attendus"], row["Ratio"]) == ("< 5",) * 4
    heat = view.heatmap_frame(cells, "age_band")
    assert set(heat.loc[heat["klass"] == "suppressed", "text"]) == {"< 5"}
    assert heat.set_index(["zone_name", "group"]).loc[("Beville", "30-44"), "text"] == "6,67"
    for frame in (cells.table, cells.export_frame()):
        small = frame[frame["suppressed"]]
        assert small[["population", "contributors", "expected", "ratio"]].isna().all().all()


def test_choropleth_classes_centred_on_one_and_blank_zones(tiny):  # noqa: F811
    tiny.add_contributions(people_data())
    result = rep.representation_by_zone(tiny)
    frame = view.choropleth_frame(tiny.zones(), result).set_index("code")
    # smoothed ratios: A 2.26, B 1.0, C 0.41 (but nobody: zone blanche), D 0.81
    assert frame["klass"].to_dict() == {A: "r6", B: "r3", C: "blank", D: "r2"}
    assert frame.loc[C, "label"] == "Ceville : zone blanche (aucun contributeur)"
    assert frame.loc[A, "label"] == "Aville : ratio 4,00, sur-représenté"
    assert frame.crs.to_epsg() == 4326
    values = pd.Series([0.2, 0.5, 0.74, 0.9, 1.0, 1.12, 1.5, 2.0, float("nan")])
    assert view.ratio_class(values).tolist() == ["r0", "r1", "r1", "r3", "r3", "r4", "r5", "r6", "na"]


def test_left_out_zones_note_and_companion_file(tiny):  # noqa: F811
    left = rep.breakdown_left_out(tiny)
    assert left.to_dict("records") == [{"zone_code": D, "zone_name": "Deville", "population": 4000.0}]
    report = rep.representation_report(tiny)
    assert report.zones_left_out == ["Deville"] == report.publics.zones_left_out
    for analysis in view.LEFT_OUT_ANALYSES:
        frame = view.left_out_frame(report.left_out, analysis)
        assert list(frame.columns) == view.LEFT_OUT_COLUMNS
        assert frame["zone_code"].tolist() == [D] and frame["reason"].iloc[0]
        assert tables.table_bytes(frame).decode().startswith("zone_code,zone_name,population,reason\n62004,Deville,")
    assert view.left_out_note(["Deville", "A*b"], "publics", escape=str.upper) == (
        "Communes laissées de côté (population par public inconnue) : DEVILLE, A*B."
    )
    assert "listées en entier" in view.left_out_note(["Deville"], "outreach")
    assert view.left_out_note([], "zone_public").startswith("Aucune commune laissée de côté")


def test_legend_html_lists_each_entry_and_escapes_text():
    out = view.legend_html([("#b2182b", "moins de 0,5"), ("#ffffff", "<b>zone</b> & co")], "Ratio <1>")
    assert out.startswith("<div><b>Ratio &lt;1&gt;</b><br>")
    assert out.count("background:") == 2 and "background:#b2182b;" in out
    assert "&lt;b&gt;zone&lt;/b&gt; &amp; co" in out and "<b>zone" not in out


def test_map_styles_and_legends_cover_every_class(tiny):  # noqa: F811
    tiny.add_contributions(people_data())
    frame = view.choropleth_frame(tiny.zones(), rep.representation_by_zone(tiny))
    keys = {k for k, *_ in view.RATIO_CLASSES} | {"na", "blank"}
    assert set(view.RATIO_STYLES) == keys and set(frame["klass"]) <= keys
    assert view.RATIO_STYLES["blank"]["dashArray"] and view.RATIO_STYLES["na"]["fillColor"] == "#bdbdbd"
    assert len(view.RATIO_LEGEND) == len(view.RATIO_CLASSES) + 2
    assert view.CELL_LEGEND[-1] == (view.SUPPRESSED_COLOUR, "« < 5 » : case masquée")
    assert view.COLD_SPOT_LEGEND[0] == view.COLD_SPOT_STYLE["color"]
    assert view.cold_spots(frame).empty  # four zones: no Gi*
    assert [k for k, *_ in view.HEX_CLASSES] == list(view.HEX_STYLES)
    assert view.HEX_STYLES["h0"]["fillOpacity"] == 0.15 and view.HEX_STYLES["h3"]["fillOpacity"] == 0.75
    assert [label for _c, label in view.HEX_LEGEND][:2] == ["aucune contribution", "1"]


def test_cold_spots_keeps_only_cold_zones():
    frame = pd.DataFrame({"code": [A, B, C], "cluster": ["cold", "", "hot"]})
    assert view.cold_spots(frame)["code"].tolist() == [A]


def test_hexagon_map_frame_and_summary():
    hexes = pd.DataFrame(
        {"hex_id": ["0,0", "0,1", "1,0"], "zone_name": ["Aville", "Aville", "Beville"],
         "contributors": [0, 3, 30], "contributions": [0, 4, 41]}
    )
    shown = view.hexagon_map_frame(hexes)
    assert shown["klass"].tolist() == ["h0", "h2", "h5"]
    assert shown["label"].tolist()[1] == "Aville : 3 contributeur(s), 4 contribution(s)"
    assert "klass" not in hexes  # the input is left alone
    assert view.hexagon_summary(hexes) == "3 hexagones, dont 1 sans aucune contribution."


def test_chi_square_verdict_score_text_and_caption(tiny):  # noqa: F811
    assert view.chi_square_verdict(0.01) == (
        "la répartition des contributeurs s'écarte nettement de celle de la population"
    )
    assert view.chi_square_verdict(0.05) == "pas d'écart net avec la population"
    assert view.chi_square_verdict(float("nan")) == "test impossible (pas assez de réponses)"
    assert view.score_text(0.8333) == "0,83" and view.score_text(float("nan")) == "—" and view.score_text(None) == "—"
    tiny.add_contributions(people_data())
    publics = rep.representation_by_public(tiny)
    assert view.public_test_caption(publics, "age_band") == (
        "5 contributeur(s) sur 6 ont indiqué ce renseignement. "
        "Test du khi² : 4,0 (5 ddl), p = 0,549 — pas d'écart net avec la population. "
        "Score de représentation : 0,00."
    )


def test_home_basis_and_reweighted_captions(tiny):  # noqa: F811
    tiny.add_contributions(people_data())
    home = rep.representation_by_zone(tiny, basis="home")
    assert view.home_basis_caption(home) == (
        "Base « commune de résidence » : 4 contributeur(s) laissé(s) de côté "
        "(3 sans commune déclarée, 1 hors du territoire)."
    )
    weights = rep.reweighted_counts(tiny)
    assert view.reweighted_caption(weights).startswith(f"{weights.used} contribution(s) redressée(s) ; ")
    assert view.reweighted_caption(weights).endswith(f"{100 * weights.coverage:.0f} %.")
