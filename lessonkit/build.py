"""Build print-ready kits: check each lesson, render its documents, write them.

A lesson with errors is not built (its diagnostics are reported) and does not
stop the others.  A lesson's documents are all rendered in memory before any
is written, and each is written atomically, so a failure never leaves a
truncated file nor a kit that mixes old and new documents.  Lesson sources
are only read.
"""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from lessonkit.diagnostics import Diagnostic
from lessonkit.discover import lesson_files
from lessonkit.render.options import BuildOptions

# Document file name -> "module:function" rendering it: (checked, options) -> bytes.
# A new document is one line here.
DOCUMENTS: dict[str, str] = {
    "teacher-guide.pdf": "lessonkit.render.guide:render_guide",
    "worksheet.pdf": "lessonkit.render.worksheet:render_worksheet",
    "cards.pdf": "lessonkit.render.cards:render_cards",
    "board.pdf": "lessonkit.render.board:render_board",
}

Renderer = Callable[..., bytes]


@dataclass
class LessonReport:
    """What happened to one lesson file."""

    source: Path
    lesson_id: str | None = None
    folder: Path | None = None
    pages: dict[str, int] = field(default_factory=dict)  # document -> page count
    skipped: list[str] = field(default_factory=list)  # documents with no renderer installed
    diagnostics: list[Diagnostic] = field(default_factory=list)
    error: str | None = None  # why it was not built, beyond the diagnostics

    @property
    def ok(self) -> bool:
        return self.error is None and not any(d.is_error for d in self.diagnostics)


@dataclass
class BuildReport:
    lessons: list[LessonReport] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(r.ok for r in self.lessons)

    @property
    def built(self) -> list[LessonReport]:
        return [r for r in self.lessons if r.ok]

    @property
    def failed(self) -> list[LessonReport]:
        return [r for r in self.lessons if not r.ok]

    @property
    def pages(self) -> int:
        return sum(sum(r.pages.values()) for r in self.lessons)


_PAGE = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")


def count_pages(pdf: bytes) -> int:
    """Pages in a PDF written by reportlab (it writes no object streams)."""
    return len(_PAGE.findall(pdf))


def load_renderers(documents: dict[str, str] | None = None) -> tuple[dict[str, Renderer], list[str]]:
    """The renderers of ``documents`` that are installed, and the names of those
    whose module does not exist (yet)."""
    found: dict[str, Renderer] = {}
    missing: list[str] = []
    for name, target in (DOCUMENTS if documents is None else documents).items():
        module_name, _, func = target.partition(":")
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name != module_name:
                raise  # the module exists but something it imports does not
            missing.append(name)
            continue
        found[name] = getattr(module, func)
    return found, missing


def build(
    paths: Iterable[str | Path],
    outdir: str | Path,
    options: BuildOptions,
    progress: Callable[[LessonReport, int, int], None] | None = None,
    *,
    documents: dict[str, str] | None = None,
) -> BuildReport:
    """Build OUTDIR/<lesson id>/<document> for every lesson found in ``paths``.

    ``progress(report, done, total)`` is called after each lesson.  Raises
    LessonPathError (a ValueError) for a path that does not exist.
    """
    from lessonkit.check import check_file
    from lessonkit.render.pdf import write_atomic

    files = lesson_files([str(p) for p in paths])
    renderers, missing = load_renderers(documents)
    out = Path(outdir)
    report = BuildReport()
    seen: dict[str, Path] = {}
    for done, path in enumerate(files, 1):
        item = LessonReport(path)
        report.lessons.append(item)
        result = check_file(path)
        item.diagnostics = list(result.diagnostics)
        checked = result.checked
        if checked is not None:
            item.lesson_id = checked.lesson.id
        if not result.ok:
            item.error = item.error or "the lesson has errors"
        elif checked.lesson.id in seen:
            item.error = f"lesson id '{checked.lesson.id}' is already built from {seen[checked.lesson.id]}"
        else:
            seen[checked.lesson.id] = path
            item.folder = out / checked.lesson.id
            item.skipped = list(missing)
            _build_one(checked, options, renderers, item, write_atomic)
        if progress is not None:
            progress(item, done, len(files))
    return report


def _build_one(checked, options: BuildOptions, renderers: dict[str, Renderer], item: LessonReport, write_atomic) -> None:
    rendered: dict[str, bytes] = {}
    for name, render in renderers.items():
        try:
            rendered[name] = render(checked, options)
        except Exception as exc:  # a renderer bug: report it, build the other lessons
            item.error = f"could not render {name}: {type(exc).__name__}: {exc}"
            return
    try:
        item.folder.mkdir(parents=True, exist_ok=True)
        for name, data in rendered.items():
            write_atomic(item.folder / name, data)
            item.pages[name] = count_pages(data)
    except OSError as exc:
        item.error = f"could not write {item.folder}: {exc.strerror or exc}"
