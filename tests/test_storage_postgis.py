"""What only the PostGIS backend promises: the DuckDB interface method for method,
typed geometry columns with GiST indexes, several processes importing at once,
personal data held at write time."""

from __future__ import annotations

import inspect
from datetime import datetime
from pathlib import Path

import pandas as pd
import pytest
import shapely

from cartoparti.model import Draft, validate_draft
from cartoparti.settings import DEFAULT_THEMES, Settings
from cartoparti.storage import Storage, open_storage
from cartoparti.storage.postgis import PostgisStorage

SETTINGS = Settings()  # the defaults: moderation a posteriori

LOOS = shapely.Point(2.79, 50.46)


def draft(geometry=LOOS, **kw):
    base = {"kind": "need", "title": "Un banc", "text": "Près de l'école", "theme": "nature", "geometry": geometry}
    base.update(kw)
    return validate_draft(Draft(**base), themes=DEFAULT_THEMES)


@pytest.fixture
def pg(pg_url):
    with open_storage(pg_url) as s:
        yield s


def _public(cls: type) -> dict[str, inspect.Signature]:
    return {
        name: inspect.signature(member)
        for name, member in inspect.getmembers(cls, callable)
        if not name.startswith("_")
    }


def test_same_public_methods_and_signatures_as_duckdb():
    duck, post = _public(Storage), _public(PostgisStorage)
    assert sorted(set(duck) - set(post)) == []
    for name, signature in duck.items():
        assert [(p.name, p.kind, p.default) for p in post[name].parameters.values()] == [
            (p.name, p.kind, p.default) for p in signature.parameters.values()
        ], name


def test_open_storage_dispatches_on_the_url(pg_url):
    with open_storage(pg_url) as s:
        assert isinstance(s, PostgisStorage)
    with open_storage(Path(pg_url)) as s:  # --db and CARTOPARTI_DB are Paths: "postgresql:/…"
        assert isinstance(s, PostgisStorage) and s.territory_info()["loaded"]
    with open_storage(pg_url.replace("postgresql://", "postgres://"), read_only=True) as s:
        assert isinstance(s, PostgisStorage) and s.count_contributions() == 0
        with pytest.raises(PermissionError):
            s.set_meta("x", "y")


def test_geometry_columns_are_typed_and_indexed(pg):
    columns = pg._df(
        "SELECT f_table_name, type, srid FROM geometry_columns ORDER BY f_table_name"
    )
    assert set(columns.f_table_name) == {"contributions", "landmarks", "zones", "plan_items"}
    assert (columns.type == "GEOMETRY").all() and (columns.srid == 4326).all()
    indexes = pg._df("SELECT tablename, indexdef FROM pg_indexes WHERE indexdef LIKE '%USING gist (geom)%'")
    assert set(indexes.tablename) == {"contributions", "landmarks", "zones", "plan_items"}
    assert pg.get_meta("schema_version") == str(pg.schema_version()) == str(len(pg.migrations))


def test_personal_data_held_in_the_same_transaction(pg):
    held = draft(title="Appelez-moi au 06 12 34 56 78")
    held.personal_data = ("phone",)  # a field of Draft once main lands it; getattr meanwhile
    clean = draft(title="Un banc")
    result = pg.add_contributions([held, clean], published=True)
    held_id, clean_id = result.ids[0], result.ids[1]
    assert not pg.contribution(held_id)["published"]
    assert bool(pg.contribution(clean_id)["published"])
    assert pg.handling(held_id)["personal_data"] == "phone"
    assert pg.handling(clean_id)["personal_data"] is None
    assert list(pg.contributions().id) == [clean_id]
    # all or nothing: a failure later in the transaction leaves neither row nor flag
    other = draft(title="Écrivez à a@b.fr")
    other.personal_data = ("email", "phone")
    with pytest.raises(RuntimeError), pg.transaction():
        new = pg.add_contributions([other]).inserted
        raise RuntimeError("later step failed")
    assert pg.count_contributions() == 2
    assert pg._scalar("SELECT count(*) FROM handling") == 1
    assert new and pg.contribution(new[0]) is None


def test_several_processes_importing_the_same_rows_store_each_once(pg_url, pg):
    import multiprocessing as mp

    ctx = mp.get_context("spawn")
    with ctx.Pool(4) as pool:
        results = pool.starmap(_import_in_other_process, [(pg_url, 300)] * 4)
    inserted = [cid for ids in results for cid in ids]
    assert len(inserted) == len(set(inserted)) == 300  # each row inserted by exactly one process
    assert pg.count_contributions() == 300
    assert pg._scalar("SELECT count(*) FROM contribution_zones WHERE layer = 'communes'") == 300
    assert pg._scalar("SELECT count(*) FROM profiles") == 300


def _import_in_other_process(url: str, n: int) -> list[str]:
    drafts = [
        draft(title=f"t{i}", created_at=datetime(2024, 1, 1), contributor_id=f"p{i}", age_band="30-44")
        for i in range(n)
    ]
    with open_storage(url) as store:
        ids: list[str] = []
        for start in range(0, n, 50):  # interleave with the other processes
            result = store.add_contributions(drafts[start : start + 50])
            assert len(result.inserted) + len(result.duplicates) == len(drafts[start : start + 50])
            ids += result.inserted
        return ids


