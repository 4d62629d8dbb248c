"""Errors raised by cartoparti; messages are in French, ready to show to users."""

from __future__ import annotations

from cartoparti import i18n


class CartopartiError(Exception):
    """Base class of every error the library raises on purpose."""


class ValidationError(CartopartiError, ValueError):
    """Input that breaks a rule; ``errors`` maps each field to its French message."""

    def __init__(self, errors: dict[str, str]) -> None:
        self.errors = dict(errors)
        super().__init__(" ; ".join(f"{k} : {v}" for k, v in self.errors.items()))


class OutsideTerritoryError(ValidationError):
    """A geometry that does not fall inside the territory."""

    def __init__(self, message: str | None = None) -> None:
        super().__init__({"location": message or i18n.message("location.outside")})


class SettingsError(CartopartiError):
    """A setting (environment variable) whose value is not understood: the app and the
    command line stop with this message."""


class TerritoryError(CartopartiError):
    """A territory folder that cannot be read."""


class ImportFileError(CartopartiError):
    """A file that cannot be read at all: nothing is imported."""


class DatabaseBusyError(CartopartiError):
    """The database file is held by another process."""


class NotFoundError(CartopartiError):
    """A contribution, user or code that does not exist."""


class PermissionDeniedError(CartopartiError):
    """An action the signed-in user's role does not allow."""


class ConflictError(CartopartiError):
    """A change based on a state that changed meanwhile (another agent acted first)."""
