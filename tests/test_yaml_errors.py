"""The strict YAML loader: what it accepts, what it refuses, and where it says so."""

from __future__ import annotations

import pytest

from lessonkit.spec.load import Report, parse_lesson
from lessonkit.spec.yamlload import MAX_BYTES, LoadError, Span, decode, is_fullwidth_number, load

from conftest import LESSON, edit


def load_bytes(raw: bytes):
    return load(decode(raw))


def error(raw: bytes | str) -> tuple[int, int, str]:
    if isinstance(raw, str):
        raw = raw.encode("utf-8")
    with pytest.raises(LoadError) as info:
        load_bytes(raw)
    return info.value.line, info.value.col, info.value.message


# --- scalars: the YAML 1.2 core schema, nothing more -------------------------


def test_yes_no_on_off_stay_strings():
    doc = load_bytes(b"a: yes\nb: no\nc: on\nd: off\ne: y\nf: n\ng: Yes\nh: NO\n")
    assert doc.data == {"a": "yes", "b": "no", "c": "on", "d": "off", "e": "y", "f": "n", "g": "Yes", "h": "NO"}


def test_core_scalars():
    doc = load_bytes(b"a: true\nb: False\nc: ~\nd: null\ne:\nf: 12\ng: -3\nh: 1.5\ni: 1e3\n")
    assert doc.data == {"a": True, "b": False, "c": None, "d": None, "e": None, "f": 12, "g": -3, "h": 1.5, "i": 1000.0}


def test_yaml_1_1_numbers_stay_strings():
    doc = load_bytes(b"a: 0x10\nb: 1_000\nc: .inf\nd: 1:30\n")
    assert doc.data == {"a": "0x10", "b": "1_000", "c": ".inf", "d": "1:30"}


def test_quoted_values_are_text():
    doc = load_bytes(b"a: '3'\nb: \"true\"\nc: 'no'\n")
    assert doc.data == {"a": "3", "b": "true", "c": "no"}


def test_fullwidth_digits_stay_strings_and_are_recognised():
    doc = load_bytes("a: ３\nb: ４５\nc: -１\n".encode())
    assert doc.data == {"a": "３", "b": "４５", "c": "-１"}
    assert all(is_fullwidth_number(v) for v in doc.data.values())
    assert not is_fullwidth_number("3")
    assert not is_fullwidth_number("三")
    assert not is_fullwidth_number(3)


# --- encodings -----------------------------------------------------------------


def test_bom_and_crlf_are_accepted():
    assert load_bytes(b"\xef\xbb\xbfa: 1\r\nb: x\r\n").data == {"a": 1, "b": "x"}


def test_old_mac_line_ends_are_folded():
    assert load_bytes(b"a: 1\rb: 2\r").data == {"a": 1, "b": 2}


def test_shift_jis_is_named_at_the_first_bad_byte():
    raw = "id: x\ntitle: ロボット\n".encode("cp932")
    assert error(raw) == (
        2, 8,
        "file is saved as Shift_JIS (CP932), not UTF-8; open it and save it again as UTF-8 (Notepad: File > Save As > Encoding: UTF-8)",
    )


def test_other_bytes_are_not_utf8():
    assert error(b"a: caf\xe9\xff\n") == (1, 7, "file is not UTF-8 (byte 0xe9); save it as UTF-8")


def test_utf16_with_bom_is_named():
    assert error("a: 1\n".encode("utf-16")) == (1, 1, "file is saved as UTF-16 (Notepad: 'Unicode'), not UTF-8; open it and save it again as UTF-8")


def test_utf16_without_bom_has_nuls():
    assert error("a: 1\n".encode("utf-16-le")) == (1, 1, "file holds NUL bytes; is it a lesson file saved as UTF-16? save it as UTF-8")


def test_size_limit_is_exactly_1_mib():
    ok = b"a: 1\n#" + b"x" * (MAX_BYTES - 7) + b"\n"
    assert len(ok) == MAX_BYTES
    assert load_bytes(ok).data == {"a": 1}
    assert error(ok + b"\n") == (1, 1, "file is 1,048,577 bytes; a lesson file may be at most 1 MiB (1,048,576 bytes)")


