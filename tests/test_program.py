"""Card programs and their one-line notation: parse, format, errors, counts."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lessonkit.program import (
    Action,
    Call,
    Cond,
    If,
    NotationError,
    Program,
    Repeat,
    RepeatUntil,
    format_program,
    parse,
    parse_count,
    parse_items,
    tokenize,
)
from lessonkit.spec.ruby import Run, RubyError, format_ruby, parse_ruby, plain_text
from lessonkit.worlds.grid import Grid

from conftest import programs

F, L, R = Action("forward"), Action("turn_left"), Action("turn_right")
JA_NAMES = {c.name: c.ja for c in Grid.cards}  # canonical -> Japanese


# --- parsing -----------------------------------------------------------------------


def test_sequence():
    assert parse("forward turn_left  forward") == Program((F, L, F))


def test_empty_program():
    assert parse("") == Program(())
    assert parse("   ") == Program(())


def test_blocks():
    text = "repeat 3 [ forward ] repeat until at_goal [ if not path_ahead [ turn_left ] else [ forward ] ]"
    assert parse(text) == Program(
        (
            Repeat(3, (F,)),
            RepeatUntil(Cond("at_goal"), (If(Cond("path_ahead", True), (L,), (F,)),)),
        )
    )


def test_functions_and_recursion():
    assert parse("def zig [ forward zig ] zig") == Program((Call("zig"),), (("zig", (F, Call("zig"))),))


def test_commas_and_fullwidth_brackets():
    assert parse("forward, forward、repeat 2［forward］") == Program((F, F, Repeat(2, (F,))))


def test_japanese_keywords_and_names():
    text = "やくそく ぐるり [ みぎ みぎ ] くりかえす 2 [ まえ ] まで ゴール くりかえす [ ] もし ない まえがあいている [ ひだり ] ちがったら [ ぐるり ]"
    with pytest.raises(NotationError):
        parse(text, Grid.names())  # 'まで' must follow 'くりかえす'
    text = "やくそく ぐるり [ みぎ みぎ ] くりかえす 2 [ まえ ] くりかえす まで ゴール [ ] もし ない まえがあいている [ ひだり ] ちがったら [ ぐるり ]"
    assert parse(text, Grid.names()) == Program(
        (
            Repeat(2, (F,)),
            RepeatUntil(Cond("at_goal"), ()),
            If(Cond("path_ahead", True), (L,), (Call("ぐるり"),)),
        ),
        (("ぐるり", (R, R)),),
    )


def test_unknown_cards_are_kept_as_written():
    assert parse("fowrard まえ", Grid.names()) == Program((Action("fowrard"), F))


def test_items_do_not_take_definitions():
    assert parse_items("f forward", functions=frozenset({"f"})) == (Call("f"), F)
    with pytest.raises(NotationError) as info:
        parse_items("def f [ ]")
    assert info.value.message == "functions are defined at the start of the program"


@pytest.mark.parametrize(
    "text, offset, message",
    [
        ("repeat 3 [ forward", 18, "'[' is not closed; expected ']'"),
        ("forward ]", 8, "']' without '['"),
        ("repeat 0 [ forward ]", 7, "repeat count 0 is out of range; expected 1 to 99"),
        ("repeat 100 [ forward ]", 7, "repeat count 100 is out of range; expected 1 to 99"),
        ("repeat ３ [ forward ]", 7, "full-width digits '３'; write 3 with half-width digits"),
        ("repeat three [ forward ]", 7, "expected a number of times after 'repeat', found 'three'"),
        ("repeat -1 [ forward ]", 7, "expected a number of times after 'repeat', found '-1'"),
        ("repeat", 6, "program ends early; expected a number after 'repeat'"),
        ("repeat 3 forward", 9, "expected '[', found 'forward'"),
        ("repeat 3", 8, "program ends early; expected '['"),
        ("repeat until [ forward ]", 13, "expected a condition, found '['"),
        ("repeat until not", 16, "program ends early; expected a condition after 'not'"),
        ("if [ forward ]", 3, "expected a condition, found '['"),
        ("if repeat [ ]", 3, "expected a condition, found 'repeat'"),
        ("else [ forward ]", 0, "'else' without 'if'"),
        ("until at_goal [ ]", 0, "'until' goes after 'repeat': 'repeat until <condition> [ ... ]'"),
        ("forward def f [ ]", 8, "functions are defined at the start of the program"),
        ("not at_goal", 0, "'not' goes before a condition"),
        ("[ forward ]", 0, "'[' must follow 'repeat', 'if', 'else' or 'def'"),
        ("def [ ]", 4, "expected a function name after 'def', found '['"),
        ("def repeat [ ]", 4, "function name 'repeat' is the keyword 'repeat'; choose another name"),
        ("def", 3, "program ends early; expected a function name after 'def'"),
        ("def f [ ] def f [ ]", 14, "function 'f' is defined twice"),
        ("まえ くりかえす ３ [ まえ ]", 9, "full-width digits '３'; write 3 with half-width digits"),
    ],
)
def test_notation_errors(text, offset, message):
    with pytest.raises(NotationError) as info:
        parse(text, Grid.names())
    assert (info.value.offset, info.value.message) == (offset, message)


def test_parse_count():
    assert parse_count("1") == 1 and parse_count("99") == 99
    with pytest.raises(NotationError):
        parse_count("")


# --- formatting ----------------------------------------------------------------------


def test_format_english():
    p = parse("def zig [ forward ] repeat 2 [ zig ] repeat until not at_goal [ ] if path_ahead [ forward ] else [ ]")
    assert format_program(p) == "def zig [ forward ] repeat 2 [ zig ] repeat until not at_goal [ ] if path_ahead [ forward ] else [ ]"


def test_format_japanese():
    p = parse("def zig [ ] repeat until at_goal [ if not path_left [ forward ] else [ zig ] ] repeat 2 [ ]")
    assert format_program(p, JA_NAMES, lang="ja") == "やくそく zig [ ] ゴール まで くりかえす [ もし ない ひだりにすすめる [ まえ ] ちがったら [ zig ] ] くりかえす 2 [ ]"


def test_japanese_reads_repeat_until_in_japanese_order():
    names = Grid.names()
    natural = parse("ゴール まで くりかえす [ まえ ]", names)
    assert natural == parse("くりかえす まで ゴール [ まえ ]", names) == parse("repeat until at_goal [ forward ]")
    assert parse("ない ゴール まで くりかえす [ まえ ]", names).main[0].cond.negated


def test_format_empty():
    assert format_program(Program(())) == ""


# --- card counts ------------------------------------------------------------------------


def test_card_counts():
    p = parse("def zig [ forward turn_left ] repeat 2 [ zig zig ] repeat until not at_goal [ if path_ahead [ forward ] else [ turn_right ] ]")
    assert p.card_counts() == Counter(
        function=1, forward=2, turn_left=1, repeat=1, call=2, repeat_until=1, at_goal=1, **{"not": 1},
        **{"if": 1, "else": 1}, path_ahead=1, turn_right=1,
    )
    assert len(p) == sum(p.card_counts().values()) == 14


def test_walk_paths():
    p = parse("def f [ forward ] repeat 2 [ f ] if at_goal [ ] else [ turn_left ]")
    assert [path for path, _ in p.walk()] == [
        ("def", "f", 0),
        ("main", 0),
        ("main", 0, "body", 0),
        ("main", 1),
        ("main", 1, "else", 0),
    ]


# --- properties ---------------------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(programs())
def test_notation_round_trips_in_english(program):
    text = format_program(program)
    assert parse(text) == program
    assert parse(text, Grid.names()) == program


@settings(max_examples=200, deadline=None)
@given(programs())
def test_notation_round_trips_in_japanese(program):
    text = format_program(program, JA_NAMES, lang="ja")
    assert parse(text, Grid.names()) == program
    english = {"repeat", "until", "if", "else", "def", "not"} | set(JA_NAMES)
    assert not english & {t.text for t in tokenize(text)}


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["repeat", "until", "if", "else", "def", "not", "forward", "[", "]", "3", "0", "f", "at_goal", "くりかえす", "ちがったら"]), max_size=15))
def test_token_soup_only_raises_notation_errors(words):
    text = " ".join(words)
    try:
        parse(text, Grid.names())
    except NotationError as exc:
        assert 0 <= exc.offset <= len(text)


# --- furigana -------------------------------------------------------------------------------

PLAIN = st.text(alphabet="あいう漢字ab {}|", min_size=1, max_size=6)
WORD = st.text(alphabet="あいう漢字ab ", min_size=1, max_size=4).filter(lambda s: s.strip())


@st.composite
def ruby_runs(draw):
    runs = draw(st.lists(st.one_of(st.builds(Run, PLAIN), st.builds(Run, WORD, WORD)), max_size=6))
    merged: list[Run] = []
    for run in runs:  # parse_ruby joins neighbouring plain runs: so must the model
        if merged and run.ruby is None and merged[-1].ruby is None:
            merged[-1] = Run(merged[-1].base + run.base)
        else:
            merged.append(run)
    return tuple(merged)


@settings(max_examples=300, deadline=None)
@given(ruby_runs())
def test_ruby_round_trips(runs):
    text = format_ruby(runs)
    assert parse_ruby(text) == runs
    assert format_ruby(parse_ruby(text)) == text


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="あ漢a{}|", max_size=12))
def test_ruby_errors_are_located(text):
    try:
        runs = parse_ruby(text)
    except RubyError as exc:
        assert 0 <= exc.offset < len(text)
    else:
        assert parse_ruby(format_ruby(runs)) == runs


def test_ruby_examples():
    assert parse_ruby("{漢字|かんじ}を よむ") == (Run("漢字", "かんじ"), Run("を よむ"))
    assert parse_ruby("{{x}}") == (Run("{x}"),)
    assert plain_text("ロボットを {動|うご}かそう") == "ロボットを 動かそう"


@pytest.mark.parametrize(
    "text, offset, message",
    [
        ("{漢字|}", 4, "furigana has an empty reading; expected '{base|reading}'"),
        ("あ{漢字", 1, "furigana '{' is not closed; expected '{base|reading}'"),
        ("{|かんじ}", 1, "furigana has an empty base; expected '{base|reading}'"),
        ("{漢字}", 0, "furigana needs a reading after '|'; expected '{base|reading}'"),
        ("{漢|か|ん}", 4, "more than one '|' in furigana"),
        ("{漢{字|じ}", 2, "'{' inside furigana; expected '{base|reading}'"),
        ("漢字}", 2, "'}' without '{'; write '}}' for a literal brace"),
    ],
)
def test_ruby_errors(text, offset, message):
    with pytest.raises(RubyError) as info:
        parse_ruby(text)
    assert (info.value.offset, info.value.message) == (offset, message)


def test_words_people_run_together_or_split():
    names = Grid.names()
    until = parse("repeat until at_goal [ forward ]")
    assert parse("ゴールまで くりかえす [ まえ ]", names) == until
    assert parse("ゴールまでくりかえす [ まえ ]", names) == until
    assert parse("くりかえす5[まえ]", names) == parse("repeat 5 [ forward ]")
    # A printed label, typed with its space, is one card.
    assert parse("もし まえに すすめる？ [ まえに すすむ ] ちがったら [ みぎを むく ]", names) == parse(
        "if path_ahead [ forward ] else [ turn_right ]"
    )


def test_run_together_words_split_only_into_known_parts():
    names = Grid.names()
    # Functions whose names merely look like run-together words stay whole.
    assert parse("def かべまで [ forward ] かべまで", names).functions[0][0] == "かべまで"
    assert parse("def repeat2 [ forward ] repeat2", names).main == (Call("repeat2"),)
    # A printed label typed with its space works in Japanese order too.
    assert parse("ない まえに すすめる まで くりかえす [ まえ ]", names) == parse("repeat until not path_ahead [ forward ]")
    # A superscript two is not a count: an error, never a Python exception.
    with pytest.raises(NotationError):
        parse("repeat ² [ forward ]", names)
    with pytest.raises(NotationError):
        parse("くりかえす² [ まえ ]", names)
