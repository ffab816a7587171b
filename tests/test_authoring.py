"""Authoring tools: the card vocabulary, its reference page, suggestions in the lesson's language."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from lessonkit.check import Result, check_bytes
from lessonkit.program import NotationError, parse
from lessonkit.spec.load import Report
from lessonkit.vocabulary import cards_markdown, every_card, suggestion
from lessonkit.worlds.grid import Grid

from conftest import GOLDEN, LESSON, edit

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
            assert spelling in out or spelling[-1] in "?？"
    assert "any of these names may also end in '？' (or '?')" in out
    assert "reserved words" in out and "くりかえす" in out
    # Both spellings of one condition sit under one card: they are the same.
    block = out[out.index("  path_ahead  (まえにすすめる)") :].split("\n  path_left")[0]
    assert "まえがあいている" in block and "Path ahead / まえに すすめる" in block


def test_cards_in_japanese(cli):
    out = cli("cards", "--language", "ja").stdout
    assert out.startswith("grid world: カードの いちらん\n\nうごきの カード\n  まえ  (forward)\n      カードの もじ: まえに すすむ\n")
    assert "  やくそく  (function)\n" in out
    assert all(info.does_ja in out for info in every_card(Grid))


def test_cards_unknown_world(cli):
    result = cli("cards", "--world", "gird")
    assert result.exit_code == 2
    assert "unknown world 'gird'; expected 'binary', 'conditionals', 'grid', 'paper', 'procedure' or 'sorting-network'; did you mean 'grid'?" in result.stderr


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


# --- lessonkit new ----------------------------------------------------------------------------


@pytest.mark.parametrize(("lang", "grade"), [("ja", 1), ("ja", 3), ("ja", 6), ("en", 2), ("en", 5)])
def test_new_writes_a_skeleton_that_validates_clean(cli, tmp_path, monkeypatch, lang, grade):
    (tmp_path / "schema").mkdir()
    (tmp_path / "schema" / "lesson.schema.json").write_text("{}", encoding="utf-8")
    (tmp_path / "lessons" / lang).mkdir(parents=True)
    monkeypatch.chdir(tmp_path)
    target = f"lessons/{lang}/My Maze_2.yaml"
    result = cli("new", target, "--grade", grade, "--language", lang)
    assert (result.exit_code, result.stdout) == (0, f"wrote {target}; check it with: lessonkit validate {target}\n")
    text = (tmp_path / target).read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schema/lesson.schema.json\n")
    assert "\nid: my-maze-2 " in text and f"\ngrade: {grade} " in text and f"\nlanguage: {lang} " in text
    # Every key line carries a comment saying what it is (list items and prose lines aside).
    keys = [line for line in text.splitlines() if re.match(r"^\s*(- )?[a-z_]+:", line)]
    assert len(keys) > 40
    uncommented = [line for line in keys if "#" not in line and line.split(":")[0].strip("- ") not in ("minutes", "activity", "support", "assessment", "phase", "knowledge", "thinking", "attitude")]
    assert uncommented == []
    result = cli("validate", "--strict", target)
    assert (result.exit_code, result.stdout) == (0, "checked 1 lesson: 0 errors, 0 warnings\n")


def test_new_without_a_project_schema_writes_one_beside_the_lesson(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = cli("new", "lesson.yaml")
    assert result.exit_code == 0
    assert result.stderr == "wrote lesson.schema.json (the schema editors check the lesson against)\n"
    assert (tmp_path / "lesson.yaml").read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=lesson.schema.json\n")
    assert json.loads((tmp_path / "lesson.schema.json").read_text(encoding="utf-8"))["description"].startswith("lessonkit lesson")


def test_new_never_overwrites(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "lesson.yaml").write_text("keep me", encoding="utf-8")
    result = cli("new", "lesson.yaml")
    assert result.exit_code == 2 and "'lesson.yaml' already exists; choose a new file name" in result.stderr
    assert (tmp_path / "lesson.yaml").read_text(encoding="utf-8") == "keep me"
    assert "does not end in .yaml" in cli("new", "lesson.txt").stderr
    assert "unknown world 'gird'" in cli("new", "x.yaml", "--world", "gird").stderr


def test_bundled_schema_pointer_of_new_lessons_in_this_repo(cli, tmp_path):
    text = (ROOT / "lessons" / "ja" / "g3-repeat.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schema/lesson.schema.json\n")


# --- lessonkit list ---------------------------------------------------------------------------


def test_list_table(cli, tmp_path, monkeypatch, write_lesson):
    monkeypatch.chdir(tmp_path)
    write_lesson(LESSON, "a/good.yaml")
    write_lesson(edit("    minutes: 25", "    minutes: 20"), "a/warn.yaml").write_text(
        edit("id: robot-maze-1", "id: robot-maze-2", edit("    minutes: 25", "    minutes: 20")), encoding="utf-8"
    )
    write_lesson("id: [", "a/broken.yaml")
    result = cli("list", "a")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "id             title             lang  grade  world  concepts             min  puzzles  check",
        "a/broken.yaml  (cannot be read)                                                         1 error",
        "robot-maze-1   Robot maze        en    3      grid   sequence,repetition  45   1        clean",
        "robot-maze-2   Robot maze        en    3      grid   sequence,repetition  45   1        1 warning",
    ]


def test_list_json(cli, tmp_path, monkeypatch, write_lesson):
    monkeypatch.chdir(tmp_path)
    write_lesson(LESSON, "good.yaml")
    rows = json.loads(cli("list", "--format", "json", "good.yaml").stdout)
    assert rows == [
        {
            "path": "good.yaml", "id": "robot-maze-1", "title": "Robot maze", "language": "en", "grade": [3], "world": "grid",
            "concepts": ["sequence", "repetition"], "minutes": 45, "puzzles": 1, "errors": 0, "warnings": 0, "clean": True,
        }
    ]


def test_list_a_title_with_bad_furigana(cli, tmp_path, monkeypatch):
    # The check reports the bad ruby as a located error; list showed
    # "internal error: RubyError" for the file (and for a plain `lessonkit
    # list` in the repository, which holds tests/golden/furigana-*.yaml).
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bad.yaml").write_text((GOLDEN / "furigana-empty-reading.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    result = cli("list", "bad.yaml")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "id            title              lang  grade  world  concepts             min  puzzles  check",
        "robot-maze-1  ロボットの{迷路|}  en    3      grid   sequence,repetition  45   1        1 error",
    ]
    assert result.stderr.splitlines() == [
        "bad.yaml:2:17: error: furigana has an empty reading; expected '{base|reading}'",
        "    title: ロボットの{迷路|}",
        "                           ^",
    ]
    (row,) = json.loads(cli("list", "--format", "json", "bad.yaml").stdout)
    assert row["title"] == "ロボットの{迷路|}" and row["errors"] == 1 and not row["clean"]


def test_list_the_bundled_library(cli):
    rows = json.loads(cli("list", "--format", "json", str(ROOT / "lessons")).stdout)
    assert len(rows) >= 5 and all(r["clean"] for r in rows)
    assert {r["language"] for r in rows} == {"ja", "en"}


# --- lessonkit run ----------------------------------------------------------------------------

G4 = str(ROOT / "lessons" / "ja" / "g4-branching-maze.yaml")
G1 = str(ROOT / "lessons" / "ja" / "g1-robot-sequence.yaml")


@pytest.fixture
def en_lesson(write_lesson, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    write_lesson(LESSON, "lesson.yaml")
    return "lesson.yaml"


def test_run_stops_at_an_endless_loop_and_says_where_it_starts(cli, en_lesson):
    result = cli("run", en_lesson, "first", "forward repeat until at_goal [ turn_left ]")
    assert result.exit_code == 1
    out = result.stdout.splitlines()
    steps = [line for line in out if line.startswith("step ")]
    assert len(steps) == 6  # up to one round of the cycle, not 200 steps
    assert steps[1] == "step   2  turn_left    card 2 > 1 (round 1)       C2, facing north  [at_goal? no]"
    assert out[-1] == "outcome: step_limit: from step 3 the robot repeats the same 4 positions: an endless loop (steps 3-6 come round again and again)"


def test_run_endless_loop_in_japanese(cli):
    result = cli("run", G4, "1", "ゴール まで くりかえす [ もし まえにすすめる [ まえ ] ちがったら [ ひだり ] ]")
    assert result.exit_code == 1
    out = result.stdout.splitlines()
    assert out[-1] == "けっか: step_limit: 2ステップめ から、ロボットは おなじ 14の ばしょを くりかえして いる：おわらない ループ"
    assert len([line for line in out if line.startswith("ステップ")]) == 15


def test_run_in_a_japanese_lesson_speaks_japanese_and_shows_the_branch(cli):
    result = cli("run", G4, "1", "ゴール まで くりかえす [ もし まえにすすめる [ まえ ] ちがったら [ みぎ ] ]")
    out = result.stdout.splitlines()
    assert out[0] == "パズル spiral: ぐるぐる ろうか"
    assert out[3] == "スタート: A1 みぎむき"
    assert "ステップ   1  まえ         カード 1 > 1 > もし 1（1かいめ） B1 みぎむき  [ゴール？ いいえ]  [まえにすすめる？ はい]" in out
    assert "ステップ   6  みぎ         カード 1 > 1 > ちがったら 1（6かいめ） F1 したむき  [ゴール？ いいえ]  [まえにすすめる？ いいえ]" in out
    assert out[-1] == "けっか: goal: ゴールに ついた"


def test_run_says_what_a_finished_drawing_or_procedure_did(cli):
    """A paper or procedure run that ends at its goal said ゴールに ついた /
    reached the goal, the robot's words: it says the picture is drawn, or
    which of the lesson's goal facts hold."""
    lessons = ROOT / "lessons"
    out = cli("run", lessons / "ja" / "g3-dot-picture.yaml", "stripes", "くりかえす 7 [ ぬる みぎ ] ぬる した した ぬる くりかえす 7 [ ひだり ぬる ]").stdout.splitlines()
    assert out[-1] == "けっか: goal: え が かけた（16マス ぬった）"
    out = cli("run", lessons / "en" / "graph-paper-programming.yaml", "letter-l", "fill down fill down fill down fill right fill right fill right fill").stdout.splitlines()
    assert out[-1] == "outcome: goal: the picture is drawn (7 squares filled)"
    out = cli("run", lessons / "ja" / "g3-make-tea.yaml", "tea", "みず わかす ちゃば そそぐ").stdout.splitlines()
    assert out[-1] == "けっか: goal: ゴールの 「おちゃが できた」 に なった"


