"""The 板書計画 (board plan) is a landscape page of its own, as a blackboard
is wide: checked on the PDF (pypdf: that page's mediabox, its text) and as
data (everything inside the landscape page's printable area)."""

from __future__ import annotations

import io
from pathlib import Path

import pypdf
import pytest

from lessonkit.check import check_file
from lessonkit.render.guide import plan_guide, render_guide
from lessonkit.render.options import BuildOptions
from lessonkit.render.pdf import PAPER
from lessonkit.spec.ruby import plain_text

from conftest import pdf_lines

ROOT = Path(__file__).resolve().parent.parent
LESSONS = {"ja": ROOT / "lessons" / "ja" / "g3-repeat.yaml", "en": ROOT / "lessons" / "en" / "robot-gardener-functions.yaml"}


@pytest.mark.parametrize("paper", ["a4", "b4", "letter"])
@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_board_plan_is_the_guides_last_page_in_landscape(lang, paper):
    checked = check_file(LESSONS[lang]).checked
    options = BuildOptions(paper=paper)
    rendered = render_guide(checked, options)
    reader = pypdf.PdfReader(io.BytesIO(rendered.data))
    from lessonkit.render.fonts import latin_text

    with latin_text(lang == "en"):  # as render_guide plans it
        planned = plan_guide(checked, options)
    assert len(reader.pages) == rendered.pages == len(planned)
    boxes = [page.mediabox for page in reader.pages]
    short, long = sorted(PAPER[paper])
    # Every page upright but the last, which lies on its side.
    assert all(round(float(b.width)) == round(short) and round(float(b.height)) == round(long) for b in boxes[:-1])
    assert round(float(boxes[-1].width)) == round(long) and round(float(boxes[-1].height)) == round(short)
    # Its text: the heading, the めあて and まとめ, an expected idea, the page number of the whole guide.
    chunks = _chunks(reader.pages[-1])
    assert any(("板書計画" if lang == "ja" else "Board plan") in c for c in chunks)
    earlier = "".join("".join(page) for page in pdf_lines(rendered.data)[:-1])
    assert ("板書計画" if lang == "ja" else "Board plan") not in earlier
    lesson = checked.lesson

    def starts(text: str) -> str:  # a paragraph's first few words, as its first line prints them
        return " ".join(plain_text(text).split())[:6]

    assert any(starts(lesson.aim) in c for c in chunks), chunks
    assert any(starts(lesson.conclusion) in c for c in chunks)
    idea = next(r for p in lesson.flow if p.phase.value != "introduction" for r in p.responses)
    assert any(starts(idea) in c for c in chunks)
    assert any(f"{len(reader.pages)} / {len(reader.pages)}" in c or f"{len(reader.pages)}/{len(reader.pages)}" in c for c in chunks)


def _chunks(page) -> list[str]:
    """Each text run the page draws (one drawString each), as pypdf reads it."""
    out: list[str] = []
    page.extract_text(visitor_text=lambda text, cm, tm, font, size: out.append(text) if text.strip() else None)
    return out


def test_the_landscape_page_holds_its_plan_inside_the_printable_area():
    checked = check_file(LESSONS["ja"]).checked
    pages = plan_guide(checked, BuildOptions())
    last = pages[-1]
    assert last.width > last.height
    frame = next(item for item in last.items if item.role == "board-plan")
    assert frame.rect.w > 1.8 * frame.rect.h  # a blackboard: wide
    assert all(last.printable.contains(item.rect) for item in last.items)
    assert not any(item.role == "board-plan" for page in pages[:-1] for item in page.items)
