"""The command line: thin, and quick to start (heavy modules load per command)."""

from __future__ import annotations

import sys
import unicodedata
from pathlib import Path

import click

from lessonkit import __version__

NO_LESSONS = "no lesson files (*.yaml, *.yml) found in "
SOURCE_WINDOW = 100  # columns of a source line shown under a diagnostic
MAX_LISTED = 20  # ids listed in a message before "and N more"
ECHO_LIMIT = 300  # characters of a long program echoed back


def _lesson_files(paths: tuple[str, ...]) -> list[Path]:
    """The lesson files under ``paths``; problems met on the way are printed."""
    files, problems = _find_lessons(paths)
    for problem in problems:
        click.echo(str(problem))
    return files


def _find_lessons(paths: tuple[str, ...]) -> tuple[list, list]:
    """Lesson files under ``paths``, and the problems finding them gave (an
    unreadable subfolder: an error; a symbolic link loop: a warning), for the
    caller to print: nothing is skipped in silence."""
    from lessonkit.discover import LessonPathError, scan

    try:
        files, problems = scan(paths)
    except LessonPathError as exc:
        raise click.BadParameter(str(exc), param_hint="PATH") from None
    if not files and not problems:
        raise click.UsageError(NO_LESSONS + ", ".join(paths))
    return files, problems


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _show(diag, lines: list[str] | None, color: bool) -> str:
    """A diagnostic with its source line and a caret under the column."""
    head = str(diag)
    if color:
        tag = f"{diag.severity.value}:"
        head = head.replace(tag, click.style(tag, fg="red" if diag.is_error else "yellow", bold=True), 1)
    if not lines or not 1 <= diag.line <= len(lines):
        return head
    return f"{head}\n{_excerpt(lines[diag.line - 1], diag.col - 1)}"


