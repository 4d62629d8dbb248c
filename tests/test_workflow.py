"""What becomes of a contribution: lifecycle, answers, audit, moderation, merges,
supports, follow codes, deletion, field entry and export."""

import json
from datetime import date, timedelta

import pandas as pd
import pytest

from cartoparti import lifecycle
from cartoparti._errors import (
    ImportFileError,
    NotFoundError,
    PermissionDeniedError,
    ValidationError,
)
from cartoparti.commands import answers, contribute, fieldwork, moderation, residents
from cartoparti.io.export import export_bytes
from cartoparti.settings import Settings

AGENT = {"name": "alice", "role": "agent"}
ADMIN = {"name": "root", "role": "admin"}
LENS = "62498"
SETTINGS = Settings()  # the defaults: moderation a posteriori
A_PRIORI = Settings(moderation="a_priori")
JUSTIFICATION = "Le terrain appartient au bailleur, qui refuse tout aménagement."


def submit(store, title="Un banc", text="Près de l'école", zone=LENS, config=SETTINGS, **extra):
    return contribute.submit(
        store, settings=config, kind="need", title=title, text=text, theme="espaces publics",
        location=store.zone_point(zone), **extra,
    )


@pytest.fixture
def cid(store):
    return submit(store).id


# -- the lifecycle rules (pure) ---------------------------------------------------------------
ALLOWED = {
    ("received", "under_study"), ("received", "declined"), ("received", "redirected"),
    ("under_study", "accepted"), ("under_study", "declined"), ("under_study", "redirected"),
    ("accepted", "in_progress"), ("accepted", "done"),
    ("in_progress", "done"),
}


@pytest.mark.parametrize(
    ("current", "target"),
    [(c, t) for c in lifecycle.STATUSES for t in lifecycle.STATUSES if c != t],  # c == t: a message, below
)
def test_agent_transitions(current, target):
    call = lambda: lifecycle.check_answer(
        current, target, role="agent", message=JUSTIFICATION, competent="le Département"
    )
    if (current, target) in ALLOWED:
        call()
    else:
        with pytest.raises(ValidationError) as caught:
            call()
        assert "Passage impossible" in caught.value.errors["status"]


@pytest.mark.parametrize("current", [s for s in lifecycle.STATUSES if s != "under_study"])
def test_an_administrator_may_reopen_anything(current):
    assert "under_study" in lifecycle.allowed_moves(current, "admin")
    lifecycle.check_answer(current, "under_study", role="admin", message="Nous réexaminons.")
    if current not in ("received",):
        with pytest.raises(ValidationError):
            lifecycle.check_answer(current, "under_study", role="agent", message="Nous réexaminons.")


@pytest.mark.parametrize("message", [None, "", "   ", "Non.", "Pas possible."])
def test_a_decline_without_justification_is_refused(message):
    with pytest.raises(ValidationError) as caught:
        lifecycle.check_answer("under_study", "declined", role="agent", message=message)
    assert "message" in caught.value.errors


def test_every_change_needs_a_message_and_a_redirection_names_who():
    with pytest.raises(ValidationError) as caught:
        lifecycle.check_answer("received", "under_study", role="agent", message="  ")
    assert "message" in caught.value.errors
    with pytest.raises(ValidationError) as caught:
        lifecycle.check_answer("received", "redirected", role="agent", message="Ce n'est pas la commune.")
    assert "compétent" in caught.value.errors["competent"]
    assert lifecycle.check_answer(
        "received", "redirected", role="agent", message="Voirie départementale.", competent=" le Département "
    ) == ("Voirie départementale.", "le Département")


