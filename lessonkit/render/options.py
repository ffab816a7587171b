"""What a teacher chooses when building a kit."""

from __future__ import annotations

from dataclasses import dataclass

PAPERS = ("a4", "b4", "a3", "letter")
# Paper sides in mm, to decide whether a board size is "larger" than the paper.
PAPER_MM = {"a4": (210, 297), "b4": (257, 364), "a3": (297, 420), "letter": (216, 279), "b3": (364, 515), "a2": (420, 594)}


@dataclass(frozen=True)
class BuildOptions:
    paper: str = "a4"
    groups: int = 8
    school: str = ""
    color: bool = False
    furigana: bool = True
    board_size: str | None = None  # None: the board fills one sheet of `paper`
    class_size: int | None = None  # pupils in the class (--class-size); None: about four a group

    def __post_init__(self) -> None:
        if self.paper not in PAPERS:
            raise ValueError(f"unknown paper '{self.paper}'; expected one of {', '.join(PAPERS)}")
        if not 1 <= self.groups <= 26:
            raise ValueError(f"groups must be 1 to 26 (group letters A-Z), found {self.groups}")
        if self.class_size is not None and not 1 <= self.class_size <= 200:
            raise ValueError(f"class size must be 1 to 200, found {self.class_size}")
        if self.board_size is not None and self.board_size not in PAPER_MM:
            raise ValueError(f"unknown board size '{self.board_size}'; expected one of {', '.join(PAPER_MM)}")


def group_letters(n: int) -> list[str]:
    return [chr(ord("A") + i) for i in range(n)]


def latin_ok(lesson) -> bool:
    """Whether pupils' pages may print Latin letters: English lessons, and
    Japanese ones from grade 3, when rōmaji is taught."""
    return lesson.language != "ja" or min(lesson.grades) >= 3


def group_marks(n: int, *, latin: bool = True) -> list[str]:
    """Each group's mark as printed on its sheets and cards: A, B, … or,
    before pupils read Latin letters, 1, 2, … (as in 1はん, 2はん)."""
    return group_letters(n) if latin else [str(i + 1) for i in range(n)]


def furigana_for(lesson, options: BuildOptions) -> bool | int:
    """Which readings pupils' pages print: False none (``--no-furigana``),
    True every one the author wrote (English, or ``all_readings: true``), or
    the youngest grade, whose learned kanji then print without their reading
    (see :func:`lessonkit.render.text.layout_text`)."""
    if not options.furigana or lesson.language != "ja":
        return False
    if lesson.all_readings:
        return True
    return min(lesson.grades)


PUPILS_PER_GROUP = 4


def pupils(options: BuildOptions) -> int:
    """How many pupils the kit is for: the class size, or four a group."""
    return options.class_size if options.class_size is not None else options.groups * PUPILS_PER_GROUP
