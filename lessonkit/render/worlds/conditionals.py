"""Drawing conditionals with cards: the rule, large, for the blackboard, and
playing-style deck cards whose suits are told apart by shape and letter
(♥ H, ♦ D, ♣ C, ♠ S), never by colour alone."""

from __future__ import annotations

from dataclasses import dataclass, field

from lessonkit.program import Action, Call, If, Repeat, RepeatUntil
from lessonkit.render.fonts import draw_string, font_name, text_width
from lessonkit.spec.ruby import plain_text
from lessonkit.worlds.conditionals import SUIT_LETTER, Card, Conditionals, DeckWorld

SYMBOL = {"hearts": "♥", "diamonds": "♦", "clubs": "♣", "spades": "♠"}
MIN_TEXT = 8.0


def rule_lines(program, lang: str) -> list[tuple[int, str]]:
    """The rule as (indent, text) lines, in the words of the printed cards."""
    def label(name: str) -> str:
        info = Conditionals.card(name)
        if info is None:
            return name
        return plain_text(info.label_ja) if lang == "ja" else info.label_en

    words = {"ja": {"until": "{c} まで くりかえす", "repeat": "{n}かい くりかえす", "if": "もし {c}", "else": "ちがったら", "not": "{c} ではない"},
             "en": {"until": "repeat until {c}", "repeat": "repeat {n} times", "if": "if {c}", "else": "else", "not": "not {c}"}}[lang]

    def cond(c) -> str:
        text = label(c.name)
        return words["not"].format(c=text) if c.negated else text

    out: list[tuple[int, str]] = []

    def walk(body, depth: int) -> None:
        for node in body:
            if isinstance(node, Action):
                out.append((depth, label(node.name)))
            elif isinstance(node, Call):
                out.append((depth, node.name))
            elif isinstance(node, Repeat):
                out.append((depth, words["repeat"].format(n=node.times)))
                walk(node.body, depth + 1)
            elif isinstance(node, RepeatUntil):
                out.append((depth, words["until"].format(c=cond(node.cond))))
                walk(node.body, depth + 1)
            elif isinstance(node, If):
                out.append((depth, words["if"].format(c=cond(node.cond))))
                walk(node.then, depth + 1)
                if node.orelse is not None:
                    out.append((depth, words["else"]))
                    walk(node.orelse, depth + 1)

    walk(program.main, 0)
    return out


@dataclass
class RulePlan:
    x: float
    y: float
    width: float
    height: float
    cell: float
    lines: list[tuple[float, float, str]] = field(default_factory=list)
    bars: list[tuple[float, float, float]] = field(default_factory=list)  # x, y top, y bottom: a block's extent
    labels: list[tuple[float, float, str]] = field(default_factory=list)
    label_size: float = 12.0


def plan_board(world: DeckWorld, x: float, y: float, w: float, h: float, *, trace=None, labels: bool = True, max_cell: float | None = None, kana: bool = False, lang: str = "ja") -> RulePlan:
    """The rule, as large as fits, its blocks marked by a bar down their left."""
    lines = rule_lines(world.rule, lang) if world.rule is not None else []
    n = max(1, len(lines))
    deepest = max((d for d, _ in lines), default=0)
    size = min(h / (n * 1.6 + 1), 40.0)
    while size > MIN_TEXT:
        indent = size * 1.6
        widest = max((d * indent + text_width(t, size, True) for d, t in lines), default=0.0)
        if widest <= w - size:
            break
        size -= 0.5
    indent = size * 1.6
    pitch = size * 1.6
    height = n * pitch + size
    top = y + (h + height) / 2
    plan = RulePlan(x, top - height, w, height, size, label_size=max(10.0, size))
    yy = top - size * 0.5
    starts: list[tuple[int, float]] = []
    for k, (depth, text) in enumerate(lines):
        baseline = yy - size
        plan.lines.append((x + size * 0.5 + depth * indent, baseline, text))
        yy -= pitch
    # a bar down the left of every block's body
    for k, (depth, _) in enumerate(lines):
        body = [j for j in range(k + 1, len(lines)) if lines[j][0] > depth]
        ends = next((j for j in range(k + 1, len(lines)) if lines[j][0] <= depth), len(lines))
        if ends > k + 1:
            bx = x + size * 0.5 + depth * indent + size * 0.4
            plan.bars.append((bx, top - size * 0.5 - (k + 1) * pitch + size * 0.2, top - size * 0.5 - ends * pitch + size * 0.5))
    return plan


