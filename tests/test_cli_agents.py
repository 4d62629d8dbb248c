"""Agents' commands: user add (password from stdin, never argv) and answers import."""

import csv
import io
import subprocess
import sys

import pytest

from cartoparti.cli import main
from cartoparti.commands import accounts as auth
from cartoparti.commands import contribute
from cartoparti.settings import Settings
from cartoparti.storage import open_storage
from tests.conftest import ROOT

SETTINGS = Settings()  # the defaults: moderation a posteriori

PASSWORD = "un mot de passe assez long"


def run(db, *args, stdin: str = ""):
    """Run the command line in this process with ``stdin`` as standard input."""
    old = sys.stdin
    sys.stdin = io.StringIO(stdin)
    try:
        return main(["--db", str(db), *map(str, args)])
    finally:
        sys.stdin = old


@pytest.fixture
def contributions(db_path):
    """Two contributions and an agent in the database; their ids."""
    with open_storage(db_path) as store:
        ids = [
            contribute.submit(store, settings=SETTINGS, kind="need", title=t, text="", theme="nature",
                              location=store.zone_point("62498")).id
            for t in ("Un banc", "Un arbre")
        ]
        auth.add_user(store, "alice", role="agent", password=PASSWORD)
    return ids


def test_user_add_reads_the_password_from_stdin(db_path, capsys):
    assert run(db_path, "user", "add", "bob", "--role", "admin", stdin=PASSWORD + "\n") == 0
    assert "Compte créé : bob (administrateur)" in capsys.readouterr().out
    with open_storage(db_path) as store:
        assert auth.authenticate(store, "bob", PASSWORD) == {"name": "bob", "role": "admin"}
        assert PASSWORD not in store._df("SELECT * FROM users").to_string()
    assert run(db_path, "user", "list") == 0
    assert "bob\tadmin" in capsys.readouterr().out


def test_user_add_has_no_password_option():
    from cartoparti.cli import build_parser

    with pytest.raises(SystemExit):
        build_parser().parse_args(["user", "add", "bob", "--password", PASSWORD])


def test_user_add_refuses_a_short_password_with_exit_2(db_path, capsys):
    assert run(db_path, "user", "add", "bob", stdin="court\n") == 2
    assert "au moins" in capsys.readouterr().err
    with open_storage(db_path) as store:
        assert store.users().empty


def test_user_add_as_a_real_process(db_path):
    result = subprocess.run(
        [sys.executable, "-m", "cartoparti", "--db", str(db_path), "user", "add", "carole"],
        check=False, input=PASSWORD + "\n", capture_output=True, text=True, cwd=ROOT, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    with open_storage(db_path) as store:
        assert auth.authenticate(store, "carole", PASSWORD)["role"] == "agent"


def write_answers(path, rows):
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    return path


def test_answers_import_with_bad_rows(db_path, contributions, tmp_path, capsys):
    banc, arbre = contributions
    f = write_answers(tmp_path / "reponses.csv", [
        ["id", "status", "message"],
        [banc, "under_study", "Nous étudions votre demande."],        # 2 ok
        [banc, "à l'étude", "Nous étudions votre demande."],          # 3 same as latest: already recorded
        [banc, "accepted", "Un banc sera posé au printemps."],        # 4 ok
        ["inconnu", "under_study", "Vu."],                            # 5 unknown id
        [arbre, "done", "Fait."],                                     # 6 move refused
        [arbre, "declined", "Non."],                                  # 7 decline without justification
        [arbre, "redirected", "Ce n'est pas la commune."],            # 8 redirected naming no one
        [arbre, "vote", "?"],                                         # 9 unknown status
        [arbre, "under_study", ""],                                   # 10 no message
        ["", "under_study", "Vu."],                                   # 11 no id
    ])
    assert run(db_path, "answers", "import", f, "--user", "alice", stdin=PASSWORD + "\n") == 1
    captured = capsys.readouterr()
    assert "10 ligne(s) lue(s) : 2 réponse(s) enregistrée(s), 1 déjà enregistrée(s), 7 rejetée(s)." in captured.out
    for line in range(5, 12):
        assert f"ligne {line} :" in captured.err
    assert "Contribution inconnue" in captured.err and "justifié" in captured.err and "compétent" in captured.err
    rejects = list(csv.DictReader((tmp_path / "reponses.rejets.csv").open(encoding="utf-8")))
    assert [int(r["line"]) for r in rejects] == list(range(5, 12))
    with open_storage(db_path) as store:
        assert store.contribution(banc)["status"] == "accepted"
        assert store.contribution(arbre)["status"] == "received"
        assert set(store.audit_log().actor) == {"alice", "cli"}
        assert len(store.status_history(banc)) == 2
    # importing the same file again records nothing new
    assert run(db_path, "answers", "import", f, "--user", "alice", stdin=PASSWORD + "\n") == 1
    assert "0 réponse(s) enregistrée(s), 3 déjà enregistrée(s)" in capsys.readouterr().out


def test_answers_import_all_good_exit_0_with_competent_column(db_path, contributions, tmp_path, capsys):
    banc, _ = contributions
    f = write_answers(tmp_path / "r.csv", [
        ["id", "status", "message", "competent"],
        [banc, "redirected", "Le trottoir est départemental.", "Département du Pas-de-Calais"],
    ])
    assert run(db_path, "answers", "import", f, "--user", "alice", stdin=PASSWORD + "\n") == 0
    with open_storage(db_path) as store:
        assert store.status_history(banc).competent.iloc[0] == "Département du Pas-de-Calais"


def test_answers_import_needs_the_agent_password(db_path, contributions, tmp_path, capsys):
    f = write_answers(tmp_path / "r.csv", [["id", "status", "message"], [contributions[0], "under_study", "Vu."]])
    assert run(db_path, "answers", "import", f, "--user", "alice", stdin="wrong password\n") == 2
    assert "incorrect" in capsys.readouterr().err
    assert run(db_path, "answers", "import", f, "--user", "nobody", stdin=PASSWORD + "\n") == 2
    with open_storage(db_path) as store:
        assert store.status_history(contributions[0]).empty


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("missing.csv", None, "introuvable"),
        ("cols.csv", "id,message\nx,y\n", "status"),
        ("answers.geojson", "{}", "CSV"),
        ("empty.csv", "", "vide"),
    ],
)
def test_answers_import_unreadable_files_exit_2(db_path, contributions, tmp_path, capsys, name, content, message):
    f = tmp_path / name
    if content is not None:
        f.write_text(content, encoding="utf-8")
    assert run(db_path, "answers", "import", f, "--user", "alice", stdin=PASSWORD + "\n") == 2
    assert message in capsys.readouterr().err


