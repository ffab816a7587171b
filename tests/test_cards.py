"""cards.pdf: the kit per group as data, and the PDF itself."""

import io
from collections import Counter

import pypdf
import pytest

from lessonkit.render.cards import END_CARD, card_grid, kit, lesson_grid, plan_cards, render_cards, role_badges
from lessonkit.render.options import BuildOptions, group_marks, latin_ok
from lessonkit.render.pdf import PAPER
from render_lessons import EN, JA, checked

MM = 72 / 25.4


@pytest.fixture
def ja(tmp_path):
    return checked(JA, tmp_path, "ja.yaml")


@pytest.fixture
def en(tmp_path):
    return checked(EN, tmp_path, "en.yaml")


def test_kit_canonicalises_merges_and_adds_end_cards(ja):
    counts = {kc.info.name: kc.count for kc in kit(ja.lesson, ja.family)}
    # まえ is forward; repeat 2 + if 1 + else 1 blocks need 4 end cards.
    assert counts == {"forward": 5, "turn_left": 2, "turn_right": 2, "repeat": 2, "if": 1, "else": 1, "path_ahead": 1, "at_goal": 1, "end": 3}
    assert list(counts)[-1] == "end"


def test_no_end_cards_without_block_cards(tmp_path):
    text = EN.replace("repeat: 1", "back: 1")
    lesson = checked(text, tmp_path)
    assert END_CARD.name not in {kc.info.name for kc in kit(lesson.lesson, lesson.family)}


def test_role_badges_known_and_custom(ja, en):
    assert [b.name for b in role_badges(ja.lesson)] == ["プログラマー", "テスター", "ロボット", "きろくがかり", "{時計|とけい}がかり"]
    assert [(b.key, b.name) for b in role_badges(en.lesson)] == [("robot", "Robot"), ("tester", "Tester")]


@pytest.mark.parametrize("groups", [1, 3, 8, 26])
def test_each_group_gets_the_whole_kit(ja, groups):
    pages = plan_cards(ja, BuildOptions(groups=groups))
    got = Counter((s.group, s.kind, s.name) for p in pages for s in p.slots)
    want = Counter()
    for letter in group_marks(groups, latin=latin_ok(ja.lesson)):
        for kc in kit(ja.lesson, ja.family):
            want[(letter, "card", kc.info.name)] += kc.count
        for badge in role_badges(ja.lesson):
            want[(letter, "role", badge.key)] += 1
    assert got == want


@pytest.mark.parametrize("paper", ["a4", "b4", "a3", "letter"])
def test_slots_inside_the_printable_area_and_never_overlap(ja, paper):
    pages = plan_cards(ja, BuildOptions(paper=paper, groups=5))
    for page in pages:
        assert (page.width, page.height) == PAPER[paper]
        px, py, pw, ph = page.printable
        assert page.margin >= 5 * MM
        for s in page.slots:
            assert px - 1e-6 <= s.x and s.x + s.w <= px + pw + 1e-6
            assert py - 1e-6 <= s.y and s.y + s.h <= py + ph + 1e-6
        for i, a in enumerate(page.slots):
            for b in page.slots[i + 1:]:
                apart = a.x + a.w <= b.x + 1e-6 or b.x + b.w <= a.x + 1e-6 or a.y + a.h <= b.y + 1e-6 or b.y + b.h <= a.y + 1e-6
                assert apart, (a, b)


@pytest.mark.parametrize("paper", ["a4", "b4", "a3", "letter"])
def test_cards_are_hand_sized(paper):
    grid = card_grid(paper)
    assert 45 * MM - 1e-6 <= grid.w <= 55 * MM + 1e-6
    assert grid.h >= grid.w


@pytest.mark.parametrize("paper", ["a4", "b4"])
def test_each_group_starts_a_fresh_page(ja, paper):
    """One group's pages are a master to copy (or one colour of paper each):
    no page holds two groups' cards, every group's pages alike; role badges
    ride on a set's last page when they fit, else follow all the sets packed."""
    pages = plan_cards(ja, BuildOptions(groups=8, paper=paper))
    grid = lesson_grid(ja, BuildOptions(groups=8, paper=paper))
    per_page = grid.cols * grid.rows
    cards, roles = 18, 5
    by_group = {}
    for page in pages:
        if page.group:
            assert {s.group for s in page.slots} == {page.group}
        else:
            assert {s.kind for s in page.slots} == {"role"}
        by_group.setdefault(page.group, []).append(page)
    marks = group_marks(8, latin=latin_ok(ja.lesson))
    assert [g for g in by_group if g] == marks
    together = cards % per_page and cards % per_page + roles <= per_page
    per_set = cards + (roles if together else 0)
    first = by_group[marks[0]]
    for group in marks:
        own = by_group[group]
        assert [len(p.slots) for p in own] == [min(per_page, per_set - k * per_page) for k in range(len(own))]
        assert [(s.x, s.y, s.kind, s.name) for p in own for s in p.slots] == [(s.x, s.y, s.kind, s.name) for p in first for s in p.slots]
    if not together:
        assert sum(len(p.slots) for p in by_group[""]) == 8 * roles
        badge_grid = card_grid(paper)  # the badges packed apart keep the paper's largest cards
        assert all(len(p.slots) == badge_grid.cols * badge_grid.rows for p in by_group[""][:-1])