def _excerpt(line: str, col: int) -> str:
    """The source line (or, when long, a window of it around ``col``) with a
    caret under character ``col`` (0-based), both indented: a 100 KB line
    shows about SOURCE_WINDOW characters, never the whole line."""
    # Control characters (NUL, tab …) would garble the terminal: show a space.
    col = max(col, 0)
    if len(line) > 4 * SOURCE_WINDOW:  # only the part around the column is looked at
        cut = max(0, col - SOURCE_WINDOW)
        source = line[cut : col + SOURCE_WINDOW]
        col -= cut
        lead, tail = bool(cut), cut + len(source) < len(line)
    else:
        source, lead, tail = line, False, False
    source = "".join(" " if unicodedata.category(ch) == "Cc" else ch for ch in source)
    if lead or tail or _width(source) > SOURCE_WINDOW:
        start = max(0, col - SOURCE_WINDOW // 2)
        before = "…" if start or lead else ""
        window = source[start : start + SOURCE_WINDOW // 2 * 2]
        after = "…" if start + len(window) < len(source) or tail else ""
        source, col = before + window + after, col - start + len(before)
    caret = " " * _width(source[:col]) + "^"
    return f"    {source}\n    {caret}"


def _source_lines(path: Path) -> list[str] | None:
    try:
        raw = path.read_bytes()
    except OSError:
        return None
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-16" if raw.startswith((b"\xff\xfe", b"\xfe\xff")) else "utf-8")
    except UnicodeDecodeError:
        # A Shift_JIS file is reported as such; show its line as the author sees it.
        try:
            text = raw.decode("cp932")
        except UnicodeDecodeError:
            text = raw.decode("utf-8", errors="replace")
    return text.replace("\r\n", "\n").split("\n")


def _print_diagnostics(result, path: Path, err: bool = False) -> tuple[int, int]:
    lines = _source_lines(path)
    color = (sys.stderr if err else sys.stdout).isatty()
    errors = warnings = 0
    for diag in result.diagnostics:
        click.echo(_show(diag, lines, color), err=err)
        if diag.is_error:
            errors += 1
        else:
            warnings += 1
    hidden_errors, hidden_warnings = getattr(result, "hidden_errors", 0), getattr(result, "hidden_warnings", 0)
    if hidden_errors or hidden_warnings:
        click.echo(f"{path}: note: {_plural(hidden_errors, 'more error')} and {_plural(hidden_warnings, 'more warning')} not shown (the first {errors + warnings} are above)", err=err)
    return errors + hidden_errors, warnings + hidden_warnings


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


INTERNAL_ERROR = 70  # EX_SOFTWARE: a bug in lessonkit, not in the input


class _Main(click.Group):
    """The entry point: every failure reaches the user as one line, never a
    traceback.  Click's own usage errors exit 2; a file or folder the system
    refuses (permission, a full disk) is named with the reason and exits 1;
    anything else is a bug: "internal error: … please report this", exit 70,
    with the traceback only under --debug."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort, SystemExit):
            raise
        except KeyboardInterrupt:
            click.echo("interrupted", err=True)
            sys.exit(130)
        except BrokenPipeError:
            sys.exit(1)  # the reader went away (| head): nothing left to say
        except Exception as exc:
            if ctx.params.get("debug"):
                raise
            if isinstance(exc, OSError) and exc.strerror:
                click.echo(f"{_os_error(exc)}", err=True)
                sys.exit(1)
            what = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
            click.echo(f"internal error: {_clip(what, 200)}; please report this (run again with --debug for the traceback)", err=True)
            sys.exit(INTERNAL_ERROR)


def _os_error(exc: OSError) -> str:
    """'path: error: permission denied' for an OSError about a file or folder."""
    where = exc.filename if exc.filename is not None else "lessonkit"
    return f"{where}: error: {exc.strerror.lower()}"


def _clip(text: str, limit: int) -> str:
    """At most ``limit`` characters of a user's text, and how much was cut."""
    if len(text) <= limit:
        return text
    return f"{text[:limit]}… ({len(text) - limit:,} more characters)"


@click.group(cls=_Main, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="lessonkit")
@click.option("--debug", is_flag=True, hidden=False, help="Show the traceback of an internal error.")
def main(debug: bool) -> None:
    """Unplugged programming lessons: check them by simulation, print their kits.

    \b
    lessonkit validate lessons          check every lesson in a folder
    lessonkit run LESSON PUZZLE "..."   run a group's program, step by step
    lessonkit solve LESSON              shortest solutions and how many there are
    lessonkit build lessons -o kits     print-ready PDFs for each lesson
    lessonkit site lessons -o share     the kits and an offline catalogue (index.html)
    lessonkit preview LESSON -o pics    PNG pictures of a kit's pages
    lessonkit cards --language ja       every card: its names and what it does
    lessonkit new my-lesson.yaml        a new lesson that validates as written
    lessonkit list lessons              every lesson: grade, world, puzzles, clean?
    """


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True, help="json: one object with every diagnostic (path, line, column, severity, code, message), for editors and CI.")
def validate(paths: tuple[str, ...], strict: bool, fmt: str) -> None:
    """Check lesson files (or folders of them) and report every problem.

    Exit status: 0 when clean, 1 when any file has errors (or warnings, with
    --strict), 2 for bad usage.
    """
    from lessonkit.check import check_file, duplicate_ids

    from lessonkit.diagnostics import Diagnostic, Severity

    files, problems = _find_lessons(paths)
    errors = sum(p.is_error for p in problems)
    warnings = len(problems) - errors
    results = []
    found = [Diagnostic(p.path, 1, 1, Severity.ERROR if p.is_error else Severity.WARNING, p.message) for p in problems]
    for problem in problems if fmt != "json" else ():
        click.echo(str(problem))
    for path in files:
        result = check_file(path)
        results.append(result)
        if fmt == "json":
            found.extend(result.diagnostics)
            e = sum(d.is_error for d in result.diagnostics)
            w = len(result.diagnostics) - e
            e, w = e + result.hidden_errors, w + result.hidden_warnings  # past the per-file cap
        else:
            e, w = _print_diagnostics(result, path)
        errors += e
        warnings += w
    for diag in duplicate_ids(results):
        if fmt == "json":
            found.append(diag)
        else:
            click.echo(_show(diag, _source_lines(Path(diag.path)), sys.stdout.isatty()))
        errors += 1
    failed = errors > 0 or (strict and warnings > 0)
    if fmt == "json":
        import json

        report = {"lessons": len(files), "errors": errors, "warnings": warnings, "diagnostics": [d.as_json() for d in found]}
        click.echo(json.dumps(report, ensure_ascii=False, indent=2))
        sys.exit(1 if failed else 0)
    summary = f"checked {_plural(len(files), 'lesson')}: {_plural(errors, 'error')}, {_plural(warnings, 'warning')}"
    click.echo(summary, err=False)
    sys.exit(1 if failed else 0)


def _load_checked(lesson_path: str):
    from lessonkit.check import check_file

    path = Path(lesson_path)
    try:
        is_file = path.is_file()
    except OSError as exc:  # a folder on the way the user may not enter
        click.echo(f"{lesson_path}: error: cannot read: {(exc.strerror or str(exc)).lower()}", err=True)
        sys.exit(1)
    if not is_file:
        raise click.BadParameter(f"'{lesson_path}' is not a file", param_hint="LESSON")
    result = check_file(path)
    if result.checked is None:
        _print_diagnostics(result, path)
        click.echo(f"{path}: the lesson has errors; fix them first (lessonkit validate {path})", err=True)
        sys.exit(1)
    return result


def _error_count(result) -> int:
    return sum(d.is_error for d in result.diagnostics) + result.hidden_errors


def _find_puzzle(checked, key: str, result=None, path: Path | None = None, shown: bool = False):
    """The checked puzzle ``key`` names (its id or its number).  A puzzle of
    the lesson whose check failed is not one to run or solve: its errors are
    reported, located (unless ``shown`` already), and the command exits 1."""
    puzzles = checked.puzzles
    ids = [p.id for p in checked.lesson.puzzles]
    wanted = key if key in ids else None
    # ASCII digits only ('²' is a digit to str.isdigit, not to int), and few
    # of them: the length is checked before converting.
    if wanted is None and key.isascii() and key.isdecimal() and len(key) <= 9 and 1 <= int(key) <= len(ids):
        wanted = ids[int(key) - 1]
    for p in puzzles:
        if p.spec.id == wanted:
            return p
    if wanted is not None:  # the lesson's puzzle, but its check found errors
        if result is not None and path is not None:
            if not shown:
                _print_diagnostics(result, path, err=True)
            click.echo(f"{path}: puzzle '{wanted}' has errors; fix them first (lessonkit validate {path})", err=True)
        else:
            click.echo(f"puzzle '{wanted}' has errors; fix them first (lessonkit validate)", err=True)
        sys.exit(1)
    from lessonkit.diagnostics import did_you_mean

    from lessonkit.diagnostics import quote

    shown = ", ".join(ids[:MAX_LISTED]) + (f" (and {len(ids) - MAX_LISTED:,} more)" if len(ids) > MAX_LISTED else "")
    raise click.BadParameter(f"no puzzle {quote(key)} in this lesson; expected one of {shown} or 1-{len(ids)}" + did_you_mean(key, ids), param_hint="PUZZLE")


@main.command()
@click.argument("lesson", type=click.Path())
@click.argument("puzzle")
@click.argument("program")
@click.option("--max-steps", type=click.IntRange(1, 100000), default=None, help="Stop after this many steps (default: the puzzle's).")
@click.option("--groups", type=click.IntRange(1, 26), default=8, show_default=True, help="Groups the kit prints (A, B, …): a puzzle with each group's own target or deck runs for theirs.")
def run(lesson: str, puzzle: str, program: str, max_steps: int | None, groups: int) -> None:
    """Run PROGRAM (text notation) on a puzzle and show every step.

    \b
    PUZZLE is the puzzle's id or its number (1, 2, ...).
    PROGRAM is what a group laid out, e.g.
      "forward forward turn_right repeat 3 [ forward ]"
      "まえ まえ みぎ くりかえす 3 [ まえ ]"
      "ゴール まで くりかえす [ もし まえにすすめる [ まえ ] ちがったら [ みぎ ] ]"
    Exit status: 0 when the program reaches the goal, 1 when it does not,
    2 when the program cannot be read.
    """
    from lessonkit.program import NotationError, format_program, parse
    from lessonkit.simulate import run as simulate
    from lessonkit.check import describe_failure

    result = _load_checked(lesson)
    checked = result.checked
    target = _find_puzzle(checked, puzzle, result, Path(lesson))
    family = checked.family
    if family.owns_notation:  # the family's own notation (a network: '1-2 3-4 | 2-3'), not cards
        from lessonkit.worlds import WorldError

        ja = checked.lesson.language == "ja"
        try:
            lines, ok = family.run_notation(target, program, checked.lesson.language, groups)
        except WorldError as exc:
            offset = exc.offset or 0
            click.echo(f"program:1:{offset + 1}: error: {exc.message}\n{_excerpt(program, offset)}", err=True)
            sys.exit(2)
        click.echo(f"{'パズル' if ja else 'puzzle'} {target.spec.id}: {_plain(target.spec.title)}")
        for line in lines:
            click.echo(_clip(line, ECHO_LIMIT) if line.startswith(("network", "ネットワーク")) else line)
        sys.exit(0 if ok else 1)
    try:
        parsed = parse(program, family.names())
    except NotationError as exc:
        click.echo(f"program:1:{exc.offset + 1}: error: {exc.message}\n{_excerpt(program, exc.offset)}", err=True)
        sys.exit(2)
    from lessonkit.check import MAX_UNKNOWN, count_unknown, more_unknown, unknown_names
    from lessonkit.program import tokenize

    # A card the world does not know is a run's outcome (the robot stops there),
    # but it is usually a typo: say so up front, with a suggestion (for the
    # first few names: a 100 KB argument of unknown names is not worth 100 KB).
    found = unknown_names(parsed, family, lang=checked.lesson.language, limit=MAX_UNKNOWN + 1)
    if found:
        names = family.names()
        first_at: dict[str, int] = {}
        for token in tokenize(program):
            first_at.setdefault(names.get(token.text, token.text), token.offset)
        for name, message in found[:MAX_UNKNOWN]:
            offset = first_at.get(name, 0)
            click.echo(f"program:1:{offset + 1}: warning: {message}\n{_excerpt(program, offset)}", err=True)
        if len(found) > MAX_UNKNOWN:  # the rest counted, at the first one not worded
            offset = first_at.get(found[MAX_UNKNOWN][0], 0)
            more = more_unknown(count_unknown(parsed, family) - MAX_UNKNOWN, "program")
            click.echo(f"program:1:{offset + 1}: warning: {more}\n{_excerpt(program, offset)}", err=True)
    world = target.world
    limit = max_steps or target.max_steps
    ja = checked.lesson.language == "ja"

    def go(world):
        return simulate(world, parsed, frozenset(family.actions()), frozenset(family.conditions()), limit, stop_at_goal=target.spec.goal_rule == "stop", detect_cycle=True)

    # A puzzle that is more than one world (every target, each group's deck):
    # the program runs in each; the first that fails is shown, else the first.
    cases = family.run_cases(target, groups)
    runs = [(case, go(case.world)) for case in cases.cases] if cases is not None else []
    judged = [(case, trace, None if not trace.reached_goal else family.run_judge(case, trace, checked.lesson.language)) for case, trace in runs]
    failing = [r for r in judged if not r[1].reached_goal or r[2]]
    if cases is not None:
        case, trace, miss = (failing or judged)[0]
        world = case.world
    else:
        trace, miss = go(world), None
    words = _RUN_JA if ja else _RUN_EN
    shown = _ja_names(family) if ja else {}
    describe = world.describe_ja if ja else world.describe
    click.echo(f"{words['puzzle']} {target.spec.id}: {_plain(target.spec.title)}")
    click.echo(f"{words['program']}: {_clip(format_program(parsed), ECHO_LIMIT)}")
    if ja:  # as the cards on the desk say it
        click.echo(f"{' ' * _width(words['program'])}  {_clip(format_program(parsed, shown, lang='ja'), ECHO_LIMIT)}")
    if cases is not None and len(cases.cases) > 1:
        click.echo(words["case"].format(case=case.name_ja if ja else case.name))
    click.echo(f"{words['start']}: {describe(trace.start)}")
    click.echo(_indent(world.picture(trace.start)))
    for step in trace.steps:
        checks = "".join(_check_text(c, shown, words) for c in step.checks)
        where = _where(step.where, words) + _rounds(step.rounds, words)
        card = shown.get(step.card, step.card)
        what = f"{words['wrong']}: {(step.error.reason_ja or step.error.reason) if ja else step.error.reason}" if step.error else describe(step.state)
        click.echo(f"{words['step']} {step.number:>3}  {_pad(card, 12)} {_pad(where, 26)} {what}{checks}")
    if trace.steps and trace.outcome.value != "goal":
        click.echo(words["stopped_board"] + ":")
        click.echo(_indent(world.picture(trace.final)))
    click.echo(f"{words['outcome']}: {trace.outcome.value}: {_run_outcome(trace, world, shown, ja, limit, max_steps is not None)}")
    if miss:
        click.echo(f"{words['wrong']}: {miss}")
    if cases is not None:
        what = cases.what_ja if ja else cases.what
        if not failing:
            click.echo(words["all_ok"].format(what=what, n=len(judged)))
        else:
            click.echo(words["some_fail"].format(what=what, n=len(judged), bad=len(failing), case=case.name_ja if ja else case.name))
    elif not trace.reached_goal:
        passed = next((step.number for step in trace.steps if step.error is None and world.is_goal(step.state)), None)
        if passed is not None:
            click.echo(words["passed"].format(n=passed))
    sys.exit(1 if failing or not trace.reached_goal or miss else 0)


_RUN_EN = {
    "puzzle": "puzzle", "program": "program", "start": "start", "step": "step", "wrong": "WRONG", "card": "card",
    "then": "then", "else": "else", "round": " (round {r})", "rounds": " (rounds {r})", "yes": "yes", "no": "no", "not": "not ", "ask": "?",
    "stopped_board": "the board when it stopped", "outcome": "outcome",
    "passed": "note: the robot was on the goal after step {n} and kept going; the program should end there",
    "case": "shown: {case}",
    "all_ok": "ran for {what} ({n} runs): every one reached its goal",
    "some_fail": "ran for {what} ({n} runs): {bad} did not; the first is {case}, shown above",
}
_RUN_JA = {
    "puzzle": "パズル", "program": "プログラム", "start": "スタート", "step": "ステップ", "wrong": "まちがい", "card": "カード",
    "then": "もし", "else": "ちがったら", "round": "（{r}かいめ）", "rounds": "（{r}かいめ）", "yes": "はい", "no": "いいえ", "not": "ない ", "ask": "？",
    "stopped_board": "とまった ときの ボード", "outcome": "けっか",
    "passed": "メモ: ロボットは {n}ステップめで ゴールに ついたのに、まだ うごいた。プログラムは そこで おわりに しよう",
    "case": "{case}:",
    "all_ok": "{what}で ためした（{n}かい）: どれも できた",
    "some_fail": "{what}で ためした（{n}かい）: {bad}かいは できなかった。うえは さいしょに できなかった {case}",
}


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - _width(text))


