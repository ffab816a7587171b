"""Grades 1-2: the answer key names columns and squares as the pupils' boards
do (あ い う …, never A B C), and the where/why still comes from the run."""

from __future__ import annotations

import io
import re
from pathlib import Path

from pypdf import PdfReader

from lessonkit.check import check_file
from lessonkit.render.answer_key import render_answer_key
from lessonkit.render.options import BuildOptions
from lessonkit.render.worlds.grid import column_mark
from lessonkit.simulate import Outcome
from lessonkit.spec.ruby import plain_text
from lessonkit.worlds.grid import KANA_COLUMNS, square_name

LESSONS = Path(__file__).resolve().parent.parent / "lessons"


def _key_text(path: Path):
    checked = check_file(path).checked
    reader = PdfReader(io.BytesIO(render_answer_key(checked, BuildOptions()).data))
    return checked, "\n".join(page.extract_text() for page in reader.pages)


def test_g1_answer_key_boards_and_text_name_squares_in_kana():
    checked, text = _key_text(LESSONS / "ja" / "g1-robot-sequence.yaml")
    lines = [line.strip() for line in text.splitlines()]
    widest = max(p.world.board.width for p in checked.puzzles)
    for col in range(widest):  # every column label of the widest board, in kana
        assert KANA_COLUMNS[col] in lines
    assert not any(re.fullmatch(r"[A-Z]", line) for line in lines), "a Latin column label"
    assert not re.search(r"[A-Z][0-9]", text), "a Latin square name"
    named = 0
    for puzzle in checked.puzzles:
        for bug in puzzle.bugs:
            final = bug.trace.final
            if bug.trace.outcome is Outcome.STOPPED and (final.row, final.col) != puzzle.world.board.goal:
                name = square_name(final.row, final.col, kana=True)
                assert name[0] in KANA_COLUMNS and name == f"{column_mark(final.col, True)}{final.row + 1}"
                reason = puzzle.world.why_not_goal(final, "ja", plain_text(checked.lesson.item), kana=True)
                assert name in reason and f"なぜ：{reason}" in text.replace("\n", "")
                named += 1
    assert named  # g1 has a bug that stops short: its square is named


def test_grade_three_keeps_latin_columns():
    checked, text = _key_text(LESSONS / "ja" / "g3-repeat.yaml")
    lines = [line.strip() for line in text.splitlines()]
    assert "A" in lines and "あ" not in lines
