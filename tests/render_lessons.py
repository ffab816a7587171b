"""Small valid lessons for the renderer tests (cards, board, build)."""

from __future__ import annotations

from pathlib import Path

JA = """\
id: maze-ja
title: "{迷路|めいろ}の ロボット <b> & 1<2"
language: ja
grade: 2
concepts: [sequence, repetition]
objectives:
  - ロボットを ゴールまで うごかす てじゅんを かんがえる
roles: [programmer, tester, robot, recorder, {name: "{時計|とけい}がかり", does: "じかんを はかる"}]
flow:
  - {phase: introduction, minutes: 10, activity: x}
  - {phase: development, minutes: 25, activity: y}
  - {phase: summary, minutes: 10, activity: z}
world: grid
cards: {まえ: 5, turn_left: 2, turn_right: 2, repeat: 2, if: 1, else: 1, path_ahead: 1, at_goal: 1}
puzzles:
  - id: p1
    title: "はじめの いっぽ <b>&amp;"
    board: |
      #######
      #S...G#
      #######
    facing: east
    solution:
      - repeat: 4
        do: [forward]
  - id: p2
    title: まがりかど
    board: |
      S.##
      #.##
      #..G
    facing: east
    solution: forward turn_right forward forward turn_left forward forward
"""

EN = """\
id: maze-en
title: Robot maze
language: en
grade: 3
concepts: [sequence]
objectives: [Give a robot exact instructions]
roles: [robot, tester]
flow:
  - {phase: introduction, minutes: 10, activity: x}
  - {phase: development, minutes: 25, activity: y}
  - {phase: summary, minutes: 10, activity: z}
world: grid
cards: {forward: 4, turn_left: 1, turn_right: 1, repeat: 1}
puzzles:
  - id: first
    title: First steps
    board: |
      #####
      #S..G
      #####
    facing: east
    solution: forward forward forward
"""

BAD = """\
id: broken
title: Broken
language: en
grade: 3
concepts: [sequence]
objectives: [x]
flow:
  - {phase: introduction, minutes: 45, activity: x}
world: grid
cards: {forward: 1}
puzzles:
  - id: first
    title: First
    board: |
      S..G
    facing: east
    solution: forward forward forward
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def checked(text: str, tmp_path: Path, name: str = "lesson.yaml"):
    from lessonkit.check import check_file

    result = check_file(write(tmp_path, name, text))
    assert result.ok, [str(d) for d in result.diagnostics]
    return result.checked
