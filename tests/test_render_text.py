"""Text layout is checked as data: lines, fragments, widths, kinsoku."""

import io

import pypdf
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from lessonkit.render.pdf import PAPER, make_canvas
from lessonkit.render.text import (
    NO_LINE_END,
    NO_LINE_START,
    LineEnd,
    draw_lines,
    layout_text,
    line_metrics,
    measure,
)
from lessonkit.spec.ruby import Run, parse_ruby

SIZE = 10  # BIZ UDGothic: kana/kanji 10 pt wide at 10 pt, ASCII 5 pt


@pytest.fixture(autouse=True)
def half_size_ruby(monkeypatch):
    """The geometry below is worked out for ruby at exactly half the base
    size; the 6.5 pt floor (tested on its own) is lifted for it."""
    import lessonkit.render.text as text

    monkeypatch.setattr(text, "RUBY_MIN", 0.0)
    text._layout.cache_clear()
    yield
    text._layout.cache_clear()


def test_furigana_never_under_six_and_a_half_points():
    import lessonkit.render.text as text

    text.RUBY_MIN = 6.5  # undone by the fixture
    text._layout.cache_clear()
    for size in (9.0, 10.0, 11.0, 12.0, 14.0):
        (line,) = layout_text("{今日|きょう}", size, max_width=200)
        assert line.fragments[0].ruby_width == pytest.approx(3 * max(6.5, size / 2))

LESSON = (
    "{今日|きょう}は{ロボット|ろぼっと}を{動|うご}かす{手順|てじゅん}を{考|かんが}えます。"
    "「まえ」「みぎ」のカードを{使|つか}います。"
)


def texts(lines):
    return [line.text for line in lines]


def rebuild(lines):
    return "".join(
        line.text + line.dropped + ("\n" if line.end is LineEnd.NEWLINE else "") for line in lines
    )


# -- examples ---------------------------------------------------------------


def test_short_text_is_one_line():
    (line,) = layout_text("まえにすすむ", SIZE, max_width=100)
    assert line.text == "まえにすすむ"
    assert line.width == pytest.approx(60)
    assert line.end is LineEnd.END
    assert not line.has_ruby


def test_empty_text_has_no_lines():
    assert layout_text("", SIZE, max_width=100) == []
    assert measure("", SIZE, max_width=100) == 0


def test_japanese_breaks_between_any_characters():
    assert texts(layout_text("あいうえおかきくけこ", SIZE, max_width=40)) == ["あいうえ", "おかきく", "けこ"]


def test_period_and_closing_bracket_never_start_a_line():
    # 4 characters fit; "。" and "」" would land first on the next line.
    assert texts(layout_text("あいうえ。かきくけ", SIZE, max_width=40)) == ["あいう", "え。かき", "くけ"]
    lines = layout_text("「まえ」「みぎ」", SIZE, max_width=30)
    for line in lines[1:]:
        assert line.text[0] not in NO_LINE_START
    for line in lines[:-1]:
        assert line.text[-1] not in NO_LINE_END


def test_opening_bracket_never_ends_a_line():
    assert texts(layout_text("あいう「え」", SIZE, max_width=40)) == ["あいう", "「え」"]


def test_small_kana_and_long_vowel_stay_with_the_previous_character():
    assert texts(layout_text("あいうカード", SIZE, max_width=40)) == ["あいう", "カード"]
    assert texts(layout_text("あいうきょう", SIZE, max_width=40)) == ["あいう", "きょう"]
    for line in layout_text("あいうきょうロボットーっ", SIZE, max_width=40)[1:]:
        assert line.text[0] not in NO_LINE_START


def test_english_wraps_at_spaces_and_drops_the_space():
    lines = layout_text("The robot moves forward one square.", SIZE, max_width=80)
    assert texts(lines) == ["The robot moves", "forward one", "square."]
    assert [line.dropped for line in lines] == [" ", " ", ""]
    assert all(line.width <= 80 for line in lines)


def test_a_word_longer_than_the_width_is_force_broken():
    lines = layout_text("go abcdefghijklmnop", SIZE, max_width=30)
    assert texts(lines) == ["go", "abcdef", "ghijkl", "mnop"]
    assert [line.end for line in lines] == [LineEnd.WRAP, LineEnd.FORCED, LineEnd.FORCED, LineEnd.END]


def test_explicit_newline():
    lines = layout_text("まえ\n\nみぎ\n", SIZE, max_width=100)
    assert texts(lines) == ["まえ", "", "みぎ"]
    assert [line.end for line in lines] == [LineEnd.NEWLINE] * 3


def test_leading_spaces_after_a_newline_are_kept():
    assert texts(layout_text("a\n  b", SIZE, max_width=100)) == ["a", "  b"]


def test_ruby_is_centred_above_its_base():
    (line,) = layout_text("{今日|きょう}", SIZE, max_width=100)
    (frag,) = line.fragments
    assert (frag.base, frag.ruby) == ("今日", "きょう")
    assert frag.width == pytest.approx(20)
    assert frag.ruby_width == pytest.approx(15)
    assert frag.ruby_x + frag.ruby_width / 2 == pytest.approx(frag.x + frag.width / 2)