def _check_text(check, shown: dict[str, str], words: dict[str, str]) -> str:
    name = shown.get(check.cond.name, check.cond.name)
    return f"  [{words['not'] if check.cond.negated else ''}{name}{words['ask']} {words['yes'] if check.value else words['no']}]"


def _run_outcome(trace, world, shown: dict[str, str], ja: bool, limit: int, asked: bool) -> str:
    """How the run ended, from the run itself: an endless loop only when a
    position and place in the program came round again."""
    from lessonkit.check import describe_failure
    from lessonkit.simulate import Outcome

    if trace.outcome is Outcome.STEP_LIMIT:
        if trace.cycle is not None:
            first, length = trace.cycle
            positions = len({step.state for step in trace.steps[first - 1 :]})
            if ja:
                count = f"{positions}つ" if positions < 10 else str(positions)
                return f"{first}ステップめ から、ロボットは おなじ {count}の ばしょを くりかえして いる：おわらない ループ"
            return f"{trace.reason} (steps {first}-{first + length - 1} come round again and again)"
        if not trace.steps or len(trace.steps) < limit:  # the card checks ran out, not the steps
            return "カードを なんども たしかめる だけで、うごかない ループ" if ja else describe_failure(trace)
        flag = (" (--max-steps)" if not ja else "（--max-steps）") if asked else ""
        if ja:
            return f"{limit}ステップで とめた{flag}。まだ おわって いないが、おなじ ばしょの くりかえしは なかった"
        return f"stopped after the step limit of {limit} steps{flag}; the program had not ended, and no position had come round again, so this is not known to be an endless loop"
    if trace.outcome is Outcome.GOAL:
        return world.reached(trace.final, "ja" if ja else "en")
    if not ja:
        return describe_failure(trace)
    if trace.outcome is Outcome.CRASH:
        step = trace.steps[-1]
        return f"{step.number}ステップめ（{shown.get(step.card, step.card)}）で {step.error.reason_ja or step.error.reason}"
    if trace.outcome is Outcome.UNKNOWN_CARD:
        return f"{trace.failed_at}ステップめで しらない カード「{trace.unknown}」に きた"
    return f"{len(trace.steps)}ステップで おわった。{world.why_not_goal(trace.final, 'ja')}"