def test_frames_have_the_duckdb_dtypes(pg, db_path):
    with open_storage(db_path) as duck:
        for store in (pg, duck):
            cid = store.add_contribution(draft(age_band="30-44", contributor_id="p1", source_key="k1"))
            store.add_status_change(cid, expected="received", status="received", message="Vu", author="a")
            store.add_support(cid, "s1")
            store.upsert_user("agent", role="agent", password_hash="h", actor="admin")
        for method in ("contributions", "export_frame", "agent_contributions", "answer_timeline",
                       "audit_log", "users", "zone_layers", "zone_population", "zone_attributes",
                       "group_population"):
            a, b = getattr(duck, method)(), getattr(pg, method)()
            assert list(a.columns) == list(b.columns), method
            assert a.dtypes.astype(str).to_dict() == b.dtypes.astype(str).to_dict(), method
        pd.testing.assert_frame_equal(duck.zone_neighbours(), pg.zone_neighbours())
        for call in (lambda s: s.status_history(cid), lambda s: s.deletion_requests(),
                     lambda s: s.status_history("none"), lambda s: s.users().iloc[:0],
                     lambda s: s.texts([cid]), lambda s: s.zones(), lambda s: s.landmarks("62528"),
                     lambda s: s.agent_contributions(queue="moderation"), lambda s: s.audit_log(cid)):
            a, b = call(duck), call(pg)
            assert len(a) == len(b)
            assert a.dtypes.astype(str).to_dict() == b.dtypes.astype(str).to_dict()
        assert duck.contribution(cid).keys() == pg.contribution(cid).keys()
        assert duck.handling(cid) == pg.handling(cid)
        assert duck.territory_bounds() == pytest.approx(pg.territory_bounds())
        assert duck.locate(LOOS) == pg.locate(LOOS)


def test_command_line_on_postgis(pg_url, tmp_path, capsys):
    from cartoparti.cli import main

    rows = tmp_path / "in.csv"
    rows.write_text(
        "kind,title,text,theme,created_at,channel,contributor_id,age_band,csp,home_commune,lon,lat\n"
        "besoin,Un banc,Près de l'école,nature,2024-05-01T10:00:00,paper,p1,30-44,CS5,62528,2.79,50.46\n"
        "proposal,Piste cyclable,,mobilité,2024-05-02,workshop,p2,15-29,CS8,62498,2.83,50.43\n",
        encoding="utf-8",
    )
    assert main(["--db", pg_url, "import", str(rows)]) == 0
    assert "2 importée(s)" in capsys.readouterr().out
    assert main(["--db", pg_url, "import", str(rows)]) == 0  # idempotent
    assert "0 importée(s), 2 déjà présente(s)" in capsys.readouterr().out
    out = tmp_path / "zones.csv"
    assert main(["--db", pg_url, "representation", "--by", "zone", "--output", str(out)]) == 0
    table = pd.read_csv(out, dtype={"zone_code": str})
    assert len(table) == 36


def test_submission_holds_personal_data_in_the_insert_itself(pg, monkeypatch):
    """As main's DuckDB store: no separate holding step (flag_personal_data unused)."""
    from cartoparti.commands import contribute

    def never(*args, **kwargs):
        raise AssertionError("holding is not a second step")

    monkeypatch.setattr(pg, "flag_personal_data", never)
    receipt = contribute.submit(pg, settings=SETTINGS, kind="need", title="Un banc", text="Appelez-moi au 06 12 34 56 78",
                                theme="espaces publics", location=pg.zone_point("62498"))
    assert not receipt.published and tuple(receipt.personal_data) == ("phone",)
    assert pg.contribution(receipt.id)["published"] is False
    assert pg.handling(receipt.id)["personal_data"] == "phone"


def test_the_app_runs_on_postgis(pg_url, monkeypatch):
    """The public journey of tests/test_app.py with CARTOPARTI_DB a PostgreSQL url."""
    from tests.conftest import TERRITORY
    from tests.test_app import _fill, _no_map, run

    monkeypatch.setenv("CARTOPARTI_DB", pg_url)
    monkeypatch.setenv("CARTOPARTI_TERRITORY", str(TERRITORY))
    monkeypatch.delenv("CARTOPARTI_TILES_URL", raising=False)
    at = _no_map(run("pages/contribuer.py"))
    _fill(at, title="Un jardin partagé")
    at.button[0].click().run()
    assert not at.exception and any("Merci" in s.value for s in at.success)
    at = run("pages/carte.py")
    assert any("1 contribution(s)" in c.value for c in at.caption)
    with open_storage(pg_url) as store:
        assert list(store.contributions().title) == ["Un jardin partagé"]


def test_compact_leaves_no_deleted_text_in_the_table_files(pg, pg_url, pg_cluster):
    from cartoparti.storage.postgis import compact_postgis

    marker = "Zébulonesque-Xylophagie"
    cid = pg.add_contribution(draft(text=f"Mon texte {marker}"))
    pg.add_contribution(draft(title="Reste"))
    assert pg.delete_contribution(cid, actor="alice")

    def table_bytes() -> bytes:
        pg_cluster.execute("CHECKPOINT")
        path = pg._scalar("SELECT pg_relation_filepath('contributions')")
        return (pg_cluster.data / path).read_bytes()

    assert marker.encode() in table_bytes()  # a deleted row stays in the file...
    before, after = compact_postgis(pg_url)
    assert before > 0 and after > 0
    assert marker.encode() not in table_bytes()  # ...until the table is rewritten
    assert list(pg.contributions().title) == ["Reste"]