# -- answers through the store --------------------------------------------------------------
def test_the_whole_lifecycle_with_history_and_audit(store, cid):
    steps = [("under_study", "Nous étudions votre demande."), ("accepted", "Un banc sera posé."),
             ("in_progress", "Commande passée."), ("done", "Le banc est posé, merci !")]
    for status, message in steps:
        assert answers.answer(store, AGENT, cid, status=status, message=message) == status
    assert store.contribution(cid)["status"] == "done"
    history = store.status_history(cid)
    assert list(history.status) == [s for s, _ in steps]
    assert list(history.previous_status) == ["received", "under_study", "accepted", "in_progress"]
    assert set(history.author) == {"alice"}
    assert history.changed_at.is_monotonic_increasing
    public = answers.public_history(store, cid)
    assert list(public.status) == ["received", *[s for s, _ in steps]]
    assert "author" not in public.columns
    log = store.audit_log(cid).iloc[::-1]
    assert list(log.action) == ["status"] * 4 and set(log.actor) == {"alice"}
    first = log.iloc[0]
    assert json.loads(first.before) == {"status": "received"}
    assert json.loads(first.after)["status"] == "under_study"
    # a finished contribution cannot move for an agent…
    with pytest.raises(ValidationError):
        answers.answer(store, AGENT, cid, status="in_progress", message="Oups")
    # …but can still get a message, and an administrator can reopen it
    assert answers.answer(store, AGENT, cid, message="Inauguration samedi.") == "done"
    assert answers.answer(store, ADMIN, cid, status="under_study", message="Le banc a été volé.") == "under_study"


def test_refused_moves_write_nothing(store, cid):
    with pytest.raises(ValidationError):
        answers.answer(store, AGENT, cid, status="done", message="Fait")
    with pytest.raises(ValidationError):
        answers.answer(store, AGENT, cid, status="declined", message="Non.")
    assert store.contribution(cid)["status"] == "received"
    assert store.status_history(cid).empty and store.audit_log(cid).empty


def test_only_signed_in_agents_act(store, cid):
    for user in (None, {"name": "x", "role": "resident"}):
        with pytest.raises(PermissionDeniedError):
            answers.answer(store, user, cid, status="under_study", message="Vu")
        with pytest.raises(PermissionDeniedError):
            moderation.hide(store, user, cid, "spam")
    with pytest.raises(NotFoundError):
        answers.answer(store, AGENT, "nope", status="under_study", message="Vu")


def test_redirected_names_who_is_competent_publicly(store, cid):
    answers.answer(store, AGENT, cid, status="redirected", message="La route est départementale.",
                    competent="Département du Pas-de-Calais")
    public = answers.public_history(store, cid)
    assert public.competent.iloc[-1] == "Département du Pas-de-Calais"


# -- qualification and moderation ----------------------------------------------------------
def test_qualify_sets_theme_service_level_and_is_audited(store, cid):
    changed = moderation.qualify(store, AGENT, cid, settings=SETTINGS, theme="nature", service="espaces verts", level="concertation")
    assert changed == {"theme": "nature", "service": "espaces verts", "level": "concertation"}
    assert store.contribution(cid)["theme"] == "nature"
    assert (store.handling(cid)["service"], store.handling(cid)["level"]) == ("espaces verts", "concertation")
    entry = store.audit_log(cid).iloc[0]
    assert entry.action == "qualify" and entry.actor == "alice"
    assert json.loads(entry.before) == {"theme": "espaces publics", "service": None, "level": None}
    assert moderation.qualify(store, AGENT, cid, settings=SETTINGS, theme="nature") == {}
    assert len(store.audit_log(cid)) == 1
    with pytest.raises(ValidationError) as caught:
        moderation.qualify(store, AGENT, cid, settings=SETTINGS, service="la NASA", level="plébiscite")
    assert set(caught.value.errors) == {"service", "level"}


def test_hide_keeps_the_contribution_with_its_reason(store, cid):
    with pytest.raises(ValidationError):
        moderation.hide(store, AGENT, cid, "  ")
    moderation.hide(store, AGENT, cid, "Propos injurieux")
    assert store.contributions().empty  # not public any more
    assert store.count_contributions() == 1  # but kept
    state = store.handling(cid)
    assert state["hidden"] and state["hidden_reason"] == "Propos injurieux"
    moderation.unhide(store, AGENT, cid, settings=SETTINGS)
    assert list(store.contributions().id) == [cid]
    assert list(store.audit_log(cid).action) == ["unhide", "hide"]


def test_unhide_under_moderation_a_priori_goes_back_to_the_queue(store):
    receipt = submit(store, config=A_PRIORI)
    moderation.hide(store, AGENT, receipt.id, "À vérifier")
    moderation.unhide(store, AGENT, receipt.id, settings=A_PRIORI)
    assert receipt.id in set(store.agent_contributions(queue="moderation").id)
    moderation.publish(store, AGENT, receipt.id)
    moderation.hide(store, AGENT, receipt.id, "À vérifier encore")
    moderation.unhide(store, AGENT, receipt.id, settings=A_PRIORI)
    assert store.contribution(receipt.id)["published"]