def _where(path: tuple, words: dict[str, str] = _RUN_EN) -> str:
    """'card 3', 'card 2 > 1' inside a block, 'card 2 > then 1' / 'card 2 > else 1'
    inside an if, 'zigzag: card 2' inside a function."""
    parts = []
    if path and path[0] == "def":
        head = f"{path[1]}: {words['card']} "
        rest = path[2:]
    else:
        head = f"{words['card']} "
        rest = path[1:]
    branch = ""
    for p in rest:
        if p in ("then", "else"):
            branch = words[p] + " "
        elif isinstance(p, int):
            parts.append(branch + str(p + 1))
            branch = ""
    return head + " > ".join(parts)


def _rounds(rounds: tuple[int, ...], words: dict[str, str] = _RUN_EN) -> str:
    """' (round 2)' inside a loop, ' (rounds 2/1)' inside nested loops."""
    if not rounds:
        return ""
    return words["round" if len(rounds) == 1 else "rounds"].format(r="/".join(str(r) for r in rounds))


def _indent(text: str) -> str:
    return "\n".join("    " + line for line in text.split("\n"))


def _plain(text: str) -> str:
    from lessonkit.spec.ruby import plain_text

    return plain_text(text)


@main.command()
@click.argument("lesson", type=click.Path())
@click.argument("puzzle", required=False)
@click.option("--max-length", type=click.IntRange(1, 60), default=None, help="Count solutions up to this many steps (default: the shortest).")
@click.option("--examples", type=click.IntRange(0, 100), default=5, show_default=True, help="How many shortest sequences to list.")
@click.option("--budget", type=click.IntRange(1000, 100_000_000), default=None, help="Blocks the fewest-cards search may run per puzzle (default 200,000, under a second).")
def solve(lesson: str, puzzle: str | None, max_length: int | None, examples: int, budget: int | None) -> None:
    """Fewest cards for each puzzle, and the shortest card rows and how many there are.

    \b
    Fewest cards: the smallest program a group can lay from the puzzle's cards
    (repeat, repeat until, if/else and a function where the kit has them), End
    cards counted; the search says how far it got when it stops.
    Shortest rows: the action cards only, one card a step (no repeat or if);
    the count is how many different rows a group might lay out.

    The lesson's errors, if any, are listed first (on stderr).  Exit status:
    0 when every puzzle asked for was solved, 1 when one could not be (its
    own errors stop it), 2 for bad usage.
    """
    from lessonkit.fewest import BUDGET, SEARCHED

    result = _load_checked(lesson)
    checked = result.checked
    path = Path(lesson)
    # A lesson that loaded with errors: they are reported first, located (on
    # stderr); the puzzles that checked are solved; one whose check failed
    # says so, and then the command fails.
    errors = _error_count(result)
    if errors:
        _print_diagnostics(result, path, err=True)
    if puzzle:
        targets = [_find_puzzle(checked, puzzle, result, path, shown=bool(errors))]
    else:
        by_id = {p.spec.id: p for p in checked.puzzles}
        targets = [by_id.get(spec.id, spec) for spec in checked.lesson.puzzles]
    shared = False
    unsolved = 0
    for target in targets:
        if not hasattr(target, "spec"):  # a puzzle of the lesson whose check failed
            click.echo(f"puzzle {target.id}: {_plain(target.title)}")
            click.echo("  not solved: the puzzle has errors (listed before this)")
            unsolved += 1
            continue
        click.echo(f"puzzle {target.spec.id}: {_plain(target.spec.title)}")
        if checked.family.owns_check:  # proved by the family over every target, deck or input
            for line in checked.family.check_summary(target, checked.lesson.language):
                click.echo("  " + line)
            continue
        own = checked.family.fewest_text(checked, target)  # the family's own search, already run by the check
        if own is None:
            shared = True
            own = _fewest_line(checked, target, budget or BUDGET)
        click.echo(own)
        # The check already searched this puzzle: derive the rest from its result.
        found = target.solved.again(max_length=max_length, examples=examples)
        actions = target.actions
        if found.shortest is None and not found.complete:
            click.echo(
                f"  no sequence of up to {_plural(found.depth, 'step')} ({', '.join(actions)} cards) reaches the goal;"
                f" the search gave up after {found.states:,} positions, so longer sequences were not tried"
            )
            continue
        if found.shortest is None:
            click.echo(f"  no sequence of {', '.join(actions) or 'no'} cards reaches the goal")
            continue
        shown = _ja_names(checked.family) if checked.lesson.language == "ja" else {}
        if not found.counts:  # a family's own solver (graph paper): the shortest row, not counted by length
            told = "" if found.complete else f" (the shortest found; none is shorter than {target.analysis.lower})" if target.analysis is not None else " (the shortest found)"
            click.echo(f"  shortest: {_plural(found.shortest, 'card')} (one card a step, no repeat){told}")
            for seq in found.examples:
                click.echo("    " + " ".join(shown.get(card, card) for card in seq))
            continue
        n = found.counts[found.shortest]
        click.echo(f"  shortest: {_plural(found.shortest, 'step')} (one card a step, no repeat); {_plural(n, 'sequence')} of that length")
        for seq in found.examples:
            short = _kit_short(seq, target.palette, target.spec.max_cards)
            click.echo("    " + " ".join(shown.get(card, card) for card in seq) + (f"  ({short})" if short else ""))
        if max_length and max_length > found.shortest:
            for k in range(found.shortest + 1, len(found.counts)):
                click.echo(f"  {_plural(k, 'step')}: {_plural(found.counts[k], 'sequence')}")
            click.echo(f"  up to {_plural(max_length, 'step')}: {_plural(found.total, 'sequence')} in all")
    if checked.family.owns_check:
        click.echo("(fewest cards: not searched; this world's check runs each program for every target, deck or input, not on one board)")
    elif shared:
        click.echo(f"(fewest cards: the search tries {SEARCHED})")
    if errors:
        left = f"; {_plural(unsolved, 'puzzle')} not solved" if unsolved else ""
        click.echo(f"{path}: the lesson has {_plural(errors, 'error')}{left}; fix them first (lessonkit validate {path})", err=True)
    if unsolved:
        sys.exit(1)


