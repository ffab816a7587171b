"""A puzzle's own rules, as the kit prints them: its palette (``cards``), its
card limit (``max_cards``) and its goal rule (``goal_rule: stop``).

Pupils read one line per rule under the puzzle's task on the worksheet; the
teacher reads one sentence of them first beside the answer key's board.
Every word comes from the puzzle's data: the cards by the labels printed on
them (in the Japanese answer key by their names in programs, まえ・みぎ, as
the key's programs and bug lines name them), the limit as written, "End cards too" only where the puzzle's cards
include a block card (whose End card a program lays).  A puzzle with none of
these keys prints nothing (its rules are the lesson's: every card of the kit,
no limit, the goal judged when the program ends).

A family may word its goal (the grid robot reaches the goal square, with every
item picked up) with a ``stop_rule(checked, puzzle, lang, pupils)`` hook in
its drawing module; the default words a goal met.
"""

from __future__ import annotations

from lessonkit.render.programs import card_info
from lessonkit.render.words import tidy_text, word
from lessonkit.render.worlds import hook
from lessonkit.worlds.base import BLOCK_CARDS


def _label(checked, name: str, lang: str) -> str:
    """What the card ``name`` says as printed (furigana markup kept)."""
    info = card_info(checked.family, name)
    if info is None:  # not a card of the family: the check has reported it
        return name
    return tidy_text(info.label_ja if lang == "ja" else info.label_en)


def _name(checked, name: str) -> str:
    """The card's Japanese name in programs (まえ for forward; the printed
    label for a family whose cards are their words, as the key's programs)."""
    from lessonkit.render.guide import names_are_labels

    info = card_info(checked.family, name)
    if info is not None and names_are_labels(checked.family) and info in checked.family.cards:
        return info.label_ja
    return name if info is None else info.ja


def _palette(checked, puzzle) -> list[tuple[str, int | None]]:
    """The puzzle's own cards in the order written, with how many a group may
    use where the puzzle says (a mapping), else None (the kit's count)."""
    spec = puzzle.spec
    if spec.cards is None:
        return []
    counted = isinstance(spec.cards, dict)
    return [(name, count if counted else None) for name, count in puzzle.palette.items()]


def counts_end_cards(puzzle) -> bool:
    """Whether a program of this puzzle may lay End cards: its cards (the
    puzzle's own, or the lesson's kit) hold a block card."""
    return any(name in BLOCK_CARDS for name in puzzle.palette)


def _stop(checked, puzzle, lang: str, pupils: bool) -> str:
    own = hook(checked.family.name, "stop_rule")
    if own is not None:
        return own(checked, puzzle, lang, pupils)
    return word("rule_stop_pupil" if pupils else "rule_stop", lang)


def pupil_rules(checked, puzzle) -> list[str]:
    """The worksheet's lines under the task, one per rule the puzzle sets."""
    lang = checked.lesson.language
    spec = puzzle.spec
    out: list[str] = []
    palette = _palette(checked, puzzle)
    if palette:
        if lang == "ja":
            cards = "　".join(f"「{_label(checked, name, lang)}」" + (f"{n}まい" if n is not None else "") for name, n in palette)
        else:
            cards = ", ".join(_label(checked, name, lang) + (f" ({n})" if n is not None else "") for name, n in palette)
        out.append(word("rule_cards_pupil", lang, cards=cards))
    if spec.max_cards is not None:
        key = "rule_max_pupil_end" if counts_end_cards(puzzle) else "rule_max_pupil"
        out.append(word(key, lang, n=spec.max_cards))
    if spec.goal_rule == "stop":
        out.append(_stop(checked, puzzle, lang, True))
    return out


def teacher_rules(checked, puzzle) -> str:
    """One sentence of the puzzle's rules for the answer key ("" for none)."""
    lang = checked.lesson.language
    spec = puzzle.spec
    parts: list[str] = []
    palette = _palette(checked, puzzle)
    if palette:
        from lessonkit.spec.ruby import plain_text

        if lang == "ja":  # by the names the answer key's programs use (まえ, みぎ), as its other lines do
            cards = "".join(f"「{plain_text(_name(checked, name))}」" + (f"{n}枚" if n is not None else "") for name, n in palette)
        else:
            names = [plain_text(_label(checked, name, lang)) + (f" ({n})" if n is not None else "") for name, n in palette]
            cards = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        parts.append(word("rule_cards", lang, cards=cards))
    if spec.max_cards is not None:
        parts.append(word("rule_max_end" if counts_end_cards(puzzle) else "rule_max", lang, n=spec.max_cards))
    if spec.goal_rule == "stop":
        parts.append(_stop(checked, puzzle, lang, False))
    if not parts:
        return ""
    return word("rules_sentence", lang, rules=word("rules_sep", lang).join(parts))
