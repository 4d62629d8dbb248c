"""Answers imported in bulk (one read, one pass, batched writes) keep the rules of the
row-by-row import: same report, same reasons, same statuses, history and audit."""

import json
import shutil
import subprocess
import sys

import pandas as pd

from bench.bench_answers import import_answers_row_by_row, stored_state
from bench.bench_backends import drafts
from cartoparti.commands import answers
from cartoparti.settings import Settings
from cartoparti.storage import open_storage
from tests.conftest import ROOT
from tests.test_notify import _submit, config, smtp_server  # noqa: F401 - fixtures

AGENT = {"name": "alice", "role": "agent"}
SETTINGS = Settings()
DECLINE = "Le terrain appartient au bailleur, qui refuse tout aménagement."
MOVE_REFUSED = "Passage impossible de « {} » à « réalisée »."


def _ids(store, zones, n):
    return [cid for batch in drafts(zones, n) for cid in store.add_contributions(batch).inserted]


def _mixed_file(a, b, c, d):
    """Good rows, bad rows, and rows already recorded (before, or earlier in the file)."""
    return "\n".join([
        "id,status,message,competent",
        f"{a},under_study,Nous étudions.,",                      # 2 applied
        f"{a},accepted,Retenue au budget.,",                      # 3 applied: sees line 2
        ",under_study,Sans identifiant.,",                        # 4 id missing
        "inconnu,under_study,Nous étudions.,",                    # 5 unknown id
        f"{b},peut-être,Nous étudions.,",                         # 6 unknown status
        f"{b},done,C'est fait.,",                                 # 7 move refused
        f"{b},declined,Non.,",                                    # 8 decline unjustified
        f"{b},redirected,Voir ailleurs.,",                        # 9 nobody competent
        f"{b},under_study,,",                                     # 10 message missing
        f"{c},under_study,Nous regardons.,",                      # 11 already recorded before
        f"{a},under_study,Nous étudions.,",                       # 12 already recorded in this file
        f"{d},redirected,Voir la communauté d'agglomération.,CALL",  # 13 applied
        f"{c},,Une précision sur le calendrier.,",                # 14 applied: message only
        f' {b} ,à l\'étude," Reçu, nous regardons. ",',           # 15 applied: label, spaces
    ]) + "\n"


def _history(store, cid):
    frame = store.status_history(cid)
    return [tuple(None if pd.isna(v) else v for v in row)
            for row in frame[["status", "previous_status", "message", "competent", "author"]].itertuples(index=False)]