# --- refused YAML features -------------------------------------------------------


def test_duplicate_key_is_reported_at_the_second():
    assert error("a: 1\nb:\n  c: 1\n  d: 2\n  c: 3\n") == (5, 3, "duplicate key 'c' (first at line 3)")


def test_same_key_in_different_mappings_is_fine():
    assert load_bytes(b"- a: 1\n- a: 2\n").data == [{"a": 1}, {"a": 2}]


def test_anchor():
    assert error("a: &x 1\n") == (1, 4, "anchor '&x' is not allowed; write each value out in full")


def test_anchor_on_a_mapping():
    assert error("a: &m\n  b: 1\n") == (1, 4, "anchor '&m' is not allowed; write each value out in full")


def test_alias():
    assert error("a: 1\nb: *x\n") == (2, 4, "alias '*x' is not allowed; write the value out in full")


@pytest.mark.parametrize("tag", ["!!int", "!!str", "!foo", "!!python/object:os.system"])
def test_explicit_tags(tag):
    assert error(f"a: {tag} 1\n") == (1, 4, f"tag '{tag}' is not allowed; lesson files use plain values")


def test_merge_key():
    assert error("a: 1\n<<: {b: 2}\n") == (2, 1, "merge key '<<' is not allowed")


def test_complex_key():
    assert error("? [a]\n: 1\n") == (1, 3, "a key must be plain text")


def test_tab_in_indentation():
    assert error("a:\n  b: 1\n\t c: 2\n") == (3, 1, "tab in indentation; indent with spaces")


def test_tab_after_spaces_in_indentation():
    assert error("a:\n  - 1\n  \t- 2\n") == (3, 3, "tab in indentation; indent with spaces")


def test_tab_in_a_value():
    assert error("a: x\tb\n") == (1, 5, "tab character; write spaces instead")


def test_tab_in_a_quoted_value_is_text():
    assert load_bytes(b"a: 'x\tb'\n").data == {"a": "x\tb"}


def test_fullwidth_space_in_indentation():
    assert error("a:\n\u3000- 1\n") == (2, 1, "full-width space (U+3000) in indentation; indent with ASCII spaces")


def test_fullwidth_space_inside_text_is_fine():
    assert load_bytes("a: ロボット\u3000まえ\n".encode()).data == {"a": "ロボット\u3000まえ"}


def test_fullwidth_space_in_a_block_scalar_row_is_text():
    assert load_bytes("a: |\n  x\n  \u3000y\n".encode()).data == {"a": "x\n\u3000y\n"}


def test_syntax_error_is_located():
    assert error("a: [1, 2\n") == (2, 1, "not valid YAML: expected ',' or ']', but got '<stream end>' (is the '[' at line 1, column 4 missing its ']'?)")


def test_unclosed_quote_points_at_the_quote():
    assert error('id: x\ntitle: "テスト\nlanguage: ja\n') == (2, 8, 'this quote (") is never closed; end the text with "')


def test_empty_file():
    message = "file is empty; expected a lesson (a mapping with 'id', 'title', ...)"
    assert error(b"") == (1, 1, message)
    assert error(b"# just a comment\n") == (1, 1, message)


# --- spans -----------------------------------------------------------------------


def test_spans_of_values_and_keys():
    doc = load_bytes(b"# c\nid: x\nlist:\n  - 'q'\n  - b\n")
    assert doc.spans[("id",)] == Span(2, 5)
    assert doc.key_spans[("list",)] == Span(3, 1)
    assert doc.spans[("list", 0)] == Span(4, 5, "'")
    assert doc.spans[("list", 1)] == Span(5, 5)


def test_span_falls_back_to_the_nearest_ancestor():
    doc = load_bytes(b"a:\n  b: 1\n")
    assert doc.span(("a", "b", "missing", 3)) == doc.spans[("a", "b")]
    assert doc.key_span(("a", "zzz")) == doc.spans[("a",)]


