"""Analysis tables as files: CSV or JSON bytes, formula-safe cells.

Used by the command line (``representation``, ``outreach``) and the pages' downloads.
"""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from cartoparti import i18n
from cartoparti._errors import ValidationError

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["FORMATS", "table_bytes", "write_table"]

FORMATS = ("csv", "json")


def table_bytes(frame: pd.DataFrame, fmt: str = "csv") -> bytes:
    """A table as CSV (empty cells for missing values, ``true``/``false``, text that
    a spreadsheet would evaluate prefixed with an apostrophe) or JSON (a list of
    records, ``null`` for missing values), UTF-8; floats rounded to 6 decimals."""
    if fmt not in FORMATS:
        raise ValidationError({"format": i18n.message("tables.format_unknown", fmt=fmt)})
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == float:
            out[column] = out[column].round(6)
    if fmt == "json":
        records = json.loads(out.to_json(orient="records", force_ascii=False))
        return (json.dumps(records, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
    for column in out.columns:
        if out[column].dtype == bool:
            out[column] = out[column].map({True: "true", False: "false"})
    from cartoparti.io.csvsafe import safe_frame

    out = safe_frame(out)  # zone names come from files: no spreadsheet formula
    buffer = io.StringIO()
    out.to_csv(buffer, index=False, lineterminator="\n")
    return buffer.getvalue().encode("utf-8")


def write_table(frame: pd.DataFrame, fmt: str, target: Path | None) -> None:
    """Write :func:`table_bytes` to ``target``, or to standard output when ``None``."""
    data = table_bytes(frame, fmt)
    if target is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        Path(target).write_bytes(data)
