"""answer-key.pdf: the answer key (解答・解説), a document of its own so it
can be printed alone and kept apart from the 学習指導案.

For each puzzle: the board with the solution's numbered path beside the
program and its mini cards, the alternatives, how many shortest rows of cards
there are; for each bug exercise: where and why it goes wrong (from its run),
the hint and the explanation.
"""

from __future__ import annotations

from lessonkit.check import CheckedLesson
from lessonkit.render.guide import BODY_SIZE, SMALL_SIZE, TITLE_SIZE, _answer, _bug, _place_block
from lessonkit.render.options import BuildOptions
from lessonkit.render.page import Flow, Page, Rendered, add_furniture, add_text, draw_pages, frame_for
from lessonkit.render.rules import teacher_rules
from lessonkit.render.words import document_meta, word
from lessonkit.render.worlds import hook


def plan_answer_key(checked: CheckedLesson, options: BuildOptions) -> list[Page]:
    """Every page of the answer key, as data (header and footer included)."""
    lesson = checked.lesson
    lang = lesson.language
    frame = frame_for(options.paper)
    flow = Flow(frame)
    add_text(flow, word("answer_key_doc", lang), SMALL_SIZE + 1, furigana=False, role="doc-name")
    flow.space(2)
    add_text(flow, lesson.title, TITLE_SIZE, bold=True, furigana=False, role="title")
    flow.space(4)
    add_text(flow, word("answer_key_note", lang), BODY_SIZE - 0.5, furigana=False, role="note")
    own = hook(checked.family.name, "answer_section")
    for index, puzzle in enumerate(checked.puzzles):
        if own is not None:  # a family whose check is its own prints its own findings
            own(flow, checked, index, puzzle, options)
            rules = teacher_rules(checked, puzzle)
            if rules:  # the puzzle's own cards, limit and goal rule
                add_text(flow, rules, BODY_SIZE - 0.5, furigana=False, role="puzzle-rule")
            continue
        _place_block(flow, _answer(flow, checked, index, puzzle, options))
        for j, bug in enumerate(puzzle.bugs):
            _place_block(flow, _bug(flow, checked, puzzle, j, bug, options))
    pages = flow.pages
    for k, page in enumerate(pages):
        add_furniture(page, frame, school=options.school, title=lesson.title, document=word("answer_key_doc", lang), number=f"{k + 1} / {len(pages)}")
    return pages


def render_answer_key(checked: CheckedLesson, options: BuildOptions) -> Rendered:
    """answer-key.pdf for ``checked`` (same input, same bytes)."""
    from lessonkit.render.fonts import latin_text

    lang = checked.lesson.language
    meta = document_meta("answer_key_doc", checked.lesson.title, lang)
    with latin_text(lang == "en"):  # English: Latin text in the proportional face
        return draw_pages(plan_answer_key(checked, options), options.paper, lang=lang, **meta)
