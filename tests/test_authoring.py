"""Authoring tools: the card vocabulary, its reference page, suggestions in the lesson's language."""

from __future__ import annotations

from pathlib import Path

import pytest

from lessonkit.check import Result, check_bytes
from lessonkit.program import NotationError, parse
from lessonkit.spec.load import Report
from lessonkit.vocabulary import cards_markdown, every_card, suggestion
from lessonkit.worlds.grid import Grid

from conftest import LESSON, edit

ROOT = Path(__file__).resolve().parent.parent


def check(text: str) -> Result:
    return check_bytes(text.encode("utf-8"), Report("l.yaml"))


def lines(text: str) -> list[str]:
    return [str(d) for d in check(text).diagnostics]


JA = edit("language: en", "language: ja")


# --- lessonkit cards --------------------------------------------------------------------------


def test_cards_lists_every_card_with_its_names_and_what_it_does(cli):
    result = cli("cards", "--world", "grid")
    assert result.exit_code == 0
    out = result.stdout
    for info in every_card(Grid):
        assert f"  {info.name}  ({info.ja})\n" in out
        assert info.does_en and info.does_en in out
        for spelling in info.spellings()[2:]:
            assert spelling in out
    assert "reserved words" in out and "くりかえす" in out
    # Both spellings of one condition sit under one card: they are the same.
    block = out[out.index("  path_ahead  (まえにすすめる)") :].split("\n  path_left")[0]
    assert "まえがあいている" in block and "Path ahead? / まえに すすめる？" in block


def test_cards_in_japanese(cli):
    out = cli("cards", "--language", "ja").stdout
    assert out.startswith("grid world: カードの いちらん\n\nうごきの カード\n  まえ  (forward)\n      カードの もじ: まえに すすむ\n")
    assert "  やくそく  (function)\n" in out
    assert all(info.does_ja in out for info in every_card(Grid))


def test_cards_unknown_world(cli):
    result = cli("cards", "--world", "gird")
    assert result.exit_code == 2
    assert "unknown world 'gird'; expected 'grid'; did you mean 'grid'?" in result.stderr


def test_reference_page_is_current():
    # Regenerate with: python -m lessonkit cards --format markdown > docs/cards.md
    assert (ROOT / "docs" / "cards.md").read_text(encoding="utf-8") == cards_markdown()


def test_readme_links_the_reference_page():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "(docs/cards.md)" in readme and "lessonkit cards" in readme


def test_every_card_says_what_it_does_in_both_languages():
    for info in every_card(Grid):
        assert info.does_en and info.does_ja, info.name


# --- spellings and suggestions ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "card"),
    [("前", "forward"), ("右", "turn_right"), ("左", "turn_left"), ("みぎをむく", "turn_right"), ("左を向く", "turn_left"), ("拾う", "pick_up"), ("前に進める", "path_ahead")],
)
def test_kanji_and_kana_spellings_are_accepted(word, card):
    assert Grid.names()[word] == card


def test_no_spelling_means_two_cards():
    seen: dict[str, str] = {}
    for info in every_card(Grid):
        for spelling in info.spellings():
            assert seen.setdefault(spelling, info.name) == info.name, spelling


@pytest.mark.parametrize(
    ("word", "lang", "expected"),
    [
        ("かんすう", "ja", "; did you mean 'やくそく' (function)?"),
        ("まええ", "ja", "; did you mean 'まえ' (forward)?"),
        ("fowrard", "ja", "; did you mean 'まえ' (forward)?"),
        ("fowrard", "en", "; did you mean 'forward' (まえ)?"),
        ("ループ", "ja", "; did you mean 'くりかえす' (repeat)?"),
        ("xyzzy", "ja", ""),
    ],
)
def test_suggestions_speak_the_lessons_language(word, lang, expected):
    assert suggestion(word, Grid, lang) == expected


def test_an_unknown_kit_card_in_a_japanese_lesson_gets_a_japanese_suggestion():
    assert lines(edit("  repeat: 2", "  かんすう: 2", JA)) == ["l.yaml:24:3: error: unknown card 'かんすう' for the grid world; did you mean 'やくそく' (function)?"]


def test_an_unknown_kit_card_with_nothing_close_gets_the_list_in_the_lessons_language():
    assert lines(edit("  repeat: 2", "  ぴょん: 2", JA)) == [
        "l.yaml:24:3: error: unknown card 'ぴょん' for the grid world; the grid world's cards are "
        "まえ, ひだり, みぎ, うしろ, ひろう and まえにすすめる, ひだりにすすめる, みぎにすすめる, ゴール, アイテム and "
        "くりかえす, までくりかえす, もし, ちがったら, ない, やくそく, よびだす (lessonkit cards --language ja lists every spelling)"
    ]


def test_a_function_named_like_a_card_says_which_card():
    with pytest.raises(NotationError, match=r"^function name 'すすむ' is the card 'forward' \('すすむ' is one of its spellings\); choose another name$"):
        parse("def すすむ [ forward ] すすむ", Grid.names())
    text = edit("    solution: repeat 3 [ forward ]", "    solution:\n      functions:\n        すすむ: [forward]\n      main: [すすむ, すすむ, すすむ]")
    assert lines(text)[0] == "l.yaml:34:9: error: function name 'すすむ' is the card 'forward' ('すすむ' is one of its spellings); choose another name"
    with pytest.raises(NotationError, match="function name 'もし' is the keyword 'if'"):
        parse("def もし [ forward ] forward", Grid.names())
