"""Lesson-level checks: does every puzzle work as the lesson says?

For every puzzle: the board is well formed and solvable; the solution and
every alternative reach the goal; every bug exercise goes wrong with the
outcome and at the step it states; the solution uses only the lesson's cards,
no more of each than a group's kit holds.  Lints (warnings): flow minutes,
concepts no solution uses, solutions much longer than the shortest.

The result is data the renderer reads: programs, traces and solver results.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path as FsPath
from typing import Any, Iterator

from lessonkit.diagnostics import Diagnostic, Severity, did_you_mean, one_of, quote
from lessonkit.program import Program
from lessonkit.simulate import Outcome, Trace, run
from lessonkit.fewest import Fewest, cards_laid, fewest
from lessonkit.solve import Solution, solve
from lessonkit.spec.load import Report, parse_lesson
from lessonkit.spec.models import KNOWN_ROLES, Bug, Concept, Lesson, Puzzle, card_count
from lessonkit.spec.programs import read_program
from lessonkit.spec.ruby import RubyError, format_ruby, misplaced, parse_ruby
from lessonkit.worlds import FAMILIES, Family, World, WorldError, find_family
from lessonkit.worlds.base import CONTROL_CARDS, end_cards

# Keys whose values are names or programs, not prose: no furigana there.
_NOT_PROSE = {"id", "language", "world", "facing", "board", "picture", "pen", "decode", "goal", "start", "steps", "needs", "adds", "removes", "icon", "solution", "alternatives", "program", "concepts", "mext", "phase", "outcome", "cards", "main", "functions", "do", "then", "else", "if", "until", "repeat"}
LONG_SOLUTION_FACTOR = 1.5
MAX_UNKNOWN = 10  # unknown names reported one by one; the rest are counted
MAX_PROGRAM_CARDS = 500  # cards in one program (a puzzle's max_cards goes no higher)
MAX_PUZZLES = 40  # puzzles in one lesson: each prints a sheet per group
MAX_BUGS = 20  # bug exercises in one puzzle
# Characters (furigana readings not counted) a printed field may hold, by
# where it sits ('*' any item): each is printed in a box of a page, and more
# would not fit it (measured on grade 1 Japanese, the largest pupils' text, on
# Letter, the narrowest paper: every field at its limit at once still prints).
# Any other text (the guide's: flow, aims, criteria, the unit) may hold
# DEFAULT_LENGTH: the guide's tables run on over pages, but not forever.
MAX_LENGTH = {
    ("title",): 150,
    ("unit",): 300,
    ("unit", "name"): 300,
    ("reflection",): 400,
    ("roles", "*", "name"): 40,
    ("roles", "*", "does"): 120,
    ("puzzles", "*", "title"): 150,
    ("puzzles", "*", "task"): 400,
    ("puzzles", "*", "bugs", "*", "hint"): 300,
    ("puzzles", "*", "bugs", "*", "explanation"): 1000,
}
DEFAULT_LENGTH = 2000
CHECK_BUDGET = 30_000  # blocks the fewest-cards lint may run for one puzzle (a few tenths of a second)


@dataclass(frozen=True)
class CheckedBug:
    spec: Bug
    program: Program
    trace: Trace


@dataclass(frozen=True)
class CheckedPuzzle:
    spec: Puzzle
    world: World
    solution: Program
    trace: Trace
    alternatives: tuple[tuple[Program, Trace], ...]
    bugs: tuple[CheckedBug, ...]
    solved: Solution | None
    max_steps: int  # the puzzle's, or the world's suggestion
    actions: tuple[str, ...] = ()  # the action cards the solver used
    palette: dict[str, int] = field(default_factory=dict)  # a group's cards for this puzzle
    fewest: Fewest | None = None  # the check's search for fewer cards than the solution (None: not searched)
    analysis: Any = None  # what the family found out besides (Family.analyse, or check_puzzle)


@dataclass
class CheckedLesson:
    """A lesson that loaded, with what checking it found out."""

    source: str
    lesson: Lesson
    family: type[Family]
    puzzles: list[CheckedPuzzle] = field(default_factory=list)


@dataclass
class Result:
    source: str
    diagnostics: list[Diagnostic]
    checked: CheckedLesson | None
    id_at: tuple[int, int] = (1, 1)  # where the lesson's id is written
    hidden_errors: int = 0  # found past the per-file cap, counted, not kept
    hidden_warnings: int = 0

    @property
    def ok(self) -> bool:
        return self.checked is not None and not any(d.is_error for d in self.diagnostics)


def check_file(path: str | FsPath, display: str | None = None) -> Result:
    report = Report(display or str(path))
    try:
        raw = FsPath(path).read_bytes()
    except OSError as exc:
        report.add(1, 1, f"cannot read the file: {exc.strerror or exc}")
        return Result(report.path, report.sorted(), None)
    return check_bytes(raw, report)


def check_bytes(raw: bytes, report: Report) -> Result:
    result = _check_bytes(raw, report)
    result.hidden_errors, result.hidden_warnings = report.hidden[Severity.ERROR], report.hidden[Severity.WARNING]
    return result


def _check_bytes(raw: bytes, report: Report) -> Result:
    try:
        lesson, report = parse_lesson(raw, report)
        if lesson is None:
            return Result(report.path, report.sorted(), None)
        if report.broken is not None:  # schema errors: check the rest now, build nothing
            _check_rest(lesson, report, report.broken)
            return Result(report.path, report.sorted(), None)
        checked = _check(lesson, report)
    except RecursionError:
        # A last resort: the loader and parsers cap nesting, so this means a
        # shape nobody foresaw.  Still an error at the file, never a traceback.
        report.add(1, 1, "the lesson is nested too deeply to check")
        return Result(report.path, report.sorted(), None)
    span = report.doc.span(("id",)) if report.doc else None
    return Result(report.path, report.sorted(), checked, (span.line, span.col) if span else (1, 1))


def duplicate_ids(results: list[Result]) -> list[Diagnostic]:
    """Two lessons with one id would build into one folder: an error at the second."""
    first: dict[str, Result] = {}
    found = []
    for result in results:
        if result.checked is None:
            continue
        lesson_id = result.checked.lesson.id
        if lesson_id in first:
            line, col = result.id_at
            found.append(Diagnostic(result.source, line, col, Severity.ERROR, f"lesson id '{lesson_id}' is also the id of {first[lesson_id].source}; each lesson needs its own id (it names the kit's folder)"))
        else:
            first[lesson_id] = result
    return found


def _check(lesson: Lesson, report: Report) -> CheckedLesson | None:
    _check_lengths(report)
    _check_prose(report)
    _check_kanji(lesson, report)
    _check_flow(lesson, report)
    _check_unit(lesson, report)
    _check_roles(lesson, report)
    family = find_family(lesson.world)
    if family is None:
        report.at(("world",), f"unknown world {quote(lesson.world)}; expected {one_of(sorted(FAMILIES))}" + did_you_mean(lesson.world, FAMILIES))
        return None
    family, problems = family.for_lesson(lesson)
    for problem in problems:
        report.at(problem.path, problem.message, Severity.WARNING if problem.warning else Severity.ERROR, key=problem.key, offset=problem.offset)
    palette, kit_known = _check_cards(lesson, family, report)
    checked = CheckedLesson(report.path, lesson, family)
    seen_ids: dict[str, int] = {}
    if len(lesson.puzzles) > MAX_PUZZLES:  # the rest are not checked: the lesson is not built
        report.at(("puzzles", MAX_PUZZLES), f"the lesson has {len(lesson.puzzles):,} puzzles; at most {MAX_PUZZLES} (each prints a sheet for every group); puzzles after the {MAX_PUZZLES}th were not checked")
    for index, puzzle in enumerate(lesson.puzzles[:MAX_PUZZLES]):
        if len(puzzle.bugs) > MAX_BUGS:
            report.at(("puzzles", index, "bugs", MAX_BUGS), f"puzzle '{puzzle.id}' has {len(puzzle.bugs)} bug exercises; at most {MAX_BUGS}")
        if puzzle.id in seen_ids:
            report.at(("puzzles", index, "id"), f"duplicate puzzle id '{puzzle.id}' (first is puzzle {seen_ids[puzzle.id] + 1})")
        seen_ids.setdefault(puzzle.id, index)
        result = _check_puzzle(lesson, family, palette, index, puzzle, report, kit_known)
        if result is not None:
            checked.puzzles.append(result)
    if len(checked.puzzles) == len(lesson.puzzles):
        _check_concepts(lesson, checked, report)
    _check_right_and_wrong(checked, report)
    _check_handout_flow(lesson, report)
    _check_card_quotes(lesson, family, report)
    return checked


def _check_right_and_wrong(checked: CheckedLesson, report: Report) -> None:
    """A bug exercise whose program another puzzle lists as an alternative:
    the guide prints it as one more right answer there and as wrong here,
    which reads as a contradiction (a teacher's review of g3-make-tea found
    one).  Another puzzle's *solution* used as a bug is a common exercise in
    transfer ("the last maze's program fails on this one") and is left alone.
    A warning at the bug, naming the other puzzle."""
    listed: dict[Any, tuple[int, str]] = {}
    for cp in checked.puzzles:
        for j, (program, _) in enumerate(cp.alternatives):
            listed.setdefault(program, (j, cp.spec.id))
    for cp in checked.puzzles:
        base = ("puzzles", checked.lesson.puzzles.index(cp.spec))
        for j, bug in enumerate(cp.spec.bugs):
            found = next((b for b in cp.bugs if b.spec is bug), None)
            if found is None or found.program not in listed or listed[found.program][1] == cp.spec.id:
                continue
            k, other = listed[found.program]
            report.warn(base + ("bugs", j, "program"), f"bug exercise {j + 1} is alternative {k + 1} of puzzle '{other}': the guide lists it as another right answer there and as wrong here; drop it from one of them")


def _check_rest(lesson: Lesson, report: Report, broken: frozenset) -> None:
    """After schema errors, the same round checks every part they are not in:
    the text, kanji, flow, roles, the kit and each puzzle that loaded; lints
    about the lesson as a whole wait until it loads."""
    _check_lengths(report)
    _check_prose(report)
    if not {"language", "grade"} & broken:
        _check_kanji(lesson, report)
    if not {"flow", "minutes"} & broken:
        _check_flow(lesson, report)
    if "roles" not in broken:
        _check_roles(lesson, report)
    if "world" in broken or "puzzles" in broken:
        return
    family = find_family(lesson.world)
    if family is None:
        report.at(("world",), f"unknown world {quote(lesson.world)}; expected {one_of(sorted(FAMILIES))}" + did_you_mean(lesson.world, FAMILIES))
        return
    if "cards" in broken:
        palette, kit_known = {}, False
    else:
        palette, kit_known = _check_cards(lesson, family, report)
    seen_ids: dict[str, int] = {}
    for index, puzzle in enumerate(lesson.puzzles[:MAX_PUZZLES]):
        if ("puzzle", index) in broken:
            continue
        if puzzle.id in seen_ids:
            report.at(("puzzles", index, "id"), f"duplicate puzzle id '{puzzle.id}' (first is puzzle {seen_ids[puzzle.id] + 1})")
        seen_ids.setdefault(puzzle.id, index)
        _check_puzzle(lesson, family, palette, index, puzzle, report, kit_known)


def _strings(data: Any, path: tuple) -> Iterator[tuple[tuple, str]]:
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, dict):
        for key, value in data.items():
            if key not in _NOT_PROSE:
                yield from _strings(value, path + (key,))
            elif key == "cards" and isinstance(value, dict):  # a card's printed label is prose
                for name, card in value.items():
                    if isinstance(card, dict) and isinstance(card.get("label"), str):
                        yield path + (key, name, "label"), card["label"]
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _strings(value, path + (i,))


def _check_lengths(report: Report) -> None:
    """Every printed field fits its page: a located error saying the limit."""
    from lessonkit.spec.ruby import RubyError, plain_text

    assert report.doc is not None
    for path, text in _strings(report.doc.data, ()):
        if len(text) <= 150:  # within every limit: the common case, at once
            continue
        where = tuple("*" if isinstance(p, int) else p for p in path)
        limit = MAX_LENGTH.get(where, DEFAULT_LENGTH)
        if len(text) <= limit:
            continue
        key = next((p for p in reversed(path) if isinstance(p, str)), "text")
        try:
            shown = len(plain_text(text))
        except RubyError:
            shown = len(text)
        if shown > limit:
            report.at(path, f"'{key}' is {shown:,} characters long; at most {limit:,} fit where it is printed")


def _check_prose(report: Report) -> None:
    """Furigana markup is well formed, and the font can draw every character."""
    from lessonkit.glyphs import missing_glyphs

    assert report.doc is not None
    for path, text in _strings(report.doc.data, ()):
        try:
            runs = parse_ruby(text)
        except RubyError as exc:
            report.at(path, exc.message, offset=exc.offset)
            continue
        offset = 0
        for piece in runs:
            wrong = misplaced(piece)
            if wrong:
                report.at(path, wrong, offset=offset)
            offset += len(format_ruby((piece,)))
        plain = "".join(r.base + (r.ruby or "") for r in runs)
        for ch in missing_glyphs(plain):
            report.at(path, f"character '{ch}' (U+{ord(ch):04X}) cannot be printed: the bundled font has no glyph for it", offset=text.find(ch))


# Text pupils read (worksheets, cards, hints): kanji here must suit the grade.
_PUPIL_KEYS = {"title", "task", "hint", "reflection", "does", "name", "label", "absent"}


def _check_kanji(lesson: Lesson, report: Report) -> None:
    """Warn about kanji a pupil of the lesson's (lowest) grade has not learned, bare of furigana."""
    if lesson.language != "ja":
        return
    from lessonkit.kanji import grade_of

    grade = min(lesson.grades)
    assert report.doc is not None
    for path, text in _strings(report.doc.data, ()):
        if not path or not isinstance(path[-1], str) or (path[-1] not in _PUPIL_KEYS and path[0] != "facts") or path[0] == "unit":
            continue  # the unit's plan is for teachers; a procedure's facts are pupils' words
        try:
            runs = parse_ruby(text)
        except RubyError:
            continue  # reported by _check_prose
        offset = 0
        for piece in runs:
            if piece.ruby is None:
                for i, ch in enumerate(piece.base):
                    taught = grade_of(ch)
                    if taught is not None and taught > grade:
                        when = f"taught in grade {taught}" if taught <= 6 else "not taught in elementary school"
                        report.warn(path, f"kanji '{ch}' is {when}; this lesson is for grade {grade}: add furigana ('{{{ch}|…}}') or write it in kana", offset=offset + i)
            offset += len(format_ruby((piece,)))