def _fewest_line(checked, target, budget: int) -> str:
    """What the fewest-cards search found, and no more than it knows."""
    from lessonkit.fewest import fewest
    from lessonkit.program import format_program

    if target.solved is not None and target.solved.shortest is None and target.solved.complete:
        # Every run is a row of action cards, and no row of them gets there.
        return "  fewest cards: none; no program reaches the goal, since no row of these action cards does"
    few = target.fewest
    if few is None or not few.complete:  # the check looked only for clearly fewer cards, or stopped
        family = checked.family
        few = fewest(
            target.world, target.palette, family.actions(), family.conditions(), max_cards=target.spec.max_cards,
            stop_at_goal=target.spec.goal_rule == "stop", max_steps=target.max_steps, budget=budget,
        )
    if few.program is not None:
        ja = checked.lesson.language == "ja"
        shown = format_program(few.program, _ja_names(checked.family) if ja else {}, lang=checked.lesson.language)
        fewer = "" if few.cards == 0 else f"; no program of fewer cards reaches the goal"
        return f"  fewest cards: {few.cards}, End cards counted{fewer}\n    {shown}"
    within = f"at most {few.limit} cards ('max_cards')" if target.spec.max_cards is not None and few.limit == target.spec.max_cards else "these cards"
    if few.complete:
        return f"  fewest cards: no program a group can lay with {within} reaches the goal (all {few.limit} sizes tried)"
    upto = f"all programs up to {_plural(few.searched, 'card')}" if few.searched >= 0 else "no program"
    return f"  fewest cards: not found; searched {upto} (the search stopped after {few.work:,} blocks; --budget searches further)"


def _kit_short(cards, palette, max_cards: int | None = None) -> str:
    """What a row of cards needs beyond a group's kit: "needs 19 forward (kit: 4)"."""
    from collections import Counter

    parts = [f"{n} {card} (kit: {palette.get(card, 0)})" for card, n in sorted(Counter(cards).items()) if n > palette.get(card, 0)]
    if max_cards is not None and len(cards) > max_cards:
        parts.append(f"{len(cards)} cards (max_cards: {max_cards})")
    return "needs " + ", ".join(parts) if parts else ""


def _ja_names(family) -> dict[str, str]:
    """Canonical card name -> the Japanese name programs use (forward -> まえ)."""
    return {c.name: c.ja for c in family.cards}


@main.command()
@click.option("--world", default=None, metavar="WORLD", help="Only this world's cards (default: every world).")
@click.option("--language", "lang", type=click.Choice(["en", "ja"]), default="en", show_default=True, help="Names and descriptions in this language.")
@click.option("--format", "fmt", type=click.Choice(["text", "markdown"]), default="text", show_default=True, help="markdown: the reference page docs/cards.md.")
def cards(world: str | None, lang: str, fmt: str) -> None:
    """Every card and condition: its names, every accepted spelling, the
    printed label and what it does; and the reserved words."""
    from lessonkit.vocabulary import cards_markdown, cards_text
    from lessonkit.worlds import FAMILIES

    if fmt == "markdown":
        click.echo(cards_markdown(), nl=False)
        return
    if world is not None and world not in FAMILIES:
        from lessonkit.diagnostics import did_you_mean, one_of

        raise click.BadParameter(f"unknown world '{world}'; expected {one_of(sorted(FAMILIES))}" + did_you_mean(world, FAMILIES), param_hint="--world")
    families = [FAMILIES[world]] if world else list(FAMILIES.values())
    click.echo("\n".join(cards_text(family, lang) for family in families), nl=False)


