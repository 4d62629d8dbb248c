"""The domain rules: codes and labels, validation with French messages by field."""

from datetime import UTC

import pytest
import shapely

from cartoparti._errors import ValidationError
from cartoparti.model import AGE_BANDS, CSP, KINDS, Draft, normalise_code, validate_draft
from cartoparti.settings import DEFAULT_THEMES

POINT = shapely.Point(2.79, 50.46)


def test_codes_and_french_labels_are_both_accepted():
    assert normalise_code("besoin", KINDS) == "need"
    assert normalise_code("Signal faible", KINDS) == "weak_signal"
    assert normalise_code("weak_signal", KINDS) == "weak_signal"
    assert normalise_code("DYSFONCTIONNEMENT", KINDS) == "report"
    assert normalise_code("souvenir ", KINDS) == "memory"
    assert normalise_code("porte-à-porte", {"door_to_door": "porte-à-porte"}) == "door_to_door"
    assert normalise_code("unknown", KINDS) is None
    assert normalise_code("", KINDS) is None


def test_insee_bands_and_categories():
    assert list(AGE_BANDS) == ["0-14", "15-29", "30-44", "45-59", "60-74", "75+"]
    assert list(CSP) == [f"CS{i}" for i in range(1, 9)]


def test_valid_draft_is_normalised():
    d = validate_draft(
        Draft(kind="proposition", title="  Un banc  ", text="x", theme="Nature", geometry=POINT, channel="atelier"),
        themes=DEFAULT_THEMES,
    )
    assert (d.kind, d.title, d.theme, d.channel) == ("proposal", "Un banc", "nature", "workshop")
    assert d.created_at is not None and d.created_at.tzinfo is not None


def test_every_error_is_reported_by_field_in_french():
    with pytest.raises(ValidationError) as exc:
        validate_draft(
            Draft(kind="xx", title="", theme="pétanque", geometry=None, age_band="12-13", csp="CS9", home_commune="abc"),
            themes=DEFAULT_THEMES,
        )
    errors = exc.value.errors
    assert set(errors) == {"kind", "title", "theme", "location", "age_band", "csp", "home_commune"}
    assert errors["title"] == "Le titre est obligatoire."
    assert "pétanque" in errors["theme"]


def test_title_length_and_invalid_polygon():
    bowtie = shapely.Polygon([(0, 0), (1, 1), (1, 0), (0, 1)])
    with pytest.raises(ValidationError) as exc:
        validate_draft(Draft(kind="need", title="x" * 121, theme="nature", geometry=bowtie), themes=DEFAULT_THEMES)
    assert set(exc.value.errors) == {"title", "location"}


def test_profile_detection():
    assert not Draft().has_profile
    assert Draft(age_band="30-44").has_profile
    assert Draft(first_time=False).has_profile


def test_day_range_covers_local_days_in_utc():
    from datetime import date, datetime

    from cartoparti.model import day_range

    # summer time in Paris: UTC+2
    assert day_range(date(2024, 7, 1), date(2024, 7, 1)) == (
        datetime(2024, 6, 30, 22, tzinfo=UTC), datetime(2024, 7, 1, 22, tzinfo=UTC))
    # winter: UTC+1, and several days
    since, until = day_range(date(2024, 1, 1), date(2024, 1, 31))
    assert (since.hour, until.day, until.month) == (23, 31, 1)
