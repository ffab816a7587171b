"""Shared helpers: lesson files written to tmp_path, and the CLI run in-process."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import strategies as st

from lessonkit.cli import main
from lessonkit.program import Action, Call, Cond, If, Program, Repeat, RepeatUntil
from lessonkit.worlds.grid import Grid

GOLDEN = Path(__file__).with_name("golden")

# A small, valid English lesson; tests change one line of it at a time.
LESSON = """\
id: robot-maze-1
title: Robot maze
language: en
grade: 3
minutes: 45
concepts: [sequence, repetition]
objectives:
  - Give a robot exact instructions
flow:
  - phase: introduction
    minutes: 10
    activity: Meet the robot
  - phase: development
    minutes: 25
    activity: Program the robot
  - phase: summary
    minutes: 10
    activity: Share programs
world: grid
cards:
  forward: 6
  turn_left: 2
  turn_right: 2
  repeat: 2
puzzles:
  - id: first
    title: First steps
    board: |
      #####
      #S..G
      #####
    solution: repeat 3 [ forward ]
    alternatives:
      - forward forward forward
    bugs:
      - program: forward forward forward forward
        outcome: crash
        step: 4
        hint: count the squares
        handout: true
    facing: east
"""


def edit(old: str, new: str, text: str = LESSON) -> str:
    """``text`` with the one occurrence of ``old`` replaced: a lesson with one change."""
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times"
    return text.replace(old, new)


@pytest.fixture
def write_lesson(tmp_path):
    """Write a lesson (text or bytes) to tmp_path and return its path."""

    def write(content: str | bytes = LESSON, name: str = "lesson.yaml") -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            path.write_text(content, encoding="utf-8", newline="\n")
        else:
            path.write_bytes(content)
        return path

    return write


@pytest.fixture
def cli():
    """Run ``lessonkit ARGS`` in-process; returns click's Result (stdout and stderr apart)."""
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(main, [str(a) for a in args], prog_name="lessonkit", catch_exceptions=False)

    return invoke


# --- hypothesis strategies: card programs ----------------------------------------

ACTIONS = list(Grid.actions())
CONDITIONS = list(Grid.conditions())
# Not cards of the grid world, and not aliases of any: they must stay unknown.
UNKNOWN_ACTIONS = ["jump", "dance"]
UNKNOWN_CONDITIONS = ["is_raining"]
FUNCTION_NAMES = ["zigzag", "step2", "ジグザグ"]


def conds(unknown: bool = True):
    names = CONDITIONS + (UNKNOWN_CONDITIONS if unknown else [])
    return st.builds(Cond, st.sampled_from(names), st.booleans())


@lru_cache(maxsize=None)
def bodies(callable_names: tuple[str, ...] = (), unknown: bool = True, max_leaves: int = 12):
    """Bodies of nodes; ``callable_names`` are the functions a Call may name.
    Cached: building a recursive strategy is slow, drawing from one is not."""
    names = ACTIONS + (UNKNOWN_ACTIONS if unknown else [])
    leaf = st.builds(Action, st.sampled_from(names))
    if callable_names:
        leaf = leaf | st.builds(Call, st.sampled_from(callable_names))

    def extend(inner):
        body = st.lists(inner, max_size=3).map(tuple)
        return (
            st.builds(Repeat, st.integers(1, 99), body)
            | st.builds(RepeatUntil, conds(unknown), body)
            | st.builds(If, conds(unknown), body, st.none() | body)
        )

    node = st.recursive(leaf, extend, max_leaves=max_leaves)
    return st.lists(node, max_size=5).map(tuple)


@st.composite
def programs(draw, unknown: bool = True, max_functions: int = 3):
    """Programs as the notation can write them: a function may call itself and
    those defined before it; main may call any."""
    n = draw(st.integers(0, max_functions))
    names = tuple(FUNCTION_NAMES[:n])
    functions = tuple((name, draw(bodies(names[: i + 1], unknown))) for i, name in enumerate(names))
    main = draw(bodies(names, unknown))
    return Program(main, functions)