def _check_flow(lesson: Lesson, report: Report) -> None:
    total = sum(p.minutes for p in lesson.flow)
    if total != lesson.minutes:
        parts = " + ".join(str(p.minutes) for p in lesson.flow)
        report.warn(("flow",), f"flow minutes add up to {total} ({parts}), but the lesson is {lesson.minutes} minutes")
    phases = {p.phase.value for p in lesson.flow}
    for needed in ("introduction", "development", "summary"):
        if needed not in phases:
            report.warn(("flow",), f"flow has no '{needed}' phase")


def _check_unit(lesson: Lesson, report: Report) -> None:
    """A unit's plan marks exactly one lesson as this one (本時)."""
    unit = lesson.unit_info
    if unit is None or not unit.plan:
        return
    marked = [i for i, row in enumerate(unit.plan) if row.this]
    if not marked:
        report.at(("unit", "plan"), "the unit's plan does not say which lesson this is; give this lesson's row 'this: true'")
    for i in marked[1:]:
        report.at(("unit", "plan", i, "this"), f"the unit's plan marks lesson {marked[0] + 1} as this lesson already; only one row has 'this: true'")


def _check_roles(lesson: Lesson, report: Report) -> None:
    for i, role in enumerate(lesson.roles):
        if isinstance(role, str) and role not in KNOWN_ROLES:
            report.at(("roles", i), f"unknown role {quote(role)}; expected {', '.join(KNOWN_ROLES)} or {{name, does}}" + did_you_mean(role, KNOWN_ROLES))