@pytest.mark.parametrize("mode", ["a_priori", "a_posteriori"])
def test_personal_data_is_held_whatever_the_moderation(store, mode):
    config = Settings(moderation=mode)
    clean = submit(store, title="Un banc", text="Près de l'école", config=config)
    flagged = submit(store, title="Un banc", text="Appelez-moi au 06 12 34 56 78", config=config)
    assert flagged.personal_data == ("phone",) and not flagged.published
    assert clean.published is (mode == "a_posteriori")
    assert store.handling(flagged.id)["personal_data"] == "phone"
    queue = store.agent_contributions(queue="moderation")
    assert flagged.id in set(queue.id)
    # publishing is refused while the number is there
    with pytest.raises(ValidationError):
        moderation.publish(store, AGENT, flagged.id)
    remaining = moderation.edit_text(store, AGENT, flagged.id, text="Appelez-moi au [numéro masqué]")
    assert remaining == []
    moderation.publish(store, AGENT, flagged.id)
    assert flagged.id in set(store.contributions().id)
    # the audit log does not keep the number either
    assert "06 12 34 56 78" not in store.audit_log(flagged.id).to_string()
    assert "06 12 34 56 78" not in store._df("SELECT * FROM audit_log").to_string()


def test_a_false_alarm_can_be_published_as_is(store):
    receipt = submit(store, title="Ligne 06 12 34 56 78 ?", text="")
    moderation.publish(store, AGENT, receipt.id, despite_personal_data=True)
    assert store.contribution(receipt.id)["published"]
    assert store.handling(receipt.id)["personal_data"] is None


def test_imported_rows_with_personal_data_are_held(store, tmp_path):
    from cartoparti.io.importer import import_file

    path = tmp_path / "papier.csv"
    path.write_text(
        "id,kind,title,text,theme,lon,lat\n"
        "1,need,Un banc,Rien de personnel,nature,2.83,50.43\n"
        "2,need,Un abri,écrire à jean@example.fr,nature,2.83,50.43\n",
        encoding="utf-8",
    )
    report = import_file(store, path, themes=("nature",), published=True)
    assert report.imported == 2 and len(report.held) == 1
    assert list(store.contributions().title) == ["Un banc"]


def test_merge_carries_supports_and_followers(store):
    keep = submit(store, title="Un banc rue A")
    dup = submit(store, title="Un banc rue A (bis)")
    for session in ("s1", "s2"):
        residents.support(store, keep.id, session)
    for session in ("s2", "s3"):
        residents.support(store, dup.id, session)
    moderation.merge(store, AGENT, dup.id, keep.id)
    # s1, s2, s3 and the duplicate's author
    assert store.support_count(keep.id) == 4
    assert set(store.contributions().id) == {keep.id}
    assert store.handling(dup.id)["merged_into"] == keep.id
    # the duplicate's author now follows the kept contribution too
    followed = [item["id"] for item in residents.followed(store, dup.follow_code)]
    assert set(followed) == {keep.id, dup.id}
    assert store.audit_log(dup.id).action.iloc[0] == "merge"
    with pytest.raises(ValidationError):
        moderation.merge(store, AGENT, keep.id, keep.id)
    with pytest.raises(ValidationError):
        moderation.merge(store, AGENT, keep.id, dup.id)


# -- supports ---------------------------------------------------------------------------------
def test_support_counts_once_per_session(store, cid):
    assert residents.support(store, cid, "session-1") == (True, 1)
    assert residents.support(store, cid, "session-1") == (False, 1)
    assert residents.support(store, cid, "session-2") == (True, 2)
    assert list(store.contributions().supports) == [2]


def test_no_support_for_an_unpublished_contribution(store):
    hidden = submit(store, text="mon 06 12 34 56 78")
    with pytest.raises(NotFoundError):
        residents.support(store, hidden.id, "s")