@main.command()
@click.argument("path", type=click.Path(dir_okay=False))
@click.option("--world", default="grid", show_default=True, metavar="WORLD", help="The activity family.")
@click.option("--grade", type=click.IntRange(1, 6), default=3, show_default=True, help="The pupils' grade (1-6).")
@click.option("--language", "lang", type=click.Choice(["ja", "en"]), default="ja", show_default=True, help="The kit's language.")
def new(path: str, world: str, grade: int, lang: str) -> None:
    """Write a new lesson at PATH: a complete skeleton, every key commented,
    that validates clean as it is; then change it into your lesson.

    \b
    The schema comment points at the project's schema/lesson.schema.json
    (in PATH's folder or one above); when there is none, lesson.schema.json
    is written beside the lesson.
    """
    from lessonkit import templates
    from lessonkit.fileio import write_text_atomic
    from lessonkit.worlds import FAMILIES

    target = Path(path)
    if target.suffix.lower() not in (".yaml", ".yml"):
        raise click.BadParameter(f"'{path}' does not end in .yaml; lesson files are *.yaml or *.yml", param_hint="PATH")
    if target.exists():
        raise click.BadParameter(f"'{path}' already exists; choose a new file name", param_hint="PATH")
    if world not in FAMILIES:
        from lessonkit.diagnostics import did_you_mean, one_of

        raise click.BadParameter(f"unknown world '{world}'; expected {one_of(sorted(FAMILIES))}" + did_you_mean(world, FAMILIES), param_hint="--world")
    if (world, lang) not in templates.TEMPLATES:
        raise click.BadParameter(f"there is no {lang} skeleton for the {world} world yet; start from a lesson in lessons/", param_hint="--world")
    if not target.parent.is_dir():
        raise click.BadParameter(f"folder '{target.parent}' does not exist", param_hint="PATH")
    schema_path = templates.find_schema(target.resolve().parent)
    if schema_path is None:
        from lessonkit.spec.schema import schema_text

        schema_path = target.parent / templates.SCHEMA_FILE
        if not schema_path.exists():
            write_text_atomic(schema_path, schema_text())
            click.echo(f"wrote {schema_path} (the schema editors check the lesson against)", err=True)
    text = templates.skeleton(world, lang, grade, templates.slug(target.stem), templates.schema_ref(target, schema_path), str(target))
    write_text_atomic(target, text)
    click.echo(f"wrote {target}; check it with: lessonkit validate {target}")


@main.command("list")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True, help="json: one object a lesson.")
def list_lessons(paths: tuple[str, ...], fmt: str) -> None:
    """List lessons (default: those under the current folder): id, title,
    language, grade, world, concepts, minutes, puzzles, and whether each
    checks clean."""
    from lessonkit.check import check_file

    files = _lesson_files(paths or (".",))
    if not files:
        raise click.UsageError(NO_LESSONS + ", ".join(paths or (".",)))
    from lessonkit.spec.ruby import RubyError

    rows = []
    for path in files:
        result = check_file(path)
        errors = sum(d.is_error for d in result.diagnostics) + getattr(result, "hidden_errors", 0)
        warnings = len(result.diagnostics) - sum(d.is_error for d in result.diagnostics) + getattr(result, "hidden_warnings", 0)
        lesson = result.checked.lesson if result.checked is not None else None
        title = None
        if lesson:
            try:
                title = _plain(lesson.title)
            except RubyError:
                # The check has reported the bad furigana (a located error,
                # counted below); the row shows the title as written, and
                # says where it is wrong, as validate does.
                title = lesson.title
                lines = _source_lines(Path(path))
                for diag in result.diagnostics:
                    if diag.is_error:
                        click.echo(_show(diag, lines, sys.stderr.isatty()), err=True)
        rows.append(
            {
                "path": str(path),
                "id": lesson.id if lesson else None,
                "title": title,
                "language": lesson.language if lesson else None,
                "grade": list(lesson.grades) if lesson else None,
                "world": lesson.world if lesson else None,
                "concepts": [c.value for c in lesson.concepts] if lesson else None,
                "minutes": lesson.minutes if lesson else None,
                "puzzles": len(lesson.puzzles) if lesson else None,
                "errors": errors,
                "warnings": warnings,
                "clean": errors == 0 and warnings == 0,
            }
        )
    if fmt == "json":
        import json

        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    head = ("id", "title", "lang", "grade", "world", "concepts", "min", "puzzles", "check")
    table = [head]
    for row in rows:
        if row["id"] is None:
            table.append((row["path"], "(cannot be read)", "", "", "", "", "", "", _plural(row["errors"], "error")))
            continue
        grades = row["grade"]
        grade = str(grades[0]) if len(grades) == 1 else (f"{grades[0]}-{grades[-1]}" if grades == list(range(grades[0], grades[-1] + 1)) else ",".join(map(str, grades)))
        check = "clean" if row["clean"] else ", ".join(p for p in (_plural(row["errors"], "error") if row["errors"] else "", _plural(row["warnings"], "warning") if row["warnings"] else "") if p)
        table.append((row["id"], _fit(row["title"], 34), row["language"], grade, row["world"], ",".join(row["concepts"]), str(row["minutes"]), str(row["puzzles"]), check))
    widths = [max(_width(r[i]) for r in table) for i in range(len(head))]
    for r in table:
        click.echo("  ".join(cell + " " * (widths[i] - _width(cell)) for i, cell in enumerate(r)).rstrip())


def _fit(text: str, width: int) -> str:
    """``text`` cut to ``width`` terminal columns, with '…' when cut."""
    if _width(text) <= width:
        return text
    out = ""
    for ch in text:
        if _width(out + ch) > width - 1:
            break
        out += ch
    return out + "…"


