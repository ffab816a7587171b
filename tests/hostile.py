"""Hostile lesson files made to a size: what an attacker or a careless script
might feed lessonkit.  Each maker takes a target size in bytes and returns the
file's text: the small valid lesson below with one thing grown (keys, names,
numbers, text, puzzles) until it is about that size.  The benchmark
(bench/bench_hostile.py), the golden tests and the fuzz run share them.
"""

from __future__ import annotations

from typing import Callable

BASE = """\
id: hostile
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
"""


def _grow(head: str, item: Callable[[int], str], size: int, tail: str = "") -> str:
    parts = [head]
    total = len(head) + len(tail)
    i = 0
    while total < size:
        piece = item(i)
        parts.append(piece)
        total += len(piece)
        i += 1
    parts.append(tail)
    return "".join(parts)


def many_keys(size: int) -> str:
    """Thousands of unknown top-level keys."""
    return _grow(BASE, lambda i: f"key{i:06d}: {i}\n", size)


def many_numbers(size: int) -> str:
    """Objectives that are all numbers (each one an error)."""
    head, rest = BASE.split("objectives:\n  - Give a robot exact instructions\n")
    body = _grow("objectives:\n", lambda i: f"  - {i}\n", size - len(head) - len(rest))
    return head + body + rest


def unknown_cards(size: int) -> str:
    """Thousands of distinct unknown card names in the kit."""
    head, rest = BASE.split("  repeat: 2\n")
    body = _grow("  repeat: 2\n", lambda i: f"  card{i:06d}: 1\n", size - len(head) - len(rest))
    return head + body + rest


def unknown_names(size: int) -> str:
    """A solution of thousands of distinct unknown card names."""
    head = BASE.replace("    solution: repeat 3 [ forward ]\n", "")
    words = _grow("    solution: >-\n     ", lambda i: f" walk{i:06d}" + ("\n     " if i % 8 == 7 else ""), size - len(head))
    return head + words + "\n"


def long_title(size: int) -> str:
    """One puzzle title as long as the file allows."""
    head = BASE.replace("    title: First steps\n", "")
    text = "Long " * max(1, (size - len(head)) // 5)
    return head.replace("  - id: first\n", f"  - id: first\n    title: {text.strip()}\n")


def long_title_ja(size: int) -> str:
    """A Japanese lesson title with no spaces to break at."""
    text = "ロボット" * max(1, (size - len(BASE)) // 12)
    return BASE.replace("title: Robot maze\n", f"title: {text}\n", 1)


def many_puzzles(size: int) -> str:
    """Puzzle after puzzle, each small and valid."""
    return _grow(
        BASE,
        lambda i: f"  - id: p{i:06d}\n    title: Puzzle {i}\n    board: |\n      #####\n      #S..G\n      #####\n    solution: forward forward forward\n",
        size,
    )


def duplicate_keys(size: int) -> str:
    """The same key again and again inside one mapping."""
    head, rest = BASE.split("  repeat: 2\n")
    body = _grow("  repeat: 2\n", lambda i: "  forward: 1\n", size - len(head) - len(rest))
    return head + body + rest


def many_objectives(size: int) -> str:
    """A valid lesson with objective after objective: all of it is printed."""
    head, rest = BASE.split("objectives:\n  - Give a robot exact instructions\n")
    body = _grow("objectives:\n", lambda i: f"  - Aim {i}, give the robot exact instructions, one card at a time, and check each step\n", size - len(head) - len(rest))
    return head + body + rest


def long_comments(size: int) -> str:
    """A valid lesson that is mostly comment lines."""
    return _grow(BASE, lambda i: f"# note {i}: {'x' * 60}\n", size)


def strict_duplicate_keys(size: int) -> str:
    """Duplicate keys in a file the fast composer refuses (a tab in a quoted
    title): the strict Python composer reads all of it."""
    return duplicate_keys(size).replace("title: Robot maze", 'title: "Robot\tmaze"', 1)


MAKERS: dict[str, Callable[[int], str]] = {
    "many-keys": many_keys,
    "many-numbers": many_numbers,
    "unknown-cards": unknown_cards,
    "unknown-names": unknown_names,
    "long-title": long_title,
    "long-title-ja": long_title_ja,
    "many-puzzles": many_puzzles,
    "duplicate-keys": duplicate_keys,
    "many-objectives": many_objectives,
    "long-comments": long_comments,
    "strict-duplicate-keys": strict_duplicate_keys,
}
