"""Every document, read back from the PDF with the readings stripped, says what
the lesson says: furigana sit above the text, never inside it."""

from __future__ import annotations

from pathlib import Path

import pytest

from lessonkit.check import check_file
from lessonkit.render.options import BuildOptions
from lessonkit.spec.ruby import parse_ruby, plain_text

from conftest import pdf_lines

ROOT = Path(__file__).resolve().parent.parent
G4 = ROOT / "lessons" / "ja" / "g4-branching-maze.yaml"


@pytest.fixture(scope="module")
def g4():
    result = check_file(G4)
    assert result.ok
    return result.checked


def _documents():
    from lessonkit.build import DOCUMENTS

    return sorted(DOCUMENTS.items())


@pytest.mark.parametrize("name,render", _documents(), ids=[n for n, _ in _documents()])
def test_title_reads_without_its_readings(g4, name, render):
    title = plain_text(g4.lesson.title)  # 「もし」を 使って、どんな めいろでも ゴールしよう
    readings = [r.ruby for r in parse_ruby(g4.lesson.title) if r.ruby]
    assert readings, "the test needs a title with furigana"
    pages = pdf_lines(render(g4, BuildOptions(groups=2)).data)
    lines = [line for page in pages for line in page]
    assert any(title in line for line in lines), lines[:12]
    assert not any(reading == line for line in lines for reading in readings)


def test_readings_are_there_when_asked_for(g4):
    from lessonkit.render.worksheet import render_worksheet

    import dataclasses

    # 使 is a grade-3 kanji: a grade-4 sheet prints it bare, unless the lesson asks for every reading.
    plain = [line for page in pdf_lines(render_worksheet(g4, BuildOptions(groups=1)).data, ruby=True) for line in page]
    assert "つか" not in plain
    everything = dataclasses.replace(g4, lesson=g4.lesson.model_copy(update={"all_readings": True}))
    with_ruby = [line for page in pdf_lines(render_worksheet(everything, BuildOptions(groups=1)).data, ruby=True) for line in page]
    assert "つか" in with_ruby


def test_no_furigana_prints_no_readings(g4):
    from lessonkit.render.worksheet import render_worksheet

    lines = [line for page in pdf_lines(render_worksheet(g4, BuildOptions(groups=1, furigana=False)).data, ruby=True) for line in page]
    assert "つか" not in lines
    assert any(plain_text(g4.lesson.title) in line for line in lines)