def _check_cards(lesson: Lesson, family: type[Family], report: Report) -> tuple[dict[str, int], bool]:
    """One group's kit by canonical name, and whether every card in it was
    understood (when not, what depends on the kit is not reported again)."""
    from lessonkit.vocabulary import card_list, suggestion

    aliases = family.kit_names()
    palette: dict[str, int] = {}
    written: dict[str, str] = {}  # canonical -> the spelling that listed it first
    complete = True
    for name, value in lesson.cards.items():
        count = card_count(value)
        canonical = aliases.get(name)
        if canonical is None and report.full:  # counted, not worded: a suggestion costs a search
            report.count()
            complete = False
            continue
        if canonical is None:
            hint = suggestion(name, family, lesson.language)
            report.at(("cards", name), f"unknown card '{name}' for the {family.name} world" + (hint or card_list(family, lesson.language)), key=True)
            complete = False
            continue
        if isinstance(count, bool) or not isinstance(count, int) or count < 1:
            report.at(("cards", name), f"card count for '{name}' is {count!r}; expected how many one group's kit holds (1 or more)")
            continue
        if canonical in written:
            # Counted together, as a group's kit would hold them, but never silently.
            first = written[canonical]
            total = palette[canonical] + count
            report.at(("cards", name), f"'{name}' and '{first}' are the same card ({canonical}); list it once, as '{first}: {total}'", key=True)
        written.setdefault(canonical, name)
        palette[canonical] = palette.get(canonical, 0) + count
    return palette, complete


