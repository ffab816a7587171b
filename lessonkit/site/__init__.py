"""A static catalogue of a lesson library that runs from a folder: no server,
no internet, nothing to install.

``build_site`` builds every kit once (exactly as ``build`` does, into
DIR/kits/), draws previews from those very PDFs, and writes::

    DIR/index.html            every lesson as a card; filters and search
    DIR/curriculum.html       lessons by grade 1-6 and concept
    DIR/lessons/<id>.html     aims, flow, preparation, previews, PDFs, source
    DIR/kits/<id>/*.pdf       the kits (build's own output)
    DIR/previews/<id>/*.png   first pages, boards, the card's thumbnail
    DIR/sources/<id>.yaml     the lesson's source, for authors
    DIR/assets/               the style sheet and the filter script

Every link is relative and every asset is in DIR, so the folder can be
copied to a school server or a USB stick as it is and opened by double
click (``file://``): the filter script reads its data from the page itself.
Documents are found from build's own list and boards from the board
document's plan, so a new document or family appears without a change here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from lessonkit.build import BuildReport, LessonReport
from lessonkit.render.options import BuildOptions

PREVIEW_DPI = 60  # first pages and boards: legible enough, small files
THUMB_HEIGHT = 240  # the index card's picture, in pixels


@dataclass(frozen=True)
class Picture:
    path: str  # relative to DIR, '/'-separated
    width: int
    height: int


@dataclass(frozen=True)
class Document:
    name: str  # the file name build gives it (teacher-guide.pdf)
    label: str  # what a teacher calls it, in the page's language
    pages: int
    pdf: str
    preview: Picture


@dataclass(frozen=True)
class Board:
    number: int
    title: str
    extension: bool
    document: str
    pages: tuple[int, ...]  # 1-based pages of the board document
    pdf: str
    preview: Picture


@dataclass(frozen=True)
class Phase:
    phase: str
    minutes: int
    activity: str


@dataclass(frozen=True)
class Entry:
    """One lesson as the site shows it (plain text: no furigana markup)."""

    id: str
    lang: str  # the lesson's language
    ui: str  # the language of its page's own words
    title: str
    unit: str
    grades: tuple[int, ...]
    minutes: int
    concepts: tuple[str, ...]
    mext: str | None
    family: str
    objectives: tuple[str, ...]
    flow: tuple[Phase, ...]
    preparation: tuple[str, ...]
    materials: tuple[str, ...]
    groups: int
    documents: tuple[Document, ...]
    boards: tuple[Board, ...]
    thumb: Picture | None
    source: str  # relative path of the copied YAML
    source_text: str
    search: str  # every word a teacher may search for


@dataclass
class SiteReport:
    build: BuildReport
    entries: list[Entry] = field(default_factory=list)
    pictures: int = 0
    files: list[str] = field(default_factory=list)  # every file written, relative to DIR


def build_site(
    paths: Iterable[str | Path],
    outdir: str | Path,
    options: BuildOptions,
    *,
    ui: str = "ja",
    dpi: int = PREVIEW_DPI,
    progress: Callable[[LessonReport, int, int], None] | None = None,
) -> SiteReport:
    """Build the kits of ``paths`` into OUTDIR/kits and the catalogue beside them."""
    from lessonkit.build import build
    from lessonkit.site import pages

    out = Path(outdir)
    report = SiteReport(build(paths, out / "kits", options, progress))
    for item in report.build.built:
        report.entries.append(_entry(item, options, ui, dpi, out, report))
    report.entries.sort(key=lambda e: (e.grades[0], e.grades[-1], e.id))
    for rel, data in pages.site_files(report.entries, ui, options):
        _write(out, rel, data, report)
    return report


def _write(out: Path, rel: str, data: bytes, report: SiteReport) -> None:
    from lessonkit.fileio import write_bytes_atomic

    write_bytes_atomic(out.joinpath(*rel.split("/")), data)
    report.files.append(rel)


def _entry(item: LessonReport, options: BuildOptions, ui: str, dpi: int, out: Path, report: SiteReport) -> Entry:
    from lessonkit import preview as pv
    from lessonkit.render.guide import preparation
    from lessonkit.spec.ruby import parse_ruby, plain_text
    from lessonkit.site.words import concept_name, family_name

    checked = item.checked
    lesson = checked.lesson
    lid = lesson.id
    page_ui = "en" if ui == "en" or lesson.language == "en" else "ja"
    shots: dict[tuple[str, int, str], Picture] = {}

    def picture(name: str, data: bytes, index: int, count: int, *, height: int | None = None, file: str | None = None) -> Picture:
        key = (name, index, "thumb" if height else "page")
        if key not in shots:
            raster = pv.rasterise(data, [index], dpi=dpi, height=height)[0]
            rel = f"previews/{lid}/{file or pv.file_name(name, index + 1, count)}"
            _write(out, rel, raster.png(None if height else dpi), report)
            report.pictures += 1
            shots[key] = Picture(rel, raster.width, raster.height)
        return shots[key]

    pdfs = {name: (item.folder / name).read_bytes() for name in item.pages}
    documents = []
    for name, count in item.pages.items():
        documents.append(Document(name, _document_label(name, pdfs[name], page_ui), count, f"kits/{lid}/{name}", picture(name, pdfs[name], 0, count)))
    boards: list[Board] = []
    thumb = None
    board_doc = pv.board_document()
    if board_doc in pdfs:
        data, count = pdfs[board_doc], item.pages[board_doc]
        for n, (puzzle, wanted) in enumerate(zip(checked.puzzles, pv.board_pages(checked, options)), 1):
            if not wanted:
                continue
            shot = picture(board_doc, data, wanted[0], count)
            boards.append(Board(n, plain_text(puzzle.spec.title), puzzle.spec.extension, board_doc, tuple(p + 1 for p in wanted), f"kits/{lid}/{board_doc}", shot))
        if boards:
            thumb = picture(board_doc, data, boards[0].pages[0] - 1, count, height=THUMB_HEIGHT, file="thumb.png")
    source_text = _source_text(item.source)
    _write(out, f"sources/{lid}.yaml", source_text.encode("utf-8"), report)
    readings = "".join(r.ruby or r.base for r in parse_ruby(lesson.title))
    words = [lesson.id, plain_text(lesson.title), readings, plain_text(lesson.unit_name), *map(plain_text, lesson.objectives)]
    for puzzle in lesson.puzzles:
        words += [plain_text(puzzle.title), plain_text(puzzle.task)]
    for lang in ("ja", "en"):
        words += [concept_name(c.value, lang) for c in lesson.concepts] + [family_name(lesson.world, lang)]
    words += [c.value for c in lesson.concepts] + [lesson.world]
    return Entry(
        id=lid,
        lang=lesson.language,
        ui=page_ui,
        title=plain_text(lesson.title),
        unit=plain_text(lesson.unit_name),
        grades=lesson.grades,
        minutes=lesson.minutes,
        concepts=tuple(c.value for c in lesson.concepts),
        mext=lesson.mext,
        family=lesson.world,
        objectives=tuple(plain_text(o) for o in lesson.objectives),
        flow=tuple(Phase(p.phase.value, p.minutes, plain_text(p.activity)) for p in lesson.flow),
        preparation=tuple(plain_text(line) for line in preparation(checked, options)),
        materials=tuple(plain_text(m) for m in lesson.materials),
        groups=options.groups,
        documents=tuple(documents),
        boards=tuple(boards),
        thumb=thumb,
        source=f"sources/{lid}.yaml",
        source_text=source_text,
        search="\n".join(w for w in words if w),
    )


def _document_label(name: str, pdf: bytes, lang: str) -> str:
    """The site's word for a document; else the kind its PDF's title names
    ('<lesson> — <kind>'); else its file name."""
    from lessonkit.site.words import DOCUMENTS

    stem = name[:-4] if name.lower().endswith(".pdf") else name
    if stem in DOCUMENTS:
        return DOCUMENTS[stem][lang]
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf)
    try:
        title = doc.get_metadata_dict().get("Title", "")
    finally:
        doc.close()
    return title.rsplit(" — ", 1)[-1].strip() if " — " in title else stem


def _source_text(path: Path) -> str:
    """The lesson file as text (its encoding was accepted by the loader)."""
    raw = path.read_bytes()
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16")
    return raw.decode("utf-8-sig").replace("\r\n", "\n")
