"""Settings, read from the environment.

- ``CARTOPARTI_DB``: path of the DuckDB file (default ``data/cartoparti.duckdb``).
- ``CARTOPARTI_TERRITORY``: folder of the territory (default: the Lens-Liévin
  agglomeration in ``../shared/geodata/lens-lievin`` next to the project).
- ``CARTOPARTI_TILES_URL`` / ``CARTOPARTI_TILES_ATTRIBUTION``: basemap tiles; empty
  means no remote tiles, the map draws the territory's own layers.
- ``CARTOPARTI_THEMES``: comma-separated list of themes (default below).
- ``CARTOPARTI_SERVICES``: comma-separated list of the town's services (default below).
- ``CARTOPARTI_MODERATION``: ``a_priori`` (published after an agent's review) or
  ``a_posteriori`` (published at once; default).
"""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT: Path = Path(__file__).resolve().parents[2]

DEFAULT_THEMES: tuple[str, ...] = (
    "mobilité",
    "espaces publics",
    "nature",
    "logement",
    "jeunesse",
    "commerces",
    "culture et mémoire",
    "sécurité",
    "autre",
)


def _env(name: str, default: str = "") -> str:
    return os.environ.get(name, default).strip()


def db_path() -> Path:
    """Path of the DuckDB database file."""
    return Path(_env("CARTOPARTI_DB") or PROJECT_ROOT / "data" / "cartoparti.duckdb")


def default_territory_dir() -> Path:
    """The shared Lens-Liévin folder, beside the project."""
    return (PROJECT_ROOT.parent / "shared" / "geodata" / "lens-lievin").resolve()


def territory_dir() -> Path:
    """Folder the territory is loaded from."""
    value = _env("CARTOPARTI_TERRITORY")
    return Path(value) if value else default_territory_dir()


def tiles_url() -> str | None:
    """Basemap tile URL template, or ``None`` for no remote tiles."""
    return _env("CARTOPARTI_TILES_URL") or None


def tiles_attribution() -> str:
    return _env("CARTOPARTI_TILES_ATTRIBUTION", "Fond de carte")


def themes() -> tuple[str, ...]:
    value = _env("CARTOPARTI_THEMES")
    if not value:
        return DEFAULT_THEMES
    return tuple(t.strip() for t in value.split(",") if t.strip())


def moderation() -> str:
    """``a_posteriori`` (publish at once) or ``a_priori`` (publish after review)."""
    value = _env("CARTOPARTI_MODERATION", "a_posteriori")
    return value if value in {"a_priori", "a_posteriori"} else "a_posteriori"


DEFAULT_SERVICES: tuple[str, ...] = (
    "voirie et mobilité",
    "espaces verts",
    "urbanisme et habitat",
    "politique de la ville",
    "jeunesse et sports",
    "culture et patrimoine",
    "tranquillité publique",
    "propreté",
    "démocratie participative",
)


def services() -> tuple[str, ...]:
    """Services an agent can make responsible (``CARTOPARTI_SERVICES``, comma-separated)."""
    value = _env("CARTOPARTI_SERVICES")
    if not value:
        return DEFAULT_SERVICES
    return tuple(t.strip() for t in value.split(",") if t.strip())


STATIC_URL: str = "/app/static"
"""Where Streamlit serves ./static (server.enableStaticServing)."""
