"""Données: import a dataset (with a preview and the mapping of its columns) and export
the published contributions, while the app runs."""

import streamlit as st

from cartoparti import i18n, settings, web
from cartoparti._errors import CartopartiError
from cartoparti.commands import backup, datasets, exports
from cartoparti.commands.accounts import has_role
from cartoparti.io.importer import FIELDS, rejects_bytes
from cartoparti.model import CHANNELS, KINDS

t = i18n.message
FIELD_LABELS = i18n.labels("import_fields")
FILE_TYPES = ["csv", "txt", "tsv", "geojson", "json", "gpkg"]
EXPORT_TYPES = {"geojson": "application/geo+json", "csv": "text/csv", "gpkg": "application/geopackage+sqlite3",
                "open311": "application/json"}
EXPORT_FILES = {"geojson": "contributions.geojson", "csv": "contributions.csv", "gpkg": "cartoparti.gpkg",
                "open311": "contributions-open311.json"}
EXPORT_LABELS = i18n.labels("export_formats")



@st.cache_data(max_entries=4, show_spinner=False)
def _preview(data: bytes, name: str, max_bytes: int) -> datasets.Preview:
    """The file read once, not again on every rerun while the agent maps its columns."""
    return datasets.preview(data, name=name, max_bytes=max_bytes)


with web.page(t("data.title")):
    user = web.require_agent()
    config = settings.current()
    st.title(t("data.title"))
    is_admin = has_role(user, "admin")
    tabs = st.tabs([t("data.tab_import"), t("data.tab_export"), *([t("data.tab_backup")] if is_admin else [])])
    tab_import, tab_export = tabs[0], tabs[1]

    with tab_import:
        st.write(t("data.import_intro"))
        upload = st.file_uploader(t("data.upload"), type=FILE_TYPES, key="data_upload",
                                  max_upload_size=max(1, round(config.import_max_mb)))
        if upload is not None:
            try:
                seen = _preview(upload.getvalue(), upload.name, config.import_max_bytes)
            except CartopartiError as exc:
                st.error(web.md(exc), icon="⚠️")
                st.stop()
            st.caption(t("data.preview", count=seen.count))
            st.dataframe(seen.rows, hide_index=True, width="stretch")
            if seen.has_geometry:
                st.info(t("data.has_geometry"), icon="🗺️")
            st.markdown(f"**{t('data.mapping')}**")
            st.caption(t("data.mapping_help"))
            choices = [None, *seen.columns]
            mapping: dict[str, str] = {}
            cols = st.columns(3)
            for i, field in enumerate(FIELDS):
                guessed = seen.guess.get(field)
                picked = cols[i % 3].selectbox(
                    FIELD_LABELS[field],
                    choices,
                    index=choices.index(guessed) if guessed in choices else 0,
                    format_func=lambda c: t("data.no_column") if c is None else c,
                    key=f"data_map_{upload.name}_{field}",
                )
                if picked is not None:
                    mapping[field] = picked
            crs = st.number_input(
                t("data.crs"), min_value=1000, max_value=99999, value=None, step=1,
                help=t("data.crs_help"), key="data_crs",
            )
            st.markdown(f"**{t('data.defaults')}**")
            d1, d2, d3 = st.columns(3)
            kind = d1.selectbox(t("data.default_kind"), [None, *KINDS], format_func=lambda k: t("data.none")
                                if k is None else KINDS[k], key="data_kind")
            channel = d2.selectbox(t("data.default_channel"), [None, *CHANNELS], format_func=lambda c: t("data.none")
                                   if c is None else CHANNELS[c], key="data_channel")
            theme = d3.selectbox(t("data.default_theme"), [None, *config.themes], format_func=lambda h: t("data.none")
                                 if h is None else h, key="data_theme")
            if st.button(t("data.run_import"), type="primary", key="data_run"):
                report = web.import_upload(
                    upload,
                    lambda data, name: datasets.import_dataset(
                        web.store(), user, data, settings=config, name=name, mapping=mapping,
                        crs=int(crs) if crs else None, default_kind=kind, default_channel=channel,
                        default_theme=theme,
                    ),
                )
                if report is not None and report.rejected:
                    st.download_button(
                        t("data.rejects_download"), rejects_bytes(report.rejected),
                        file_name=f"{upload.name.rsplit('.', 1)[0]}.rejets.csv", mime="text/csv",
                        key="data_rejects",
                    )

    with tab_export:
        st.write(t("data.export_intro"))
        st.caption(t("export.page_help"))
        fmt = st.radio(t("data.export_format"), list(exports.FORMATS), key="data_export_format",
                       format_func=EXPORT_LABELS.get)
        if st.button(t("data.export_prepare"), key="data_export_prepare"):
            st.session_state["data_export"] = (fmt, datasets.export(web.store(), user, fmt, settings=config))
        if ready := st.session_state.get("data_export"):
            ready_fmt, payload = ready
            file = EXPORT_FILES[ready_fmt]
            st.download_button(t("data.export_download", file=file), payload, file_name=file,
                               mime=EXPORT_TYPES[ready_fmt], key="data_export_download")

    if is_admin:
        with tabs[2]:
            st.write(t("data.backup_intro"))
            if st.button(t("data.backup_prepare"), key="data_backup_prepare"):
                data, manifest = backup.backup_bytes(web.store(), user)
                stamp = str(manifest["created_at"])[:16].replace(":", "h").replace("T", "-")
                st.session_state["data_backup"] = (f"cartoparti-sauvegarde-{stamp}.zip", data)
            if ready := st.session_state.get("data_backup"):
                file, payload = ready
                st.download_button(t("data.backup_download", file=file), payload, file_name=file,
                                   mime="application/zip", key="data_backup_download")
