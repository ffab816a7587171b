"""Never a traceback: whatever bytes an author saves, checking returns diagnostics."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lessonkit.check import check_bytes
from lessonkit.spec.load import Report

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "lessons").rglob("*.yaml"))]
JUNK = st.sampled_from(["", " ", "  ", "\t", "\u3000", ":", "- ", "[", "]", "{", "}", "|", ">", "&a ", "*a", "!!str ", "#", "'", '"', "３", "\n", "{漢|", "}", "repeat", "くりかえす", "まえ", "S", "G", "#", ".", "\x00", "\ufeff", "𠀀", "\u2028", "\x85", "é", "😀", "\\", "%", "@", "`", "? ", "--- ", "...", "!", ",", "　"])


def _mutate(text: str, edits: list[tuple[int, int, str]]) -> str:
    for pos, cut, insert in edits:
        pos %= len(text) + 1
        text = text[:pos] + insert + text[pos + cut :]
    return text


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(range(len(SOURCES))),
    st.lists(st.tuples(st.integers(0, 20000), st.integers(0, 40), JUNK), min_size=1, max_size=6),
)
def test_a_damaged_lesson_gives_diagnostics_not_a_traceback(index, edits):
    text = _mutate(SOURCES[index], edits)
    result = check_bytes(text.encode("utf-8", errors="surrogatepass"), Report("lesson.yaml"))
    for diag in result.diagnostics:
        assert diag.line >= 1 and diag.col >= 1 and diag.message
    if result.checked is None:
        assert any(d.is_error for d in result.diagnostics)


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=400))
def test_any_bytes_give_diagnostics_not_a_traceback(raw):
    result = check_bytes(raw, Report("lesson.yaml"))
    assert result.checked is None and any(d.is_error and d.line >= 1 and d.col >= 1 for d in result.diagnostics)


def test_a_control_character_is_located():
    result = check_bytes("id: x\ntitle: a\u0080b\n".encode(), Report("lesson.yaml"))
    assert [str(d) for d in result.diagnostics] == [
        "lesson.yaml:2:9: error: control character U+0080 is not allowed in a lesson file; delete it"
    ]


# --- rendering: any lesson that checks prints, on any paper --------------------------------

TEXT = st.text(
    alphabet=st.sampled_from(list("ロボットをうごかすまえみぎひだり漢字森林ABCxyz 0129。、「」（）!?<>&{}|\\\n")),
    min_size=1,
    max_size=120,
).filter(lambda t: t.strip())


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    title=TEXT,
    task=TEXT,
    hint=TEXT,
    paper=st.sampled_from(["a4", "b4", "a3", "letter"]),
    groups=st.integers(1, 9),
)
def test_any_text_that_checks_prints(title, task, hint, paper, groups):
    from lessonkit.build import DOCUMENTS
    from lessonkit.render.options import BuildOptions
    from lessonkit.spec.ruby import RubyError, format_ruby, parse_ruby

    def literal(text: str) -> str:
        # Braces typed as text, not furigana: written the way an author escapes them.
        try:
            return format_ruby(parse_ruby(text))
        except RubyError:
            return text.replace("{", "{{").replace("}", "}}")

    import json

    from conftest import edit

    text = edit("title: Robot maze", "title: " + json.dumps(literal(title), ensure_ascii=False))
    text = edit("        hint: count the squares", "        hint: " + json.dumps(literal(hint), ensure_ascii=False), text)
    text = edit("    title: First steps", "    title: First steps\n    task: " + json.dumps(literal(task), ensure_ascii=False), text)
    result = check_bytes(text.encode("utf-8"), Report("lesson.yaml"))
    assert result.ok, [str(d) for d in result.diagnostics]
    options = BuildOptions(paper=paper, groups=groups)
    for name, render in DOCUMENTS.items():
        rendered = render(result.checked, options)
        assert rendered.data.startswith(b"%PDF") and rendered.pages >= 1, name


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(range(len(SOURCES))),
    st.lists(st.tuples(st.integers(0, 20000), st.integers(0, 40), JUNK), min_size=0, max_size=4),
)
def test_libyaml_and_the_strict_composer_agree_on_damaged_lessons(index, edits):
    from lessonkit.spec.yamlload import LoadError, load

    text = _mutate(SOURCES[index], edits).replace("\r", "")

    def attempt(fast: bool):
        try:
            doc = load(text, fast=fast)
        except LoadError as exc:
            return ("error", exc.line, exc.col, exc.message)
        return ("doc", doc.data, doc.spans, doc.key_spans)

    strict, fast = attempt(False), attempt(True)
    # Whatever the strict composer reads, libyaml reads alike.  libyaml is a
    # little more lenient ('support: >#-' is a folded block to it, an error to
    # PyYAML); then it may read text the strict path refuses, never differently.
    if strict[0] == "doc" or fast[0] == "error":
        assert fast == strict


G1_ROUTINE = Path(__file__).resolve().parent.parent / "lessons" / "ja" / "g1-morning-routine.yaml"


def _check_edited(old: str, new: str):
    text = G1_ROUTINE.read_text(encoding="utf-8")
    assert old in text
    report = Report("lesson.yaml")
    check_bytes(text.replace(old, new, 1).encode("utf-8"), report)
    return [str(d) for d in report.diagnostics]


def test_a_fact_label_with_a_stray_brace_is_located():
    """The long fuzz run (seed 202, case 5722): a procedure fact's label
    with '}' and no '{' made the card-name table raise RubyError."""
    out = _check_edited("  fed: {label: おなかが いっぱい, absent: まだ ごはんを たべて いない}", "  fed: おなかが いっぱい}")
    assert any(":113:" in d and "'}' without '{'" in d for d in out), out


def test_a_procedure_alternative_written_as_a_mapping_is_located():
    """The long fuzz run (seed 202, case 15732): an alternative written as a
    mapping made the strip's slot count index it like text (KeyError: 0)."""
    out = _check_edited("      - おきる ごはん かお はみがき\n", "      - {program: おきる ごはん かお はみがき}\n")
    assert any(":146:" in d and "in a program" in d for d in out), out


def test_a_quote_cut_through_unclosed_furigana_is_located():
    """The second long fuzz run (seeds 303 and 404): a 「…」 quote holding an
    unclosed '{' made the card-words lint raise RubyError."""
    text = G1_ROUTINE.read_text(encoding="utf-8")
    line = next(l for l in text.splitlines() if l.startswith("reflection:"))
    out = _check_edited(line, "reflection: 「も{まで くりかえす」を つかったよ")
    assert any("furigana '{' is not closed" in d for d in out), out
    assert not any("internal" in d for d in out)