def test_reached_in_english_names_the_goal_facts():
    from lessonkit.cli import _load_checked
    checked = _load_checked(str(ROOT / "lessons" / "ja" / "g3-make-tea.yaml")).checked
    puzzle = next(p for p in checked.puzzles if p.spec.id == "tea")
    trace = puzzle.trace
    assert puzzle.world.is_goal(trace.final)
    assert puzzle.world.reached(trace.final, "en") == "the goal holds: 「おちゃが できた」"


def test_a_grade_2_paper_run_names_squares_as_its_sheet_does(cli, tmp_path):
    """Grades 1-2 name squares with kana columns (あ2); the printed picture was
    headed A B C… and the state lines were English (pen on あ1, 0 filled)."""
    text = (ROOT / "lessons" / "ja" / "g3-dot-picture.yaml").read_text(encoding="utf-8")
    assert "\ngrade: 3\n" in text
    (tmp_path / "g2.yaml").write_text(text.replace("\ngrade: 3\n", "\ngrade: 2\n"), encoding="utf-8")
    out = cli("run", tmp_path / "g2.yaml", "stripes", "ぬる した ぬる").stdout.splitlines()
    assert out[3:9] == [
        "スタート: ペンは あ1、ぬった マス 0",
        "      あいうえおかきく",
        "    1 + . . . . . . .",
        "    2 . . . . . . . .",
        "    3 . . . . . . . .",
        "    4 . . . . . . . .",
    ]
    assert "ステップ   2  した         カード 2                   ペンは あ2、ぬった マス 1" in out
    assert "ステップ   3  ぬる         カード 3                   まちがい: あ2は ぬらない マス" in out
    assert out[-1] == "けっか: crash: 3ステップめ（ぬる）で あ2は ぬらない マス"
    grade3 = cli("run", ROOT / "lessons" / "ja" / "g3-dot-picture.yaml", "stripes", "ぬる した ぬる").stdout.splitlines()
    assert grade3[3:5] == ["スタート: ペンは A1、ぬった マス 0", "      A B C D E F G H"]


