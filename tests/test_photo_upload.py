"""Photos are checked on their content: size before decoding, decompression bombs,
formats, rotation applied, every metadata stripped; a refused photo sends nothing."""

from __future__ import annotations

import io
import struct
import tomllib
import zlib
from pathlib import Path

import pytest
import shapely
from PIL import Image, ImageCms

from cartoparti._errors import ValidationError
from cartoparti.commands.contribute import PHOTO_MAX_BYTES, PHOTO_MAX_PIXELS, clean_photo, submit
from cartoparti.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
LOOS = shapely.Point(2.79, 50.46)
SVG = (b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
       b'<script>window.__xss(1)</script><rect width="10" height="10"/></svg>')


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)


def big_png(side: int) -> bytes:
    """A valid 1-bit PNG of ``side`` × ``side`` white pixels, made row by row (a few
    dozen kilobytes on disk; gigabytes once decoded)."""
    row = b"\x00" + b"\x00" * ((side + 7) // 8)
    deflate = zlib.compressobj(9)
    body = b"".join(deflate.compress(row) for _ in range(side)) + deflate.flush()
    header = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", body) + _chunk(b"IEND", b"")


def rotated_jpeg() -> bytes:
    """A 300 × 200 JPEG, left half red and right half blue, EXIF orientation 6 (the
    camera was turned: shown rotated 90° clockwise), GPS, a comment, XMP, an ICC profile."""
    image = Image.new("RGB", (300, 200), (0, 0, 255))
    image.paste((255, 0, 0), (0, 0, 150, 200))
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation
    exif[0x8825] = {1: "N", 2: (50.0, 27.0, 36.0), 3: "E", 4: (2.0, 47.0, 24.0)}
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    xmp = b'<x:xmpmeta xmlns:x="adobe:ns:meta/">secret-xmp-42</x:xmpmeta>'
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif.tobytes(), comment=b"secret-comment-42", icc_profile=icc, xmp=xmp)
    return out.getvalue()


def test_the_test_files_are_what_they_say():
    bomb = big_png(20_000)
    assert len(bomb) < 200_000
    assert struct.unpack(">II", bomb[16:24]) == (20_000, 20_000)
    with pytest.raises(Image.DecompressionBombError):  # what Pillow alone does with it
        Image.open(io.BytesIO(bomb))
    raw = rotated_jpeg()
    with Image.open(io.BytesIO(raw)) as image:
        assert image.getexif()[0x0112] == 6 and image.info["comment"] == b"secret-comment-42"
        assert image.info.get("icc_profile") and b"secret-xmp-42" in raw


@pytest.mark.parametrize("side", [20_000, 13_000, 8_000])
def test_decompression_bombs_are_refused_in_french_before_decoding(side):
    assert side * side > PHOTO_MAX_PIXELS
    with pytest.raises(ValidationError) as exc:
        clean_photo(big_png(side))
    message = exc.value.errors["photo"]
    assert f"{side} × {side} pixels" in message and "n'a pas été envoyée" in message


def test_a_large_but_reasonable_photo_passes():
    data, mime = clean_photo(big_png(4_000))
    assert mime == "image/jpeg" and Image.open(io.BytesIO(data)).size == (1600, 1600)


def test_size_is_checked_before_decoding():
    too_big = b"\xff\xd8\xff" + b"\x00" * PHOTO_MAX_BYTES  # not even an image: refused on its size alone
    with pytest.raises(ValidationError) as exc:
        clean_photo(too_big)
    assert exc.value.errors["photo"] == "La photo dépasse 8 Mo."


def test_rotation_is_applied_and_every_metadata_stripped():
    data, mime = clean_photo(rotated_jpeg())
    assert mime == "image/jpeg"
    for secret in (b"secret-comment-42", b"secret-xmp-42", b"PhoneMaker", b"Exif", b"ICC_PROFILE"):
        assert secret not in data
    with Image.open(io.BytesIO(data)) as cleaned:
        assert cleaned.size == (200, 300)  # turned upright
        assert len(cleaned.getexif()) == 0
        assert not {"comment", "icc_profile", "xmp", "exif"} & set(cleaned.info)
        top = cleaned.getpixel((100, 30))
        bottom = cleaned.getpixel((100, 270))
    assert top[0] > 200 and top[2] < 60  # the left (red) half is now on top
    assert bottom[2] > 200 and bottom[0] < 60


def test_png_with_transparency_and_webp_are_accepted():
    rgba = Image.new("RGBA", (40, 40), (0, 0, 0, 0))
    for fmt in ("PNG", "WEBP"):
        out = io.BytesIO()
        rgba.save(out, format=fmt)
        data, _ = clean_photo(out.getvalue())
        with Image.open(io.BytesIO(data)) as cleaned:
            assert cleaned.format == "JPEG" and cleaned.getpixel((20, 20))[0] > 240  # laid on white


def _gif() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (10, 10)).save(out, format="GIF")
    return out.getvalue()


def _tiff() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (10, 10)).save(out, format="TIFF")
    return out.getvalue()


@pytest.mark.parametrize(
    "content",
    [SVG, b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF", b"<html><script>alert(1)</script></html>", _gif(),
     _tiff(), b""],
    ids=["svg", "pdf-renamed-jpg", "html", "gif", "tiff", "empty"],
)
def test_anything_but_jpeg_png_webp_is_refused_with_a_clear_message(content):
    with pytest.raises(ValidationError) as exc:
        clean_photo(content or b"\x00")
    assert exc.value.errors["photo"].startswith("Ce fichier n'est pas une image JPEG, PNG ou WebP")


def test_a_truncated_jpeg_is_refused():
    with pytest.raises(ValidationError) as exc:
        clean_photo(rotated_jpeg()[:400])
    assert "photo" in exc.value.errors


@pytest.mark.parametrize("content", [SVG, big_png(20_000)], ids=["svg", "bomb"])
def test_a_refused_photo_sends_nothing(store, content):
    with pytest.raises(ValidationError) as exc:
        submit(store, settings=Settings(), kind="memory", title="La fosse", text="Mon souvenir", theme="culture et mémoire",
               location=LOOS, photo=content)
    assert set(exc.value.errors) == {"photo"}
    assert store.contributions(published_only=False).empty


def test_streamlit_refuses_uploads_above_the_photo_limit():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["maxUploadSize"] * 2**20 == PHOTO_MAX_BYTES
