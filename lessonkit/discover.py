"""Finding lesson files: the one rule every command shares."""

from __future__ import annotations

from pathlib import Path

LESSON_SUFFIXES = (".yaml", ".yml")


class LessonPathError(ValueError):
    """A path given on the command line that does not exist."""

    def __init__(self, given: str):
        super().__init__(f"'{given}' does not exist")
        self.given = given


def lesson_files(paths) -> list[Path]:
    """Files named directly, plus every *.yaml / *.yml under named folders (sorted).

    Raises LessonPathError for a path that does not exist.
    """
    files: list[Path] = []
    for given in paths:
        p = Path(given)
        if p.is_dir():
            files.extend(sorted(f for f in p.rglob("*") if f.suffix in LESSON_SUFFIXES and f.is_file()))
        elif p.exists():
            files.append(p)
        else:
            raise LessonPathError(str(given))
    return files
