"""The action plan on the public map: a layer of plan items (escaped, by status) and the
contributions of done items as realised (« cailloux blancs »)."""

from datetime import date

from cartoparti.commands import contribute, plan
from cartoparti.present import maps
from cartoparti.settings import Settings
from tests.test_pages_agents import INJECTION

AGENT = {"name": "alice", "role": "agent"}
SETTINGS = Settings()


def test_plan_layer_and_realised_contributions(store):
    fed = contribute.submit(store, settings=SETTINGS, kind="need", title="Trottoir", text="",
                            theme="mobilité", location=store.zone_point("62528"))
    other = contribute.submit(store, settings=SETTINGS, kind="need", title="Banc", text="",
                              theme="nature", location=store.zone_point("62498"))
    item = plan.add_item(store, SETTINGS, AGENT, title=INJECTION, service="voirie et mobilité",
                         level="information", start_date=date(2027, 1, 1), zone=("", "62528"),
                         contribution_ids=[fed.id])
    plan.add_item(store, SETTINGS, AGENT, title="Nulle part", service="propreté", level="information",
                  start_date=date(2027, 1, 1))
    fmap = maps.territory_map(store.zones())
    layer = maps.add_plan_items(fmap, plan.plan_frame(store))
    html = fmap.get_root().render()
    assert layer is not None and "<b>" not in html and "cp-plan-planned" in html
    assert html.count("Nulle part") == 0  # placed nowhere: not on the map
    contributions = store.contributions()
    assert maps.add_done(fmap, contributions) is None  # nothing done yet
    plan.set_status(store, SETTINGS, AGENT, item.item_id, "done")
    done = maps.add_done(fmap, contributions, realised=plan.realised_contribution_ids(store))
    assert done is not None and "cp-done" in fmap.get_root().render()
    assert fed.id in done.data_json and other.id not in done.data_json
