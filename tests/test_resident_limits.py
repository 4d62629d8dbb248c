"""Residents' abuse limits: submissions, supports and follow-code look-ups limited per
browser and per address, the honeypot field, and reports to the moderators."""

from __future__ import annotations

import pandas as pd
import pytest
import shapely
from streamlit.testing.v1 import AppTest

from cartoparti._errors import NotFoundError, ValidationError
from cartoparti.commands import accounts, moderation, residents
from cartoparti.commands.contribute import submit
from cartoparti.commands.limits import Client, RateLimitedError
from cartoparti.settings import Settings
from cartoparti.storage import open_storage
from tests.conftest import ROOT

LOOS = shapely.Point(2.79, 50.46)
TIGHT = Settings(rate_limits=(("contribution", 2, 60), ("contribution_address", 3, 60), ("support", 50, 60),
                              ("support_address", 50, 60), ("support_same", 2, 1440), ("follow", 2, 15),
                              ("follow_address", 50, 15), ("report", 2, 60), ("report_address", 50, 60)))
ADMIN = {"name": "root", "role": "admin"}


def _send(store, client=None, settings=TIGHT, **extra):
    fields = {"kind": "need", "title": "Un banc", "text": "Près de l'école", "theme": "nature", "location": LOOS}
    return submit(store, settings=settings, client=client, **{**fields, **extra})


def test_submissions_are_limited_per_browser_and_per_address(store):
    one, two = Client("browser-1", "203.0.113.5"), Client("browser-2", "203.0.113.5")
    _send(store, one)
    _send(store, one)
    with pytest.raises(RateLimitedError) as exc:
        _send(store, one, title="Le troisième")
    assert "réessayez dans 60 minute(s)" in str(exc.value)
    assert "Le troisième" not in set(store.contributions()["title"])
    _send(store, two)  # another browser, same address: third of the address
    with pytest.raises(RateLimitedError):
        _send(store, two)
    _send(store, Client("browser-3", "198.51.100.8"))  # elsewhere: free
    _send(store, None)  # no client (command line, agents): never limited
    assert len(store.contributions()) == 5


def test_a_refused_form_is_not_counted(store):
    client = Client("browser-1", None)
    for _ in range(3):
        with pytest.raises(ValidationError):
            _send(store, client, title="")
    _send(store, client)


def test_a_filled_honeypot_looks_sent_but_stores_nothing(store):
    receipt = _send(store, Client("robot", "192.0.2.1"), honeypot="http://spam.example")
    assert receipt.id and receipt.follow_code and receipt.zone_name == "Loos-en-Gohelle"
    assert receipt.published
    assert store.contributions(published_only=False).empty
    assert store.contribution(receipt.id) is None
    with pytest.raises(NotFoundError):
        residents.followed(store, receipt.follow_code)
    # a robot's form is still checked like any other
    with pytest.raises(ValidationError):
        _send(store, honeypot="x", title="")


def test_supports_are_limited_on_one_contribution_from_one_address(store):
    target = _send(store).id
    counted = [residents.support(store, target, f"session-{i}", settings=TIGHT,
                                 client=Client(f"session-{i}", "203.0.113.5"))[0] for i in range(2)]
    assert counted == [True, True]
    with pytest.raises(RateLimitedError):
        residents.support(store, target, "session-9", settings=TIGHT, client=Client("session-9", "203.0.113.5"))
    assert store.support_count(target) == 2
    # the same session supporting twice is not counted twice, nor limited
    assert residents.support(store, target, "session-0", settings=TIGHT, client=Client("session-0", None)) == (False, 2)
    assert residents.support(store, target, "s-x", settings=TIGHT, client=Client("s-x", "198.51.100.8"))[0]


def test_wrong_follow_codes_are_limited_even_before_a_right_one(store):
    code = _send(store).follow_code
    client = Client("browser-1", "203.0.113.5")
    assert residents.look_up(store, code, settings=TIGHT, client=client)
    for _ in range(2):
        with pytest.raises(NotFoundError):
            residents.look_up(store, "ZZZZ-ZZZZ-ZZZZ", settings=TIGHT, client=client)
    with pytest.raises(RateLimitedError):
        residents.look_up(store, code, settings=TIGHT, client=client)
    assert residents.look_up(store, code, settings=TIGHT, client=Client("browser-2", "203.0.113.5"))


def test_rate_limit_settings_are_checked():
    from cartoparti.settings import SettingsError

    read = Settings.from_env({"CARTOPARTI_RATE_LIMITS": "contribution=3/30, support_same=1/1440"})
    assert read.rate_limit("contribution") == (3, 30) and read.rate_limit("support_same") == (1, 1440)
    assert read.rate_limit("follow") == (10, 15)
    for wrong, says in [("contributions=3/30", "action inconnue"), ("contribution=3", "action=nombre/minutes"),
                        ("contribution=0/30", "action=nombre/minutes"), ("contribution=3/0", "action=nombre/minutes"),
                        ("contribution=-1/30", "action=nombre/minutes"), ("contribution=x/y", "action=nombre/minutes"),
                        ("report=1/1,report=2/2", "deux fois")]:
        with pytest.raises(SettingsError, match=says):
            Settings.from_env({"CARTOPARTI_RATE_LIMITS": wrong})


