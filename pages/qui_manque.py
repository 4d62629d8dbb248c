"""Qui manque ? Which areas and publics are under-represented among contributors (agents only)."""

import streamlit as st

from cartoparti import settings, web
from cartoparti._errors import ValidationError
from cartoparti.analysis import hexagons
from cartoparti.analysis import representation as rep
from cartoparti.io import tables
from cartoparti.model import CHANNELS, KINDS
from cartoparti.present import charts, maps
from cartoparti.present import representation as view

with web.page("Qui manque ?"):
    web.require_agent()
    st.title("Qui manque ?")
    st.write(
        "Quelles communes et quels publics sont sous-représentés parmi les contributeurs, "
        "comparés au recensement ? Et où aller pour les rencontrer ?"
    )

    with st.expander("Comment lire ces chiffres ?"):
        st.markdown(
            f"""
- **Contributeur** : une personne (identifiant de contributeur) ; une contribution sans identifiant compte pour une personne.
- **Base de comptage** : *lieu des contributions* compte chaque personne dans les communes où elle a placé ses contributions ;
  *commune de résidence* la compte dans la commune qu'elle a déclarée (les personnes qui n'en ont pas déclaré sont laissées de côté, et leur nombre est indiqué).
- **Ratio** d'une commune : contributeurs observés ÷ contributeurs attendus si chaque habitant avait la même chance de participer
  (attendus = population × total des contributeurs ÷ population totale). 1 = en proportion ; 0,5 = deux fois moins que prévu.
- **Intervalle à 95 %** (loi de Poisson exacte) : une commune n'est dite *sous-représentée* que si tout l'intervalle est sous 1,
  *sur-représentée* que s'il est tout entier au-dessus ; sinon *conforme*. On ne conclut jamais sur le ratio brut seul.
- **Ratio lissé** (bayésien empirique) : les petites communes ont des ratios très variables ; le ratio lissé les ramène vers la moyenne
  à proportion de leur incertitude. La carte colore le ratio lissé.
- **Zone blanche** : aucune contribution. **Foyer d'absence** : groupe de communes voisines aux ratios lissés bas (statistique Gi*, au seuil de 5 %).
- **Publics** : part de chaque tranche d'âge ou catégorie socioprofessionnelle (15 ans ou plus) parmi les contributeurs qui l'ont déclarée,
  comparée à sa part dans la population ; indice = part chez les contributeurs ÷ part dans la population (intervalle de Wilson).
  Seules les communes dont la population est connue par âge et catégorie sont prises en compte.
- **Score de représentation** : taux de participation du groupe le moins présent ÷ celui du plus présent (1 = parfaitement équilibré).
- **Secret statistique** : une case commune × public construite sur moins de {rep.MIN_CELL} contributeurs ou habitants est affichée « < 5 »
  et sa valeur n'est jamais montrée ni exportée.
"""
        )

    # -- filters -------------------------------------------------------------------------
    col_period, col_kind, col_theme, col_channel = st.columns(4)
    since, until = web.period_filter(col_period, key="qm_period")
    kinds = col_kind.multiselect("Type", list(KINDS), format_func=KINDS.get, placeholder="Tous", key="qm_kinds")
    themes = col_theme.multiselect("Thème", list(settings.themes()), placeholder="Tous", key="qm_themes")
    channels = col_channel.multiselect(
        "Canal", list(CHANNELS), format_func=CHANNELS.get, placeholder="Tous", key="qm_channels"
    )
    basis = st.radio(
        "Compter les contributeurs selon", list(rep.BASES), format_func=view.BASES.get,
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
    m1.metric("Contributeurs", totals["place"]["contributors"])
    m2.metric(
        "Avec une commune de résidence",
        totals["home"]["placed"],
        help=f"{totals['home']['no_home']} sans commune déclarée, "
        f"{totals['home']['home_outside']} hors du territoire.",
    )
    m3.metric("Communes sous-représentées", zones.under_count)
    m4.metric("Zones blanches", len(zones.blank_zones))
    m5.metric(
        "Score de représentation (âges)",
        view.score_text(report.publics.score),
        help="Taux de participation de la tranche d'âge la moins présente ÷ celui de la plus présente.",
    )
    if basis == "home":
        st.caption(view.home_basis_caption(zones))
    if totals["place"]["contributors"] == 0:
        st.info("Aucune contribution pour cette sélection : élargissez les filtres.")


    tab_zones, tab_publics, tab_cells, tab_channels, tab_outreach, tab_weights = st.tabs(
        ["Communes", "Publics", "Communes × publics", "Canaux", "Où aller ?", "Vue redressée"]
    )

    # -- zones -----------------------------------------------------------------------------
    with tab_zones:
        mesh = st.radio(
            "Maillage", ["Communes", "Hexagones"], horizontal=True, key="qm_mesh",
            help="Les hexagones repèrent les lieux dont personne ne parle à l'intérieur d'une commune.",
        )
        if mesh == "Communes":
            frame = view.choropleth_frame(web.territory()["zones"], zones)
            fmap = web.base_map(height=560)
            maps.add_zone_layer(
                fmap, frame, name="Ratio de participation (lissé)",
                columns=["name", "label", "contributors_text", "ratio_text", "interval_text",
                         "smoothed_text", "status_label"],
                style={"color": "#555555", "weight": 1, "fillOpacity": 0.75},
                style_by="klass", styles=view.RATIO_STYLES, tooltip_field="label",
                popup_fields=[("name", ""), ("contributors_text", "Contributeurs"), ("ratio_text", "Ratio"),
                              ("interval_text", "Intervalle à 95 %"), ("smoothed_text", "Ratio lissé"),
                              ("status_label", "Statut")],
            )
            cold = view.cold_spots(frame)
            if len(cold):
                maps.add_zone_layer(
                    fmap, cold, name="Foyers d'absence (Gi*)", columns=["name", "label"],
                    style=view.COLD_SPOT_STYLE, tooltip_field="label",
                )
            maps.layer_control(fmap)
            web.show_map(fmap, key="qm_map", height=560)
            st.markdown(
                view.legend_html([*view.RATIO_LEGEND, view.COLD_SPOT_LEGEND],
                                "Ratio lissé (1 = participation en proportion de la population)"),
                unsafe_allow_html=True,
            )
            if zones.clusters_note:
                st.caption(f"Foyers d'absence non calculés : {zones.clusters_note}")
            blanks = zones.blank_zones
            if blanks:
                st.markdown(f"**Zones blanches** ({len(blanks)}) : " + web.md(", ".join(blanks)))
            if zones.zones_without_population:
                st.caption("Population inconnue (pas de ratio) : " + web.md(", ".join(zones.zones_without_population)))
            st.dataframe(view.zones_display(zones), hide_index=True, width="stretch")
            st.download_button(
                "Télécharger le tableau (CSV)", tables.table_bytes(zones.export_frame()),
                file_name=f"representation_communes_{basis}.csv", mime="text/csv", key="qm_dl_zones",
            )
        else:
            size = st.select_slider(
                "Côté des hexagones", options=list(hexagons.HEX_SIZES_M), value=500,
                format_func=lambda v: f"{v} m", key="qm_hex_size",
            )
            st.info(
                "Hexagones : on compte les contributeurs selon le lieu de leurs contributions. "
                "La population de chaque hexagone est inconnue : ce sont des comptes, pas des ratios.",
                icon="ℹ️",
            )
            try:
                hexes = hexagons.hexagon_counts(web.store(), size_m=size, selection=selection)
            except ValidationError as exc:
                st.error(" ".join(exc.errors.values()))
            else:
                fmap = web.base_map(height=560)
                maps.add_zone_layer(
                    fmap, view.hexagon_map_frame(hexes), name=f"Hexagones de {size} m", columns=["label"],
                    style={"color": "#777777", "weight": 0.5, "fillOpacity": 0.7},
                    style_by="klass", styles=view.HEX_STYLES, tooltip_field="label",
                )
                maps.layer_control(fmap)
                web.show_map(fmap, key="qm_hex_map", height=560)
                st.markdown(view.legend_html(view.HEX_LEGEND, "Contributeurs par hexagone"), unsafe_allow_html=True)
                st.caption(view.hexagon_summary(hexes))

    # -- publics ---------------------------------------------------------------------------
    with tab_publics:
        publics = report.publics
        st.caption(
            f"Communes prises en compte (population connue par public) : {len(publics.zones_used)}. "
            f"Laissées de côté : {web.md(', '.join(publics.zones_left_out)) or 'aucune'}."
        )
        for dim, title in view.DIMENSIONS.items():
            st.subheader(title)
            st.altair_chart(charts.public_index_chart(publics, dim), width="stretch")
            st.dataframe(view.publics_display(publics, dim), hide_index=True, width="stretch")
            st.caption(view.public_test_caption(publics, dim))
        st.download_button(
            "Télécharger (CSV)", tables.table_bytes(publics.export_frame()),
            file_name=f"representation_publics_{basis}.csv", mime="text/csv", key="qm_dl_publics",
        )
        st.caption(view.left_out_note(publics.zones_left_out, "publics", escape=web.md))
        if publics.zones_left_out:
            st.download_button(
                "Communes laissées de côté (CSV)", tables.table_bytes(view.left_out_frame(report.left_out, "publics")),
                file_name=f"zones_exclues_publics_{basis}.csv", mime="text/csv", key="qm_dl_left_publics",
            )

    # -- zone x public ----------------------------------------------------------------------
    with tab_cells:
        cells = report.zone_public
        dim = st.radio("Dimension", list(view.DIMENSIONS), format_func=view.DIMENSIONS.get,
                       horizontal=True, key="qm_cells_dim")
        heat = view.heatmap_frame(cells, dim)
        if heat.empty:
            st.info("Aucune commune dont la population est connue par public.")
        else:
            st.altair_chart(charts.zone_public_heatmap(heat, dim), width="stretch")
            st.markdown(view.legend_html(view.CELL_LEGEND, "Ratio (1 = en proportion)"), unsafe_allow_html=True)
            st.dataframe(view.zone_public_display(cells, dim), hide_index=True, width="stretch")
        st.download_button(
            "Télécharger (CSV, cases masquées)", tables.table_bytes(cells.export_frame()),
            file_name=f"representation_communes_publics_{basis}.csv", mime="text/csv", key="qm_dl_cells",
        )
        st.caption(view.left_out_note(cells.zones_left_out, "zone_public", escape=web.md))
        if cells.zones_left_out:
            st.download_button(
                "Communes laissées de côté (CSV)", tables.table_bytes(view.left_out_frame(report.left_out, "zone_public")),
                file_name=f"zones_exclues_communes_publics_{basis}.csv", mime="text/csv", key="qm_dl_left_cells",
            )

    # -- channels ----------------------------------------------------------------------------
    with tab_channels:
        st.write(
            "Quels canaux ont touché quels publics et quelles communes ? Pour chaque public : indice "
            "(1 = en proportion de la population) et, entre parenthèses, le nombre de contributeurs. "
            "Comptes selon le lieu des contributions."
        )
        if report.channels.empty:
            st.info("Aucune contribution pour cette sélection.")
        else:
            for dim, title in [*view.DIMENSIONS.items(), ("zone", "Communes (contributeurs)")]:
                st.markdown(f"**{title}**")
                st.dataframe(view.channels_display(report.channels, dim, web.zone_names()), hide_index=True, width="stretch")
            st.download_button(
                "Télécharger (CSV)", tables.table_bytes(report.channels),
                file_name="representation_canaux.csv", mime="text/csv", key="qm_dl_channels",
            )
            st.caption(view.left_out_note(report.zones_left_out, "channels", escape=web.md))
            if report.zones_left_out:
                st.download_button(
                    "Communes laissées de côté (CSV)", tables.table_bytes(view.left_out_frame(report.left_out, "channels")),
                    file_name="zones_exclues_canaux.csv", mime="text/csv", key="qm_dl_left_channels",
                )

    # -- outreach -----------------------------------------------------------------------------
    with tab_outreach:
        targets = report.outreach
        st.write(
            "Les couples (commune, public) à rencontrer en priorité : d'abord les déficits significatifs, "
            "puis les plus grands écarts. « Il en manque » : contributeurs de plus pour atteindre un ratio de 1."
        )
        if targets.empty:
            st.success("Aucun déficit : chaque commune et chaque public participe au moins en proportion.")
        else:
            st.dataframe(view.outreach_display(targets), hide_index=True, width="stretch")
            target_zones = view.outreach_zones(web.territory()["zones"], targets)
            fmap = web.base_map(height=480)
            maps.add_zone_layer(
                fmap, target_zones, name="Où aller ?", columns=["name", "targets"],
                style={"color": "#d35400", "weight": 3, "fillColor": "#f39c12", "fillOpacity": 0.45},
                tooltip_field="name", popup_fields=[("name", ""), ("targets", "À rencontrer")],
            )
            maps.layer_control(fmap)
            web.show_map(fmap, key="qm_outreach_map", height=480)
            st.download_button(
                "Télécharger la liste (CSV)", tables.table_bytes(targets),
                file_name="ou_aller.csv", mime="text/csv", key="qm_dl_outreach",
            )
            st.caption(view.left_out_note(report.zones_left_out, "outreach", escape=web.md))
            if report.zones_left_out:
                st.download_button(
                    "Communes sans croisement par public (CSV)",
                    tables.table_bytes(view.left_out_frame(report.left_out, "outreach")),
                    file_name="zones_exclues_ou_aller.csv", mime="text/csv", key="qm_dl_left_outreach",
                )

    # -- re-weighted view -----------------------------------------------------------------------
    with tab_weights:
        weights = report.reweighted
        st.write(
            "Ce que diraient les contributions si chaque tranche d'âge de chaque commune avait participé "
            "en proportion de sa population (redressement par tranche d'âge × commune)."
        )
        st.caption(view.reweighted_caption(weights))
        if weights.used:
            st.markdown("**Par thème**")
            st.dataframe(view.reweighted_display(weights, "theme"), hide_index=True, width="stretch")
            st.markdown("**Par commune**")
            st.dataframe(view.reweighted_display(weights, "zone"), hide_index=True, width="stretch")

    web.attribution_footer()