def test_offsets_inside_plain_and_quoted_scalars():
    doc = load_bytes(b"a: forward fowrard\nb: 'forward fowrard'\nc: \"x y\"\n")
    assert doc.spans[("a",)].at(8) == (1, 12)
    assert doc.spans[("b",)].at(8) == (2, 13)
    assert doc.spans[("c",)].at(2) == (3, 7)


def test_offsets_inside_a_block_scalar_are_row_and_column():
    text = "board: |\n    ###\n\n    #S.\n  x: 1\n"
    doc = load(text.replace("  x: 1\n", ""))
    value = doc.data["board"]
    assert value == "###\n\n#S.\n"
    span = doc.spans[("board",)]
    assert span.block_lines == ((2, 5), (3, 1), (4, 5))
    assert span.at(value.index("S"), value) == (4, 6)
    assert span.at(0, value) == (2, 5)


# --- through the schema: the first located diagnostics ----------------------------


def diagnostics(text: str) -> list[str]:
    lesson, report = parse_lesson(text.encode("utf-8"), Report("l.yaml"))
    return [str(d) for d in report.sorted()]


def test_valid_lesson_loads():
    lesson, report = parse_lesson(LESSON.encode(), Report("l.yaml"))
    assert report.diagnostics == []
    assert lesson.id == "robot-maze-1" and lesson.grades == (3,)


def test_language_no_is_an_unknown_language_not_false():
    assert diagnostics(edit("language: en", "language: no")) == ["l.yaml:3:11: error: unknown language 'no'; expected 'ja' or 'en'"]


def test_unknown_key_is_reported_once_with_did_you_mean():
    assert diagnostics(edit("title: Robot maze", "titel: Robot maze")) == ["l.yaml:2:1: error: unknown key 'titel'; did you mean 'title'?"]


def test_all_schema_errors_are_reported_not_the_first():
    text = edit("grade: 3", "grade: 9", edit("minutes: 45", "minutes: ４５", edit("id: robot-maze-1", "id: Robot")))
    assert diagnostics(text) == [
        "l.yaml:1:5: error: id 'Robot' is not a slug; expected lowercase letters, digits and '-' (e.g. 'robot-maze-1')",
        "l.yaml:4:8: error: 'grade' is 9; expected at most 6",
        "l.yaml:5:10: error: full-width digits '４５' in 'minutes'; write 45 with half-width digits",
    ]