# -- follow codes and deletion ------------------------------------------------------------------
def test_follow_code_shows_status_history_and_answers(store):
    first = submit(store, title="Premier")
    second = submit(store, title="Second", follow_code=first.follow_code)
    assert second.follow_code == first.follow_code
    assert len(first.follow_code) == 14 and first.follow_code.count("-") == 2
    # only a hash is stored
    assert first.follow_code not in store._df("SELECT * FROM follow_links").to_string()
    answers.answer(store, AGENT, first.id, status="under_study", message="Nous regardons.")
    items = residents.followed(store, first.follow_code.lower().replace("-", " "))
    assert [i["title"] for i in items] == ["Premier", "Second"]
    assert items[0]["status"] == "under_study"
    assert list(items[0]["history"].message) == ["Contribution reçue.", "Nous regardons."]
    other = submit(store, title="Quelqu'un d'autre")
    assert other.follow_code != first.follow_code
    with pytest.raises(NotFoundError):
        residents.followed(store, "AAAA-BBBB-CCCC")
    with pytest.raises(NotFoundError):
        residents.followed(store, "n'importe quoi")


def every_value_in_the_database(store) -> str:
    """Every row of every table, as text (to look for what must be gone)."""
    tables = store._df("SELECT table_name FROM duckdb_tables() WHERE NOT internal").table_name
    return "\n".join(store._df(f'SELECT * FROM "{t}"').to_csv() for t in tables)


def test_deletion_request_then_deletion_removes_everything(store, db_path):
    receipt = fieldwork.enter_for_resident(
        store, AGENT, settings=SETTINGS, channel="workshop", session_date=date(2024, 5, 3), session_place="Salle Quokkarium",
        kind="need", title="À effacer Zébulonesque", text="Mon texte Xylophagie, appelez le 06 12 34 56 78",
        theme="espaces publics", location=store.zone_point(LENS), age_band="30-44", csp="CS5",
    )
    moderation.edit_text(store, AGENT, receipt.id, title="À effacer Zébulonesque (corrigé)",
                       text="Mon texte Xylophagie, sans numéro")
    moderation.publish(store, AGENT, receipt.id)
    moderation.qualify(store, AGENT, receipt.id, settings=SETTINGS, service="espaces verts")
    traces = ("Zébulonesque", "Xylophagie", "Quokkarium")
    assert all(t in every_value_in_the_database(store) for t in traces)  # the audit held them
    residents.support(store, receipt.id, "s1")
    answers.answer(store, AGENT, receipt.id, status="under_study", message="Vu.")
    other = submit(store, title="Autre")
    with pytest.raises(NotFoundError):  # a code only reaches its own contributions
        residents.request_deletion(store, other.follow_code, receipt.id)
    assert residents.request_deletion(store, receipt.follow_code, receipt.id, "J'ai déménagé") is True
    assert residents.request_deletion(store, receipt.follow_code, receipt.id) is False
    assert residents.followed(store, receipt.follow_code)[0]["deletion_requested"]
    assert list(store.deletion_requests().contribution_id) == [receipt.id]
    moderation.delete(store, AGENT, receipt.id)
    for table in ("contributions", "profiles", "contribution_zones", "supports", "status_history",
                  "follow_links", "deletion_requests", "handling"):
        column = "id" if table == "contributions" else "contribution_id"
        assert store._scalar(f"SELECT count(*) FROM {table} WHERE {column} = ?", [receipt.id]) == 0, table
    entry = store.audit_log(receipt.id).iloc[0]
    assert entry.action == "delete" and "À effacer" not in entry.to_string()
    # no trace of the resident's words nor of the meeting place, in any table
    everything = every_value_in_the_database(store)
    assert not [t for t in traces if t in everything]
    # the audit still says who did what and when
    log = store.audit_log(receipt.id)
    assert list(log.action) == ["delete", "status", "qualify", "publish", "edit", "field_entry"]
    assert set(log.actor) == {"alice"} and log.logged_at.notna().all()
    assert log.iloc[1:][["before", "after"]].isna().all().all()
    with pytest.raises(NotFoundError):
        residents.followed(store, receipt.follow_code)
    with pytest.raises(NotFoundError):
        moderation.delete(store, AGENT, receipt.id)


# -- field entry --------------------------------------------------------------------------------
def test_agent_enters_a_contribution_from_the_field(store):
    receipt = fieldwork.enter_for_resident(
        store, AGENT, settings=SETTINGS, channel="door_to_door", session_date=date(2024, 5, 3), session_place="Cité 9, Lens",
        kind="need", title="Plus de bancs", text="", theme="espaces publics",
        location=store.zone_point(LENS), age_band="75+", csp="CS7", first_time=True,
    )
    assert receipt.follow_code
    row = store.contribution(receipt.id)
    assert row["channel"] == "door_to_door"
    entry = store.field_entry(receipt.id)
    assert (entry["entered_by"], entry["session_place"]) == ("alice", "Cité 9, Lens")
    assert str(entry["session_date"])[:10] == "2024-05-03"
    assert store.profile(receipt.id)["age_band"] == "75+"
    assert store.audit_log(receipt.id).action.iloc[0] == "field_entry"


