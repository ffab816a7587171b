"""Finding lesson files: the one rule every command shares.

A folder is searched all the way down.  Nothing is skipped in silence: a
subfolder that cannot be read is an error that names it; a symbolic link to
a folder is followed, and one that leads back into a folder already being
searched (a loop) or to one already searched is reported and not followed
again; a link that points nowhere is reported.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

LESSON_SUFFIXES = (".yaml", ".yml")


class LessonPathError(ValueError):
    """A path given on the command line that does not exist (or cannot be read)."""

    def __init__(self, given: str, reason: str = "does not exist"):
        super().__init__(f"'{given}' {reason}")
        self.given = given


@dataclass(frozen=True)
class PathProblem:
    """Something found while searching a folder: ``path: error: message``."""

    path: str
    message: str
    is_error: bool = True

    def __str__(self) -> str:
        return f"{self.path}: {'error' if self.is_error else 'warning'}: {self.message}"


def lesson_files(paths) -> list[Path]:
    """Files named directly, plus every *.yaml / *.yml under named folders (sorted).

    Raises LessonPathError for a path that does not exist, or for the first
    problem met inside a folder (see scan, which reports them all).
    """
    files, problems = scan(paths)
    for problem in problems:
        if problem.is_error:
            raise LessonPathError(problem.path, problem.message)
    return files


def scan(paths) -> tuple[list[Path], list[PathProblem]]:
    """Lesson files under ``paths`` and every problem met finding them.

    Raises LessonPathError for a path given that does not exist.
    """
    files: list[Path] = []
    problems: list[PathProblem] = []
    for given in paths:
        p = Path(given)
        try:
            is_dir = p.is_dir()
            exists = is_dir or p.exists()
        except OSError as exc:  # a folder on the way that cannot be entered
            problems.append(PathProblem(str(given), f"cannot read: {_reason(exc)}"))
            continue
        if is_dir:
            files.extend(sorted(_walk(p, problems)))
        elif exists:
            files.append(p)
        else:
            raise LessonPathError(str(given))
    return files, problems


def _reason(exc: OSError) -> str:
    return (exc.strerror or str(exc)).lower()


def _walk(top: Path, problems: list[PathProblem]) -> list[Path]:
    found: list[Path] = []
    try:
        top_id = _identity(top)
    except OSError as exc:
        problems.append(PathProblem(str(top), f"cannot read this folder: {_reason(exc)}"))
        return found
    seen = {top_id: top}
    # (folder, the real folders above it): a link back to one of them is a loop.
    stack: list[tuple[Path, tuple]] = [(top, (top_id,))]
    while stack:
        folder, above = stack.pop()
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            problems.append(PathProblem(str(folder), f"cannot read this folder: {_reason(exc)}; its lessons were not checked"))
            continue
        subfolders = []
        for entry in entries:
            path = Path(entry.path)
            try:
                is_link = entry.is_symlink()
                is_dir = entry.is_dir()  # follows links
                is_file = not is_dir and entry.is_file()
            except OSError as exc:
                problems.append(PathProblem(str(path), f"cannot read: {_reason(exc)}"))
                continue
            if is_dir:
                try:
                    ident = _identity(path)
                except OSError as exc:
                    problems.append(PathProblem(str(path), f"cannot read this folder: {_reason(exc)}; its lessons were not checked"))
                    continue
                if ident in above:
                    problems.append(PathProblem(str(path), f"symbolic link loop: leads back to {seen.get(ident, '?')}; not followed", is_error=False))
                    continue
                if ident in seen:
                    problems.append(PathProblem(str(path), f"same folder as {seen[ident]}, already searched; not searched twice", is_error=False))
                    continue
                seen[ident] = path
                subfolders.append((path, above + (ident,)))
            elif is_file:
                if path.suffix in LESSON_SUFFIXES:
                    found.append(path)
            elif is_link:
                problems.append(PathProblem(str(path), "symbolic link to nothing (its target does not exist)", is_error=False))
        stack.extend(reversed(subfolders))
    return found


def _identity(folder: Path) -> tuple[int, int]:
    st = os.stat(folder)
    return (st.st_dev, st.st_ino)