def test_user_set_role_and_remove(db_path, capsys):
    run(db_path, "user", "add", "Bob", "--role", "admin", stdin=PASSWORD + "\n")
    assert "Compte créé : bob (administrateur)" in capsys.readouterr().out
    assert run(db_path, "user", "set-role", "bob", "--role", "agent") == 0
    assert "Rôle de bob : administrateur → agent." in capsys.readouterr().out
    with open_storage(db_path) as store:
        assert auth.signed_in_user(store, "bob") == {"name": "bob", "role": "agent"}
    assert run(db_path, "user", "remove", "BOB") == 0
    assert "Compte supprimé : bob." in capsys.readouterr().out
    with open_storage(db_path) as store:
        assert store.users().empty
        assert list(store.audit_log().action) == ["user_remove", "user_role", "user_add"]
    assert run(db_path, "user", "remove", "bob") == 2
    assert "Utilisateur inconnu" in capsys.readouterr().err
    assert run(db_path, "user", "set-role", "bob", "--role", "admin") == 2


FIELD_CSV = (
    "kind,title,text,theme,lon,lat\n"
    "need,Un banc,Près du marché,nature,2.8306,50.4325\n"
    "need,Ailleurs,Loin,nature,5.0,45.0\n"
)


def test_field_import_records_the_meeting(db_path, contributions, tmp_path, capsys):
    f = tmp_path / "papier.csv"
    f.write_text(FIELD_CSV, encoding="utf-8")
    args = ["field", "import", f, "--user", "alice", "--date", "2024-05-03", "--place", "Marché couvert"]
    assert run(db_path, *args, stdin=PASSWORD + "\n") == 1
    captured = capsys.readouterr()
    assert "2 ligne(s) lue(s) : 1 importée(s)" in captured.out and "ligne 3 :" in captured.err
    assert (tmp_path / "papier.rejets.csv").exists()
    with open_storage(db_path) as store:
        row = store.agent_contributions().query("title == 'Un banc'").iloc[0]
        assert (row.entered_by, row.channel) == ("alice", "paper")
        entry = store.field_entry(row.id)
        assert (str(entry["session_date"])[:10], entry["session_place"]) == ("2024-05-03", "Marché couvert")
    assert run(db_path, *args[:-1], " ", stdin=PASSWORD + "\n") == 2
    assert "lieu de la rencontre" in capsys.readouterr().err
    assert run(db_path, *args, stdin="wrong password\n") == 2
