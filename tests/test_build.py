"""lessonkit build: the pipeline and the command, checked on the PDFs."""

import os

import pypdf
import pytest
from click.testing import CliRunner

from lessonkit.build import DOCUMENTS, build
from lessonkit.cli import main
from lessonkit.render.options import BuildOptions
from render_lessons import BAD, EN, JA, write

MINE = {"cards.pdf": DOCUMENTS["cards.pdf"], "board.pdf": DOCUMENTS["board.pdf"]}
MM = 72 / 25.4


@pytest.fixture
def lessons(tmp_path):
    src = tmp_path / "lessons"
    src.mkdir()
    write(src, "ja.yaml", JA)
    write(src, "en.yaml", EN)
    return src


def run(*args):
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def test_table_names_the_documents():
    assert list(DOCUMENTS) == ["teacher-guide.pdf", "answer-key.pdf", "worksheet.pdf", "cards.pdf", "board.pdf", "blackboard.pdf"]


def test_build_writes_each_lesson_folder(lessons, tmp_path):
    out = tmp_path / "out"
    report = build([lessons], out, BuildOptions(groups=2), documents=MINE)
    assert report.ok and len(report.built) == 2
    for lesson_id in ("maze-ja", "maze-en"):
        folder = out / lesson_id
        assert sorted(os.listdir(folder)) == ["board.pdf", "cards.pdf"]
        item = next(r for r in report.lessons if r.lesson_id == lesson_id)
        for name, n in item.pages.items():
            assert n == len(pypdf.PdfReader(folder / name).pages)


def test_sources_are_never_written(lessons, tmp_path):
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in lessons.iterdir()}
    build([lessons], tmp_path / "out", BuildOptions(), documents=MINE)
    assert {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in lessons.iterdir()} == before


def test_every_font_embedded_none_standard(lessons, tmp_path):
    build([lessons], tmp_path / "out", BuildOptions(groups=1), documents=MINE)
    for path in (tmp_path / "out").rglob("*.pdf"):
        for page in pypdf.PdfReader(path).pages:
            fonts = page["/Resources"].get("/Font", {})
            for font in fonts.values():
                font = font.get_object()
                assert any(face in font["/BaseFont"] for face in ("BIZUDGothic", "LiberationSans")), path  # bundled faces only
                assert "/FontFile2" in font["/FontDescriptor"].get_object(), path


@pytest.mark.parametrize("paper,mm", [("a4", (210, 297)), ("b4", (257, 364)), ("a3", (297, 420)), ("letter", (216, 279))])
def test_paper_sizes(lessons, tmp_path, paper, mm):
    code, _ = run("build", str(lessons / "en.yaml"), "-o", str(tmp_path / "out"), "--paper", paper)
    assert code == 0
    for path in (tmp_path / "out").rglob("*.pdf"):
        for page in pypdf.PdfReader(path).pages:
            size = tuple(sorted((round(float(page.mediabox.width) / MM), round(float(page.mediabox.height) / MM))))
            assert size == mm, path


def test_two_builds_are_byte_identical(lessons, tmp_path):
    for name in ("a", "b"):
        assert run("build", str(lessons), "-o", str(tmp_path / name))[0] == 0
    files = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*.pdf"))
    assert len(files) >= 4
    for rel in files:
        assert (tmp_path / "a" / rel).read_bytes() == (tmp_path / "b" / rel).read_bytes(), rel


