"""Skeletons for ``lessonkit new``: a whole lesson, every key commented, that
validates clean as written, so an author changes a working lesson instead of
starting from a blank page."""

from __future__ import annotations

import os
import re
from pathlib import Path

SCHEMA_FILE = "lesson.schema.json"

_JA = """\
# yaml-language-server: $schema={schema}
# A new lesson: change every value, then check it with  lessonkit validate {path}
# The cards, their names and what they do:  lessonkit cards --language ja
id: {id}                          # the kit's folder name: lowercase letters, digits and '-'
title: ロボットを ゴールまで うごかそう     # pupils read it ({{漢字|かんじ}} adds furigana)
unit: ''                                # 単元名 (optional)
language: ja                            # ja or en: the language of the kit
grade: {grade}                                # 1-6, a range like "3-4", or a list like [3, 4]
minutes: 45                             # the lesson's length; the flow's minutes add up to it
concepts: [sequence, repetition, debugging]   # sequence, branching, repetition, functions, debugging, data
mext: C                                 # lesson type A-F (optional)
objectives:                             # 本時の目標: one line each
  - 同じ動きのまとまりに気付き、「くりかえす」カードを使ってプログラムを短く表すことができる。
criteria:                               # 評価規準, under the three viewpoints
  knowledge: 「くりかえす」カードで、同じ動きを決めた回数だけ行えることが分かっている。
  thinking: ゴールまでの道筋から繰り返しのまとまりを見つけ、カードを選んで並べている。
  attitude: うまくいかないときも、友達と並べ方を見直して何度も試そうとしている。
materials:                              # what the teacher prepares (準備)
  - 黒板用の拡大ボードと拡大カード、マグネット
roles: [programmer, tester, robot, recorder]   # or {{name: ..., does: ...}} for a role of your own
flow:                                   # 本時の展開: phase is introduction (導入), development (展開) or summary (まとめ)
  - phase: introduction
    minutes: 10
    activity: 教師がロボット役になり、カードの とおりに 動いて見せる。めあてをつかむ。   # 学習活動
    responses:                          # 予想される反応
      - 「まえ」が たくさん ならんで いるね。
    support: カードは全部並べてから動かすことを約束にする。   # 指導上の留意点
    assessment: ''                      # 評価 (optional)
  - phase: development
    minutes: 27
    activity: 班で役割を決め、パズルのプログラムを作って確かめる。まちがったプログラムを直す。
    support: 困っている班には、ロボット役を実際に立たせて向きを確かめさせる。
    assessment: 繰り返しのまとまりを見つけて「くりかえす」で表している。（ワークシート・思考・判断・表現）
  - phase: summary
    minutes: 8
    activity: 見つけたまとまりを発表し合い、ふりかえりを書く。
reflection: 「くりかえす」を つかうと、どんな よい ことが あったかな？   # the worksheet's last question
world: grid                             # the activity family; its cards: lessonkit cards --world grid
cards:                                  # one group's kit: card -> how many (End cards are added for you)
  まえ: 4                               # any spelling works: まえ, 前, forward
  みぎ: 2
  ひだり: 2
  くりかえす: 2
puzzles:                                # one or more; each is checked by running its programs
  - id: first-corner                    # lowercase letters, digits and '-'
    title: かどを まがろう                # pupils read it
    task: ロボットを ゴールまで うごかそう。   # the task as pupils read it
    board: |                            # S start, G goal, # wall, . floor, * item to pick up
      S...#
      ###.#
      ###G#
    facing: east                        # which way the robot faces at the start: north, east, south or west
    solution: くりかえす 3 [ まえ ] みぎ まえ まえ   # a program that reaches the goal (checked by running it)
    alternatives: []                    # other programs that also work (each checked)
    bugs:                               # find-the-bug exercises, each checked to go wrong as stated
      - program: くりかえす 4 [ まえ ] みぎ まえ まえ   # the wrong program pupils debug
        outcome: crash                  # crash, stopped, step_limit or unknown_card
        step: 4                         # the step at which it goes wrong
        hint: ロボットは なんマス すすんだら まがるのかな？   # pupils read it
        explanation: 回数が1回多く、4歩目でかべに当たる。   # for the answer key
        handout: true                   # print it on each group's worksheet to debug on paper
"""

