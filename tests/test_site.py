"""lessonkit site: the generated catalogue, read as files.

Every lesson is present, every link and picture resolves to a file inside the
folder, nothing points outside it, lesson text is escaped, and the pages say
what the kits hold.  The bundled library's catalogue is built once
(``bundled_site`` in conftest); the smaller cases build one small lesson.
"""

from __future__ import annotations

import json
import re
import struct
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

import pytest
import yaml

from lessonkit.build import DOCUMENTS, build
from lessonkit.check import check_file
from lessonkit.render.guide import preparation
from lessonkit.render.options import BuildOptions
from lessonkit.spec.ruby import plain_text
from tests.conftest import LESSON, LESSONS_DIR, edit

TEXT_SUFFIXES = {".html", ".css", ".js", ".yaml", ".txt"}
# The font's licence must travel with the font; its text names the licence's
# web address.  It is not a page the catalogue links to or loads.
LICENCE = "assets/fonts/OFL.txt"


def kit_documents(path) -> list[str]:
    """The documents build writes for a bundled lesson (its family's own too)."""
    from lessonkit.build import documents_for
    from lessonkit.check import check_file

    return list(documents_for(check_file(path).checked))


def bundled_lessons() -> list[dict]:
    """The bundled lessons as their YAML says (read here, not by lessonkit)."""
    out = []
    for path in sorted(LESSONS_DIR.rglob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        grade = data["grade"]
        if isinstance(grade, int):
            grades = [grade]
        elif isinstance(grade, str):
            lo, hi = map(int, grade.split("-"))
            grades = list(range(lo, hi + 1))
        else:
            grades = sorted(grade)
        out.append({"id": data["id"], "grades": grades, "concepts": data["concepts"], "language": data["language"],
                    "title": plain_text(data["title"]), "puzzles": len(data["puzzles"]), "path": path})
    return out


class Links(HTMLParser):
    """Every href/src, the lang of <html>, and elements by tag."""

    def __init__(self):
        super().__init__()
        self.links: list[tuple[str, str, str]] = []  # (tag, attribute, value)
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append((tag, a))
        for key in ("href", "src"):
            if a.get(key) is not None:
                self.links.append((tag, key, a[key]))


def parse(path: Path) -> Links:
    p = Links()
    p.feed(path.read_text(encoding="utf-8"))
    return p


def resolve(page: Path, link: str, root: Path) -> Path:
    """The file a relative link names; fails for anything that is not relative
    or that leaves ``root``."""
    assert not re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", link), f"{page}: link with a scheme: {link}"
    assert not link.startswith("/"), f"{page}: absolute link: {link}"
    target = (page.parent / unquote(link.split("#", 1)[0].split("?", 1)[0])).resolve()
    assert target.is_relative_to(root.resolve()), f"{page}: {link} leaves the folder"
    return target


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", path
    return struct.unpack(">II", data[16:24])


# -- the bundled library ---------------------------------------------------------


def test_every_lesson_has_a_card_a_page_and_its_kit(bundled_site):
    site, result = bundled_site
    lessons = bundled_lessons()
    index = parse(site / "index.html")
    cards = {a["data-id"] for tag, a in index.tags if tag == "li" and "card" in a.get("class", "")}
    assert cards == {x["id"] for x in lessons}
    hrefs = {v for _, k, v in index.links if k == "href"}
    for x in lessons:
        assert f"lessons/{x['id']}.html" in hrefs
        page = site / "lessons" / f"{x['id']}.html"
        text = page.read_text(encoding="utf-8")
        assert x["title"].replace("&", "&amp;") in text
        for name in kit_documents(x["path"]):  # the shared ones and the family's own (a network's floor.pdf)
            assert (site / "kits" / x["id"] / name).stat().st_size > 0
            assert f"../kits/{x['id']}/{name}" in text
    assert f"catalogue of {len(lessons)} lessons" in result.output


def test_without_javascript_every_card_shows(bundled_site):
    """The full list is plain HTML; only the finder (useless without the
    script) starts hidden."""
    site, _ = bundled_site
    index = parse(site / "index.html")
    for tag, a in index.tags:
        if tag == "li" and "card" in a.get("class", ""):
            assert "hidden" not in a
    hidden = [(tag, a) for tag, a in index.tags if "hidden" in a]
    assert [a.get("id") or a.get("class") for _, a in hidden] == ["finder", "none"]


def test_every_link_and_picture_resolves_inside_the_folder(bundled_site):
    site, _ = bundled_site
    pages = sorted(site.rglob("*.html"))
    assert len(pages) == 2 + len(bundled_lessons())
    checked = 0
    for page in pages:
        parsed = parse(page)
        ids = {a["id"] for _, a in parsed.tags if "id" in a}
        for tag, key, link in parsed.links:
            if link.startswith("#"):
                assert link[1:] in ids, f"{page.relative_to(site)}: {link} names no element"
                continue
            target = resolve(page, link, site)
            assert target.is_file(), f"{page.relative_to(site)}: {link} does not exist"
            if tag == "img":
                assert target.suffix == ".png"
            checked += 1
    css = site / "assets" / "site.css"
    for link in re.findall(r"url\(\s*['\"]?([^'\")]+)", css.read_text(encoding="utf-8")):
        assert resolve(css, link, site).is_file(), link
        checked += 1
    assert checked > 100


def test_no_absolute_or_remote_url_anywhere(bundled_site):
    site, _ = bundled_site
    scheme = re.compile(r"\b[a-z][a-z0-9+.-]*://|(?:href|src)\s*=\s*[\"']?\s*[a-z][a-z0-9+.-]*:", re.I)
    rooted = re.compile(r"""(?:href|src|action)\s*=\s*["']?\s*/|url\(\s*["']?\s*/|@import""", re.I)
    seen = 0
    for path in sorted(site.rglob("*")):
        if not path.is_file():
            continue
        rel = path.relative_to(site).as_posix()
        if path.suffix in TEXT_SUFFIXES and rel != LICENCE:
            text = path.read_text(encoding="utf-8")
            assert not scheme.search(text), f"{rel}: {scheme.search(text).group()}"
            assert not rooted.search(text), f"{rel}: {rooted.search(text).group()}"
            seen += 1
        elif path.suffix == ".pdf":
            assert b"/URI" not in path.read_bytes(), rel  # no web links in the kits
    assert seen >= 2 + len(bundled_lessons()) * 2


def test_pictures_have_alt_text_and_their_real_size(bundled_site):
    site, _ = bundled_site
    for page in sorted(site.rglob("*.html")):
        for tag, a in parse(page).tags:
            if tag != "img":
                continue
            assert a.get("alt"), f"{page.name}: a picture without alt text: {a['src']}"
            w, h = png_size(resolve(page, a["src"], site))
            assert (int(a["width"]), int(a["height"])) == (w, h)


def test_lesson_page_shows_every_document_and_board(bundled_site):
    site, _ = bundled_site
    for x in bundled_lessons():
        page = site / "lessons" / f"{x['id']}.html"
        p = parse(page)
        imgs = [a["src"] for tag, a in p.tags if tag == "img"]
        for name in kit_documents(x["path"]):
            stem = name.removesuffix(".pdf")
            assert any(f"/{x['id']}/{stem}-" in src for src in imgs), (x["id"], name)
        boards = [a for tag, a in p.tags if tag == "ul" and "boards" in a.get("class", "")]
        assert boards
        board_links = [v for _, k, v in p.links if k == "href" and "#page=" in v]
        # each board's picture and its page link
        assert len(board_links) == 2 * x["puzzles"]
        text = page.read_text(encoding="utf-8")
        heads = re.findall(r"<h2[^>]*>(.*?)</h2>", text)
        expected = ["本時の目標", "授業の流れ", "準備", "印刷するPDF", "ボード"] if x["language"] == "ja" else ["Aims of the lesson", "The lesson at a glance", "Preparation", "PDFs to print", "Boards"]
        shown = [h for h in heads if 'class="sr"' not in h]
        assert all(h in shown for h in expected), shown
        assert f'<html lang="{x["language"]}">' in text
        source = (site / "sources" / f"{x['id']}.yaml").read_text(encoding="utf-8")
        assert source == x["path"].read_text(encoding="utf-8")


def test_curriculum_has_every_grade_and_concept(bundled_site):
    site, _ = bundled_site
    text = (site / "curriculum.html").read_text(encoding="utf-8")
    rows = re.findall(r"<tr[^>]*><th scope=\"row\">(\d)年</th>(.*?)</tr>", text, re.S)
    assert [int(g) for g, _ in rows] == [1, 2, 3, 4, 5, 6]
    for x in bundled_lessons():
        for grade, cells in rows:
            link = f'href="lessons/{x["id"]}.html"'
            if int(grade) in x["grades"]:
                assert cells.count(link) == len(x["concepts"]), (x["id"], grade)
            else:
                assert link not in cells
    missing = [g for g in range(1, 7) if not any(g in x["grades"] for x in bundled_lessons())]
    if missing:
        assert "レッスンがない学年：" + "、".join(f"{g}年" for g in missing) in text
    for name in ("順次", "分岐", "反復"):
        assert f'<th scope="col">{name}</th>' in text


def test_index_data_block_matches_the_cards(bundled_site):
    site, _ = bundled_site
    text = (site / "index.html").read_text(encoding="utf-8")
    raw = re.search(r'<script type="application/json" id="lesson-data">(.*?)</script>', text, re.S).group(1)
    data = {x["id"]: x for x in json.loads(raw)}
    for x in bundled_lessons():
        assert data[x["id"]]["grades"] == x["grades"]
        assert data[x["id"]]["concepts"] == x["concepts"]


# -- one small lesson ---------------------------------------------------------------


def test_lesson_text_is_escaped_everywhere(cli, write_lesson, tmp_path):
    hostile = 'Robot </script><script>alert(1)</script> & "quotes" <b>'
    path = write_lesson(edit("title: Robot maze", f"title: '{hostile}'"))
    result = cli("site", path, "-o", tmp_path / "s")
    assert result.exit_code == 0, result.output
    for page in [tmp_path / "s" / "index.html", tmp_path / "s" / "lessons" / "robot-maze-1.html"]:
        text = page.read_text(encoding="utf-8")
        assert "<script>alert" not in text and "<b>" not in text
        assert "Robot &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot; &lt;b&gt;" in text
    text = (tmp_path / "s" / "index.html").read_text(encoding="utf-8")
    block = re.search(r'id="lesson-data">(.*?)</script>', text, re.S).group(1)
    assert hostile in json.loads(block)[0]["text"]


def test_same_library_same_bytes_and_the_kits_are_builds(cli, write_lesson, tmp_path):
    path = write_lesson()
    for out in ("a", "b"):
        assert cli("site", path, "-o", tmp_path / out, "--groups", "5").exit_code == 0
    files = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(tmp_path / "b") for p in (tmp_path / "b").rglob("*") if p.is_file())
    for rel in files:
        assert (tmp_path / "a" / rel).read_bytes() == (tmp_path / "b" / rel).read_bytes(), rel
    build([path], tmp_path / "kits", BuildOptions(groups=5))
    for name in DOCUMENTS:
        assert (tmp_path / "a" / "kits" / "robot-maze-1" / name).read_bytes() == (tmp_path / "kits" / "robot-maze-1" / name).read_bytes()


