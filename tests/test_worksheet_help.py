"""The nested program area's help names a block card the puzzle's answers lay."""

from lessonkit.check import check_file
from lessonkit.render.worksheet import _block_label, nested_area

from tests.conftest import LESSONS_DIR


def _labels(path):
    checked = check_file(LESSONS_DIR / path).checked
    return [_block_label(checked, p) for p in checked.puzzles if nested_area(checked, p)]


def test_function_lesson_names_its_function_card_not_repeat():
    labels = _labels("ja/g5-yakusoku.yaml")
    assert labels and all(label == "やくそく" for label in labels)


def test_repeat_lesson_names_repeat():
    assert set(_labels("ja/g3-repeat.yaml")) == {"くりかえす"}
