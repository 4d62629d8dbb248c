"""``plan add|link|milestone|status|list``: an agent's actions from the command line
(password on stdin), exit codes 0 / 2, nothing stored on bad input, CSV and JSON lists."""

import csv
import io
import json

import pytest

from cartoparti.storage import open_storage
from tests.test_cli_agents import PASSWORD, contributions, run  # noqa: F401 - fixture

PW = PASSWORD + "\n"


def _add(db, *extra, capsys):
    code = run(db, "plan", "add", "--user", "alice", "--title", "Bancs place Jean Jaurès",
               "--service", "espaces verts", "--level", "concertation", "--start", "2027-01-10",
               "--cost", "3000", "--days", "12", "--zone", "62528", *extra, stdin=PW)
    out = capsys.readouterr()
    return code, out.out.strip(), out.err


def test_plan_add_link_milestone_status_list(db_path, contributions, capsys):  # noqa: F811
    first, second = contributions
    code, item, _ = _add(db_path, "--contribution", first, "--milestone", "2027-02-01=Choix des bancs",
                         capsys=capsys)
    assert code == 0 and len(item) == 10
    assert run(db_path, "plan", "link", item, second, "--user", "alice", stdin=PW) == 0
    assert "1 contribution(s) liée(s)" in capsys.readouterr().out
    assert run(db_path, "plan", "milestone", item, "--user", "alice", "--date", "2027-03-01",
               "--label", "Pose", stdin=PW) == 0
    assert run(db_path, "plan", "milestone", item, "--user", "alice", "--done", "1", stdin=PW) == 0
    assert run(db_path, "plan", "status", item, "fait", "--user", "alice", stdin=PW) == 0
    assert "Action " + item + " : fait." in capsys.readouterr().out
    assert run(db_path, "plan", "list") == 0
    (row,) = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert row["id"] == item and row["status"] == "done" and row["zone_code"] == "62528"
    assert row["made_with_residents"] == "true" and row["contributions"] == "2"
    assert sorted(row["contribution_ids"].split()) == sorted([first, second])
    assert row["milestones"] == "2027-02-01 Choix des bancs [x] | 2027-03-01 Pose"
    out = db_path.with_name("plan.json")
    assert run(db_path, "plan", "list", "--format", "json", "-o", out) == 0
    (record,) = json.loads(out.read_text(encoding="utf-8"))
    assert record["title"] == "Bancs place Jean Jaurès" and record["cost"] == 3000
    assert run(db_path, "plan", "link", item, second, "--remove", "--user", "alice", stdin=PW) == 0
    with open_storage(db_path) as store:
        assert store.plan_links(item_ids=[item])["contribution_id"].tolist() == [first]


@pytest.mark.parametrize(
    ("extra", "words"),
    [
        (["--contribution", "inconnue"], "Contribution inconnue : inconnue"),
        (["--milestone", "2026-12-01=Trop tôt"], "avant le début"),
        (["--cost", "-10"], "ne peut pas être négatif"),
    ],
)
def test_plan_add_refuses_bad_input_and_stores_nothing(db_path, contributions, capsys, extra, words):  # noqa: F811
    code, out, err = _add(db_path, *extra, capsys=capsys)
    assert code == 2 and out == "" and words in err and "Rien n'a été enregistré." in err
    with open_storage(db_path) as store:
        assert store.plan_items().empty


def test_plan_status_abandon_without_reason_and_bad_password(db_path, contributions, capsys):  # noqa: F811
    _, item, _ = _add(db_path, capsys=capsys)
    assert run(db_path, "plan", "status", item, "abandoned", "--user", "alice", stdin=PW) == 2
    assert "publiquement pourquoi" in capsys.readouterr().err
    assert run(db_path, "plan", "status", item, "done", "--user", "alice", stdin="faux\n") == 2
    assert run(db_path, "plan", "status", "absent", "done", "--user", "alice", stdin=PW) == 2
    assert "Action inconnue" in capsys.readouterr().err
    with open_storage(db_path) as store:
        assert store.plan_item(item)["status"] == "planned"


def test_plan_add_warns_on_capacity(db_path, contributions, capsys, monkeypatch):  # noqa: F811
    monkeypatch.setenv("CARTOPARTI_CAPACITY", "espaces verts=10")
    code, item, err = _add(db_path, capsys=capsys)
    assert code == 0 and item
    assert "Le service « espaces verts » dépasserait sa capacité en janv. 2027 : 12,0 jours-agents prévus pour 10,0" in err