def test_reports_are_kept_listed_and_cleared_by_a_decision(backend_store):
    store = backend_store
    accounts.add_user(store, "root", role="admin", password="un mot de passe assez long")
    first, second = _send(store, settings=Settings()).id, _send(store, settings=Settings(), title="Deux").id
    residents.report(store, first, "spam", "  Répété dix fois  ", settings=TIGHT)
    residents.report(store, first, "insult", None, settings=TIGHT)
    residents.report(store, second, "other", "<script>alert(1)</script>", settings=TIGHT)
    queue = moderation.reported(store)
    assert [(q["id"], q["count"]) for q in queue] == [(first, 2), (second, 1)]
    assert queue[0]["reasons"] == {"Publicité ou message répété": 1, "Injure, propos haineux ou discriminatoire": 1}
    details = queue[0]["reports"]["detail"]
    assert details.iloc[0] == "Répété dix fois" and pd.isna(details.iloc[1])
    assert moderation.keep_reported(store, ADMIN, first) == 2
    moderation.hide(store, ADMIN, second, "Hors charte")
    assert moderation.reported(store) == []
    assert store.contribution(first)["published"] and not store.contribution(second)["published"]
    assert "keep_reported" in set(store.audit_log()["action"])
    with pytest.raises(NotFoundError):  # hidden: no longer public, no longer reported
        residents.report(store, second, "spam", settings=TIGHT)
    residents.report(store, first, "spam", settings=TIGHT)
    moderation.delete(store, ADMIN, first)
    assert store.reported_contributions().empty


def test_a_report_needs_a_reason_and_is_limited(store):
    target = _send(store, settings=Settings()).id
    with pytest.raises(ValidationError) as exc:
        residents.report(store, target, None, "x" * 1001, settings=TIGHT)
    assert set(exc.value.errors) == {"reason", "detail"}
    client = Client("browser-1", "203.0.113.5")
    for _ in range(2):
        residents.report(store, target, "spam", settings=TIGHT, client=client)
    with pytest.raises(RateLimitedError):
        residents.report(store, target, "spam", settings=TIGHT, client=client)
    assert len(store.reports(target)) == 2


def _app(path, user=None):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    if user is not None:
        at.session_state["user"] = user
    at.run()
    at.switch_page(path).run()
    assert not at.exception, at.exception
    return at


def test_a_resident_reports_and_a_moderator_decides_on_the_pages(app_env):
    with open_storage(app_env) as store:
        accounts.add_user(store, "root", role="admin", password="un mot de passe assez long")
        target = _send(store, settings=Settings(), title="Le **banc** cassé").id
    at = _app("pages/contribution.py")
    send = next(b for b in at.button if b.label == "Envoyer le signalement")
    send.click().run()
    assert any("Choisissez une raison" in e.value for e in at.error)
    at.selectbox(key=f"report_reason_{target}").set_value("insult")
    at.text_area(key=f"report_detail_{target}").set_value("Des mots *blessants*")
    next(b for b in at.button if b.label == "Envoyer le signalement").click().run()
    assert not at.exception
    assert any("transmis aux modérateurs" in s.value for s in at.success)
    assert at.text_area(key=f"report_detail_{target}").value == ""

    mod = _app("pages/moderation.py", ADMIN)
    assert any("Signalements (1)" in tab.label for tab in mod.tabs)
    frame = mod.dataframe[-1].value
    assert list(frame["Raison"]) == ["Injure, propos haineux ou discriminatoire"]
    assert list(frame["Précisions"]) == ["Des mots *blessants*"]
    next(b for b in mod.button if b.label == "Garder (le contenu respecte la charte)").click().run()
    assert not mod.exception
    assert any("signalements sont effacés" in s.value for s in mod.success)
    assert any("Signalements (0)" in tab.label for tab in mod.tabs)


def test_the_contribute_page_says_to_wait_and_keeps_the_form(app_env, monkeypatch):
    monkeypatch.setenv("CARTOPARTI_RATE_LIMITS", "contribution=1/60")
    at = _app("pages/contribuer.py")
    at.radio(key="place_mode").set_value("Sans carte : choisir une commune et un lieu repère").run()
    at.selectbox(key="nomap_commune").set_value("62528").run()
    for title in ("Premier", "Deuxième"):
        v = at.session_state["form_version"]
        at.selectbox(key=f"kind_{v}").set_value("need")
        at.text_input(key=f"title_{v}").set_value(title)
        at.selectbox(key=f"theme_{v}").set_value("nature")
        next(b for b in at.button if b.label == "Envoyer ma contribution").click().run()
        assert not at.exception
    assert any("réessayez dans 60 minute(s)" in e.value for e in at.error)
    assert at.text_input(key=f"title_{v}").value == "Deuxième"
    with open_storage(app_env) as store:
        assert list(store.contributions()["title"]) == ["Premier"]


def test_the_follow_page_stops_looking_up_after_wrong_codes(app_env, monkeypatch):
    monkeypatch.setenv("CARTOPARTI_RATE_LIMITS", "follow=2/15")
    with open_storage(app_env) as store:
        code = _send(store, settings=Settings()).follow_code
    at = _app("pages/suivi.py")
    for _ in range(2):
        at.text_input(key="follow_input").set_value("ZZZZ-ZZZZ-ZZZZ")
        next(b for b in at.button if b.label == "Voir mes contributions").click().run()
        assert not any("réessayez" in e.value for e in at.error)
    at.text_input(key="follow_input").set_value(code)
    next(b for b in at.button if b.label == "Voir mes contributions").click().run()
    assert not at.exception
    assert any("réessayez dans 15 minute(s)" in e.value.replace("\\", "") for e in at.error)  # escaped markdown
    assert "Un banc" not in " ".join(m.value for m in at.markdown)