def test_field_entry_reports_every_missing_field_and_stores_nothing(store):
    with pytest.raises(ValidationError) as caught:
        fieldwork.enter_for_resident(
            store, AGENT, settings=SETTINGS, channel="online", session_date=date.today() + timedelta(days=2), session_place=" ",
            kind=None, title="", theme=None, location=None,
        )
    assert {"channel", "session_date", "session_place", "kind", "title", "theme", "location"} <= set(caught.value.errors)
    assert store.count_contributions() == 0
    with pytest.raises(PermissionDeniedError):
        fieldwork.enter_for_resident(store, None, settings=SETTINGS, channel="phone", session_date=date.today(), session_place="x")


def test_a_failed_field_entry_leaves_nothing_half_written(store, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(store, "add_field_entries", broken)
    with pytest.raises(RuntimeError):
        fieldwork.enter_for_resident(
            store, AGENT, settings=SETTINGS, channel="phone", session_date=date(2024, 5, 3), session_place="Mairie",
            kind="need", title="Plus de bancs", text="06 12 34 56 78", theme="espaces publics",
            location=store.zone_point(LENS), age_band="75+",
        )
    for table in ("contributions", "profiles", "contribution_zones", "handling", "follow_links", "field_entries"):
        assert store._scalar(f"SELECT count(*) FROM {table}") == 0, table


def test_personal_data_is_held_by_the_insert_itself(store, monkeypatch):
    """No separate step holds a contribution with a phone number: the store inserts it
    unpublished and flagged in one transaction (a crash cannot leave it public)."""

    def never(*args, **kwargs):
        raise AssertionError("holding is not a second step")

    monkeypatch.setattr(store, "flag_personal_data", never)
    receipt = submit(store, text="Appelez-moi au 06 12 34 56 78")
    assert not receipt.published and receipt.personal_data == ("phone",)
    assert store.contribution(receipt.id)["published"] is False
    assert store._scalar("SELECT personal_data FROM handling WHERE contribution_id = ?", [receipt.id]) == "phone"


@pytest.mark.parametrize("failing", ["link_follow_code"])
def test_a_failed_submission_leaves_nothing_half_written(store, monkeypatch, failing):
    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(store, failing, broken)
    with pytest.raises(RuntimeError):
        submit(store, text="Appelez-moi au 06 12 34 56 78", age_band="30-44")
    for table in ("contributions", "profiles", "contribution_zones", "handling", "follow_links"):
        assert store._scalar(f"SELECT count(*) FROM {table}") == 0, table
    monkeypatch.undo()
    assert submit(store).follow_code  # the store still works


PAPER = (
    "kind,title,text,theme,lon,lat,age_band\n"
    "need,Un banc,Près du marché,espaces publics,2.8306,50.4325,75+\n"
    "need,Un abri,écrire à jean@example.fr,espaces publics,2.8306,50.4325,\n"
    "need,Dehors,Loin,espaces publics,5.0,45.0,\n"
)


def test_paper_answers_in_bulk_record_who_entered_them_when_and_where(store):
    report = fieldwork.import_field_file(
        store, AGENT, PAPER.encode(), settings=SETTINGS, name="papier.csv", session_date=date(2024, 5, 3),
        session_place=" Permanence de la mairie annexe ",
    )
    assert (report.imported, len(report.held), len(report.rejected)) == (2, 1, 1)
    assert len(report.inserted) == 2
    for cid in report.inserted:
        entry = store.field_entry(cid)
        assert (entry["entered_by"], entry["session_place"]) == ("alice", "Permanence de la mairie annexe")
        assert str(entry["session_date"])[:10] == "2024-05-03"
        assert store.contribution(cid)["channel"] == "paper"
        assert store.audit_log(cid).action.iloc[0] == "field_entry"
    assert set(store.agent_contributions().entered_by) == {"alice"}
    assert store.audit_log().action.iloc[0] == "import"
    # importing the same file again adds nothing (and no second field entry)
    again = fieldwork.import_field_file(
        store, AGENT, PAPER.encode(), settings=SETTINGS, name="papier.csv", session_date=date(2024, 5, 3), session_place="Mairie"
    )
    assert (again.imported, again.duplicates) == (0, 2)
    assert store._scalar("SELECT count(*) FROM field_entries") == 2


def test_paper_answers_in_bulk_need_the_meeting_date_and_place(store, tmp_path):
    path = tmp_path / "papier.csv"
    path.write_text(PAPER, encoding="utf-8")
    with pytest.raises(ValidationError) as caught:
        fieldwork.import_field_file(
            store, AGENT, path, settings=SETTINGS, session_date=date.today() + timedelta(days=1), session_place="  "
        )
    assert set(caught.value.errors) == {"session_date", "session_place"}
    assert store.count_contributions() == 0
    with pytest.raises(PermissionDeniedError):
        fieldwork.import_field_file(store, None, path, settings=SETTINGS, session_date=date.today(), session_place="Mairie")
    report = fieldwork.import_field_file(store, AGENT, path, settings=SETTINGS, session_date=date.today(), session_place="Mairie")
    assert report.imported == 2


def test_a_failed_bulk_field_entry_imports_nothing(store, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(store, "add_field_entries", broken)
    with pytest.raises(RuntimeError):
        fieldwork.import_field_file(
            store, AGENT, PAPER.encode(), settings=SETTINGS, name="papier.csv", session_date=date(2024, 5, 3), session_place="Mairie"
        )
    assert store.count_contributions() == 0 and store.audit_log().empty


def test_answers_import_reads_bytes(store, cid):
    data = f"id,status,message\n{cid},under_study,Nous regardons.\n".encode()
    report = answers.import_answers(store, AGENT, data, name="reponses.csv", settings=SETTINGS)
    assert (report.applied, report.rejected) == (1, [])
    assert store.contribution(cid)["status"] == "under_study"


def test_an_answers_file_over_the_import_limit_is_refused_whole(store, cid):
    data = f"id,status,message\n{cid},under_study,{'Nous regardons. ' * 80}\n".encode()
    small = Settings(import_max_mb=0.001)  # about 1 KB
    with pytest.raises(ImportFileError, match=r"Fichier trop gros : reponses\.csv"):
        answers.import_answers(store, AGENT, data, name="reponses.csv", settings=small)
    assert store.contribution(cid)["status"] == "received" and store.audit_log().empty


def test_no_deletion_request_for_a_contribution_deleted_meanwhile(store, cid):
    moderation.delete(store, AGENT, cid)
    with pytest.raises(NotFoundError):
        store.add_deletion_request(cid, "trop tard")
    assert store.deletion_requests().empty


# -- export -------------------------------------------------------------------------------------
def test_export_carries_status_and_latest_answer(store, cid):
    other = submit(store, title="Sans réponse")
    answers.answer(store, AGENT, cid, status="under_study", message="Nous étudions.")
    answers.answer(store, AGENT, cid, status="accepted", message="Ce sera fait au printemps.")
    frame = store.export_frame().set_index("id")
    assert frame.loc[cid, "status"] == "accepted"
    assert frame.loc[cid, "answer"] == "Ce sera fait au printemps."
    assert frame.loc[other.id, "status"] == "received" and pd.isna(frame.loc[other.id, "answer"])
    csv_text = export_bytes(store, "csv").decode()
    assert "status,answer" in csv_text.splitlines()[0]
    assert "Ce sera fait au printemps." in csv_text


def test_commands_follow_the_settings_they_receive_not_the_environment(store, monkeypatch):
    monkeypatch.setenv("CARTOPARTI_MODERATION", "nimporte")  # settings.current() would refuse it
    monkeypatch.setenv("CARTOPARTI_THEMES", "vélo")
    assert submit(store).published
    held = submit(store, config=A_PRIORI)
    assert not held.published and held.id in set(store.agent_contributions(queue="moderation").id)
    with pytest.raises(ValidationError):
        moderation.qualify(store, AGENT, held.id, settings=SETTINGS, theme="vélo")
    moderation.qualify(store, AGENT, held.id, settings=Settings(themes=("vélo",)), theme="vélo")
    assert store.contribution(held.id)["theme"] == "vélo"