def test_preparation_is_the_guides_for_these_options(cli, write_lesson, tmp_path):
    path = write_lesson()
    assert cli("site", path, "-o", tmp_path, "--groups", "6", "--paper", "b4").exit_code == 0
    text = (tmp_path / "lessons" / "robot-maze-1.html").read_text(encoding="utf-8")
    assert "To print and cut (6 groups)" in text
    checked = check_file(path).checked
    for line in preparation(checked, BuildOptions(groups=6, paper="b4")):
        assert f"<li>{plain_text(line)}</li>".replace("&", "&amp;") in text


def test_ui_language(cli, tmp_path):
    """Japanese words by default, English with --ui en; an English lesson's
    page is English either way, a Japanese lesson's text keeps lang="ja"."""
    ja_lesson = LESSONS_DIR / "ja" / "g1-robot-sequence.yaml"
    assert cli("site", ja_lesson, "-o", tmp_path / "en", "--ui", "en").exit_code == 0
    index = (tmp_path / "en" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in index and "Lesson kit catalogue" in index and "Find a lesson" in index
    assert '<h3 lang="ja">' in index
    page = (tmp_path / "en" / "lessons" / "g1-robot-sequence.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in page and "Aims of the lesson" in page and '<h1 lang="ja">' in page


def test_failed_lesson_is_reported_and_the_rest_is_built(cli, write_lesson, tmp_path):
    good = write_lesson(name="lib/lesson.yaml")
    write_lesson(edit("id: robot-maze-1", "id: robot-maze-2").replace("grade: 3", "grade: 9"), name="lib/bad.yaml")
    result = cli("site", good.parent, "-o", tmp_path / "s")
    assert result.exit_code == 1
    assert "bad.yaml: not built: the lesson has errors" in result.output
    assert "catalogue of 1 lesson (" in result.output and "; 1 failed" in result.output
    assert (tmp_path / "s" / "lessons" / "robot-maze-1.html").is_file()
    assert not (tmp_path / "s" / "lessons" / "robot-maze-2.html").exists()


def test_output_inside_the_lesson_folder_is_refused(cli, write_lesson, tmp_path):
    lesson = write_lesson()
    result = cli("site", lesson.parent, "-o", lesson.parent / "share")
    assert result.exit_code == 2
    assert "is inside the lesson folder" in result.output
    assert not (lesson.parent / "share").exists()


def test_bad_usage(cli, tmp_path):
    result = cli("site", tmp_path / "nowhere", "-o", tmp_path / "s")
    assert result.exit_code == 2 and "does not exist" in result.output
    (tmp_path / "empty").mkdir()
    result = cli("site", tmp_path / "empty", "-o", tmp_path / "s")
    assert result.exit_code == 2 and "no lesson files" in result.output


def test_pages_are_well_structured_for_assistive_technology(bundled_site):
    """One h1 a page, headings never skip a level, ids unique, every form
    control labelled, every page says its language."""
    site, _ = bundled_site
    for page in sorted(site.rglob("*.html")):
        p = parse(page)
        levels = [int(tag[1]) for tag, _ in p.tags if re.fullmatch(r"h[1-6]", tag)]
        assert levels.count(1) == 1 and levels[0] == 1, page.name
        assert all(b <= a + 1 for a, b in zip(levels, levels[1:])), (page.name, levels)
        ids = [a["id"] for _, a in p.tags if "id" in a]
        assert len(ids) == len(set(ids)), page.name
        labelled = {a["for"] for tag, a in p.tags if tag == "label"}
        for tag, a in p.tags:
            if tag in ("select", "input"):
                assert a.get("id") in labelled, (page.name, a)
        assert next(a for tag, a in p.tags if tag == "html").get("lang") in ("ja", "en")