def _check_puzzle(lesson: Lesson, family: type[Family], palette: dict[str, int], index: int, puzzle: Puzzle, report: Report, kit_known: bool = True) -> CheckedPuzzle | None:
    base = ("puzzles", index)
    extra = dict(puzzle.model_extra or {})
    ok = True
    for key in extra:
        if key not in family.puzzle_keys:
            choices = list(Puzzle.model_fields) + list(family.puzzle_keys)
            report.at(base + (key,), f"unknown key '{key}' in a {family.name} puzzle" + did_you_mean(key, choices), key=True)
            ok = False
    try:
        world = family.build(extra)
    except WorldError as exc:
        head = exc.key[0] if isinstance(exc.key, tuple) else exc.key
        if head is not None and head not in extra and any(did_you_mean(key, [head]) for key in extra):
            return None  # a misspelt key ('bord'), reported above with its suggestion
        if head in extra:
            path = base + (exc.key if isinstance(exc.key, tuple) else (exc.key,))
            if not isinstance(exc.key, tuple) and _rows_read_as_comments(report, path):
                return None
            report.at(path, exc.message, offset=exc.offset)
        else:
            report.at(base, exc.message)
        return None
    if not ok:
        return None
    for message in family.assumed(extra):
        report.warn(base, message)
    if not kit_known:  # an unknown card in 'cards' was reported; what needs the kit is not
        palette = None
    names = family.names()
    actions = frozenset(family.actions())
    conditions = frozenset(family.conditions())
    palette, source = _puzzle_palette(puzzle, palette, family, base, report)
    if family.owns_check:
        return _check_owned(lesson, family, palette, source, base, puzzle, world, report)
    for j, bug in enumerate(puzzle.bugs):
        if bug.outcome not in family.bug_outcomes:
            report.at(base + ("bugs", j, "outcome"), _outcome_message(bug.outcome, family))
    solution = read_program(puzzle.solution, base + ("solution",), report, names)
    if solution is None or _too_long(solution, base + ("solution",), "solution", report):
        return None

    max_steps = puzzle.max_steps or world.suggested_max_steps()
    stop = puzzle.goal_rule == "stop"

    def simulate(program: Program) -> Trace:
        return run(world, program, actions, conditions, max_steps, stop_at_goal=stop)

    def fits(program: Program, path: tuple, what: str, severity: Severity = Severity.ERROR, advice: str = "") -> None:
        _check_kit(program, palette, path, what, report, names, severity, advice, source)
        _check_max_cards(program, puzzle, path, what, report, severity, advice)

    trace = simulate(solution)
    if _known_names(solution, base + ("solution",), "solution", report, family, lesson.language):
        _expect_goal(trace, base + ("solution",), "solution", report)
        _past_goal(trace, world, base + ("solution",), "solution", report)
    if family.laid_out(extra):  # a program printed for pupils to read need not fit the kit
        fits(solution, base + ("solution",), "solution")
    _check_repeats(solution, base + ("solution",), "solution", report)
    alternatives = []
    for j, value in enumerate(puzzle.alternatives):
        path = base + ("alternatives", j)
        program = read_program(value, path, report, names)
        if program is None or _too_long(program, path, f"alternative {j + 1}", report):
            continue
        alt_trace = simulate(program)
        what = f"alternative {j + 1}"
        if _known_names(program, path, what, report, family, lesson.language):
            _expect_goal(alt_trace, path, what, report)
            _past_goal(alt_trace, world, path, what, report)
        fits(program, path, what)
        alternatives.append((program, alt_trace))
    bugs = []
    for j, bug in enumerate(puzzle.bugs):
        path = base + ("bugs", j, "program")
        program = read_program(bug.program, path, report, names)
        if program is None or _too_long(program, path, f"bug exercise {j + 1}", report):
            continue
        bug_trace = simulate(program)
        # An unknown card is the point of an 'unknown_card' exercise; elsewhere it is a typo.
        if bug.outcome not in family.bug_outcomes:
            pass  # reported above, with the outcomes this world's bugs may state
        elif bug.outcome == "unknown_card" or _known_names(program, path, f"bug exercise {j + 1}", report, family, lesson.language):
            _check_bug(bug, bug_trace, base + ("bugs", j), report)
        if not bug.handout:  # a group lays it out from its kit, so the kit must hold it
            fits(program, path, f"bug exercise {j + 1}", Severity.WARNING, "; or give it 'handout: true' to print it on the worksheet")
        elif bug.handout == "lay":  # printed, and pupils lay it out to run it and fix it
            fits(program, path, f"handout bug exercise {j + 1}", Severity.ERROR, ", so a group cannot lay it out to run and fix it ('handout: lay')")
        bugs.append(CheckedBug(bug, program, bug_trace))
    usable = tuple(a for a in family.actions() if a in (palette or {}))
    own = family.solve(world, usable, stop_at_goal=stop)
    solved = own or solve(world, usable, stop_at_goal=stop)
    main = base + (family.main_key,) if family.main_key in extra else base
    long_path = False
    if solved.shortest is None and not solved.complete:
        report.warn(main, f"puzzle '{puzzle.id}' is too large to search for the shortest solution (gave up after {solved.states:,} positions)")
    elif solved.shortest is None:
        if palette is not None:
            report.at(main, family.unsolvable(puzzle.id, usable, world).replace("the lesson's action cards", source.replace("cards", "action cards")))
    elif trace.reached_goal and not _is_general(solution) and len(trace.steps) >= max(solved.shortest * LONG_SOLUTION_FACTOR, solved.shortest + 3):
        report.warn(base + ("solution",), f"solution takes {len(trace.steps)} steps; the shortest takes {solved.shortest}")
        long_path = True  # one cause, one message: the cards lint would say it again
    few = None
    if trace.reached_goal and palette is not None and not _is_general(solution) and not solution.functions and not long_path and not family.searches_repeats:
        few = _check_fewest(lesson, family, world, solution, palette, puzzle, max_steps, base, report, own)
    used = set(solution.card_counts())
    for program, _ in alternatives:
        used |= set(program.card_counts())
    worked = ((solution,) if trace.reached_goal else ()) + tuple(p for p, t in alternatives if t.reached_goal)
    facts = {"palette": palette or {}, "trace": trace, "used": used, "laid": cards_laid(solution), "lang": lesson.language, "worked": worked}
    analysis, problems = family.analyse(world, puzzle, facts)
    for problem in problems:
        report.at(base + problem.path, problem.message, Severity.WARNING if problem.warning else Severity.ERROR, key=problem.key, offset=problem.offset)
    return CheckedPuzzle(puzzle, world, solution, trace, tuple(alternatives), tuple(bugs), solved, max_steps, usable, dict(palette or {}), few, analysis)


