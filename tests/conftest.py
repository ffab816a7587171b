"""Shared helpers: lesson files written to tmp_path, and the CLI run in-process."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from lessonkit.cli import main

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
        return runner.invoke(main, [str(a) for a in args], catch_exceptions=False)

    return invoke