_EN = """\
# yaml-language-server: $schema={schema}
# A new lesson: change every value, then check it with  lessonkit validate {path}
# The cards, their names and what they do:  lessonkit cards
id: {id}                          # the kit's folder name: lowercase letters, digits and '-'
title: Get the robot to the goal        # pupils read it
unit: ''                                # the unit's name (optional)
language: en                            # ja or en: the language of the kit
grade: {grade}                                # 1-6, a range like "3-4", or a list like [3, 4]
minutes: 45                             # the lesson's length; the flow's minutes add up to it
concepts: [sequence, repetition, debugging]   # sequence, branching, repetition, functions, debugging, data
mext: C                                 # lesson type A-F (optional)
objectives:                             # this lesson's aims, one line each
  - Notice a group of moves that comes again and write it once with a repeat card.
criteria:                               # assessment criteria, under the three viewpoints
  knowledge: Knows that a repeat card does the cards inside it a set number of times.
  thinking: Finds the repeated group of moves on the way to the goal and lays the cards for it.
  attitude: Keeps trying with the group when a program goes wrong.
materials:                              # what the teacher prepares
  - A large board and large cards for the blackboard, magnets
roles: [programmer, tester, robot, recorder]   # or {{name: ..., does: ...}} for a role of your own
flow:                                   # phase is introduction, development or summary
  - phase: introduction
    minutes: 10
    activity: The teacher plays the robot and does exactly what the cards say.   # what pupils do
    responses:                          # what pupils may say
      - There are lots of forward cards.
    support: Lay out every card before the robot moves.   # teacher's notes
    assessment: ''                      # what is assessed (optional)
  - phase: development
    minutes: 27
    activity: Groups take roles, write each puzzle's program and test it; they fix a wrong program.
    support: Let a group that is stuck stand the robot up and check which way it faces.
    assessment: Finds the repeated group and writes it with a repeat card (worksheet).
  - phase: summary
    minutes: 8
    activity: Groups share what they found and write the reflection.
reflection: What did the repeat card make easier?   # the worksheet's last question
world: grid                             # the activity family; its cards: lessonkit cards --world grid
cards:                                  # one group's kit: card -> how many (End cards are added for you)
  forward: 4                            # how many of this card one group's kit holds
  turn_right: 2                         # turn right on the spot
  turn_left: 2                          # turn left on the spot
  repeat: 2                             # repeat N [ ... ]
puzzles:                                # one or more; each is checked by running its programs
  - id: first-corner                    # lowercase letters, digits and '-'
    title: Round the corner             # pupils read it
    task: Get the robot to the goal.    # the task as pupils read it
    board: |                            # S start, G goal, # wall, . floor, * item to pick up
      S...#
      ###.#
      ###G#
    facing: east                        # which way the robot faces at the start: north, east, south or west
    solution: repeat 3 [ forward ] turn_right forward forward   # a program that reaches the goal (checked by running it)
    alternatives: []                    # other programs that also work (each checked)
    bugs:                               # find-the-bug exercises, each checked to go wrong as stated
      - program: repeat 4 [ forward ] turn_right forward forward   # the wrong program pupils debug
        outcome: crash                  # crash, stopped, step_limit or unknown_card
        step: 4                         # the step at which it goes wrong
        hint: How many squares does the robot go before it turns?   # pupils read it
        explanation: One round too many; the robot hits the wall at step 4.   # for the answer key
        handout: true                   # print it on each group's worksheet to debug on paper
"""

TEMPLATES = {("grid", "ja"): _JA, ("grid", "en"): _EN}


def slug(text: str) -> str:
    """A lesson id from a file name: 'My Maze_2' -> 'my-maze-2'."""
    words = re.findall(r"[a-z0-9]+", text.lower())
    return "-".join(words)[:64].strip("-") or "new-lesson"


def find_schema(folder: Path) -> Path | None:
    """The project's schema/lesson.schema.json in ``folder`` or a folder above."""
    for here in (folder, *folder.parents):
        candidate = here / "schema" / SCHEMA_FILE
        if candidate.is_file():
            return candidate
    return None


def skeleton(world: str, lang: str, grade: int, lesson_id: str, schema_ref: str, shown_path: str) -> str:
    template = TEMPLATES[(world, lang)]
    return template.format(schema=schema_ref, id=lesson_id, grade=grade, path=shown_path)


def schema_ref(lesson: Path, schema: Path) -> str:
    """The schema's path relative to the lesson's folder, with '/' separators."""
    return Path(os.path.relpath(schema.resolve(), lesson.resolve().parent)).as_posix()