def _check_fewest(lesson: Lesson, family: type[Family], world: World, solution: Program, palette: dict[str, int], puzzle: Puzzle, max_steps: int, base: tuple, report: Report, rows=None) -> Fewest:
    """Warn when far fewer cards would do (a repeat in place of a row of cards).

    Only programs of clearly fewer cards are searched for, so the check stays
    quick.  The caller leaves alone a solution that senses (a rule written for
    many boards, as the step lint does) and one built around a function (the
    lesson is teaching functions); ``solve`` shows the fewest for those.
    ``rows`` is the family's own search for the shortest rows of action
    cards (Family.solve), which the search then need not run again."""
    from lessonkit.program import format_program

    laid = cards_laid(solution)
    clearly = int(min(laid / LONG_SOLUTION_FACTOR, laid - 3))  # solution >= 1.5x and +3 cards
    few = fewest(
        world, palette, family.actions(), family.conditions(), max_cards=puzzle.max_cards,
        stop_at_goal=puzzle.goal_rule == "stop", max_steps=max_steps, up_to=max(clearly, -1), budget=CHECK_BUDGET, rows=rows,
    )
    if few.cards is not None and few.program is not None:
        names = {c.name: c.ja for c in family.cards} if lesson.language == "ja" else {}
        shown = format_program(few.program, names, lang=lesson.language)
        report.warn(base + ("solution",), f"solution lays {laid} cards; {few.cards} are enough ({laid - few.cards} fewer, End cards counted): {shown}")
    return few


def _rows_read_as_comments(report: Report, path: tuple) -> bool:
    """A block picture whose rows are indented no further than its key: YAML
    ends the block at once and reads rows that start with '#' as comments.
    Say so at the first such row (True), rather than 'board is empty'."""
    if report.doc is None or path not in report.doc.key_spans or report.doc.span(path).style not in ("|", ">"):
        return False
    key = report.doc.key_spans[path]
    lines = report.doc.lines
    for number in range(key.line + 1, len(lines) + 1):
        text = lines[number - 1]
        if not text.strip():
            continue
        indent = len(text) - len(text.lstrip(" "))
        if indent > key.col - 1 or not text.lstrip().startswith("#"):
            return False
        name = path[-1]
        report.add(
            number,
            indent + 1,
            f"this line is indented no further than '{name}:' (at {key.line}:{key.col}), so YAML ends the '|' block before it "
            f"and reads a row that starts with '#' as a comment; indent every row further than '{name}:', e.g. {key.col + 1} spaces",
        )
        return True
    return False


def _outcome_message(outcome: str, family: type[Family]) -> str:
    if any(outcome in f.bug_outcomes for f in FAMILIES.values()):
        return f"a {family.name} bug exercise cannot end in '{outcome}'; expected {one_of(family.bug_outcomes)}"
    return f"unknown outcome {quote(outcome)}; expected {one_of(family.bug_outcomes)}" + did_you_mean(outcome, family.bug_outcomes)


def _check_max_cards(program: Program, puzzle: Puzzle, path: tuple, what: str, report: Report, severity: Severity = Severity.ERROR, advice: str = "") -> None:
    """A program laid with more cards than the puzzle's ``max_cards`` (End cards counted)."""
    if puzzle.max_cards is None:
        return
    ends = end_cards(program.card_counts())
    laid = len(program) + ends
    if laid > puzzle.max_cards:
        with_ends = f" ({_count_words(ends, 'End card')} among them)" if ends else ""
        report.at(path, f"{what} takes {laid} cards{with_ends}; the puzzle allows at most {puzzle.max_cards} ('max_cards'){advice}", severity)


def _check_owned(lesson: Lesson, family: type[Family], palette: dict[str, int] | None, source: str, base: tuple, puzzle: Puzzle, world: World, report: Report) -> CheckedPuzzle | None:
    """A puzzle of a family that checks itself (Family.owns_check): read its
    programs (card programs, or the family's own notation), hold them to the
    kit, then let the family prove them."""
    own = family.owns_notation

    def read(value: Any, path: tuple, what: str) -> Any:
        if own:
            try:
                return family.read(world, value)
            except WorldError as exc:
                sub = exc.key if isinstance(exc.key, tuple) else () if exc.key is None else (exc.key,)
                report.at(path + sub, exc.message, offset=exc.offset)
                return None
        program = read_program(value, path, report, family.names())
        if program is None or not _known_names(program, path, what, report, family, lesson.language):
            return None
        return program

    solution = read(puzzle.solution, base + ("solution",), "solution")
    if solution is None:
        return None
    alternatives = [read(v, base + ("alternatives", j), f"alternative {j + 1}") for j, v in enumerate(puzzle.alternatives)]
    bugs = []
    for j, bug in enumerate(puzzle.bugs):
        if bug.outcome not in family.bug_outcomes:
            report.at(base + ("bugs", j, "outcome"), _outcome_message(bug.outcome, family))
            bugs.append(None)
            continue
        bugs.append(read(bug.program, base + ("bugs", j, "program"), f"bug exercise {j + 1}"))
    # The kit prints these rules for pupils (worksheet, answer key): each must hold.
    if puzzle.goal_rule == "stop":
        report.at(base + ("goal_rule",), f"'goal_rule: stop' ends a run on the square of the goal; a {family.name} puzzle has no such square: its check runs every program to the end")
    if own and puzzle.max_cards is not None:
        report.at(base + ("max_cards",), f"'max_cards' counts the cards a group lays; a {family.name} puzzle's programs are not laid with cards")
    if not own and family.laid_out(dict(puzzle.model_extra or {})):  # programs for the answer key alone need not fit the kit
        names = family.names()
        _check_kit(solution, palette, base + ("solution",), "solution", report, names, source=source)
        _check_max_cards(solution, puzzle, base + ("solution",), "solution", report)
        for j, program in enumerate(alternatives):
            if program is not None:
                _check_kit(program, palette, base + ("alternatives", j), f"alternative {j + 1}", report, names, source=source)
                _check_max_cards(program, puzzle, base + ("alternatives", j), f"alternative {j + 1}", report)
        for j, (bug, program) in enumerate(zip(puzzle.bugs, bugs)):
            if program is not None and not bug.handout:
                _check_kit(program, palette, base + ("bugs", j, "program"), f"bug exercise {j + 1}", report, names, Severity.WARNING, "; or give it 'handout: true' to print it on the worksheet", source)
                _check_max_cards(program, puzzle, base + ("bugs", j, "program"), f"bug exercise {j + 1}", report, Severity.WARNING, "; or give it 'handout: true' to print it on the worksheet")
    analysis, problems = family.check_puzzle(world, puzzle, lesson, {"solution": solution, "alternatives": alternatives, "bugs": bugs, "palette": palette or {}})
    for problem in problems:
        report.at(base + problem.path, problem.message, Severity.WARNING if problem.warning else Severity.ERROR, key=problem.key, offset=problem.offset)
    checked_bugs = tuple(CheckedBug(spec, program, getattr(analysis, "bug_traces", {}).get(j)) for j, (spec, program) in enumerate(zip(puzzle.bugs, bugs)) if program is not None)
    alts = tuple((program, None) for program in alternatives if program is not None)
    trace = getattr(analysis, "trace", None)
    world = getattr(analysis, "world", None) or world  # the world as the kit prints it
    return CheckedPuzzle(puzzle, world, solution, trace, alts, checked_bugs, None, world.suggested_max_steps(), tuple(a for a in family.actions() if a in (palette or {})), dict(palette or {}), analysis=analysis)