def test_groups_are_numbered_before_grade_three(ja, en):
    assert ja.lesson.grades[0] <= 2 and [p.group for p in plan_cards(ja, BuildOptions(groups=3))][0] == "1"
    assert {s.group for p in plan_cards(en, BuildOptions(groups=3)) for s in p.slots} == {"A", "B", "C"}


def pdf_text(data):
    reader = pypdf.PdfReader(io.BytesIO(data))
    return reader, "\n".join(page.extract_text() for page in reader.pages)


def test_pdf_pages_paper_labels_and_letters(en):
    data = render_cards(en, BuildOptions(groups=3, paper="b4")).data
    reader, text = pdf_text(data)
    assert len(reader.pages) == len(plan_cards(en, BuildOptions(groups=3, paper="b4")))
    box = reader.pages[0].mediabox
    assert (round(float(box.width) / MM), round(float(box.height) / MM)) == (257, 364)
    for label in ("Forward", "Turn left", "Turn right", "Repeat", "End", "Robot", "Tester", "does exactly what"):
        assert label in text
    for letter in "ABC":
        assert letter in text
    assert "×" in text  # the repeat card's count box


def test_ja_labels_with_and_without_furigana(ja):
    _, text = pdf_text(render_cards(ja, BuildOptions(groups=1)).data)
    # 時計 is taught in grade 2, the lesson's grade: no reading over it.
    assert "まえに すすむ" in text and "かい" in text and "とけい" not in text and "時計がかり" in text
    everything = ja.lesson.model_copy(update={"all_readings": True})
    _, text = pdf_text(render_cards(__import__("dataclasses").replace(ja, lesson=everything), BuildOptions(groups=1)).data)
    assert "とけい" in text
    _, text = pdf_text(render_cards(ja, BuildOptions(groups=1, furigana=False)).data)
    assert "時計がかり" in text and "とけい" not in text


def test_title_prints_exactly_as_written(ja):
    _, text = pdf_text(render_cards(ja, BuildOptions(groups=1)).data)
    assert "<b> & 1<2" in text


def test_colour_changes_only_tints(ja):
    mono = render_cards(ja, BuildOptions(groups=1)).data
    color = render_cards(ja, BuildOptions(groups=1, color=True)).data
    assert mono != color
    assert len(pypdf.PdfReader(io.BytesIO(mono)).pages) == len(pypdf.PdfReader(io.BytesIO(color)).pages)


def test_reproducible(ja):
    assert render_cards(ja, BuildOptions(groups=2)).data == render_cards(ja, BuildOptions(groups=2)).data


def test_japanese_labels_use_full_width_punctuation():
    from lessonkit.worlds import base, grid

    for info in grid.Grid.cards + base.CONTROL_CARDS:
        assert "?" not in info.label_ja and "!" not in info.label_ja, info.label_ja


LESSONS = __import__("pathlib").Path(__file__).resolve().parent.parent / "lessons"


# Lessons whose kit has program cards with labels: every family's but a
# sorting network's (walked, not laid: its only cards are the groups' value
# cards, which carry no label).  Procedure cards come from the lesson itself.
LABELLED = __import__("conftest").bundled_where(lambda family: family.cards or family.name == "procedure")
assert {__import__("conftest").family_of(p) for p in LABELLED} == {"grid", "paper", "procedure", "binary", "conditionals"}


@pytest.mark.parametrize("paper", ["a4", "b4", "a3", "letter"])
@pytest.mark.parametrize("path", LABELLED, ids=lambda p: p.name)
def test_labels_sit_inside_the_frame_one_size_per_set(path, paper):
    from lessonkit.check import check_file
    from lessonkit.render.cards import INSET, LABEL_ONE_LINE_MIN, card_labels
    from lessonkit.render.icons import frame_inner_box

    lesson = check_file(path).checked
    labels = card_labels(lesson, BuildOptions(paper=paper))
    grid = lesson_grid(lesson, BuildOptions(paper=paper))  # the grid this lesson's sets print on
    fw, fh = grid.w - 2 * INSET, grid.h - 2 * INSET
    frames = {kc.info.name: kc.frame for kc in kit(lesson.lesson, lesson.family)}
    assert labels and set(labels) == set(frames)
    for name, label in labels.items():
        ix, iy, iw, ih = frame_inner_box(0, 0, fw, fh, frames[name])
        x, y, w, h = label.box
        assert ix - 1e-6 <= x and x + w <= ix + iw + 1e-6 and iy - 1e-6 <= y and y + h <= iy + ih + 1e-6, name
    # One size for the whole set, never under 11 pt; a label on two lines
    # breaks at its spaces, between words.
    assert len({label.size for label in labels.values()}) == 1
    assert next(iter(labels.values())).size >= LABEL_ONE_LINE_MIN >= 11.0
    for name, label in labels.items():
        assert all(line.dropped.strip() == "" and (line.end.value != "wrap" or line.dropped) for line in label.lines), (name, label.lines)


def test_a_condition_label_breaks_between_words_beside_its_siblings():
    from lessonkit.check import check_file
    from lessonkit.render.cards import card_labels

    lesson = check_file(LESSONS / "ja" / "g4-branching-maze.yaml").checked
    labels = card_labels(lesson, BuildOptions())
    assert " ".join(line.text for line in labels["path_left"].lines) == "ひだりに すすめる"
