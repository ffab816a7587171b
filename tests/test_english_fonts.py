"""English kits set Latin text in the bundled Liberation Sans in every document
(issue 6 §5), embedded; Japanese kits never use it."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from lessonkit.build import DOCUMENTS
from lessonkit.check import check_file
from lessonkit.render.options import BuildOptions

LESSONS = Path(__file__).resolve().parent.parent / "lessons"


def _fonts(data: bytes) -> dict[str, object]:
    reader = PdfReader(io.BytesIO(data))
    out = {}
    for page in reader.pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            out[str(font["/BaseFont"]).split("+")[-1]] = font
    return out


@pytest.fixture(scope="module")
def english():
    return check_file(LESSONS / "en" / "robot-gardener-functions.yaml").checked


@pytest.fixture(scope="module")
def japanese():
    return check_file(LESSONS / "ja" / "g3-repeat.yaml").checked


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_every_english_document_embeds_liberation_sans(english, name):
    fonts = _fonts(DOCUMENTS[name](english, BuildOptions()).data)
    assert any(f.startswith("LiberationSans") for f in fonts), (name, sorted(fonts))
    for font in fonts.values():
        descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
        assert "/FontFile2" in descendant["/FontDescriptor"].get_object()  # embedded


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_japanese_documents_never_use_liberation_sans(japanese, name):
    fonts = _fonts(DOCUMENTS[name](japanese, BuildOptions()).data)
    assert not any("Liberation" in f for f in fonts), (name, sorted(fonts))
