"""AppTests: an alert taken in hand stays on the agents' home until it is decided."""

from __future__ import annotations

from cartoparti.storage import open_storage
from tests.test_pages_places import AGENT, _plant_signals, run


def test_an_acknowledged_alert_stays_on_the_home_and_can_be_dismissed(app_env):
    _plant_signals(app_env)
    at = run("app.py", AGENT)
    next(b for b in at.button if b.label == "Je prends en charge").click().run()
    assert not at.exception
    with open_storage(app_env) as store:
        (key,) = store.alerts(["acknowledged"])["key"]
    at = run("app.py", AGENT)
    assert any("3 personnes différentes" in w.value for w in at.warning)
    assert any("Prise en charge par alice" in i.value for i in at.info)
    assert not any(b.label == "Je prends en charge" for b in at.button)
    assert at.text_input(key=f"alert_plan_title_{key}").value.startswith("Odeur")
    at.text_input(key=f"alert_reason_{key}").set_value("Vu avec le bailleur")
    next(b for b in at.button if b.label == "Écarter").click().run()
    assert not at.exception
    with open_storage(app_env) as store:
        assert store.alert(key)["state"] == "dismissed"
    assert not any("personnes différentes" in w.value for w in at.warning)
