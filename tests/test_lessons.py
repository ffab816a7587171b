"""The bundled lesson library: every lesson is clean and editor-ready."""

from __future__ import annotations

from pathlib import Path

import pytest

from lessonkit.check import check_file

ROOT = Path(__file__).resolve().parent.parent
LESSONS = sorted((ROOT / "lessons").glob("**/*.yaml"))
SCHEMA = (ROOT / "schema" / "lesson.schema.json").resolve()
SCHEMA_COMMENT = "# yaml-language-server: $schema="


def ids(paths):
    return [str(p.relative_to(ROOT / "lessons")) for p in paths]


def test_the_library_has_lessons():
    assert len(LESSONS) >= 5, f"expected at least 5 lessons under lessons/, found {len(LESSONS)}"


@pytest.mark.parametrize("path", LESSONS, ids=ids(LESSONS))
def test_lesson_is_clean(path):
    result = check_file(path, display=str(path.relative_to(ROOT)))
    assert [str(d) for d in result.diagnostics] == []
    assert result.ok


@pytest.mark.parametrize("path", LESSONS, ids=ids(LESSONS))
def test_lesson_points_editors_at_the_schema(path):
    first = path.read_text(encoding="utf-8").split("\n", 1)[0]
    assert first.startswith(SCHEMA_COMMENT), f"first line should be '{SCHEMA_COMMENT}<path to schema/lesson.schema.json>'"
    target = (path.parent / first[len(SCHEMA_COMMENT):].strip()).resolve()
    assert target == SCHEMA


@pytest.mark.parametrize("path", LESSONS, ids=ids(LESSONS))
def test_lesson_language_matches_its_folder(path):
    folder = path.relative_to(ROOT / "lessons").parts[0]
    if folder in ("ja", "en"):
        assert check_file(path).checked.lesson.language == folder
