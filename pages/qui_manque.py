"""Qui manque ? Which areas and publics are under-represented among contributors (agents only)."""

import streamlit as st

from cartoparti import settings, web
from cartoparti._errors import ValidationError
from cartoparti.analysis import hexagons
from cartoparti.analysis import representation as rep
from cartoparti.i18n import message as t
from cartoparti.io import tables
from cartoparti.model import CHANNELS, KINDS
from cartoparti.present import charts, maps
from cartoparti.present import representation as view

with web.page(t("page.qui_manque.title")):
    web.require_agent()
    st.title(t("page.qui_manque.title"))
    st.write(t("page.qui_manque.intro"))

    with st.expander(t("page.qui_manque.how_to_read")):
        st.markdown(t("page.qui_manque.how_to_read_text", min_cell=rep.MIN_CELL))

    # -- filters -------------------------------------------------------------------------
    col_period, col_kind, col_theme, col_channel = st.columns(4)
    since, until = web.period_filter(col_period, key="qm_period")
    kinds = col_kind.multiselect(t("page.qui_manque.kind"), list(KINDS), format_func=KINDS.get, placeholder=t("page.qui_manque.all"), key="qm_kinds")
    themes = col_theme.multiselect(t("page.qui_manque.theme"), list(settings.themes()), placeholder=t("page.qui_manque.all"), key="qm_themes")
    channels = col_channel.multiselect(
        t("page.qui_manque.channel"), list(CHANNELS), format_func=CHANNELS.get, placeholder=t("page.qui_manque.all"), key="qm_channels"
    )
    basis = st.radio(
        t("page.qui_manque.basis"), list(rep.BASES), format_func=view.BASES.get,
        horizontal=True, key="qm_basis",
    )
    selection = rep.Selection(
        since=since, until=until, kinds=tuple(kinds), themes=tuple(themes), channels=tuple(channels)
    )

    report = web.representation_report(basis, selection)
    zones = report.zones
    totals = report.totals_by_basis

    # -- headline ------------------------------------------------------------------------
    m1, m2, m3, m4, m5 = st.columns(5)
    m1.metric(t("page.qui_manque.contributors"), totals["place"]["contributors"])
    m2.metric(
        t("page.qui_manque.with_home"),
        totals["home"]["placed"],
        help=t("page.qui_manque.with_home_help", no_home=totals['home']['no_home'], home_outside=totals['home']['home_outside']),
    )
    m3.metric(t("page.qui_manque.under"), zones.under_count)
    m4.metric(t("page.qui_manque.blank_zones"), len(zones.blank_zones))
    m5.metric(
        t("page.qui_manque.score"),
        view.score_text(report.publics.score),
        help=t("page.qui_manque.score_help"),
    )
    if basis == "home":
        st.caption(view.home_basis_caption(zones))
    if totals["place"]["contributors"] == 0:
        st.info(t("page.qui_manque.no_contribution_widen"))


    tab_zones, tab_publics, tab_cells, tab_channels, tab_outreach, tab_weights = st.tabs(
        [
            t("page.qui_manque.tab.zones"),
            t("page.qui_manque.tab.publics"),
            t("page.qui_manque.tab.cells"),
            t("page.qui_manque.tab.channels"),
            t("page.qui_manque.where_to_go"),
            t("page.qui_manque.tab.reweighted"),
        ]
    )

    # -- zones -----------------------------------------------------------------------------
    with tab_zones:
        mesh = st.radio(
            t("page.qui_manque.mesh"), [t("page.qui_manque.mesh.communes"), t("page.qui_manque.mesh.hexagons")], horizontal=True, key="qm_mesh",
            help=t("page.qui_manque.mesh_help"),
        )
        if mesh == t("page.qui_manque.mesh.communes"):
            frame = view.choropleth_frame(web.territory()["zones"], zones)
            fmap = web.base_map(height=560)
            maps.add_zone_layer(
                fmap, frame, name=t("page.qui_manque.ratio_layer"),
                columns=["name", "label", "contributors_text", "ratio_text", "interval_text",
                         "smoothed_text", "status_label"],
                style={"color": "#555555", "weight": 1, "fillOpacity": 0.75},
                style_by="klass", styles=view.RATIO_STYLES, tooltip_field="label",
                popup_fields=[("name", ""), ("contributors_text", t("page.qui_manque.contributors")), ("ratio_text", t("page.qui_manque.ratio")),
                              ("interval_text", t("page.qui_manque.interval")), ("smoothed_text", t("page.qui_manque.smoothed")),
                              ("status_label", t("page.qui_manque.status"))],
            )
            cold = view.cold_spots(frame)
            if len(cold):
                maps.add_zone_layer(
                    fmap, cold, name=t("page.qui_manque.cold_spots"), columns=["name", "label"],
                    style=view.COLD_SPOT_STYLE, tooltip_field="label",
                )
            maps.layer_control(fmap)
            web.show_map(fmap, key="qm_map", height=560)
            st.markdown(
                view.legend_html([*view.RATIO_LEGEND, view.COLD_SPOT_LEGEND],
                                t("page.qui_manque.ratio_legend")),
                unsafe_allow_html=True,
            )
            if zones.clusters_note:
                st.caption(t("page.qui_manque.clusters_note", clusters_note=zones.clusters_note))
            blanks = zones.blank_zones
            if blanks:
                st.markdown(t("page.qui_manque.blank_list", count=len(blanks), zones=web.md(", ".join(blanks))))
            if zones.zones_without_population:
                st.caption(t("page.qui_manque.no_population", zones=web.md(", ".join(zones.zones_without_population))))
            st.dataframe(view.zones_display(zones), hide_index=True, width="stretch")
            st.download_button(
                t("page.qui_manque.download_table"), tables.table_bytes(zones.export_frame()),
                file_name=t("page.qui_manque.file.zones", basis=basis), mime="text/csv", key="qm_dl_zones",
            )
        else:
            size = st.select_slider(
                t("page.qui_manque.hex_size"), options=list(hexagons.HEX_SIZES_M), value=500,
                format_func=lambda v: t("page.qui_manque.hex_size_value", size=v), key="qm_hex_size",
            )
            st.info(
                t("page.qui_manque.hex_info"),
                icon="ℹ️",
            )
            try:
                hexes = web.hexagon_counts(size, selection)
            except ValidationError as exc:
                st.error(" ".join(exc.errors.values()))
            else:
                fmap = web.base_map(height=560)
                maps.add_zone_layer(
                    fmap, view.hexagon_map_frame(hexes), name=t("page.qui_manque.hex_layer", size=size), columns=["label"],
                    style={"color": "#777777", "weight": 0.5, "fillOpacity": 0.7},
                    style_by="klass", styles=view.HEX_STYLES, tooltip_field="label",
                )
                maps.layer_control(fmap)
                web.show_map(fmap, key="qm_hex_map", height=560)
                st.markdown(view.legend_html(view.HEX_LEGEND, t("page.qui_manque.hex_legend")), unsafe_allow_html=True)
                st.caption(view.hexagon_summary(hexes))

    # -- publics ---------------------------------------------------------------------------
    with tab_publics:
        publics = report.publics
        left_out = web.md(", ".join(publics.zones_left_out)) or t("page.qui_manque.none_left_out")
        st.caption(
            t("page.qui_manque.publics_zones", used=len(publics.zones_used), left_out=left_out)
        )
        for dim, title in view.DIMENSIONS.items():
            st.subheader(title)
            st.altair_chart(charts.public_index_chart(publics, dim), width="stretch")
            st.dataframe(view.publics_display(publics, dim), hide_index=True, width="stretch")
            st.caption(view.public_test_caption(publics, dim))
        st.download_button(
            t("page.qui_manque.download"), tables.table_bytes(publics.export_frame()),
            file_name=t("page.qui_manque.file.publics", basis=basis), mime="text/csv", key="qm_dl_publics",
        )
        st.caption(view.left_out_note(publics.zones_left_out, "publics", escape=web.md))
        if publics.zones_left_out:
            st.download_button(
                t("page.qui_manque.left_out_download"), tables.table_bytes(view.left_out_frame(report.left_out, "publics")),
                file_name=t("page.qui_manque.file.left_out_publics", basis=basis), mime="text/csv", key="qm_dl_left_publics",
            )

    # -- zone x public ----------------------------------------------------------------------
    with tab_cells:
        cells = report.zone_public
        dim = st.radio(t("page.qui_manque.dimension"), list(view.DIMENSIONS), format_func=view.DIMENSIONS.get,
                       horizontal=True, key="qm_cells_dim")
        heat = view.heatmap_frame(cells, dim)
        if heat.empty:
            st.info(t("page.qui_manque.no_cells"))
        else:
            st.altair_chart(charts.zone_public_heatmap(heat, dim), width="stretch")
            st.markdown(view.legend_html(view.CELL_LEGEND, t("page.qui_manque.cell_legend")), unsafe_allow_html=True)
            st.dataframe(view.zone_public_display(cells, dim), hide_index=True, width="stretch")
        st.download_button(
            t("page.qui_manque.download_cells"), tables.table_bytes(cells.export_frame()),
            file_name=t("page.qui_manque.file.cells", basis=basis), mime="text/csv", key="qm_dl_cells",
        )
        st.caption(view.left_out_note(cells.zones_left_out, "zone_public", escape=web.md))
        if cells.zones_left_out:
            st.download_button(
                t("page.qui_manque.left_out_download"), tables.table_bytes(view.left_out_frame(report.left_out, "zone_public")),
                file_name=t("page.qui_manque.file.left_out_cells", basis=basis), mime="text/csv", key="qm_dl_left_cells",
            )

    # -- channels ----------------------------------------------------------------------------
    with tab_channels:
        st.write(t("page.qui_manque.channels_intro"))
        if report.channels.empty:
            st.info(t("page.qui_manque.no_contribution"))
        else:
            for dim, title in [*view.DIMENSIONS.items(), ("zone", t("page.qui_manque.channel_zones"))]:
                st.markdown(f"**{title}**")
                st.dataframe(view.channels_display(report.channels, dim, web.zone_names()), hide_index=True, width="stretch")
            st.download_button(
                t("page.qui_manque.download"), tables.table_bytes(report.channels),
                file_name=t("page.qui_manque.file.channels"), mime="text/csv", key="qm_dl_channels",
            )
            st.caption(view.left_out_note(report.zones_left_out, "channels", escape=web.md))
            if report.zones_left_out:
                st.download_button(
                    t("page.qui_manque.left_out_download"), tables.table_bytes(view.left_out_frame(report.left_out, "channels")),
                    file_name=t("page.qui_manque.file.left_out_channels"), mime="text/csv", key="qm_dl_left_channels",
                )

    # -- outreach -----------------------------------------------------------------------------
    with tab_outreach:
        targets = report.outreach
        st.write(t("page.qui_manque.outreach_intro"))
        if totals["place"]["contributors"] == 0:  # nobody yet: no expectation to fall short of
            st.info(t("page.qui_manque.no_contribution"))
        elif targets.empty:
            st.success(t("page.qui_manque.no_deficit"))
        else:
            st.markdown(t("page.qui_manque.outreach.list"))
            reasons = view.outreach_reasons(targets, escape=web.md)
            for rank, name, reason, query in zip(targets["rank"], targets["zone_name"], reasons,
                                                 view.outreach_query(targets), strict=True):
                line, link = st.columns([3, 1], vertical_alignment="center")
                line.markdown(f"**{rank}.** {reason}")
                link.page_link("pages/saisie_terrain.py", label=t("page.qui_manque.outreach.enter", zone=web.md(name)),
                               icon="✏️", query_params=query)
            st.dataframe(view.outreach_display(targets), hide_index=True, width="stretch")
            target_zones = view.outreach_zones(web.territory()["zones"], targets)
            fmap = web.base_map(height=480)
            maps.add_zone_layer(
                fmap, target_zones, name=t("page.qui_manque.where_to_go"), columns=["name", "targets"],
                style={"color": "#d35400", "weight": 3, "fillColor": "#f39c12", "fillOpacity": 0.45},
                tooltip_field="name", popup_fields=[("name", ""), ("targets", t("page.qui_manque.to_meet"))],
            )
            maps.layer_control(fmap)
            web.show_map(fmap, key="qm_outreach_map", height=480)
            st.download_button(
                t("page.qui_manque.download_list"), tables.table_bytes(targets),
                file_name=t("page.qui_manque.file.outreach"), mime="text/csv", key="qm_dl_outreach",
            )
            st.caption(view.left_out_note(report.zones_left_out, "outreach", escape=web.md))
            if report.zones_left_out:
                st.download_button(
                    t("page.qui_manque.left_out_outreach"),
                    tables.table_bytes(view.left_out_frame(report.left_out, "outreach")),
                    file_name=t("page.qui_manque.file.left_out_outreach"), mime="text/csv", key="qm_dl_left_outreach",
                )

    # -- re-weighted view -----------------------------------------------------------------------
    with tab_weights:
        weights = report.reweighted
        st.write(t("page.qui_manque.reweighted_intro"))
        st.caption(view.reweighted_caption(weights))
        if weights.used:
            st.markdown(t("page.qui_manque.by_theme"))
            st.dataframe(view.reweighted_display(weights, "theme"), hide_index=True, width="stretch")
            st.markdown(t("page.qui_manque.by_zone"))
            st.dataframe(view.reweighted_display(weights, "zone"), hide_index=True, width="stretch")

    web.attribution_footer()
