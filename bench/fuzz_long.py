"""A long fuzz run: hostile and damaged lessons, programs and arguments for as
many minutes as you give it; reports cases, crashes and hangs.

    nice -n 19 python bench/fuzz_long.py --minutes 30            # the release run
    python bench/fuzz_long.py --minutes 1 --seed 7 --out /tmp/f  # a quick look

Each case is made from (seed, number) alone, so a crash or a hang found here is
reproduced with ``--replay NUMBER`` (same seed).  Cases run in a worker
process; a hang is a case that uses more than ``--hang`` seconds of CPU
(or ten times that of wall time: at nice 19 a case may wait for the CPU);
the worker is then killed and a new one carries on.  A
crash is any exception escaping ``check_bytes``, the notation parser, the
simulator or a command (the command line must answer every input with a
message and exit 0, 1 or 2: exit 70, "internal error", is a crash too).
Crashing and hanging inputs are saved under ``--out`` with their traceback.

The kinds of case (one drawn per case, see KINDS): damaged bundled lessons
(the suite's mutations), grown hostile lessons (tests/hostile.py, up to
200 KB), huge numbers and long runs of names spliced into lessons, random
program text for ``run``, and random PUZZLE arguments.  The suite's own fuzz
tests (tests/test_fuzz.py, tests/test_hostile.py) run the same makers briefly.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import random
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

import hostile  # noqa: E402  (tests/hostile.py: the grown lessons)

SOURCES = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "lessons").rglob("*.yaml"))] + [hostile.BASE]
JUNK = ["", " ", "  ", "\t", "\u3000", ":", "- ", "[", "]", "{", "}", "|", ">", "&a ", "*a", "!!str ", "#", "'", '"', "３", "\n", "{漢|", "}", "repeat", "くりかえす", "まえ", "S", "G", "#", ".", "\x00", "\ufeff", "𠀀", "\u2028", "\x85", "é", "😀", "\\", "%", "@", "`", "? ", "--- ", "...", "!", ",", "　", "²", "٣", "1e999", "-0", "0x1F", "nan", ".inf"]
WORDS = ["forward", "turn_left", "turn_right", "まえ", "みぎ", "ひだり", "repeat", "くりかえす", "until", "まで", "if", "もし", "else", "ちがったら", "not", "def", "[", "]", "path_ahead", "at_goal", "ゴール", "jump", "3", "99", "100", "0", "-1", "３", "²", ",", "、", "{", "}"]


def _mutate(rng: random.Random, text: str, edits: int) -> str:
    for _ in range(edits):
        pos = rng.randrange(len(text) + 1)
        cut = rng.randrange(41)
        text = text[:pos] + rng.choice(JUNK) + text[pos + cut :]
    return text


def _huge(rng: random.Random) -> str:
    """Something no mutation of a bundled lesson makes: a big number, a long run."""
    pick = rng.randrange(6)
    if pick == 0:
        return "9" * rng.choice([4300, 4301, 5000, 20000])
    if pick == 1:
        return "-" + "1" * rng.randrange(90, 200) + "." + "5" * rng.randrange(0, 50)
    if pick == 2:
        return " ".join(f"name{i}" for i in range(rng.randrange(100, 3000)))
    if pick == 3:
        return "漢" * rng.randrange(1000, 30000)
    if pick == 4:
        return "[ " * rng.randrange(30, 300) + "まえ" + " ]" * rng.randrange(30, 300)
    return "{" + "ろ|ro}" * rng.randrange(10, 3000)


def _splice(rng: random.Random, text: str) -> str:
    """Replace one value in the lesson by something huge, or repeat a line many times."""
    lines = text.split("\n")
    i = rng.randrange(len(lines))
    if rng.random() < 0.5 and ": " in lines[i]:
        key, _, _ = lines[i].partition(": ")
        lines[i] = f"{key}: {_huge(rng)}"
    else:
        lines[i : i + 1] = [lines[i]] * rng.randrange(2, 3000)
    return "\n".join(lines)


def make_case(seed: int, number: int) -> dict:
    rng = random.Random(f"{seed}:{number}")
    kind = rng.choices(list(KINDS), weights=[w for w, _ in KINDS.values()])[0]
    return {"kind": kind, **KINDS[kind][1](rng)}


def _damaged(rng):
    return {"lesson": _mutate(rng, rng.choice(SOURCES), rng.randrange(1, 7))}


def _grown(rng):
    maker = rng.choice(sorted(hostile.MAKERS))
    text = hostile.MAKERS[maker](rng.choice([1_000, 5_000, 20_000, 60_000]))
    return {"lesson": _mutate(rng, text, rng.randrange(0, 3)), "maker": maker}


def _spliced(rng):
    return {"lesson": _splice(rng, rng.choice(SOURCES))}


def _program(rng):
    n = rng.choice([1, 5, 30, 300, 3000])
    words = [rng.choice(WORDS) if rng.random() < 0.9 else _huge(rng)[:200] for _ in range(n)]
    return {"args": ["run", "LESSON", str(rng.randrange(1, 4)), " ".join(words)]}


def _puzzle_arg(rng):
    arg = rng.choice(["1", "0", "-1", "²", "٣", "１", "9" * 4301, "x" * 10000, "first", "", " ", "\u3000", "1" * 9, "1" * 10])
    return {"args": [rng.choice(["run", "solve"]), "LESSON", arg] + (["forward"] if rng.random() < 0.5 else [])}


KINDS = {
    "damaged": (40, _damaged),
    "grown": (5, _grown),
    "spliced": (20, _spliced),
    "program": (20, _program),
    "puzzle-arg": (5, _puzzle_arg),
}


# -- the worker -----------------------------------------------------------------


def _run_case(case: dict, lesson_path: Path) -> str | None:
    """None when lessonkit answered as it should; else what went wrong."""
    from click.testing import CliRunner

    from lessonkit.check import check_bytes
    from lessonkit.cli import main
    from lessonkit.spec.load import Report

    if "lesson" in case:
        raw = case["lesson"].encode("utf-8", errors="surrogatepass")
        result = check_bytes(raw, Report("lesson.yaml"))
        for diag in result.diagnostics:
            if diag.line < 1 or diag.col < 1 or not diag.message:
                return f"bad diagnostic: {diag}"
        if result.checked is None and not any(d.is_error for d in result.diagnostics):
            return "not checked, yet no error"
        if len(result.diagnostics) > 100:
            return f"{len(result.diagnostics)} diagnostics kept (cap 100)"
        return None
    args = [str(lesson_path) if a == "LESSON" else a for a in case["args"]]
    outcome = CliRunner().invoke(main, args, catch_exceptions=True)
    if outcome.exception is not None and not isinstance(outcome.exception, SystemExit):
        return "".join(traceback.format_exception(outcome.exception))
    if outcome.exit_code not in (0, 1, 2):
        return f"exit {outcome.exit_code}: {outcome.output[-500:]}"
    if len(outcome.output) > 200_000:
        return f"{len(outcome.output):,} characters of output"
    return None


def _worker(seed: int, first: int, conn, lesson_path: str) -> None:
    os.environ.setdefault("PYTHONHASHSEED", "0")
    number = first
    while True:
        case = make_case(seed, number)
        conn.send(("start", number, case["kind"]))
        t = time.perf_counter()
        try:
            problem = _run_case(case, Path(lesson_path))
        except BaseException:  # noqa: BLE001 - anything escaping is the finding
            problem = traceback.format_exc()
        conn.send(("done", number, problem, time.perf_counter() - t))
        number += 1


# -- the parent ------------------------------------------------------------------


def _cpu_seconds(pid: int) -> float:
    """CPU time a process has used (Linux /proc); 0 where that cannot be read."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return 0.0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--minutes", type=float, default=30)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--hang", type=float, default=20, help="seconds a case may take before it counts as a hang")
    ap.add_argument("--out", default="/tmp/lessonkit-fuzz", help="folder for crashing and hanging inputs")
    ap.add_argument("--replay", type=int, default=None, help="run one case by number and print it")
    args = ap.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    lesson_path = ROOT / "lessons" / "ja" / "g1-robot-sequence.yaml"
    if args.replay is not None:
        case = make_case(args.seed, args.replay)
        print(json.dumps({k: (v[:300] if isinstance(v, str) else v) for k, v in case.items()}, ensure_ascii=False))
        print(_run_case(case, lesson_path) or "ok")
        return 0

    deadline = time.monotonic() + args.minutes * 60
    cases = crashes = hangs = 0
    by_kind: dict[str, int] = {}
    slowest = (0.0, -1, "")
    next_number = 0
    started = time.monotonic()
    ctx = mp.get_context("spawn")
    while time.monotonic() < deadline:
        parent, child = ctx.Pipe()
        proc = ctx.Process(target=_worker, args=(args.seed, next_number, child, str(lesson_path)), daemon=True)
        proc.start()
        current = (next_number, "?")
        case_started, case_cpu = time.monotonic(), 0.0
        try:
            while time.monotonic() < deadline:
                if not parent.poll(args.hang):
                    # At nice 19 on a busy machine a case may wait for the CPU:
                    # a hang is a case that used --hang seconds of CPU (or ten
                    # times that of wall time), not one that was starved.
                    waited = time.monotonic() - case_started
                    if _cpu_seconds(proc.pid) - case_cpu < args.hang and waited < 10 * args.hang:
                        continue
                    number, kind = current
                    hangs += 1
                    (out / f"hang-{number}.json").write_text(json.dumps(make_case(args.seed, number), ensure_ascii=False))
                    print(f"hang: case {number} ({kind}) took over {args.hang:.0f} s", flush=True)
                    next_number = number + 1
                    break
                message = parent.recv()
                if message[0] == "start":
                    current = (message[1], message[2])
                    case_started, case_cpu = time.monotonic(), _cpu_seconds(proc.pid)
                    continue
                _, number, problem, seconds = message
                cases += 1
                by_kind[current[1]] = by_kind.get(current[1], 0) + 1
                if seconds > slowest[0]:
                    slowest = (seconds, number, current[1])
                if problem:
                    crashes += 1
                    (out / f"crash-{number}.json").write_text(json.dumps({"case": make_case(args.seed, number), "problem": problem}, ensure_ascii=False))
                    print(f"crash: case {number} ({current[1]}): {problem.strip().splitlines()[-1][:200]}", flush=True)
                next_number = number + 1
                if cases % 1000 == 0:
                    rate = cases / (time.monotonic() - started)
                    print(f"{cases:,} cases ({rate:.0f}/s), {crashes} crashes, {hangs} hangs", flush=True)
            else:
                break
        except EOFError:  # the worker died (out of memory?): a crash of that case
            crashes += 1
            print(f"crash: worker died at case {current[0]} ({current[1]})", flush=True)
            next_number = current[0] + 1
        finally:
            proc.kill()
            proc.join()
    elapsed = time.monotonic() - started
    summary = {
        "seed": args.seed,
        "minutes": round(elapsed / 60, 1),
        "cases": cases,
        "crashes": crashes,
        "hangs": hangs,
        "by_kind": by_kind,
        "slowest_case": {"wall_seconds": round(slowest[0], 2), "number": slowest[1], "kind": slowest[2]},
    }
    print(json.dumps(summary, indent=2))
    (out / "summary.json").write_text(json.dumps(summary, indent=2))
    return 1 if crashes or hangs else 0


if __name__ == "__main__":
    sys.exit(main())