def test_wide_ruby_widens_the_space_around_its_base_between_kanji():
    (line,) = layout_text("漢{考|かんが}字", SIZE, max_width=100)
    left, kanji, right = line.fragments
    assert kanji.ruby_width == pytest.approx(15)
    assert kanji.ruby_x == pytest.approx(10)  # starts right after 漢
    assert kanji.x == pytest.approx(12.5)  # base centred under the ruby
    assert right.x == pytest.approx(25)
    assert line.width == pytest.approx(35)


def test_wide_ruby_overhangs_neighbouring_kana():
    # かんが is 2.5 pt wider than 考 on each side; it may reach over あ and え.
    (line,) = layout_text("あ{考|かんが}え", SIZE, max_width=100)
    a, kanji, e = line.fragments
    assert kanji.x == pytest.approx(10)
    assert kanji.ruby_x == pytest.approx(7.5)
    assert e.x == pytest.approx(20)
    assert line.width == pytest.approx(30)


def test_ruby_does_not_overhang_past_the_line_start():
    (line,) = layout_text("{考|かんが}え", SIZE, max_width=100)
    kanji, e = line.fragments
    assert kanji.ruby_x == pytest.approx(0)
    assert kanji.x == pytest.approx(2.5)
    assert e.x == pytest.approx(12.5)  # but may reach over え


def test_neighbouring_rubies_do_not_collide():
    (line,) = layout_text("{考|かんが}{動|うご}{考|かんが}", SIZE, max_width=200)
    rubies = [f for f in line.fragments if f.ruby]
    for left, right in zip(rubies, rubies[1:]):
        assert left.ruby_x + left.ruby_width <= right.ruby_x + 1e-9


def test_ruby_run_is_never_split():
    lines = layout_text("あいう{手順|てじゅん}", SIZE, max_width=40)
    assert texts(lines) == ["あいう", "手順"]


def test_line_with_ruby_is_taller():
    plain, ruby = layout_text("あ\n{字|じ}", SIZE, max_width=100)
    assert ruby.height > plain.height
    assert plain.height == pytest.approx(15)
    m = line_metrics(SIZE, 1.5, True)
    assert m.ruby_baseline < m.baseline
    assert m.ruby_baseline - 0.88 * SIZE / 2 >= -1e-9  # ruby stays inside the box


def test_furigana_off_lays_out_bases_only():
    lines = layout_text(LESSON, SIZE, max_width=1000, furigana=False)
    assert not any(line.has_ruby for line in lines)
    assert all(f.ruby is None for line in lines for f in line.fragments)
    assert "".join(texts(lines)) == "".join(r.base for r in parse_ruby(LESSON))


def test_runs_and_markup_give_the_same_layout():
    assert layout_text(LESSON, SIZE, max_width=90) == layout_text(parse_ruby(LESSON), SIZE, max_width=90)


def test_measure_is_the_sum_of_line_heights():
    lines = layout_text(LESSON, SIZE, max_width=90)
    assert measure(LESSON, SIZE, max_width=90) == pytest.approx(sum(line.height for line in lines))


def test_bad_width_is_an_error():
    with pytest.raises(ValueError, match="max_width"):
        layout_text("あ", SIZE, max_width=0)


# -- drawing ----------------------------------------------------------------


def _draw(text, **kw):
    buf = io.BytesIO()
    c = make_canvas(buf, PAPER["a4"], title="t", subject="s", lang="ja")
    lines = layout_text(text, 12, max_width=400, **kw)
    y = draw_lines(c, lines, 72, 780, 12)
    c.showPage()
    c.save()
    return buf.getvalue(), lines, y


def test_markup_like_text_prints_exactly_as_written():
    text = "<b>title</b> & 1<2 &amp; <font color=red>x</font>"
    data, _, _ = _draw(text)
    extracted = pypdf.PdfReader(io.BytesIO(data)).pages[0].extract_text()
    assert text in extracted


def test_draw_returns_the_y_below_the_block():
    _, lines, y = _draw(LESSON)
    assert y == pytest.approx(780 - sum(line.height for line in lines))


def test_drawn_text_uses_only_embedded_fonts():
    data, _, _ = _draw(LESSON)
    page = pypdf.PdfReader(io.BytesIO(data)).pages[0]
    fonts = [f.get_object() for f in page["/Resources"]["/Font"].values()]
    assert fonts
    for font in fonts:
        assert "/FontFile2" in font["/FontDescriptor"].get_object()


def test_align_needs_width():
    with pytest.raises(ValueError, match="width"):
        draw_lines(None, [], 0, 0, 10, align="center")


# -- properties -------------------------------------------------------------

KANJI = "漢字手順考動使今日前右左回"
PLAIN = (
    "あいうえおかきくけこまみむめもロボットカード"
    "ぁぃぅぇぉっゃゅょァィゥェォッャュョー々ヽゝ"
    "、。，．・：；？！」』）］】〉》"
    "「『（［【〈《"
    "abcdefgxyzABC0123"
    ".,;:!?)]}([{"
    "   \n　"
)