def test_source_date_epoch_is_honoured(lessons, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14T22:13:20Z
    build([lessons / "en.yaml"], tmp_path / "out", BuildOptions(), documents=MINE)
    meta = pypdf.PdfReader(tmp_path / "out" / "maze-en" / "cards.pdf").metadata
    assert meta["/CreationDate"].startswith("D:20231114")


def test_groups_and_class_size(lessons, tmp_path):
    def cards_text(*opts):
        out = tmp_path / "o".join(opts)
        code, output = run("build", str(lessons / "en.yaml"), "-o", str(out), *opts)
        assert code == 0, output
        reader = pypdf.PdfReader(out / "maze-en" / "cards.pdf")
        return "\n".join(p.extract_text() for p in reader.pages)

    text = cards_text("--groups", "3")
    assert "3 groups" in text and text.count("Forward") == 3 * 4
    text = cards_text("--class-size", "30", "--group-size", "4")  # 8 groups
    assert "8 groups" in text and text.count("Forward") == 8 * 4


@pytest.mark.parametrize("args,needle", [
    (["--groups", "3", "--class-size", "30", "--group-size", "4"], "not both"),
    (["--class-size", "30"], "go together"),
    (["--paper", "a5"], "a5"),
    (["--board-size", "a9"], "a9"),
])
def test_bad_usage_exits_2(lessons, tmp_path, args, needle):
    code, output = run("build", str(lessons), "-o", str(tmp_path / "out"), *args)
    assert code == 2 and needle in output


def test_board_size_is_case_insensitive(lessons, tmp_path):
    code, output = run("build", str(lessons / "en.yaml"), "-o", str(tmp_path / "out"), "--board-size", "A3")
    assert code == 0, output
    assert len(pypdf.PdfReader(tmp_path / "out" / "maze-en" / "board.pdf").pages) == 4


def test_a_failing_lesson_does_not_stop_the_others(lessons, tmp_path):
    write(lessons, "bad.yaml", BAD)
    code, output = run("build", str(lessons), "-o", str(tmp_path / "out"))
    assert code == 1
    assert (tmp_path / "out" / "maze-ja" / "cards.pdf").is_file()
    assert (tmp_path / "out" / "maze-en" / "board.pdf").is_file()
    assert not (tmp_path / "out" / "broken").exists()
    assert "bad.yaml:17:15: error: solution needs 3 'forward' cards; a group's kit holds 1" in output
    assert "not built" in output and "1 failed" in output


def test_summary_lists_folders_and_pages(lessons, tmp_path):
    code, output = run("build", str(lessons / "en.yaml"), "-o", str(tmp_path / "out"), "--groups", "1")
    assert code == 0
    assert f"{tmp_path / 'out' / 'maze-en'}/: " in output and "cards.pdf 1" in output and "board.pdf 1" in output


def test_renderer_failing_midway_leaves_nothing_partial(lessons, tmp_path):
    out = tmp_path / "out"
    build([lessons / "en.yaml"], out, BuildOptions(), documents=MINE)
    old = {p.name: p.read_bytes() for p in (out / "maze-en").iterdir()}

    def explode(checked, options):
        raise RuntimeError("disk on fire")

    report = build([lessons / "en.yaml"], out, BuildOptions(groups=2), documents=dict(MINE, **{"board.pdf": explode}))
    assert not report.ok and "disk on fire" in report.lessons[0].error
    # Cards rendered first but were not written: the kit is still the old, whole one.
    assert {p.name: p.read_bytes() for p in (out / "maze-en").iterdir()} == old


def test_interrupted_write_leaves_no_truncated_file(lessons, tmp_path, monkeypatch):
    out = tmp_path / "out"
    real_replace = os.replace

    def interrupted(src, dst):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        build([lessons / "en.yaml"], out, BuildOptions(), documents=MINE)
    monkeypatch.setattr(os, "replace", real_replace)
    assert [p for p in out.rglob("*")] == []  # no kit half made, no temporary left


def test_no_progress_bar_when_stderr_is_not_a_terminal(lessons, tmp_path):
    result = CliRunner(mix_stderr=False).invoke(main, ["build", str(lessons), "-o", str(tmp_path / "out")]) if "mix_stderr" in CliRunner.__init__.__code__.co_varnames else CliRunner().invoke(main, ["build", str(lessons), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0
    assert "building" not in result.output


def test_progress_callback(lessons, tmp_path):
    seen = []
    build([lessons], tmp_path / "out", BuildOptions(), lambda item, done, total: seen.append((item.lesson_id, done, total)), documents=MINE)
    assert [(d, t) for _, d, t in seen] == [(1, 2), (2, 2)]


@pytest.mark.parametrize("source,lesson_id,subjects", [
    ("ja.yaml", "maze-ja", {"teacher-guide.pdf": "学習指導案「迷路の ロボット <b> & 1<2」", "worksheet.pdf": "ワークシート「迷路の ロボット <b> & 1<2」", "cards.pdf": "カード「迷路の ロボット <b> & 1<2」", "board.pdf": "ボード「迷路の ロボット <b> & 1<2」"}),
    ("en.yaml", "maze-en", {"teacher-guide.pdf": "Lesson plan: Robot maze", "worksheet.pdf": "Worksheet: Robot maze", "cards.pdf": "Cards: Robot maze", "board.pdf": "Boards: Robot maze"}),
])
def test_every_document_names_its_kind_and_lesson_in_the_lessons_language(lessons, tmp_path, source, lesson_id, subjects):
    report = build([lessons / source], tmp_path / "out", BuildOptions(groups=1))
    assert report.ok, report.lessons[0].error
    for name, subject in subjects.items():
        meta = pypdf.PdfReader(tmp_path / "out" / lesson_id / name).metadata
        assert meta.subject == subject, name
        kind = subject.split("「")[0] if "「" in subject else subject.split(":")[0]
        assert meta.title.endswith(" — " + kind), name


def test_reported_page_counts_are_the_pdfs(lessons, tmp_path):
    report = build([lessons], tmp_path / "out", BuildOptions(groups=3))
    assert report.ok
    for item in report.lessons:
        assert list(item.pages) == list(DOCUMENTS)
        for name, n in item.pages.items():
            assert n == len(pypdf.PdfReader(item.folder / name).pages), name


def test_a_family_adds_its_own_documents(lessons, tmp_path, monkeypatch):
    """The kit protocol's ``documents`` and ``preparation`` hooks: a family's
    own document is built beside the shared ones, and the guide lists it;
    a family without them changes nothing."""
    from lessonkit.build import documents_for
    from lessonkit.check import check_file
    from lessonkit.render.guide import preparation
    from lessonkit.render.page import Rendered
    from lessonkit.render.worlds import grid as grid_drawing

    checked = check_file(lessons / "en.yaml").checked
    assert documents_for(checked) == DOCUMENTS
    before = preparation(checked, BuildOptions())
    extra = lambda checked, options: Rendered(DOCUMENTS["cards.pdf"](checked, options).data, 1)
    monkeypatch.setattr(grid_drawing, "documents", lambda checked: {"extra.pdf": extra}, raising=False)
    monkeypatch.setattr(grid_drawing, "preparation", lambda checked, options: ["Extra (extra.pdf)"], raising=False)
    assert list(documents_for(checked)) == list(DOCUMENTS) + ["extra.pdf"]
    assert preparation(checked, BuildOptions()) == before + ["Extra (extra.pdf)"]
    report = build([lessons / "en.yaml"], tmp_path / "out", BuildOptions(groups=1))
    assert report.ok
    assert sorted(os.listdir(tmp_path / "out" / "maze-en")) == sorted(list(DOCUMENTS) + ["extra.pdf"])
    # an explicit choice of documents is kept as given
    build([lessons / "en.yaml"], tmp_path / "mine", BuildOptions(groups=1), documents=MINE)
    assert sorted(os.listdir(tmp_path / "mine" / "maze-en")) == ["board.pdf", "cards.pdf"]