def unknown_names(program: Program, family: type[Family], what: str = "program", lang: str = "en", *, limit: int | None = None) -> list[tuple[str, str]]:
    """(name, message) for every card and condition the world does not know,
    wherever it sits, even in a branch no run takes; each name once.  The
    suggestion is in the lesson's language (まえ in a Japanese lesson).  With
    ``limit``, the first ``limit`` names only (count_unknown says how many)."""
    from lessonkit.program import Action, If, RepeatUntil
    from lessonkit.vocabulary import suggestion

    actions = set(family.actions())
    conditions = set(family.conditions())
    found: list[tuple[str, str]] = []
    seen: set[str] = set()
    for _, node in program.walk():
        if isinstance(node, Action) and node.name not in actions and node.name not in seen:
            name = node.name
            if name in conditions:
                message = f"{what} uses the condition '{name}' as a card"
            else:
                message = f"unknown card '{name}' in the {what}" + suggestion(name, family, lang, ("action", "condition"))
        elif isinstance(node, (If, RepeatUntil)) and node.cond.name not in conditions and node.cond.name not in seen:
            name = node.cond.name
            if name in actions:
                message = f"{what} uses the card '{name}' as a condition"
            else:
                message = f"unknown condition '{name}' in the {what}" + suggestion(name, family, lang, ("condition",))
        else:
            continue
        seen.add(name)
        found.append((name, message))
        if limit is not None and len(found) >= limit:
            break
    return found


def count_unknown(program: Program, family: type[Family]) -> int:
    """How many distinct names in ``program`` the world does not know."""
    from lessonkit.program import Action, If, RepeatUntil

    actions = set(family.actions())
    conditions = set(family.conditions())
    seen: set[str] = set()
    for _, node in program.walk():
        if isinstance(node, Action) and node.name not in actions:
            seen.add(node.name)
        elif isinstance(node, (If, RepeatUntil)) and node.cond.name not in conditions:
            seen.add(node.cond.name)
    return len(seen)


def more_unknown(more: int, what: str) -> str:
    """The line after the first MAX_UNKNOWN unknown names."""
    return f"and {more:,} more unknown name{'' if more == 1 else 's'} in the {what}"


def _known_names(program: Program, path: tuple, what: str, report: Report, family: type[Family], lang: str = "en") -> bool:
    """Report unknown cards and conditions where they are written; True when none."""
    found = unknown_names(program, family, what, lang, limit=MAX_UNKNOWN + 1)
    places = _find_words(report, path, {name for name, _ in found})
    for name, message in found[:MAX_UNKNOWN]:
        where, offset = places.get(name, (path, None))
        report.at(where, message, offset=offset)
    if len(found) > MAX_UNKNOWN:  # the rest counted, at the first one not worded
        where, offset = places.get(found[MAX_UNKNOWN][0], (path, None))
        report.at(where, more_unknown(count_unknown(program, family) - MAX_UNKNOWN, what), offset=offset)
    return not found


def _too_long(program: Program, path: tuple, what: str, report: Report) -> bool:
    """A program longer than any desk holds (and than a page can print): an error."""
    cards = len(program)
    if cards > MAX_PROGRAM_CARDS:
        report.at(path, f"{what} has {cards:,} cards; a program may have at most {MAX_PROGRAM_CARDS} (it is laid out on a desk and printed)")
        return True
    return False


def _is_general(program: Program) -> bool:
    """A program that senses (repeat until, if) is meant to work on many boards,
    so it is not expected to take the shortest path on this one."""
    counts = program.card_counts()
    return counts["repeat_until"] > 0 or counts["if"] > 0


def describe_failure(trace: Trace) -> str:
    """How a run ended, in one line: 'crashed at step 4 (forward): bumped into a wall'."""
    if trace.outcome is Outcome.CRASH:
        step = trace.steps[-1]
        return f"crashed at step {step.number} ({step.card}): {trace.reason}"
    if trace.outcome is Outcome.UNKNOWN_CARD:
        return f"stopped at step {trace.failed_at}: {trace.reason}"
    if trace.outcome is Outcome.STEP_LIMIT:
        return f"ran past the step limit: {trace.reason}"
    if trace.outcome is Outcome.STOPPED:
        n = len(trace.steps)
        return f"ended after {n} step{'' if n == 1 else 's'}, {trace.reason}"
    return "reached the goal"


def _expect_goal(trace: Trace, path: tuple, what: str, report: Report) -> None:
    """Called once unknown_names found nothing, so the run cannot meet an unknown card."""
    if trace.reached_goal:
        return
    message = f"{what} does not reach the goal: {describe_failure(trace)}"
    if trace.outcome is Outcome.STEP_LIMIT:
        message += "; if the program is right, give the puzzle a larger 'max_steps'"
    report.at(path, message)