# --- hypothesis strategies: grid boards --------------------------------------------


@st.composite
def boards(draw, max_side: int = 6, squares: str = "..#*") -> list[str]:
    """Random boards of floor, walls and items, with one start and one goal."""
    h = draw(st.integers(1, max_side))
    w = draw(st.integers(2 if h == 1 else 1, max_side))
    cells = draw(st.lists(st.sampled_from(squares), min_size=h * w, max_size=h * w))
    s, g = draw(st.lists(st.integers(0, h * w - 1), min_size=2, max_size=2, unique=True))
    cells[s], cells[g] = "S", "G"
    return ["".join(cells[r * w : (r + 1) * w]) for r in range(h)]




# --- PDF text ----------------------------------------------------------------------------------

RUBY_SCALE = 0.5  # lessonkit.render.text.RUBY_SCALE, restated: the test must not trust the code


def pdf_lines(data: bytes, ruby: bool = False) -> list[list[str]]:
    """Each page's text lines, read back from the PDF with pypdf.

    Every drawString is one chunk with a position and a size.  A reading is a
    chunk at half the size of a chunk just below it that it overlaps: with
    ``ruby=False`` those are dropped, so "使(つか)って" reads "使って".
    Chunks on one baseline join into one line, left to right; lines run top
    to bottom.
    """
    import io

    import pypdf

    pages = []
    for page in pypdf.PdfReader(io.BytesIO(data)).pages:
        chunks: list[tuple[str, float, float, float]] = []

        def visit(text, cm, tm, font, size):
            # pypdf adds lone spaces where it sees a gap (a wide reading's spacing): not text.
            if text.strip():
                m = pypdf.mult(tm, cm)
                chunks.append((text.rstrip("\n"), m[4], m[5], size * m[0]))

        page.extract_text(visitor_text=visit)

        def is_reading(chunk) -> bool:
            text, x, y, size = chunk
            for other, ox, oy, osize in chunks:
                if abs(osize * RUBY_SCALE - size) < 0.01 and oy < y <= oy + 1.6 * osize:
                    if ox - size * len(text) <= x <= ox + osize * len(other):
                        return True
            return False

        kept = [c for c in chunks if ruby or not is_reading(c)]
        rows: dict[float, list[tuple[float, str]]] = {}
        for text, x, y, _ in kept:
            rows.setdefault(round(y, 1), []).append((x, text))
        pages.append(["".join(t for _, t in sorted(row)) for _, row in sorted(rows.items(), reverse=True)])
    return pages


# --- the catalogue of the bundled library: built once for every site test ---------------

LESSONS_DIR = Path(__file__).resolve().parent.parent / "lessons"


@pytest.fixture(scope="session")
def bundled_site(tmp_path_factory):
    """``lessonkit site lessons -o DIR`` run once: (DIR, the command's Result)."""
    out = tmp_path_factory.mktemp("site") / "share"
    result = CliRunner().invoke(main, ["site", str(LESSONS_DIR), "-o", str(out)], prog_name="lessonkit", catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return out, result


# -- the bundled library, by family ----------------------------------------------

BUNDLED_LESSONS = sorted((Path(__file__).resolve().parent.parent / "lessons").glob("*/*.yaml"))


def family_of(path: Path) -> str:
    """The ``world:`` a bundled lesson names (read from its text, without checking it)."""
    import re

    found = re.search(r"^world:\s*(\S+)", path.read_text(encoding="utf-8"), re.M)
    assert found, f"{path} names no world"
    return found.group(1)


def bundled_where(keep) -> list[Path]:
    """The bundled lessons whose family (its class in lessonkit.worlds.FAMILIES) ``keep`` accepts."""
    from lessonkit.worlds import FAMILIES

    return [p for p in BUNDLED_LESSONS if keep(FAMILIES[family_of(p)])]