def test_run_crash_in_japanese(cli):
    out = cli("run", G1, "2", "まえ まえ ひだり まえ").stdout.splitlines()
    assert "ステップ   4  まえ         カード 4                   まちがい: ボードの そとに でた" in out
    assert out[-1] == "けっか: crash: 4ステップめ（まえ）で ボードの そとに でた"


def test_run_max_steps_on_a_finite_program_is_not_called_endless(cli):
    out = cli("run", G1, "2", "--max-steps", "3", "まえ まえ みぎ まえ").stdout.splitlines()
    assert out[-1] == "けっか: step_limit: 3ステップで とめた（--max-steps）。まだ おわって いないが、おなじ ばしょの くりかえしは なかった"


def test_run_else_branch_in_english(cli, en_lesson):
    out = cli("run", en_lesson, "first", "if path_left [ turn_left ] else [ forward ] forward forward").stdout.splitlines()
    assert out[7] == "step   1  forward      card 1 > else 1            C2, facing east  [path_left? no]"


# --- one cause, one message; one round ----------------------------------------------------------


def test_schema_errors_and_lesson_checks_come_in_one_round():
    text = edit("grade: 3", "grade: 3年", edit("    solution: repeat 3 [ forward ]", "    solution: repeat 3 [ fowrard ]", edit("  repeat: 2", "  repeat: 2\n  くりかえし: 1")))
    assert lines(text) == [
        "l.yaml:4:8: error: grade '3年': write the grade as a number alone, grade: 3",
        "l.yaml:25:3: error: 'くりかえし' and 'repeat' are the same card (repeat); list it once, as 'repeat: 3'",
        "l.yaml:33:26: error: unknown card 'fowrard' in the solution; did you mean 'forward' (まえ)?",
    ]


