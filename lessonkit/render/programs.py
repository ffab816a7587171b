"""A program as the cards lie on the desk: rows of card tokens, nested
blocks one step in.  Shared by the answer key (mini cards beside the board)
and the worksheet (a bug program handed out for pupils to read)."""

from __future__ import annotations

from dataclasses import dataclass

from lessonkit.program import Action, Call, Cond, If, Node, Program, Repeat, RepeatUntil
from lessonkit.render import icons
from lessonkit.render.worlds import draw_icon as draw_card_icon, has_icon
from lessonkit.render.fonts import draw_string, font_name
from lessonkit.worlds.base import CONTROL_CARDS, END_CARD, CardInfo, Family


@dataclass(frozen=True)
class CardToken:
    """One physical card in a laid-out program."""

    icon: str
    category: str
    text: str  # the card's name as the notation writes it
    badge: str = ""  # e.g. the repeat count, written on the card
    label: str = ""  # what the printed card says (furigana markup allowed)


@dataclass(frozen=True)
class ProgramRow:
    """Cards laid side by side at one nesting depth."""

    depth: int
    cards: tuple[CardToken, ...]


END = END_CARD


def card_info(family: type[Family], name: str) -> CardInfo | None:
    for info in family.cards + CONTROL_CARDS + (END,):
        if info.name == name:
            return info
    return None


def card_token(family: type[Family], name: str, lang: str, *, badge: str = "", text: str | None = None) -> CardToken:
    info = card_info(family, name)
    if info is None:  # an unknown card (only in bug exercises): no icon of its own
        return CardToken("", "action", text or name, badge, text or name)
    shown = text if text is not None else (info.ja if lang == "ja" else info.label_en)
    label = text if text is not None else (info.label_ja if lang == "ja" else info.label_en)
    category = "function" if name in ("function", "call") else info.category
    return CardToken(info.icon, category, shown, badge, label)


def program_rows(program: Program, family: type[Family], lang: str) -> list[ProgramRow]:
    """The program as the cards lie on the desk: each block's body one step
    in, a block's end card back at the block's depth.  An else card sits at
    its if's depth and the two share one end card (``end_cards``)."""
    rows: list[ProgramRow] = []

    def cond_tokens(cond: Cond) -> list[CardToken]:
        out = [card_token(family, cond.name, lang)]
        if cond.negated:
            out.append(card_token(family, "not", lang))
        return out

    def block(head: list[CardToken], body: tuple[Node, ...], depth: int) -> None:
        rows.append(ProgramRow(depth, tuple(head)))
        walk(body, depth + 1)

    def end(depth: int) -> None:
        rows.append(ProgramRow(depth, (card_token(family, "end", lang),)))

    def walk(body: tuple[Node, ...], depth: int) -> None:
        run: list[CardToken] = []

        def flush() -> None:
            if run:
                rows.append(ProgramRow(depth, tuple(run)))
                run.clear()

        for node in body:
            if isinstance(node, Action):
                run.append(card_token(family, node.name, lang))
            elif isinstance(node, Call):
                run.append(card_token(family, "call", lang, text=node.name))
            else:
                flush()
                if isinstance(node, Repeat):
                    block([card_token(family, "repeat", lang, badge=str(node.times))], node.body, depth)
                elif isinstance(node, RepeatUntil):
                    block([card_token(family, "repeat_until", lang)] + cond_tokens(node.cond), node.body, depth)
                else:
                    assert isinstance(node, If)
                    block([card_token(family, "if", lang)] + cond_tokens(node.cond), node.then, depth)
                    if node.orelse is not None:
                        # An else card sits inside its if's block and shares
                        # the if's one end card, as the kit's cards do.
                        block([card_token(family, "else", lang)], node.orelse, depth)
                end(depth)
        flush()

    for fname, body in program.functions:
        block([card_token(family, "function", lang, text=fname)], body, 0)
        end(0)
    walk(program.main, 0)
    return rows


def paint_token(c, token: CardToken, x: float, y: float, w: float, h: float, color: bool) -> None:
    """A card token as a small card: its frame and icon (``?`` for an
    unknown card), the badge (a repeat count) right of the icon."""
    category = token.category if token.category in icons.CATEGORIES else "action"
    icons.draw_card_frame(c, x, y, w, h, category, color=color)
    pad = h * 0.14
    if has_icon(token.icon):
        draw_card_icon(c, token.icon, x + pad, y + pad, h - 2 * pad, color=color)
    else:
        c.setFont(font_name(True), h * 0.5)
        draw_string(c, x + h / 2, y + h * 0.32, "?", anchor="centre")
    if token.badge:
        c.setFont(font_name(True), h * 0.5)
        draw_string(c, x + h + (w - h) / 2 - pad * 0.5, y + h * 0.32, token.badge, anchor="centre")