@main.command()
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), default=None, help="Write to this file instead of standard output.")
def schema(output: str | None) -> None:
    """Write the JSON Schema of the lesson format (for editors' YAML support)."""
    from lessonkit.spec.schema import schema_text

    text = schema_text()
    if output and Path(output).suffix.lower() in (".yaml", ".yml"):
        raise click.BadParameter(f"'{output}' looks like a lesson file; the schema is JSON (e.g. lesson.schema.json)", param_hint="--output")
    if output:
        from lessonkit.fileio import write_text_atomic

        try:
            write_text_atomic(Path(output), text)
        except OSError as exc:
            click.echo(f"{output}: error: cannot write: {(exc.strerror or str(exc)).lower()}", err=True)
            sys.exit(1)
        click.echo(f"wrote {output}", err=True)
    else:
        click.echo(text, nl=False)


# -- kit options: one set for build, preview and site ---------------------------

_KIT_OPTIONS = (
    click.option("--paper", type=click.Choice(["a4", "b4", "a3", "letter"], case_sensitive=False), default="a4", show_default=True, help="Paper the school prints on."),
    click.option("--groups", type=click.IntRange(1, 26), default=None, help="Number of groups (card sets).  [default: 8]"),
    click.option("--class-size", type=click.IntRange(1, 200), default=None, help="Pupils in the class; with --group-size, sets the number of groups."),
    click.option("--group-size", type=click.IntRange(1, 50), default=None, help="Pupils per group (with --class-size)."),
    click.option("--school", default="", help="A line for the header (school, class)."),
    click.option("--mono/--color", "mono", default=True, help="Black and white (default), or add colour tints that never carry meaning alone."),
    click.option("--no-furigana", is_flag=True, help="Leave out furigana (ruby) over kanji."),
    click.option("--board-size", default=None, metavar="SIZE", help="Print boards at this size (a4, b4, a3, b3, a2), tiled over several sheets when larger than the paper."),
)


def _kit_options(command):
    """The options that shape a kit, shared so every command builds the same PDFs."""
    for option in reversed(_KIT_OPTIONS):
        command = option(command)
    return command


def _build_options(paper, groups, class_size, group_size, school, mono, no_furigana, board_size):
    """BuildOptions from the kit options, or a usage error that names the option."""
    import math

    from lessonkit.render.options import PAPER_MM, BuildOptions

    if groups is not None and (class_size is not None or group_size is not None):
        raise click.UsageError("give either --groups or --class-size with --group-size, not both")
    if (class_size is None) != (group_size is None):
        raise click.UsageError("--class-size and --group-size go together")
    if class_size is not None:
        groups = math.ceil(class_size / group_size)
        if groups > 26:
            raise click.BadParameter(f"{class_size} pupils in groups of {group_size} makes {groups} groups; at most 26 (letters A-Z)", param_hint="--class-size")
    if board_size is not None:
        board_size = board_size.lower()
        if board_size not in PAPER_MM:
            raise click.BadParameter(f"unknown size '{board_size}'; expected one of {', '.join(PAPER_MM)}", param_hint="--board-size")
    from lessonkit.glyphs import missing_glyphs

    missing = missing_glyphs(school)
    if missing:
        shown = ", ".join(f"'{ch}' (U+{ord(ch):04X})" for ch in missing)
        raise click.BadParameter(f"cannot print {shown}: the bundled font has no glyph for it", param_hint="--school")
    return BuildOptions(paper=paper.lower(), groups=groups or 8, school=school, color=not mono, furigana=not no_furigana, board_size=board_size, class_size=class_size)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("-o", "--output", "outdir", required=True, type=click.Path(file_okay=False), help="Folder to write each lesson's kit into (OUTDIR/<lesson id>/).")
@_kit_options
def build(paths, outdir, paper, groups, class_size, group_size, school, mono, no_furigana, board_size) -> None:
    """Build print-ready PDFs for each lesson: teacher guide, worksheet, cards, board.

    \b
    Lessons with errors are reported and skipped; the others are still built.
    Exit status: 0 when every lesson was built, 1 when any failed, 2 for bad usage.
    """
    options = _build_options(paper, groups, class_size, group_size, school, mono, no_furigana, board_size)
    files, problems = _find_lessons(paths)
    for problem in problems:
        click.echo(str(problem))
    path_errors = sum(p.is_error for p in problems)

    from lessonkit.build import build as build_kits

    bar = None
    if sys.stderr.isatty():
        bar = click.progressbar(length=len(files), label="building", file=sys.stderr).__enter__()

    def progress(item, done, total):
        if bar is not None:
            bar.update(1)

    try:
        report = build_kits([str(f) for f in files], outdir, options, progress)
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)
    for item in report.lessons:
        if item.ok:
            pages = ", ".join(f"{name} {n}" for name, n in item.pages.items())
            click.echo(f"{item.folder}/: {pages} ({_plural(sum(item.pages.values()), 'page')})")
        else:
            lines = _source_lines(item.source)
            for diag in item.diagnostics:
                if diag.is_error:
                    click.echo(_show(diag, lines, sys.stdout.isatty()))
            click.echo(f"{item.source}: not built: {item.error}")
    built, failed = len(report.built), len(report.failed)
    unread = f"; {_plural(path_errors, 'path')} could not be read" if path_errors else ""
    click.echo(f"built {_plural(built, 'lesson')} ({_plural(report.pages, 'page')}) in {outdir}" + (f"; {failed} failed" if failed else "") + unread)
    sys.exit(0 if report.ok and not path_errors else 1)


# -- preview and site (issue 10) -------------------------------------------------


def _document_name(given: str, names: list[str]) -> str:
    """'board', 'board.pdf' or 'BOARD.PDF' -> 'board.pdf', one of ``names``."""
    from lessonkit.diagnostics import did_you_mean

    key = given.lower()
    for name in names:
        if key in (name.lower(), name.lower().removesuffix(".pdf")):
            return name
    stems = [n.removesuffix(".pdf") for n in names]
    raise click.BadParameter(f"no document '{given}' in a kit; expected one of {', '.join(stems)}" + did_you_mean(given, stems), param_hint="--document")