def draw_board(canvas, plan: RulePlan, *, color: bool = False) -> None:
    c = canvas
    c.saveState()
    c.setStrokeColorRGB(0, 0, 0)
    c.setLineWidth(1.5)
    c.roundRect(plan.x, plan.y, plan.width, plan.height, 8, stroke=1, fill=0)
    c.setLineWidth(max(1.0, plan.cell * 0.12))
    for bx, top, bottom in plan.bars:
        c.line(bx, top, bx, bottom)
    c.setFillColorRGB(0, 0, 0)
    c.setFont(font_name(True), plan.cell)
    for lx, ly, text in plan.lines:
        draw_string(c, lx, ly, text)
    c.restoreState()


def card_text(card: Card) -> str:
    return f"{SYMBOL[card.suit]}{SUIT_LETTER[card.suit]} {card.value}"


def draw_deck_card(c, x: float, y: float, w: float, h: float, card: Card, mark: str = "") -> None:
    """A playing-style card: the suit's symbol and letter in two corners and
    large in the middle, the value beside it; the group's mark at the foot."""
    c.saveState()
    c.setStrokeColorRGB(0, 0, 0)
    c.setLineWidth(1.0)
    c.roundRect(x, y, w, h, min(w, h) * 0.08, stroke=1, fill=0)
    c.setFillColorRGB(0, 0, 0)
    corner = max(MIN_TEXT, min(w * 0.16, 14.0))
    c.setFont(font_name(True), corner)
    tag = f"{SUIT_LETTER[card.suit]}{card.value}"
    draw_string(c, x + corner * 0.4, y + h - corner * 1.3, tag)
    draw_string(c, x + corner * 0.4, y + h - corner * 2.5, SYMBOL[card.suit])
    big = min(w * 0.45, h * 0.3)
    c.setFont(font_name(True), big)
    draw_string(c, x + w / 2, y + h * 0.5, SYMBOL[card.suit], anchor="centre")
    draw_string(c, x + w / 2, y + h * 0.5 - big * 1.05, str(card.value), anchor="centre")
    if mark:
        c.setFont(font_name(True), corner * 0.8)
        draw_string(c, x + w - corner * 0.4, y + corner * 0.5, mark, anchor="right")
    c.restoreState()




# -- the kit: score sheet and answer-key section ------------------------------------

def work_area(checked, index, puzzle, sz, options):
    """A prediction box, then a row a draw: the card, the team, the score."""
    from lessonkit.render.options import furigana_for
    from lessonkit.render.worlds.kitparts import box_row, heading

    lang = checked.lesson.language
    ja = lang == "ja"
    fur = furigana_for(checked.lesson, options)
    draws = puzzle.world.draws
    from lessonkit.render.options import group_marks, latin_ok
    from lessonkit.render.words import group_name

    marks = group_marks(max(options.groups, 1), latin=latin_ok(checked.lesson))

    def build(x, y_top, width, group=1):
        items, y = [], y_top
        who = group_name(marks[group - 1], lang) if group <= len(marks) else ""
        # The group's own deck, as its cards are captioned: stacked in order, card 1 on top.
        deck = (f"「パズル{index + 1}・1まいめ」〜「{draws}まいめ」の {draws}まいを、1まいめが いちばん うえに なるように かさねる"
                if ja else f"the {draws} cards marked 'puzzle {index + 1}, card 1' to 'card {draws}', stacked with card 1 on top")
        texts, th = heading(f"{who}の やまふだ" if ja else f"{who}'s deck", deck, x, y, width, sz, fur)
        items += texts
        y -= th + 4
        # The prediction (before drawing) beside the final scores (after): one row.
        head, hh = heading("よそうと けっか" if ja else "Prediction and result", "ひく まえに、さいごの 点数を よそうしよう" if ja else "before you draw, predict the final scores", x, y, width, sz, fur)
        items += head
        y -= hh + 4
        caps = ["よそう A", "よそう B", "けっか A", "けっか B"] if ja else ["guess A", "guess B", "A total", "B total"]
        boxes, bh = box_row(caps, x, y, width, sz.small, box_w=44.0, furigana=fur)
        items += boxes
        y -= bh + 4
        head, hh = heading("点数の きろく" if ja else "Score sheet", "ひいた カードと、点が 入った チームを かこう" if ja else "write each card drawn and the team that scores", x, y, width, sz, fur)
        items += head
        y -= hh + 4
        caps = [f"{k}" for k in range(1, draws + 1)]
        boxes, bh = box_row(caps, x, y, width, sz.small, box_w=40.0, box_h=34.0, furigana=fur)
        items += boxes
        y -= bh
        return items, y_top - y

    build.per_group = True
    return build