def _past_goal(trace: Trace, world: World, path: tuple, what: str, report: Report) -> None:
    """A program that stands on the goal with nothing left to do and still
    goes on (the goal is judged at the end, so it passes, a step too long)."""
    if not trace.reached_goal:
        return
    first = next((step.number for step in trace.steps if step.error is None and world.is_goal(step.state)), None)
    if first is None or first >= len(trace.steps):
        return
    goal = trace.steps[first - 1]
    if goal.rounds and all(_same_round(step, goal) for step in trace.steps[first:]):
        return  # the rest of the loop's last round: no card can go without a new program
    more = len(trace.steps) - first
    report.warn(path, f"{what} reaches the goal at step {first} and goes on for {more} more step{'s' if more != 1 else ''} ({len(trace.steps)} in all); end it at step {first}, where the cards after it are left over")


def _same_round(step, goal) -> bool:
    """Whether ``step`` runs in the same round of the goal step's outermost loop."""
    loop = next((i for i, part in enumerate(goal.where) if part == "body"), None)
    return loop is not None and step.where[: loop + 1] == goal.where[: loop + 1] and step.rounds[:1] == goal.rounds[:1]


def _find_words(report: Report, path: tuple, words: set[str]) -> dict[str, tuple[tuple, int]]:
    """Where each of ``words`` is first written in the program at ``path``
    (text or nested lists and blocks), so the caret points at the unknown card
    itself.  One pass over the program, whatever the number of words."""
    from lessonkit.program import tokenize

    value: Any = report.doc.data if report.doc else None
    for part in path:
        value = value[part] if isinstance(value, (dict, list)) else None
    places: dict[str, tuple[tuple, int]] = {}
    pending = [(path, value)]
    while pending and len(places) < len(words):
        where, node = pending.pop()
        if isinstance(node, str):
            for token in tokenize(node):
                if token.text in words and token.text not in places:
                    places[token.text] = (where, token.offset)
        elif isinstance(node, list):
            pending.extend(reversed([(where + (i,), item) for i, item in enumerate(node)]))
        elif isinstance(node, dict):
            pending.extend(reversed([(where + (key,), item) for key, item in node.items()]))
    return places


def _check_kit(
    program: Program,
    palette: dict[str, int],
    path: tuple,
    what: str,
    report: Report,
    names: dict[str, str],
    severity: Severity = Severity.ERROR,
    advice: str = "",
    source: str = "the lesson's cards",
) -> None:
    if palette is None:  # the kit itself could not be read
        return
    counts = program.card_counts()
    holds = "a group's kit holds" if source == "the lesson's cards" else "this puzzle gives"
    for card, needed in sorted(counts.items()):
        have = palette.get(card, 0)
        if have == 0:
            if card in names.values() or card in {c.name for c in CONTROL_CARDS}:
                report.at(path, f"{what} uses '{card}', which is not among {source}{advice}", severity)
        elif needed > have:
            report.at(path, f"{what} needs {needed} '{card}' cards; {holds} {have}{advice}", severity)


