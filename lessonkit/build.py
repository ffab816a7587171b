"""Build print-ready kits: check each lesson, render its documents, write them.

A lesson with errors is not built (its diagnostics are reported) and does not
stop the others.  A lesson's documents are all rendered in memory, then
written into a temporary folder beside its kit and swapped in whole
(fileio.replace_folder): whatever fails or is killed at whatever moment, the
kit is the old one or the new one, never a mix, and a lesson is counted as
built (its pages in the summary) only once its kit is in place.  Temporaries
a killed build left in the output folder are removed by the next build.
Lesson sources are only read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from lessonkit.diagnostics import Diagnostic
from lessonkit.discover import lesson_files
from lessonkit.render.answer_key import render_answer_key
from lessonkit.render.blackboard import render_blackboard
from lessonkit.render.board import render_board
from lessonkit.render.cards import render_cards
from lessonkit.render.guide import render_guide
from lessonkit.render.options import BuildOptions
from lessonkit.render.page import LayoutError, Rendered
from lessonkit.render.worksheet import render_worksheet

Renderer = Callable[..., Rendered]  # (checked, options) -> Rendered

# Document file name -> its renderer.  A new document is one line here.
DOCUMENTS: dict[str, Renderer] = {
    "teacher-guide.pdf": render_guide,
    "answer-key.pdf": render_answer_key,
    "worksheet.pdf": render_worksheet,
    "cards.pdf": render_cards,
    "board.pdf": render_board,
    "blackboard.pdf": render_blackboard,
}


def documents_for(checked) -> dict[str, Renderer]:
    """The documents of ``checked``'s kit: the shared ones, then its
    family's own (lessonkit.render.worlds.family_documents)."""
    from lessonkit.render.worlds import family_documents

    extra = family_documents(checked)
    clash = set(extra) & set(DOCUMENTS)
    assert not clash, f"a family document may not replace a shared one: {sorted(clash)}"
    return {**DOCUMENTS, **extra}


@dataclass
class LessonReport:
    """What happened to one lesson file."""

    source: Path
    lesson_id: str | None = None
    folder: Path | None = None
    pages: dict[str, int] = field(default_factory=dict)  # document -> page count
    diagnostics: list[Diagnostic] = field(default_factory=list)
    error: str | None = None  # why it was not built, beyond the diagnostics
    checked: object | None = None  # the CheckedLesson, for callers that go on (site)

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
        """Pages written: those of the lessons built (a failed one wrote none)."""
        return sum(sum(r.pages.values()) for r in self.built)


def build(
    paths: Iterable[str | Path],
    outdir: str | Path,
    options: BuildOptions,
    progress: Callable[[LessonReport, int, int], None] | None = None,
    *,
    documents: dict[str, Renderer] | None = None,
) -> BuildReport:
    """Build OUTDIR/<lesson id>/<document> for every lesson found in ``paths``.

    ``progress(report, done, total)`` is called after each lesson;
    ``documents`` (default: each lesson's :func:`documents_for`) chooses
    what to build.  Raises
    LessonPathError (a ValueError) for a path that does not exist.
    """
    from lessonkit.check import check_file
    from lessonkit.fileio import clean_stale

    files = lesson_files([str(p) for p in paths])
    out = Path(outdir)
    clean_stale(out)  # what a killed build left: never a live build's temporaries
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
            item.checked = checked
        if not result.ok:
            item.error = item.error or "the lesson has errors"
        elif checked.lesson.id in seen:
            item.error = f"lesson id '{checked.lesson.id}' is already built from {seen[checked.lesson.id]}"
        else:
            seen[checked.lesson.id] = path
            item.folder = out / checked.lesson.id
            _build_one(checked, options, documents_for(checked) if documents is None else documents, item)
        if progress is not None:
            progress(item, done, len(files))
    return report


def _build_one(checked, options: BuildOptions, renderers: dict[str, Renderer], item: LessonReport) -> None:
    from lessonkit.fileio import replace_folder

    rendered: dict[str, Rendered] = {}
    for name, render in renderers.items():
        try:
            rendered[name] = render(checked, options)
        except LayoutError as exc:
            item.error = f"{name}: {exc}"
            return
        except Exception as exc:  # a renderer bug: report it, build the other lessons
            item.error = f"could not render {name}: {type(exc).__name__}: {exc}"
            return
    try:
        replace_folder(item.folder, {name: doc.data for name, doc in rendered.items()})
    except OSError as exc:
        where = exc.filename or item.folder
        item.error = f"could not write {where}: {exc.strerror or exc}; its old kit is unchanged"
        return
    item.pages = {name: doc.pages for name, doc in rendered.items()}