def test_a_broken_puzzle_does_not_stop_the_others_being_checked():
    text = edit("        step: 4", "        step: 0", edit("    solution: repeat 3 [ forward ]", "    solution: repeat 3 [ forward ] fowrard"))
    # The bug's step is a schema error in puzzle 1, so puzzle 1 waits; a second puzzle is still checked.
    second = "  - id: second\n    title: Two\n    board: |\n      S.G\n    solution: forward fowrard\n    facing: east\n"
    found = lines(text + second)
    assert found[0] == "l.yaml:38:15: error: 'step' is 0; expected at least 1"
    assert found[1:] == ["l.yaml:46:23: error: unknown card 'fowrard' in the solution; did you mean 'forward' (まえ)?"]


def test_a_lesson_with_schema_errors_is_not_built_or_run(cli, tmp_path, monkeypatch, write_lesson):
    monkeypatch.chdir(tmp_path)
    write_lesson(edit("grade: 3", "grade: 9"), "bad.yaml")
    result = cli("run", "bad.yaml", "1", "forward")
    assert result.exit_code == 1 and "the lesson has errors" in result.stderr


# --- no silent mistakes -----------------------------------------------------------------------


def test_japanese_phase_and_facing_values_are_accepted():
    text = edit("  - phase: summary", "  - phase: まとめ", edit("  - phase: introduction", "  - phase: 導入", edit("    facing: east", "    facing: 東")))
    assert lines(text) == []
    for word, facing in (("きた", "north"), ("ひがし", "east"), ("左", "west"), ("したむき", "south")):
        world = check(edit("    facing: east", f"    facing: {word}")).checked.puzzles[0].world
        assert world.facing.name.lower() == facing


def test_a_puzzle_without_facing_is_a_warning_that_says_which_way():
    assert lines(edit("    facing: east\n", "")) == [
        "l.yaml:26:5: warning: puzzle has no 'facing', so the robot starts facing east (to the right on the board); say which way it faces, e.g. 'facing: east'"
    ]


def test_reversed_or_kana_only_furigana_is_an_error():
    assert lines(edit("title: Robot maze", "title: めいろを {こうりゃく|攻略}")) == [
        "l.yaml:2:13: error: furigana reads backwards: '{こうりゃく|攻略}' puts the kanji above the kana; write '{攻略|こうりゃく}'"
    ]
    assert lines(edit("title: Robot maze", "title: ぼくの {ロボット|ろぼっと}")) == [
        "l.yaml:2:12: error: furigana over 'ロボット', which is all kana: furigana goes over kanji; write 'ロボット' alone"
    ]


def test_a_solution_that_goes_on_after_the_goal_is_a_warning_naming_the_step():
    assert lines(edit("    solution: repeat 3 [ forward ]", "    solution: repeat 3 [ forward ] turn_left")) == [
        "l.yaml:32:15: warning: solution reaches the goal at step 3 and goes on for 1 more step (4 in all); end it at step 3, where the cards after it are left over"
    ]
    # The rest of a loop's last round cannot be cut without a new program: not warned
    # (only the length lint speaks, about the whole program).
    assert lines(edit("    solution: repeat 3 [ forward ]", "    solution: repeat 3 [ forward turn_left turn_right ]")) == [
        "l.yaml:32:15: warning: solution takes 9 steps; the shortest takes 3"
    ]