def answer_section(flow, checked, index, puzzle, options) -> None:
    from lessonkit.render.options import group_marks, latin_ok
    from lessonkit.render.words import group_name
    from lessonkit.render.worlds.kitparts import answer_title, lines, table

    lang = checked.lesson.language
    ja = lang == "ja"
    a = puzzle.analysis
    size = 9.0
    answer_title(flow, index, puzzle, lang, size)
    rule = " / ".join(("　" * d if ja else "  " * d) + t for d, t in rule_lines(puzzle.solution, lang))
    said = [("ルール: " if ja else "Rule: ") + rule]
    said.append(f"どの はんの デッキも、ルールが 見分ける カードの しゅるいごとの まい数が 同じ（むずかしさが 同じ）。" if ja else "Every group's deck holds as many cards of each kind the rule tells apart (equal work).")
    marks = group_marks(options.groups, latin=latin_ok(checked.lesson))
    for j, bug in enumerate(puzzle.bugs):
        from lessonkit.render.worlds.programs_text import program_text

        said.append(("読みまちがえた ルール: " if ja else "Misread rule: ") + program_text(bug.program, checked.family, lang))
        if j in a.bug_groups:
            g, draw = a.bug_groups[j]
            card = a.groups[g - 1].deal[draw - 1]
            final = bug.trace.final
            who = group_name(marks[g - 1], lang) if g <= len(marks) else str(g)
            said.append((f"{who}の デッキでは {draw}まいめ（{card_text(card)}）で 点が ちがい、さいごは A {final.a} : B {final.b}（正しくは A {a.groups[g - 1].final[0]} : B {a.groups[g - 1].final[1]}）。" if ja else f"On {who}'s deck it first scores differently at draw {draw} ({card_text(card)}) and ends A {final.a} : B {final.b} (the rule gives A {a.groups[g - 1].final[0]} : B {a.groups[g - 1].final[1]})."))
        said.append(("ヒント: " if ja else "Hint: ") + bug.spec.hint)
    lines(flow, said, size)
    draws = puzzle.world.draws
    header = ["はん" if ja else "Group"] + [str(k) for k in range(1, draws + 1)] + ["A : B"]
    rows = []
    for m, g in zip(marks, a.groups):
        cells = []
        prev = (0, 0)
        for card, score in zip(g.deal, g.scores):
            team = "A" if score[0] > prev[0] else "B" if score[1] > prev[1] else "－"
            cells.append(f"{card_text(card)} {team}")
            prev = score
        rows.append([group_name(m, lang)] + cells + [f"{g.final[0]} : {g.final[1]}"])
    lines(flow, ["各はんの デッキ（上から じゅんに）と 点が 入った チーム" if ja else "Each group's deck, top first, and the team each card scores for"], size)
    table(flow, header, rows, 7.0, first=0.09)


def group_cards(checked, group: int) -> list[str]:
    """Group ``group``'s decks: every puzzle's cards, top first."""
    out = []
    for k, puzzle in enumerate(checked.puzzles):
        for n, card in enumerate(puzzle.analysis.groups[group - 1].deal, 1):
            out.append(f"{k}|{n}|{card.suit}|{card.value}")
    return out


def draw_value_card(c, checked, name: str, x: float, y: float, w: float, h: float, mark: str) -> None:
    k, n, suit, value = name.split("|")
    lang = checked.lesson.language
    draw_deck_card(c, x, y, w, h, Card(suit, int(value)), mark)
    c.saveState()
    c.setFont(font_name(True), 10.0)
    caption = f"パズル{int(k) + 1}・{n}まいめ" if lang == "ja" else f"puzzle {int(k) + 1}, card {n}"
    draw_string(c, x + 6, y + 6, caption)
    c.restoreState()


from lessonkit.render.worlds.card_icons import ICONS as _CARD_ICONS  # noqa: E402

ICONS = {k: v for k, v in _CARD_ICONS.items() if k in {c.icon for c in __import__('lessonkit.worlds', fromlist=['FAMILIES']).FAMILIES['conditionals'].cards}}