def _count_words(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _puzzle_palette(puzzle: Puzzle, kit: dict[str, int] | None, family: type[Family], base: tuple, report: Report) -> tuple[dict[str, int] | None, str]:
    """A puzzle's own ``cards``: some of the lesson's, no more of each than the
    kit holds.  Returns the palette and how messages name it."""
    if puzzle.cards is None or kit is None:  # no palette, or a kit that could not be read
        return kit, "the lesson's cards"
    known = {c.name for c in family.cards} | {c.name for c in CONTROL_CARDS}
    aliases = family.names() | {c.ja: c.name for c in CONTROL_CARDS}
    if isinstance(puzzle.cards, list):
        entries = [(name, None, base + ("cards", i), False) for i, name in enumerate(puzzle.cards)]
    else:
        entries = [(name, count, base + ("cards", name), True) for name, count in puzzle.cards.items()]
    palette: dict[str, int] = {}
    written: dict[str, str] = {}
    for name, count, path, key in entries:
        canonical = aliases.get(name, name)
        if canonical not in known:
            report.at(path, f"unknown card '{name}' for the {family.name} world" + did_you_mean(name, sorted(known | set(aliases))), key=key)
        elif canonical not in kit:
            report.at(path, f"card '{name}' is not in the lesson's kit; a puzzle's cards come from the lesson's 'cards' ({', '.join(kit)})", key=key)
        elif canonical in written:
            report.at(path, f"'{name}' is the card '{written[canonical]}' again; list each card once", key=key)
        else:
            # A bad count is reported here once; the card still counts as the
            # kit's, so the programs using it are not reported again.
            if count is not None and (isinstance(count, bool) or count < 1):
                report.at(path, f"card count for '{name}' is {count!r}; expected how many a group may use in this puzzle (1 or more)")
                count = None
            elif count is not None and count > kit[canonical]:
                report.at(path, f"this puzzle gives {count} '{name}' cards; a group's kit holds {kit[canonical]}")
                count = None
            written[canonical] = name
            palette[canonical] = kit[canonical] if count is None else count
    return palette, "this puzzle's cards"


def _check_bug(bug: Bug, trace: Trace, path: tuple, report: Report) -> None:
    actual = trace.outcome.value
    if trace.outcome is Outcome.GOAL:
        report.at(path + ("program",), f"bug exercise reaches the goal; expected it to end in '{bug.outcome}'")
        return
    if actual != bug.outcome:
        report.at(path + ("outcome",), f"bug exercise ends in '{actual}' ({describe_failure(trace)}), not '{bug.outcome}'")
        return
    if bug.step is not None and trace.failed_at != bug.step:
        if trace.failed_at is None:  # an endless loop goes wrong nowhere in particular
            report.at(path + ("step",), f"bug exercise ends in '{actual}', which has no single wrong step; remove 'step: {bug.step}' ({describe_failure(trace)})")
            return
        report.at(path + ("step",), f"bug exercise goes wrong at step {trace.failed_at}, not step {bug.step} ({describe_failure(trace)})")


_CONCEPT_CARDS = {
    Concept.repetition: ({"repeat", "repeat_until"}, "a repeat card"),
    Concept.branching: ({"if"}, "an if card"),
    Concept.functions: ({"function"}, "a function"),
}


def _check_concepts(lesson: Lesson, checked: CheckedLesson, report: Report) -> None:
    used: set[str] = set()
    for puzzle in checked.puzzles:
        for program in (puzzle.solution, *(p for p, _ in puzzle.alternatives)):
            if isinstance(program, Program):  # not a family's own notation (a network)
                used |= set(program.card_counts())
    for i, concept in enumerate(lesson.concepts):
        if concept in _CONCEPT_CARDS:
            cards, words = _CONCEPT_CARDS[concept]
            if not used & cards:
                report.warn(("concepts", i), f"concept '{concept.value}' is listed, but no solution uses {words}")
        if concept is Concept.debugging and not any(p.bugs for p in checked.puzzles):
            report.warn(("concepts", i), "concept 'debugging' is listed, but no puzzle has a bug exercise")


def _laid(body) -> int:
    """Cards a body takes on the desk, End cards included."""
    from lessonkit.program import Program
    from lessonkit.worlds.base import end_cards

    counts = Program(tuple(body)).card_counts()
    return sum(counts.values()) + end_cards(counts)


def _check_repeats(program: Program, path: tuple, what: str, report: Report) -> None:
    """A repeat that takes more cards than writing its body out, or as many
    for a body of several cards: it teaches that repeat saves nothing.  (One
    card repeated three times, three cards either way, is the usual first
    repeat: it shows the count is times, not cards.)"""
    from lessonkit.program import Repeat

    for _, node in program.walk():
        if isinstance(node, Repeat) and node.body:
            kept, unrolled = _laid((node,)), _laid(node.body) * node.times
            if kept > unrolled or (kept == unrolled and _laid(node.body) > 1):
                report.warn(path, f"{what}'s 'repeat {node.times}' takes {kept} cards (with its End card); written out, its cards take {unrolled}: here repeat saves nothing")


# Words in the flow that mean a printed program is handed to each group.
_HANDOUT_WORDS = ("配った", "配る", "配布", "配ります", "くばる", "くばった", "を渡し", "を渡す", "をわたし", "をわたす", "handout", "hand out", "hands out", "handed out", "given buggy", "the given")


def _check_handout_flow(lesson: Lesson, report: Report) -> None:
    """The flow hands out programs, but no bug exercise is printed for pupils."""
    if any(bug.handout for puzzle in lesson.puzzles for bug in puzzle.bugs):
        return
    for i, phase in enumerate(lesson.flow):
        for key in ("activity", "support"):
            text = getattr(phase, key).lower()
            found = next((w for w in _HANDOUT_WORDS if w in text), None)
            if found:
                report.warn(("flow", i, key), f"the flow hands something out ('{found}'), but no bug exercise has 'handout: true', so no worksheet carries a program to hand out; mark the bug exercises pupils get on paper, or change the flow")
                return


def _quotes(text: str) -> Iterator[tuple[int, str]]:
    """Each 「…」 in ``text`` (not nested), with the offset of its content."""
    start = None
    depth = 0
    for i, ch in enumerate(text):
        if ch == "「":
            if depth == 0:
                start = i + 1
            depth += 1
        elif ch == "」" and depth:
            depth -= 1
            if depth == 0 and start is not None:
                yield start, text[start:i]


def _plain_or_raw(text: str) -> str:
    """Text without its furigana markup, or as written where the markup is
    broken (a lint quoting it must not raise: the broken furigana is
    reported where it is written)."""
    from lessonkit.spec.ruby import plain_text

    try:
        return plain_text(text)
    except RubyError:
        return text


def _check_card_quotes(lesson: Lesson, family: type[Family], report: Report) -> None:
    """Lesson text that quotes a card in 「」 by other words than its printed
    label: pupils look for the words on the card they hold.  A card's short
    name, where its label starts with it (「まえ」 for 「まえに すすむ」), passes."""
    if lesson.language != "ja" or report.doc is None:
        return
    from lessonkit.spec.ruby import plain_text
    from lessonkit.worlds.base import CONTROL_CARDS

    def squash(text: str) -> str:
        try:
            text = _plain_or_raw(text)
        except RubyError:  # a quote cut through furigana: reported by _check_prose
            pass
        return text.replace(" ", "").replace("\u3000", "")

    cards = list(family.cards) + list(CONTROL_CARDS)
    labels = {c.name: squash(c.label_ja) for c in cards}
    conditions = {c.name: labels[c.name] for c in family.cards if c.category == "condition"}
    spelled = {**family.names(), **{c.ja: c.name for c in CONTROL_CARDS}}
    until = "までくりかえす"

    def fine(name: str, q: str) -> bool:
        label = labels[name]
        return q == label or q == label.replace("？", "") or (label.startswith(q) and len(q) >= 2)

    def problem(q: str, spaced: bool) -> str | None:
        if not q or q[0] in "〜～…~":
            return None
        if q in spelled:
            name = spelled[q]
            return None if fine(name, q) else name
        if q.endswith(until) and len(q) > len(until) and q[: -len(until)][-1] not in "〜～…~":
            cond = q[: -len(until)]
            return None if cond in conditions.values() else "repeat_until"
        if q.startswith("もし") and len(q) > 2 and q[2] not in "〜～…~" and (spaced or q.endswith(("なら", "たら", "ば"))):
            rest = q[2:]
            return None if any(rest.startswith(label.replace("？", "")) for label in conditions.values()) else "if"
        return None

    cond_labels = "、".join(f"「{_plain_or_raw(c.label_ja)}」" for c in family.cards if c.category == "condition" and c.name in _lesson_cards(lesson, family))
    for path, text in _strings(report.doc.data, ()):
        for offset, q in _quotes(text):
            squashed = squash(q)
            name = problem(squashed, q.startswith(("もし ", "もし\u3000")))
            if name is None:
                continue
            info = next(c for c in cards if c.name == name)
            if name in ("repeat_until", "if") and cond_labels:
                expected = f"the card 「{_plain_or_raw(info.label_ja)}」 with a condition card ({cond_labels})"
            else:
                expected = f"its card reads 「{_plain_or_raw(info.label_ja)}」"
            report.warn(path, f"「{_plain_or_raw(q)}」 quotes the '{name}' card in other words than it prints; {expected}", offset=offset)


def _lesson_cards(lesson: Lesson, family: type[Family]) -> set[str]:
    names = family.names()
    from lessonkit.worlds.base import CONTROL_CARDS

    names.update({c.ja: c.name for c in CONTROL_CARDS})
    return {names.get(k, k) for k in lesson.cards}
