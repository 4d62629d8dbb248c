"""Benchmark: agents' answers imported from a CSV (``cartoparti answers import FILE``).

Usage: ``.venv/bin/python bench/bench_answers.py [--rows N] [--quick] [--no-baseline]``

Builds a DuckDB database of N contributions in bulk (``add_contributions`` of
validated drafts, the generator of ``bench_backends.py``), writes an N-row answers CSV
(one row per contribution: moves to « à l'étude » by code or by label, declines with
their justification, redirections naming who is competent, and about 3 % bad rows:
unknown ids, unknown statuses, refused moves, missing messages), then times
1. :func:`cartoparti.commands.answers.import_answers` of that file,
2. the same file again (idempotence: every good row already recorded),
3. unless ``--no-baseline``: the former row-by-row loop (kept below as
   :func:`import_answers_row_by_row`: a lookup, the history and one transaction per
   row) on a copy of the same database, in the same run, and checks that both give the
   same report and the same stored statuses and history.

Reports rows/s and peak memory (RSS high-water mark of this process).
``--quick``: 1,000 rows. Target (2-core machine): 20,000 rows at least 10× faster
than row by row.
"""

from __future__ import annotations

import argparse
import csv
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

from bench.bench_backends import drafts
from cartoparti import i18n, settings
from cartoparti._errors import ConflictError, ValidationError
from cartoparti.commands import answers
from cartoparti.io.importer import RejectedRow, read_rows
from cartoparti.io.territory import load_territory
from cartoparti.lifecycle import STATUSES
from cartoparti.model import normalise_code
from cartoparti.storage import open_storage

AGENT = {"name": "agent.bench", "role": "agent"}
DECLINE = "Ce projet n'entre pas dans les compétences de la commune, désolés."


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def answers_csv(path: Path, ids: list[str]) -> None:
    """One answer per contribution, with a few bad rows among them."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(["id", "status", "message", "competent"])
        for i, cid in enumerate(ids):
            kind = i % 100
            if kind == 0:
                out.writerow([f"inconnu-{i}", "under_study", "Nous regardons.", ""])  # unknown id
            elif kind == 1:
                out.writerow([cid, "peut-être", "Nous regardons.", ""])  # unknown status
            elif kind == 2:
                out.writerow([cid, "done", "C'est fait.", ""])  # received → done: refused
            elif kind < 10:
                out.writerow([cid, "declined", DECLINE, ""])
            elif kind < 15:
                out.writerow([cid, "redirected", "Voir avec la communauté d'agglomération.", "CALL"])
            elif kind < 50:
                out.writerow([cid, "à l'étude", f"Nous regardons votre demande n° {i}.", ""])
            else:
                out.writerow([cid, "under_study", f"Nous regardons votre demande n° {i}.", ""])


def import_answers_row_by_row(store, user, path: Path, *, settings) -> answers.AnswerImportReport:
    """The former :func:`~cartoparti.commands.answers.import_answers`, kept as the
    baseline: per row a lookup, the history, then :func:`answers.answer` (one
    transaction)."""
    data, _geometry, lines = read_rows(path, max_bytes=settings.import_max_bytes)
    data.columns = [str(c).strip().lower() for c in data.columns]
    report = answers.AnswerImportReport(read=len(lines))
    for line, row in zip(lines, data.to_dict(orient="records"), strict=True):
        values = {
            k: ("" if v is None or (isinstance(v, float) and pd.isna(v)) else str(v))
            for k, v in row.items()
        }
        cid = values.get("id", "").strip()
        raw_status = values.get("status", "").strip()
        message = values.get("message", "").strip()
        competent = values.get("competent", "").strip() or None
        try:
            if not cid:
                raise ValidationError({"id": i18n.message("id.required")})
            found = store.contribution(cid)
            if found is None:
                raise ValidationError({"id": i18n.message("id.unknown", id=cid)})
            status = normalise_code(raw_status, STATUSES) if raw_status else str(found["status"])
            if status is None:
                raise ValidationError({"status": i18n.message("status.unknown", value=raw_status)})
            history = store.status_history(cid)
            if ((history["status"] == status) & (history["message"] == message)).any():
                report.duplicates += 1
                continue
            answers.answer(
                store, user, cid, message=message, status=status, competent=competent,
                settings=settings,
            )
            report.applied += 1
        except ValidationError as exc:
            report.rejected.append(RejectedRow(line, " ; ".join(exc.errors.values()), values))
        except ConflictError as exc:
            report.rejected.append(RejectedRow(line, str(exc), values))
    return report


def stored_state(store) -> tuple[dict[str, str], list[tuple]]:
    """Every contribution's status, and the history and audit without their times."""
    statuses = store.export_frame().set_index("id")["status"].to_dict()
    history = sorted(
        (r.contribution_id, r.status, r.previous_status, r.message, r.competent, r.author)
        for r in store._df(
            "SELECT contribution_id, status, previous_status, message, competent, author FROM status_history"
        ).itertuples()
    )
    audit = sorted(
        (r.actor, r.action, r.contribution_id, r.before, r.after) for r in store.audit_log().itertuples()
    )
    return statuses, history + audit


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--quick", action="store_true", help="1,000 rows, to check the benchmark runs")
    parser.add_argument("--no-baseline", action="store_true", help="skip the former row-by-row import")
    args = parser.parse_args()
    rows = 1000 if args.quick else args.rows
    config = settings.Settings()
    territory = load_territory(settings.territory_dir())
    zones = territory.layer(territory.primary).zones
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.duckdb"
        with open_storage(db) as store:
            store.load_territory(territory)
            t0 = time.perf_counter()
            ids = [cid for batch in drafts(zones, rows) for cid in store.add_contributions(batch).inserted]
            t_load = time.perf_counter() - t0
        assert len(ids) == rows, len(ids)
        copy = Path(tmp) / "baseline.duckdb"
        shutil.copy(db, copy)
        path = Path(tmp) / "reponses.csv"
        answers_csv(path, ids)

        with open_storage(db) as store:
            t0 = time.perf_counter()
            report = answers.import_answers(store, AGENT, path, settings=config)
            t_bulk = time.perf_counter() - t0
            assert report.applied + report.duplicates + len(report.rejected) == rows, report.summary()
            assert 0.95 * rows <= report.applied, report.summary()
            t0 = time.perf_counter()
            again = answers.import_answers(store, AGENT, path, settings=config)
            t_again = time.perf_counter() - t0
            assert again.applied == 0 and again.duplicates == report.applied, again.summary()
            state = stored_state(store)
        peak_bulk = peak_mb()
        print(f"rows={rows} load={t_load:.1f}s import={t_bulk:.2f}s ({rows / t_bulk:,.0f} rows/s) "
              f"reimport={t_again:.2f}s ({rows / t_again:,.0f} rows/s) peak_rss={peak_bulk:.0f}MB "
              f"[{report.summary()}]", flush=True)

        if not args.no_baseline:
            with open_storage(copy) as store:
                t0 = time.perf_counter()
                old = import_answers_row_by_row(store, AGENT, path, settings=config)
                t_old = time.perf_counter() - t0
                old_state = stored_state(store)
            assert (old.applied, old.duplicates) == (report.applied, report.duplicates), old.summary()
            assert [(r.line, r.reason) for r in old.rejected] == [(r.line, r.reason) for r in report.rejected]
            assert old_state == state, "the row-by-row import stored something else"
            print(f"baseline row by row={t_old:.2f}s ({rows / t_old:,.0f} rows/s): "
                  f"{t_old / t_bulk:.1f}x slower, same report and stored state", flush=True)


if __name__ == "__main__":
    main()