@pytest.mark.parametrize(
    "old, new, expected",
    [
        ("minutes: 45", "minutes: 5", "l.yaml:5:10: error: 'minutes' is 5; expected at least 10"),
        ("    minutes: 10\n    activity: Meet", "    minutes: 0\n    activity: Meet", "l.yaml:11:14: error: 'minutes' is 0; expected at least 1"),
        ("grade: 3", "grade: [3, 0]", "l.yaml:4:12: error: 'grade' is 0; expected at least 1"),
        ("grade: 3", "grade: 4-2", "l.yaml:4:8: error: grade range '4-2' runs backwards; write '2-4'"),
        ("grade: 3", "grade: three", "l.yaml:4:8: error: 'grade' 'three' is not valid; expected a grade from 1 to 6, a range like '3-4', or a list like [3, 4]"),
        ("concepts: [sequence, repetition]", "concepts: []", "l.yaml:6:11: error: 'concepts' is empty; expected at least 1 item"),
        ("title: Robot maze", "title: ''", "l.yaml:2:8: error: 'title' is empty; expected some text"),
        ("title: Robot maze", "title: [a]", "l.yaml:2:8: error: 'title' is a list; expected text"),
        ("objectives:\n  - Give a robot exact instructions", "objectives: Give", "l.yaml:7:13: error: 'objectives' is 'Give'; expected a list ('- item' lines)"),
        ("        step: 4", "        step: 0", "l.yaml:38:15: error: 'step' is 0; expected at least 1"),
        ("    title: First steps\n", "", "l.yaml:26:5: error: missing key 'title' in puzzles item 1"),
        ("grade: 3", "grade: 3-9", "l.yaml:4:8: error: 'grade' '3-9' is not valid; expected a grade from 1 to 6, a range like '3-4', or a list like [3, 4]"),
        ("grade: 3", "grade: 1.5", "l.yaml:4:8: error: 'grade' is the number 1.5; expected a grade from 1 to 6, a range like '3-4', or a list like [3, 4]"),
        ("grade: 3", "grade:", "l.yaml:4:7: error: 'grade' is empty; expected a grade from 1 to 6, a range like '3-4', or a list like [3, 4]"),
        ("grade: 3", "grade: [３]", "l.yaml:4:9: error: full-width digits '３' in 'grade'; write 3 with half-width digits"),
        ("world: grid", "world: grid\nroles: [{name: Scout}]", "l.yaml:20:9: error: missing key 'does' in roles item 1"),
        ("world: grid", "world: grid\nroles: [5]", "l.yaml:20:9: error: 'roles' is the number 5; expected a role name ('programmer', 'tester', 'robot', 'recorder') or {name, does}"),
        ("world: grid", "world: grid\nroles: [{name: Scout, does: looks, colour: red}]", "l.yaml:20:36: error: unknown key 'colour'"),
        ("solution: repeat 3 [ forward ]", "solution: 5", "l.yaml:32:15: error: 'solution' is the number 5; expected a program: text like 'forward turn_left' or a list of cards"),
        ("      - forward forward forward", "      - 5", "l.yaml:34:9: error: 'alternatives' is the number 5; expected a program: text like 'forward turn_left' or a list of cards"),
        ("grade: 3", "grade: true", "l.yaml:4:8: error: 'grade' is true; expected a grade from 1 to 6, a range like '3-4', or a list like [3, 4]"),
        ("minutes: 45", "minutes: true", "l.yaml:5:10: error: 'minutes' is true; expected a whole number"),
        ("minutes: 45", "minutes: 45.0", "l.yaml:5:10: error: 'minutes' is the number 45.0; expected a whole number"),
        ("        step: 4", "        step: true", "l.yaml:38:15: error: 'step' is true; expected a whole number"),
        ("world: grid", "world: grid\nmext: G", "l.yaml:20:7: error: unknown mext 'G'; expected 'A', 'B', 'C', 'D', 'E' or 'F'"),
    ],
)
def test_schema_messages(old, new, expected):
    assert diagnostics(edit(old, new)) == [expected]


def test_an_unknown_outcome_names_the_worlds_outcomes():
    # Each family has its own outcomes (a network's bug ends 'unsorted'), so
    # the check, which knows the world, words it.
    from lessonkit.check import check_bytes

    result = check_bytes(edit("        outcome: crash", "        outcome: crashed").encode(), Report("l.yaml"))
    assert [str(d) for d in result.diagnostics if d.is_error] == ["l.yaml:37:18: error: unknown outcome 'crashed'; expected 'crash', 'stopped', 'step_limit' or 'unknown_card'; did you mean 'crash'?"]
    result = check_bytes(edit("        outcome: crash", "        outcome: unsorted").encode(), Report("l.yaml"))
    assert [str(d) for d in result.diagnostics if d.is_error] == ["l.yaml:37:18: error: a grid bug exercise cannot end in 'unsorted'; expected 'crash', 'stopped', 'step_limit' or 'unknown_card'"]


def _every_lesson_text():
    from pathlib import Path

    root = Path(__file__).resolve().parent
    files = sorted((root.parent / "lessons").rglob("*.yaml")) + sorted((root / "golden").glob("*.yaml"))
    return [(p.name, p.read_bytes()) for p in files]


@pytest.mark.parametrize("name,raw", _every_lesson_text(), ids=lambda v: v if isinstance(v, str) else "")
def test_libyaml_and_the_strict_composer_read_every_file_alike(name, raw):
    """The fast path (libyaml) must give exactly what the strict path gives:
    the same data and the same spans, or both the same error."""
    from lessonkit.spec.yamlload import decode, load

    def attempt(fast: bool):
        try:
            doc = load(decode(raw), fast=fast)
        except LoadError as exc:
            return ("error", exc.line, exc.col, exc.message)
        return ("doc", doc.data, doc.spans, doc.key_spans)

    assert attempt(True) == attempt(False)