def test_a_mixed_file_gives_the_reasons_and_state_of_the_rules(backend_store, loaded_territory):
    store = backend_store
    a, b, c, d = _ids(store, loaded_territory.layer(loaded_territory.primary).zones, 4)
    answers.answer(store, AGENT, c, status="under_study", message="Nous regardons.")
    data = _mixed_file(a, b, c, d).encode()

    report = answers.import_answers(store, AGENT, data, name="reponses.csv", settings=SETTINGS)
    assert (report.read, report.applied, report.duplicates) == (14, 5, 2)
    assert [(r.line, r.reason) for r in report.rejected] == [
        (4, "Identifiant manquant."),
        (5, "Contribution inconnue : inconnu."),
        (6, "Statut inconnu : « peut-être »."),
        (7, MOVE_REFUSED.format("reçue")),
        (8, "Un refus doit être justifié publiquement : expliquez pourquoi (au moins 20 caractères)."),
        (9, "Indiquez qui est compétent (ex. : le Département, le bailleur social)."),
        (10, "Chaque réponse porte un message public, en langage clair."),
    ]
    assert report.rejected[0].values == {"id": "", "status": "under_study", "message": "Sans identifiant.",
                                         "competent": ""}
    assert {cid: store.contribution(cid)["status"] for cid in (a, b, c, d)} == {
        a: "accepted", b: "under_study", c: "under_study", d: "redirected"}
    assert _history(store, a) == [("under_study", "received", "Nous étudions.", None, "alice"),
                                  ("accepted", "under_study", "Retenue au budget.", None, "alice")]
    assert _history(store, b) == [("under_study", "received", "Reçu, nous regardons.", None, "alice")]
    assert _history(store, c) == [("under_study", "received", "Nous regardons.", None, "alice"),
                                  ("under_study", "under_study", "Une précision sur le calendrier.", None, "alice")]
    assert _history(store, d) == [("redirected", "received", "Voir la communauté d'agglomération.", "CALL", "alice")]
    audit = store.audit_log()
    assert len(audit) == 6  # the answer before, and one per applied row
    mine = audit[audit["contribution_id"] == a].iloc[::-1]  # oldest first
    assert list(mine["action"]) == ["status", "status"]
    assert [json.loads(x) for x in mine["before"]] == [{"status": "received"}, {"status": "under_study"}]
    assert json.loads(mine["after"].iloc[1]) == {"status": "accepted", "message": "Retenue au budget.",
                                                 "competent": None}
    assert list(audit[audit["contribution_id"] == c]["action"]) == ["message", "status"]
    history_ids = store._df("SELECT id FROM status_history ORDER BY id")["id"].tolist()
    assert history_ids == sorted(set(history_ids))

    # the same file again changes nothing: what was applied is already recorded
    again = answers.import_answers(store, AGENT, data, name="reponses.csv", settings=SETTINGS)
    assert (again.applied, again.duplicates) == (0, 7)
    assert [r.line for r in again.rejected] == [4, 5, 6, 7, 8, 9, 10]
    assert again.rejected[3].reason == MOVE_REFUSED.format("à l'étude")  # B is now under study
    assert len(store.audit_log()) == 6
    assert _history(store, a)[-1][0] == "accepted" and len(_history(store, b)) == 1


def test_bulk_and_row_by_row_store_the_same(db_path, loaded_territory, tmp_path):
    with open_storage(db_path) as store:
        ids = _ids(store, loaded_territory.layer(loaded_territory.primary).zones, 4)
        answers.answer(store, AGENT, ids[2], status="under_study", message="Nous regardons.")
    copy = tmp_path / "row_by_row.duckdb"
    shutil.copy(db_path, copy)
    path = tmp_path / "reponses.csv"
    path.write_text(_mixed_file(*ids), encoding="utf-8")
    outcomes = []
    for location, run in ((db_path, answers.import_answers), (copy, import_answers_row_by_row)):
        with open_storage(location) as store:
            first = run(store, AGENT, path, settings=SETTINGS)
            second = run(store, AGENT, path, settings=SETTINGS)
            outcomes.append((
                [(r.applied, r.duplicates, [(x.line, x.reason, x.values) for x in r.rejected])
                 for r in (first, second)],
                stored_state(store),
            ))
    assert outcomes[0] == outcomes[1]


def test_thousands_of_rows_cross_batch_boundaries(backend_store, loaded_territory, monkeypatch):
    store = backend_store
    ids = _ids(store, loaded_territory.layer(loaded_territory.primary).zones, 1300)
    lines = ["id,status,message,competent"]
    for i, cid in enumerate(ids):  # first every contribution under study…
        lines.append(f"{cid},under_study,Nous étudions la demande {i}.,")
    for i, cid in enumerate(ids):  # …then accepted, declined or redirected: each row needs the one above
        if i % 3 == 0:
            lines.append(f"{cid},accepted,Retenue {i}.,")
        elif i % 3 == 1:
            lines.append(f"{cid},declined,{DECLINE},")
        else:
            lines.append(f"{cid},redirected,Voir le Département.,Département")
    lines += ["inconnu,under_study,Nous étudions.,", f"{ids[1]},done,Fini.,"]  # 2 bad rows at the end (ids[1] is declined)
    data = ("\n".join(lines) + "\n").encode()
    batches = []
    write = store.add_status_changes
    monkeypatch.setattr(store, "add_status_changes", lambda frame: batches.append(len(frame)) or write(frame))

    report = answers.import_answers(store, AGENT, data, name="reponses.csv", settings=SETTINGS)
    assert (report.read, report.applied, report.duplicates) == (2602, 2600, 0)
    assert [(r.line, r.reason) for r in report.rejected] == [
        (2602, "Contribution inconnue : inconnu."), (2603, MOVE_REFUSED.format("non retenue"))]
    assert batches == [1000, 1000, 600]
    statuses = store.export_frame().set_index("id")["status"]
    expected = {cid: ("accepted", "declined", "redirected")[i % 3] for i, cid in enumerate(ids)}
    assert statuses.loc[ids].to_dict() == expected
    history = store._df(
        "SELECT contribution_id, status, previous_status FROM status_history ORDER BY id"
    )
    assert len(history) == 2600
    per = history.groupby("contribution_id", sort=False)
    assert (per["status"].first() == "under_study").all() and (per["previous_status"].first() == "received").all()
    assert per["status"].last().to_dict() == expected
    assert (store._df("SELECT count(*) AS n FROM audit_log")["n"] == 2600).all()

    batches.clear()
    again = answers.import_answers(store, AGENT, data, name="reponses.csv", settings=SETTINGS)
    assert (again.applied, again.duplicates, len(again.rejected)) == (0, 2600, 2)
    assert batches == [] and len(store._df("SELECT id FROM status_history")) == 2600