plain_runs = st.text(alphabet=PLAIN, min_size=1, max_size=12).map(Run)
ruby_runs = st.builds(
    Run,
    st.text(alphabet=KANJI, min_size=1, max_size=3),
    st.text(alphabet="かんじてゅうごきょ", min_size=1, max_size=6),
)
run_lists = st.lists(st.one_of(plain_runs, ruby_runs), max_size=12)
widths = st.floats(min_value=10, max_value=300)


def _legal_breaks(chars):
    """Indexes i where a break before chars[i] is allowed: the breaking rules
    restated independently of the implementation.  ``chars`` holds
    (character, ruby group) pairs; one ruby group is never split."""
    out = []
    for i in range(1, len(chars)):
        (a, ga), (b, gb) = chars[i - 1], chars[i]
        ink = [c for c, _ in chars[:i] if c not in " \t"]
        if b in " \t" or not ink or ink[-1] in NO_LINE_END or b in NO_LINE_START:
            continue
        if ga is not None and ga == gb:
            continue
        if a not in " \t" and ord(a) < 0x2000 and ord(b) < 0x2000:
            continue
        out.append(i)
    return out


def _chars_with_groups(line, offset=0):
    """(char, group) pairs; characters of one ruby fragment share a group."""
    out = []
    for i, frag in enumerate(line.fragments):
        for ch in frag.base:
            out.append((ch, offset + i if frag.ruby is not None else None))
    return out


@settings(max_examples=300, deadline=None)
@given(run_lists, widths, st.booleans())
def test_every_character_appears_once_in_order(runs, width, furigana):
    lines = layout_text(runs, SIZE, max_width=width, furigana=furigana)
    assert rebuild(lines) == "".join(r.base for r in runs)


@settings(max_examples=300, deadline=None)
@given(run_lists, widths)
def test_kinsoku_holds_at_every_wrap(runs, width):
    lines = layout_text(runs, SIZE, max_width=width)
    for prev, line in zip(lines, lines[1:]):
        if prev.end is LineEnd.WRAP:
            assert prev.text and line.text
            assert line.text[0] not in NO_LINE_START, (texts(lines), width)
            assert prev.text[-1] not in NO_LINE_END, (texts(lines), width)
            assert prev.text[-1] not in " \t"


@settings(max_examples=300, deadline=None)
@given(run_lists, widths)
def test_forced_breaks_only_when_no_legal_break_fits(runs, width):
    lines = layout_text(runs, SIZE, max_width=width)
    for prev, line in zip(lines, lines[1:]):
        if prev.end is not LineEnd.FORCED:
            continue
        chars = _chars_with_groups(prev) + _chars_with_groups(line, 1000)[:1]
        assert _legal_breaks(chars) == [], (texts(lines), width)


@settings(max_examples=300, deadline=None)
@given(run_lists, widths, st.booleans())
@example(runs=[Run("今今", "う"), Run(" ")], width=10.0, furigana=False)  # trailing spaces hang
def test_lines_fit_unless_a_single_unbreakable_item(runs, width, furigana):
    lines = layout_text(runs, SIZE, max_width=width, furigana=furigana)
    ruby_bases = {r.base for r in runs if r.ruby is not None}
    for line in lines:
        if line.width > width + 1e-6:
            ink = line.text.rstrip(" ")  # trailing spaces hang past the width by design
            assert len(ink) == 1 or ink in ruby_bases, (texts(lines), width)


@settings(max_examples=300, deadline=None)
@given(run_lists, widths, st.booleans())
def test_ruby_runs_are_never_split(runs, width, furigana):
    lines = layout_text(runs, SIZE, max_width=width, furigana=furigana)
    # Character offsets of each line in the source text.
    spans, pos = [], 0
    for line in lines:
        spans.append((pos, pos + len(line.text)))
        pos += len(line.text) + len(line.dropped) + (line.end is LineEnd.NEWLINE)
    pos = 0
    for run in runs:
        if run.ruby is not None:
            assert any(a <= pos and pos + len(run.base) <= b for a, b in spans), (run, texts(lines))
        pos += len(run.base)
    if furigana:
        placed = [(f.base, f.ruby) for line in lines for f in line.fragments if f.ruby]
        assert placed == [(r.base, r.ruby) for r in runs if r.ruby is not None]


@settings(max_examples=200, deadline=None)
@given(run_lists, widths)
@example(runs=[Run("今", "ううう"), Run(" ")], width=10.0)  # a reading overhanging a trailing space
def test_fragments_and_rubies_never_overlap(runs, width):
    for line in layout_text(runs, SIZE, max_width=width):
        frags = line.fragments
        for left, right in zip(frags, frags[1:]):
            assert left.x + left.width <= right.x + 1e-6
        rubies = [f for f in frags if f.ruby]
        for left, right in zip(rubies, rubies[1:]):
            assert left.ruby_x + left.ruby_width <= right.ruby_x + 1e-6
        for f in rubies:
            assert -1e-6 <= f.ruby_x and f.ruby_x + f.ruby_width <= line.width + 1e-6
