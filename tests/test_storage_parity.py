"""The same planted contributions in DuckDB and in PostGIS give the same
representation analyses: by zone, by public, zone × public, by channel, outreach
(what ``cartoparti representation --by …`` and ``cartoparti outreach`` print)."""

from __future__ import annotations

from datetime import timedelta

import pandas as pd
import pytest

from cartoparti.analysis import representation as rep
from cartoparti.analysis.representation import Selection
from cartoparti.model import CSP
from cartoparti.storage import open_storage
from cartoparti.storage.common import totals_for
from tests.representation_helpers import CHANNEL_CYCLE, T0, draft, proportional_drafts

HARNES = "62413"
OUTSIDE_HOME = "59350"  # Lille: a declared commune that is no zone of the territory


def _planted(store) -> list:
    """Proportional participation with a deficit (Harnes, the 75+), plus people who
    came back (several contributions, later declarations win), declared categories,
    anonymous contributions, homes outside the territory, every channel."""
    drafts = proportional_drafts(store, rate=0.004, zone_factor={HARNES: 0.2}, band_factor={"75+": 0.3})
    zones = store.zone_attributes()
    codes = list(zones["code"])
    csps = list(CSP)
    for i in range(240):
        code = codes[(i * 7) % len(codes)]
        point = store.zone_point(code)
        who = f"back-{i % 80}"
        home = OUTSIDE_HOME if i % 19 == 0 else (codes[(i * 5) % len(codes)] if i % 11 else None)
        drafts.append(draft(
            point, f"back-{i}", who=who if i % 13 else None,
            age=("15-29", "30-44", "45-59", "60-74", "75+", "0-14")[i % 6] if i % 4 else None,
            csp=csps[i % len(csps)] if i % 3 else None, home=home,
            channel=(*CHANNEL_CYCLE, "phone", "office")[i % 6],
            theme=("mobilité", "nature", "autre")[i % 3], kind=("need", "proposal")[i % 2],
            at=T0 + timedelta(days=i % 40, minutes=i),
        ))
    return drafts


@pytest.fixture(scope="module")
def stores(tmp_path_factory, template_db, pg_cluster, pg_template):
    import shutil

    path = tmp_path_factory.mktemp("parity") / "parity.duckdb"
    shutil.copy(template_db, path)
    name = pg_cluster.create_database(template=pg_template)
    with open_storage(path) as duck, open_storage(pg_cluster.url(name)) as post:
        drafts = _planted(duck)  # the same points for both (zone points computed once)
        results = [s.add_contributions(drafts) for s in (duck, post)]
        assert results[0].inserted == results[1].inserted and len(results[0].inserted) > 500
        assert results[0].outside == results[1].outside == []
        ids = results[0].inserted
        for s in (duck, post):  # moderation: one hidden (left out), one merged (kept)
            s.apply_changes(ids[3], actor="agent", action="hide", handling={"hidden": True, "hidden_reason": "spam"})
            s.merge_contributions(ids[5], ids[6], actor="agent")
        yield duck, post
    pg_cluster.drop_database(name)


def _same(a: pd.DataFrame, b: pd.DataFrame) -> None:
    a, b = a.reset_index(), b.reset_index()
    keys = [c for c in a.columns if a[c].dtype == object or str(a[c].dtype) in ("str", "string")]
    keys = keys or list(a.columns)
    a = a.sort_values(keys).reset_index(drop=True)
    b = b.sort_values(keys).reset_index(drop=True)
    pd.testing.assert_frame_equal(a, b)


SELECTIONS = [
    Selection(),
    Selection(channels=("workshop", "door_to_door", "phone"), themes=("nature", "autre")),
    Selection(since=T0 + timedelta(days=10), until=T0 + timedelta(days=30), kinds=("proposal",)),
]


@pytest.mark.parametrize("selection", SELECTIONS, ids=["all", "channels-themes", "period-kind"])
@pytest.mark.parametrize("basis", ["place", "home"])
def test_by_zone(stores, basis, selection):
    duck, post = (rep.representation_by_zone(s, basis=basis, selection=selection) for s in stores)
    _same(duck.export_frame(), post.export_frame())
    _same(duck.table, post.table)
    assert duck.totals == post.totals and duck.clusters_note == post.clusters_note


@pytest.mark.parametrize("selection", SELECTIONS, ids=["all", "channels-themes", "period-kind"])
@pytest.mark.parametrize("basis", ["place", "home"])
def test_by_public(stores, basis, selection):
    duck, post = (rep.representation_by_public(s, basis=basis, selection=selection) for s in stores)
    _same(duck.export_frame(), post.export_frame())
    assert duck.zones_left_out == post.zones_left_out


@pytest.mark.parametrize("selection", SELECTIONS, ids=["all", "channels-themes", "period-kind"])
@pytest.mark.parametrize("basis", ["place", "home"])
def test_by_zone_public(stores, basis, selection):
    duck, post = (rep.representation_by_zone_public(s, basis=basis, selection=selection) for s in stores)
    _same(duck.export_frame(), post.export_frame())
    _same(duck.table, post.table)


@pytest.mark.parametrize("selection", SELECTIONS, ids=["all", "channels-themes", "period-kind"])
def test_by_channel(stores, selection):
    duck, post = (rep.channel_reach(s, selection=selection) for s in stores)
    assert len(duck) > 0
    _same(duck, post)


@pytest.mark.parametrize("selection", SELECTIONS, ids=["all", "channels-themes", "period-kind"])
@pytest.mark.parametrize("basis", ["place", "home"])
def test_outreach(stores, basis, selection):
    duck, post = (rep.outreach_targets(s, top=None, basis=basis, selection=selection) for s in stores)
    assert len(duck) > 0
    pd.testing.assert_frame_equal(duck.reset_index(drop=True), post.reset_index(drop=True))  # ranked: same order


def test_raw_counts_and_hexagons(stores):
    duck, post = stores
    for basis in ("place", "home"):
        a, b = (s.representation_counts(basis=basis) for s in stores)
        assert set(a) == set(b)
        for part in a:
            pd.testing.assert_frame_equal(a[part], b[part], obj=f"{basis} {part}")
    for size in (250.0, 1000.0):
        pd.testing.assert_frame_equal(duck.hexagon_contributors(size), post.hexagon_contributors(size))
    assert totals_for(a["totals"], "home") == totals_for(b["totals"], "home")  # the totals of a basis
    a, b = (rep.reweighted_counts(s) for s in stores)
    _same(a.by_theme, b.by_theme)
    _same(a.by_zone, b.by_zone)
    assert (a.used, a.no_age, a.no_breakdown, a.coverage) == (b.used, b.no_age, b.no_breakdown, b.coverage)