def test_a_change_made_meanwhile_refuses_that_row_alone(backend_store, loaded_territory):
    store = backend_store
    a, b = _ids(store, loaded_territory.layer(loaded_territory.primary).zones, 2)
    answers.answer(store, AGENT, b, status="under_study", message="Déjà vu par un collègue.")
    refused = store.add_status_changes(pd.DataFrame(
        [(a, "received", "under_study", "Nous étudions.", None, "alice"),
         (b, "received", "declined", DECLINE, None, "alice"),  # b is no longer received
         (a, "under_study", "redirected", "Voir le Département.", "Département", "alice")],
        columns=["contribution_id", "expected", "status", "message", "competent", "author"],
    ))
    assert refused == [1]
    assert store.contribution(a)["status"] == "redirected" and store.contribution(b)["status"] == "under_study"
    assert _history(store, a) == [("under_study", "received", "Nous étudions.", None, "alice"),
                                  ("redirected", "under_study", "Voir le Département.", "Département", "alice")]
    states = store.answer_states([a, b, "inconnu"])
    assert set(states["id"]) == {a, b}
    assert list(states[states["id"] == a]["history_status"]) == ["under_study", "redirected"]


def test_imported_status_changes_are_mailed_once_committed(store, smtp_server, config):  # noqa: F811
    inbox, _port = smtp_server
    cid = _submit(store, config, email="autrice@exemple.fr", email_consent=True).id
    other = _submit(store, config, title="Un abri").id  # no address
    data = "\n".join([
        "id,status,message",
        f"{cid},under_study,Nous regardons.",
        f"{cid},,Une précision sur le calendrier.",  # message only: nobody told
        f"{other},under_study,Nous regardons aussi.",
        f"{cid},accepted,Retenue au budget.",
    ]).encode()
    report = answers.import_answers(store, AGENT, data, name="reponses.csv", settings=config)
    assert report.applied == 4
    assert [m["Subject"] for _r, m in inbox.mails] == [
        "Votre contribution « Un banc » : à l'étude", "Votre contribution « Un banc » : retenue"]
    assert "Retenue au budget." in inbox.mails[1][1].get_content()
    answers.import_answers(store, AGENT, data, name="reponses.csv", settings=config)
    assert len(inbox.mails) == 2  # nothing applied the second time, nobody told again


def test_a_file_with_only_a_header_applies_nothing(store):
    report = answers.import_answers(store, AGENT, b"id,status,message\n", name="reponses.csv", settings=SETTINGS)
    assert (report.read, report.applied, report.duplicates, report.rejected) == (0, 0, 0, [])
    assert store.audit_log().empty


def test_the_benchmark_runs_in_quick_mode():
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "bench_answers.py"), "--quick"],
        capture_output=True, text=True, timeout=600, check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "rows=1000 " in done.stdout and "rows/s" in done.stdout and "peak_rss=" in done.stdout
    assert "same report and stored state" in done.stdout