@main.command()
@click.argument("lesson", type=click.Path())
@click.option("-o", "--output", "outdir", required=True, type=click.Path(file_okay=False), help="Folder to write the PNG pictures into.")
@click.option("--document", "documents", multiple=True, metavar="NAME", help="Only this document (teacher-guide, worksheet, cards, board, …); repeat for more.")
@click.option("--puzzle", default=None, metavar="ID", help="Only this puzzle's board (its id or number).")
@click.option("--first", is_flag=True, help="Only the first page of each document.")
@click.option("--dpi", type=click.IntRange(10, 600), default=100, show_default=True, help="Resolution of the pictures.")
@click.option("--contact-sheet", is_flag=True, help="Also write contact-sheet.png: the pages as thumbnails, a row per document.")
@click.option("--pages/--no-pages", default=True, help="Write a PNG per page (default), or with --no-pages only the contact sheet.")
@_kit_options
def preview(lesson, outdir, documents, puzzle, first, dpi, contact_sheet, pages, paper, groups, class_size, group_size, school, mono, no_furigana, board_size) -> None:
    """PNG pictures of a lesson's kit pages, drawn from the PDFs build writes.

    \b
    Every page of every document by default; --document, --first and
    --puzzle choose fewer.  The kit options are build's, so the pictures
    show exactly the pages build prints.  Same kit, same PNG bytes.
    """
    from lessonkit import preview as pv
    from lessonkit.build import documents_for
    from lessonkit.fileio import write_bytes_atomic
    from lessonkit.render.page import LayoutError

    if not pages and not contact_sheet:
        raise click.UsageError("--no-pages writes nothing without --contact-sheet")
    options = _build_options(paper, groups, class_size, group_size, school, mono, no_furigana, board_size)
    checked = _load_checked(lesson).checked
    kit_documents = documents_for(checked)
    names = list(kit_documents)
    chosen = [_document_name(d, names) for d in documents] or names
    selection: dict[str, list[int] | None] = {name: ([0] if first else None) for name in dict.fromkeys(chosen)}
    if puzzle is not None:
        board = pv.board_document()
        if documents and board not in chosen:
            raise click.UsageError(f"--puzzle shows a board ({board}); leave out --document or give --document {board.removesuffix('.pdf')}")
        target = _find_puzzle(checked, puzzle)
        index = next(i for i, p in enumerate(checked.puzzles) if p is target)
        wanted = pv.board_pages(checked, options)[index]
        selection = {board: wanted[:1] if first else wanted}
    out = Path(outdir)
    written: list[str] = []
    thumbs: list[list] = []
    for name, wanted in selection.items():
        try:
            data = kit_documents[name](checked, options).data
        except LayoutError as exc:
            click.echo(f"{lesson}: {name}: {exc}", err=True)
            sys.exit(1)
        count = pv.page_count(data)
        indices = list(range(count)) if wanted is None else wanted
        if pages:
            for index, raster in zip(indices, pv.rasterise(data, indices, dpi=dpi)):
                file = pv.file_name(name, index + 1, count)
                write_bytes_atomic(out / file, raster.png(dpi))
                written.append(file)
        if contact_sheet:
            thumbs.append(pv.rasterise(data, indices, height=pv.THUMB_HEIGHT))
    if pages:
        click.echo(f"{out}/: {_plural(len(written), 'picture')} at {dpi} dpi ({written[0]} … {written[-1]})" if len(written) > 1 else f"{out}/{written[0]}")
    if contact_sheet:
        sheet = pv.contact_sheet(thumbs)
        write_bytes_atomic(out / "contact-sheet.png", sheet.png())
        click.echo(f"{out}/contact-sheet.png: {_plural(sum(len(t) for t in thumbs), 'page')}, a row per document ({sheet.width}×{sheet.height} px)")


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("-o", "--output", "outdir", required=True, type=click.Path(file_okay=False), help="Folder for the catalogue (index.html) and the kits beside it.")
@click.option("--ui", type=click.Choice(["ja", "en"]), default="ja", show_default=True, help="Language of the catalogue's own words (English lessons always get English pages).")
@click.option("--preview-dpi", type=click.IntRange(30, 200), default=60, show_default=True, help="Resolution of the page previews.")
@_kit_options
def site(paths, outdir, ui, preview_dpi, paper, groups, class_size, group_size, school, mono, no_furigana, board_size) -> None:
    """Build every kit and a catalogue a school opens from a folder, offline.

    \b
    Writes OUTDIR/index.html (every lesson: filter by grade, concept and
    activity, search by words), curriculum.html (lessons by grade and
    concept) and a page per lesson (aims, flow, preparation, previews, PDFs,
    source), with the kits in OUTDIR/kits/ exactly as build writes them.
    Relative links only: copy the folder anywhere and double-click index.html.
    Exit status: 0 when every lesson was built, 1 when any failed, 2 for bad usage.
    """
    options = _build_options(paper, groups, class_size, group_size, school, mono, no_furigana, board_size)
    files = _lesson_files(paths)
    if not files:
        raise click.UsageError(NO_LESSONS + ", ".join(paths))
    out = Path(outdir).resolve()
    for given in paths:
        folder = Path(given).resolve()
        if folder.is_dir() and out.is_relative_to(folder):
            # The catalogue holds copies of the sources: inside a lesson folder
            # they would be read as lessons (twice) the next time.
            raise click.BadParameter(f"'{outdir}' is inside the lesson folder '{given}'; the catalogue's copies of the lessons would be read as lessons next time; choose a folder outside it", param_hint="--output")
    from lessonkit.site import build_site

    bar = None
    if sys.stderr.isatty():
        bar = click.progressbar(length=len(files), label="building", file=sys.stderr).__enter__()
    try:
        report = build_site([str(f) for f in files], outdir, options, ui=ui, dpi=preview_dpi, progress=lambda item, done, total: bar and bar.update(1))
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)
    for item in report.build.lessons:
        if item.ok:
            pages = ", ".join(f"{name} {n}" for name, n in item.pages.items())
            click.echo(f"{item.folder}/: {pages} ({_plural(sum(item.pages.values()), 'page')})")
        else:
            lines = _source_lines(item.source)
            for diag in item.diagnostics:
                if diag.is_error:
                    click.echo(_show(diag, lines, sys.stdout.isatty()))
            click.echo(f"{item.source}: not built: {item.error}")
    failed = len(report.build.failed)
    index = Path(outdir) / "index.html"
    click.echo(f"catalogue of {_plural(len(report.entries), 'lesson')} ({_plural(report.pictures, 'preview')}): open {index}" + (f"; {failed} failed" if failed else ""))
    sys.exit(0 if report.build.ok else 1)
