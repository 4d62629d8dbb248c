"""A resident's contribution through the library: location, photo, messages."""

import io

import pytest
import shapely
from PIL import Image

from cartoparti._errors import ValidationError
from cartoparti.commands.contribute import (
    clean_photo,
    geometry_from_geojson,
    place_without_map,
    submit,
)
from cartoparti.settings import Settings

LOOS = shapely.Point(2.79, 50.46)


def _jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (3000, 2000), (200, 120, 40))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    gps = {1: "N", 2: (50.0, 27.0, 36.0), 3: "E", 4: (2.0, 47.0, 24.0)}
    exif[0x8825] = gps  # GPSInfo
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif.tobytes())
    return out.getvalue()


def test_photo_is_reencoded_without_metadata_and_resized():
    raw = _jpeg_with_gps()
    assert Image.open(io.BytesIO(raw)).getexif().get(0x8825)
    data, mime = clean_photo(raw)
    assert mime == "image/jpeg"
    cleaned = Image.open(io.BytesIO(data))
    assert max(cleaned.size) == 1600
    assert len(cleaned.getexif()) == 0


def test_not_an_image_is_refused_in_french():
    with pytest.raises(ValidationError) as exc:
        clean_photo(b"%PDF-1.4 not an image")
    assert exc.value.errors["photo"].startswith("Ce fichier n'est pas une image")


def test_submit_stores_the_photo_and_returns_a_receipt(store):
    receipt = submit(store, settings=Settings(), kind="souvenir", title="La fosse", text="", theme="culture et mémoire",
                     location=LOOS, photo=_jpeg_with_gps())
    assert (receipt.zone_code, receipt.zone_name) == ("62528", "Loos-en-Gohelle")
    mime, data = store.photo(receipt.id)
    assert mime == "image/jpeg" and len(Image.open(io.BytesIO(data)).getexif()) == 0


def test_outside_the_territory_and_every_field_at_once(store):
    with pytest.raises(ValidationError) as exc:
        submit(store, settings=Settings(), kind=None, title="", text="", theme=None, location=shapely.Point(2.35, 48.85), photo=b"xx")
    errors = exc.value.errors
    assert errors["location"].startswith("Ce lieu est en dehors du territoire")
    assert {"kind", "title", "theme", "photo"} <= set(errors)
    assert store.count_contributions() == 0


def test_drawn_shapes_and_places_without_map(store):
    line = geometry_from_geojson({"type": "Feature", "geometry": {"type": "LineString",
                                  "coordinates": [[2.78, 50.455], [2.80, 50.465]]}})
    assert line.geom_type == "LineString"
    assert geometry_from_geojson({"geometry": {"type": "Nope"}}) is None
    assert geometry_from_geojson(None) is None
    point = place_without_map(store, "62528", None)
    assert store.zones().set_index("code").loc["62528"].geometry.contains(point)
    landmark = store.landmarks("62528").iloc[0]
    assert place_without_map(store, "62528", landmark.id).within(landmark.geometry.buffer(1e-9))
    assert place_without_map(store, None, None) is None
