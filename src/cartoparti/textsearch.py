"""Searching places by words, as a person types them: without accents or case, and
tolerant of a typo or a missing word (« 12 rue jean jaures lnes » finds
« 12 Rue Jean Jaurès, Lens »).

Texts are compared by their trigrams (sequences of three characters of the normalised
text, words padded with a space), the technique of PostgreSQL's pg_trgm; the database
keeps the trigrams of every place (:mod:`cartoparti.storage`) and returns the places
that share most trigrams with the query; :func:`rank` orders those candidates.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from difflib import SequenceMatcher

__all__ = ["normalise", "rank", "similarity", "trigrams"]

_NOT_WORD = re.compile(r"[^a-z0-9]+")
_LIGATURES = {0x153: "oe", 0x152: "oe", 0xE6: "ae", 0xC6: "ae"}
"""Ligatures that Unicode does not decompose (oe, ae)."""


def normalise(text: str | None) -> str:
    """Lower case, no accents (``é`` → ``e``, ``œ`` → ``oe``), punctuation as spaces,
    single spaces."""
    decomposed = unicodedata.normalize("NFKD", (text or "").translate(_LIGATURES))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    return " ".join(_NOT_WORD.sub(" ", plain).split())


def trigrams(text: str | None) -> set[str]:
    """The trigrams of ``normalise(text)``, each word padded with two spaces in front and
    one behind (``"lens"`` → ``"  l", " le", "len", "ens", "ns "``), as pg_trgm."""
    grams: set[str] = set()
    for word in normalise(text).split():
        padded = f"  {word} "
        grams.update(padded[i : i + 3] for i in range(len(padded) - 2))
    return grams


def similarity(query: str, label: str) -> float:
    """How well ``label`` answers ``query``, from 0 to 1: the share of the query's
    trigrams found in the label, and how closely the label's beginning reads like the
    query (a typo costs little, a missing house number more)."""
    q, lab = normalise(query), normalise(label)
    if not q or not lab:
        return 0.0
    grams = trigrams(q)
    shared = len(grams & trigrams(lab)) / len(grams)
    start = SequenceMatcher(None, q, lab[: len(q) + 2]).ratio()
    words = set(q.split())
    whole_words = len(words & set(lab.split())) / len(words)
    return 0.5 * shared + 0.3 * start + 0.2 * whole_words


def rank(query: str, candidates: Iterable[dict[str, object]], *, limit: int = 8) -> list[dict[str, object]]:
    """The best ``limit`` candidates (dicts with a ``label``) for ``query``, best first;
    equal scores keep the order given (communes before landmarks before addresses)."""
    scored = [(similarity(query, str(c["label"])), i, c) for i, c in enumerate(candidates)]
    scored.sort(key=lambda t: (-t[0], t[1]))
    return [c for score, _, c in scored[:limit] if score > 0.25]
