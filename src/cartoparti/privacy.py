"""Personal data in free text: French phone numbers and e-mail addresses.

A contribution whose title or text holds one is kept unpublished and flagged for an
agent, who edits it out (:func:`redact` helps) or publishes it anyway. Detection is
deliberately broad: a false alarm costs an agent a click, a miss exposes a resident.

>>> kinds_found("Appelez-moi au 06 12 34 56 78 ou jean.dupont@example.fr")
['phone', 'email']
>>> redact("mon numéro : +33 6 12 34 56 78")
'mon numéro : [numéro masqué]'
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cartoparti.i18n import Labels, table

__all__ = ["KINDS", "Finding", "find_personal_data", "kinds_found", "redact"]

KINDS: Labels = table("personal_data")
"""Kind code → label (the active catalogue's table)."""

_SEP = r"[ \t.\-/]?"
_PHONE = re.compile(
    r"(?<![\w+])"
    r"(?:(?:\+|00)\s?33" + _SEP + r"(?:\(0\)" + _SEP + r")?|0)"  # +33, 0033, +33 (0) or 0
    r"[1-9](?:" + _SEP + r"\d{2}){4}"
    r"(?!\d)"
)
_EMAIL = re.compile(
    r"[\w.+\-]+"
    r"\s?(?:@|\(at\)|\[at\]|\barobase\b)\s?"
    r"[\w\-]+(?:\.[\w\-]+)*\.[a-z]{2,}\b",
    re.IGNORECASE,
)
_MASK = table("masks")


@dataclass(frozen=True)
class Finding:
    """One piece of personal data: its kind and position in the text."""

    kind: str
    start: int
    end: int
    text: str


def find_personal_data(text: str | None) -> list[Finding]:
    """Phone numbers and e-mail addresses in ``text``, in order of position."""
    if not text:
        return []
    found = [Finding("email", m.start(), m.end(), m.group()) for m in _EMAIL.finditer(text)]
    found += [Finding("phone", m.start(), m.end(), m.group()) for m in _PHONE.finditer(text)]
    found.sort(key=lambda f: (f.start, -f.end))
    kept: list[Finding] = []
    for finding in found:  # drop overlaps (digits inside an address)
        if not kept or finding.start >= kept[-1].end:
            kept.append(finding)
    return kept


def kinds_found(*texts: str | None) -> list[str]:
    """Kinds of personal data found in any of ``texts`` (``phone`` before ``email``)."""
    kinds = {f.kind for text in texts for f in find_personal_data(text)}
    return [k for k in KINDS if k in kinds]


def redact(text: str | None) -> str:
    """``text`` with every phone number and e-mail address masked."""
    if not text:
        return text or ""
    out, last = [], 0
    for finding in find_personal_data(text):
        out.append(text[last : finding.start])
        out.append(_MASK[finding.kind])
        last = finding.end
    out.append(text[last:])
    return "".join(out)
