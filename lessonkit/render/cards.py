"""cards.pdf: every group's card set and role badges, ready to cut out.

The layout is data first: :func:`plan_cards` places each card of each
group's kit in a slot on a page grid; :func:`render_cards` draws the plan.
Cards abut on a shared grid, so one straight cut along each thin line frees
them; each card's frame sits a little inside its slot, so a wobbly cut never
reaches the frame.  Each card carries its group's letter in a corner, so a
lost card finds its way home.

Cards are told apart in black and white: the frame's shape says the kind
(action, control, condition, function), the icon says the card, the label
says it in words.  ``options.color`` only adds tints.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import lru_cache

from reportlab.lib.units import mm

from lessonkit.check import CheckedLesson
from lessonkit.render import icons
from lessonkit.render.worlds import draw_icon as draw_card_icon
from lessonkit.render.worlds import hook
from lessonkit.render.fonts import draw_string, font_name, latin_on, text_width
from lessonkit.render.options import BuildOptions, furigana_for, group_marks, latin_ok
from lessonkit.render.page import LayoutError, Rect, Rendered, describe_overflow
from lessonkit.render.pdf import PAPER, make_canvas
from lessonkit.render.text import Line, block_width, draw_lines, layout_text
from lessonkit.render.words import document_meta, tidy_text
from lessonkit.spec.models import KNOWN_ROLES, Lesson, Role, card_count
from lessonkit.spec.ruby import plain_text
from lessonkit.worlds.base import CONTROL_CARDS, END_CARD, CardInfo, Family, end_cards

# -- the kit ----------------------------------------------------------------

# Cards with a number to write on them (how many times).
COUNT_CARDS = ("repeat",)
# Function cards get their own frame (heavy corner brackets), not control's.
_FRAME = {"function": "function", "call": "function"}


@dataclass(frozen=True)
class KitCard:
    """One kind of card in a group's kit and how many of it."""

    info: CardInfo
    count: int

    @property
    def frame(self) -> str:
        return _FRAME.get(self.info.name, self.info.category)


@dataclass(frozen=True)
class RoleBadge:
    key: str  # the role's key ("robot") or a custom role's name
    name: str  # printed name (may hold furigana markup)
    does: str  # one line: what the role does


def kit(lesson: Lesson, family: type[Family]) -> list[KitCard]:
    """A group's kit, in the lesson's order, plus one end card per block card.

    Names are canonicalised (``まえ`` → forward) and merged; unknown names
    (which checking reports as errors) are skipped.  The end cards come last.
    """
    infos = {c.name: c for c in family.cards} | {c.name: c for c in CONTROL_CARDS}
    aliases = family.names() | {c.ja: c.name for c in CONTROL_CARDS}
    counts: dict[str, int] = {}
    for name, value in lesson.cards.items():
        canonical = aliases.get(name, name)
        count = card_count(value)
        if canonical in infos and isinstance(count, int) and not isinstance(count, bool) and count > 0:
            counts[canonical] = counts.get(canonical, 0) + count
    cards = [KitCard(infos[name], n) for name, n in counts.items()]
    ends = end_cards(counts)
    if ends:
        cards.append(KitCard(END_CARD, ends))
    return cards


def role_badges(lesson: Lesson) -> list[RoleBadge]:
    """The lesson's roles as badges, in the lesson's language."""
    badges = []
    for role in lesson.roles:
        if isinstance(role, Role):
            badges.append(RoleBadge(role.name, role.name, tidy_text(role.does)))
        elif role in KNOWN_ROLES:
            en, en_does, ja, ja_does = KNOWN_ROLES[role]
            badges.append(RoleBadge(role, ja, ja_does) if lesson.language == "ja" else RoleBadge(role, en, en_does))
    return badges


# -- the plan ---------------------------------------------------------------

MARGIN = 7 * mm  # page edge to the cut grid: stencil printers lose ~5 mm
FOOTER = 6 * mm  # band under the grid for the page's footer line
CARD_MIN_W, CARD_MAX_W = 45 * mm, 55 * mm
ASPECT_MIN, ASPECT_MAX = 1.2, 1.45  # card height / width
INSET = 2.2 * mm  # slot edge to card frame: room for a wobbly cut


@dataclass(frozen=True)
class Slot:
    """One card's place on a page (points, lower-left origin)."""

    x: float
    y: float
    w: float
    h: float
    kind: str  # "card" or "role"
    name: str  # card name ("forward", "end") or role key
    group: str  # group letter


@dataclass(frozen=True)
class Page:
    width: float
    height: float
    margin: float
    slots: tuple[Slot, ...]
    group: str = ""  # whose set the page holds ("": every group's role badges)

    @property
    def printable(self) -> tuple[float, float, float, float]:
        """The area inside the margins (x, y, w, h)."""
        return (self.margin, self.margin, self.width - 2 * self.margin, self.height - 2 * self.margin)


@dataclass(frozen=True)
class CardGrid:
    cols: int
    rows: int
    w: float
    h: float
    x0: float  # left of the grid
    top: float  # top of the grid


def card_grid(paper: str) -> CardGrid:
    """How many cards fit a sheet of ``paper``, and their size (all portrait)."""
    pw, ph = PAPER[paper]
    avail_w = pw - 2 * MARGIN
    avail_h = ph - 2 * MARGIN - FOOTER
    cols = max(1, int(avail_w // CARD_MIN_W))
    w = min(CARD_MAX_W, avail_w / cols)
    rows = max(1, int(avail_h // (w * ASPECT_MIN)))
    h = min(w * ASPECT_MAX, avail_h / rows)
    x0 = (pw - cols * w) / 2
    top = ph - MARGIN - (avail_h - rows * h) / 2
    return CardGrid(cols, rows, w, h, x0, top)


def _grids(paper: str) -> list[CardGrid]:
    """Every grid of portrait cards the sheet takes within the size limits
    (width CARD_MIN_W..CARD_MAX_W, height ASPECT_MIN..ASPECT_MAX times it),
    each as large as its columns and rows allow."""
    pw, ph = PAPER[paper]
    avail_w = pw - 2 * MARGIN
    avail_h = ph - 2 * MARGIN - FOOTER
    out = []
    for cols in range(1, int(avail_w // CARD_MIN_W) + 1):
        for rows in range(1, int(avail_h // (CARD_MIN_W * ASPECT_MIN)) + 1):
            w = min(CARD_MAX_W, avail_w / cols, avail_h / rows / ASPECT_MIN)
            if w < CARD_MIN_W - 1e-6:
                continue
            h = min(w * ASPECT_MAX, avail_h / rows)
            out.append(CardGrid(cols, rows, w, h, (pw - cols * w) / 2, ph - MARGIN - (avail_h - rows * h) / 2))
    return out


def _sheets(checked: CheckedLesson, options: BuildOptions, grid: CardGrid, with_cards: bool) -> int:
    """How many sheets cards.pdf takes on ``grid`` (badges packed apart on the paper's own grid)."""
    return len(_plan(checked, options, grid, card_grid(options.paper), with_cards))


@dataclass(frozen=True)
class CardLayout:
    grid: CardGrid  # every group's set
    roles_with_cards: bool  # the badges on each set's last page, else packed after all the sets


def card_layout(checked: CheckedLesson, options: BuildOptions) -> CardLayout:
    """How this lesson's sets print: on the paper's largest cards
    (:func:`card_grid`), unless a grid of smaller cards prints every
    group's set on fewer sheets (a set of 17 no longer leaves each group a
    sheet holding one card); then the grid with the fewest sheets and, of
    those, the largest cards.  A grid is a choice only if every label still
    prints at one size of at least LABEL_MIN in at most two lines, every
    picture keeps ICON_MIN, and every role badge on it keeps its text's
    size and fits; badges that do not fit a smaller card are packed after
    the sets on the paper's own grid."""
    best = card_grid(options.paper)
    per_page = best.cols * best.rows
    together = roles_with_cards(checked, options, per_page)
    choice = CardLayout(best, together)
    candidates = sorted((g for g in _grids(options.paper) if g.cols * g.rows > per_page), key=lambda g: (-g.w * g.h, g.cols))
    if not candidates:
        return choice
    fewest = _sheets(checked, options, best, together)
    base_labels = None
    has_roles = bool(role_badges(checked.lesson))
    for grid in candidates:
        options_here = [roles_with_cards(checked, options, grid.cols * grid.rows)]
        if options_here[0] and has_roles:
            options_here.append(False)  # the badges apart, if they do not fit the smaller card
        for with_cards in options_here:
            pages = _sheets(checked, options, grid, with_cards)
            if pages >= fewest:
                continue
            base_labels = base_labels or _labels(checked, options, best)
            if _fits(checked, options, grid, base_labels, roles=with_cards):
                choice, fewest = CardLayout(grid, with_cards), pages
                break
    return choice


def lesson_grid(checked: CheckedLesson, options: BuildOptions) -> CardGrid:
    """The grid of this lesson's card sets (:func:`card_layout`)."""
    return card_layout(checked, options).grid


def _fits(checked: CheckedLesson, options: BuildOptions, grid: CardGrid, base: dict[str, "Label"], roles: bool = True) -> bool:
    """Whether the lesson's faces print on ``grid`` as they must (see :func:`lesson_grid`)."""
    labels = _labels(checked, options, grid)
    sizes = {label.size for label in labels.values()}
    if len(sizes) > 1 and len({label.size for label in base.values()}) <= 1:
        return False  # one size across the set
    fw, fh = grid.w - 2 * INSET, grid.h - 2 * INSET
    for kc in kit(checked.lesson, checked.family):
        label = labels[kc.info.name]
        _, _, iw, ih = icons.frame_inner_box(0.0, 0.0, fw, fh, kc.frame)
        if label.size < LABEL_MIN or len(label.lines) > 2 or block_width(label.lines) > iw + 0.01:
            return False
        if icon_side(kc, label, iw, ih) < ICON_MIN:
            return False
    furigana = furigana_for(checked.lesson, options)
    default = card_grid(options.paper)
    for badge in role_badges(checked.lesson) if roles else ():
        _, _, iw, ih = icons.frame_inner_box(0.0, 0.0, fw, fh, "role")
        _, _, dw, _ = icons.frame_inner_box(0.0, 0.0, default.w - 2 * INSET, default.h - 2 * INSET, "role")
        (ns, name), (ds, does) = role_text(badge, iw, furigana, checked.lesson.grades)
        (ns0, _), (ds0, _) = role_text(badge, dw, furigana, checked.lesson.grades)
        r = min(iw, ih) * 0.13
        if ns < ns0 or ds < ds0 or _text_height(name) + 3 * mm + _text_height(does) > ih - r * 2.2:
            return False
        if max(block_width(name), block_width(does)) > iw + 0.01:
            return False
    return True


ICON_MIN = 14 * mm  # a card's picture, read across a desk


def icon_side(kc: KitCard, label: "Label", iw: float, ih: float) -> float:
    """The side of a card's picture: what the frame's inner box (``iw`` ×
    ``ih``) leaves above the label, the count box (a repeat) and under the
    group letter's band (as :meth:`Faces._card` draws it)."""
    band = min(iw, ih) * 0.13 * 1.2
    count_h = min(11 * mm, ih * 0.2) + 1.5 * mm if kc.info.name in COUNT_CARDS else 0.0
    return min(iw, ih - label.box[3] - count_h - 2 * mm - band)


def _items(checked: CheckedLesson) -> list[tuple[str, str]]:
    items = [("card", kc.info.name) for kc in kit(checked.lesson, checked.family) for _ in range(kc.count)]
    items += [("role", badge.key) for badge in role_badges(checked.lesson)]
    return items


def plan_cards(checked: CheckedLesson, options: BuildOptions) -> list[Page]:
    """Every group's cards, group after group.

    Each group's set starts on a fresh page, so one group's pages are a
    master to copy, or go on one colour of paper; a card never spans pages
    (slots are whole grid cells).  The grid is centred inside the margins,
    above the footer.
    """
    layout = card_layout(checked, options)
    return _plan(checked, options, layout.grid, card_grid(options.paper), layout.roles_with_cards)


def roles_with_cards(checked: CheckedLesson, options: BuildOptions, per_page: int) -> bool:
    """Whether the role badges go on each group's last page of cards (they
    fit there); else every group's badges follow all the card sets, packed,
    so no group's set ends on a page holding only a badge or two.  A
    group's own value cards (numbers, a deck) count with its cards."""
    items = _items(checked)
    cards = sum(1 for item in items if item[0] == "card")
    roles = sum(1 for item in items if item[0] == "role")
    values = hook(checked.family.name, "group_cards")
    if values is not None:
        cards += max(len(values(checked, g)) for g in range(1, options.groups + 1))
    tail = cards % per_page
    return not roles or not cards or bool(tail and tail + roles <= per_page)


def _plan(checked: CheckedLesson, options: BuildOptions, grid: CardGrid, roles_grid: CardGrid, with_cards: bool) -> list[Page]:
    """The sets on ``grid``; the badges on each set's last page
    (``with_cards``) or packed after every set on ``roles_grid``."""
    pw, ph = PAPER[options.paper]
    items = _items(checked)
    cards = [item for item in items if item[0] == "card"]
    roles = [item for item in items if item[0] == "role"]
    marks = group_marks(options.groups, latin=latin_ok(checked.lesson))
    pages: list[Page] = []

    def place(entries: list[tuple[str, str, str]], group: str, grid: CardGrid) -> None:
        per_page = grid.cols * grid.rows
        slots: list[Slot] = []
        for kind, name, letter in entries:
            k = len(slots)
            col, row = k % grid.cols, k // grid.cols
            slots.append(Slot(grid.x0 + col * grid.w, grid.top - (row + 1) * grid.h, grid.w, grid.h, kind, name, letter))
            if len(slots) == per_page:
                pages.append(Page(pw, ph, MARGIN, tuple(slots), group))
                slots = []
        if slots:
            pages.append(Page(pw, ph, MARGIN, tuple(slots), group))

    values = hook(checked.family.name, "group_cards")  # each group's own values (numbers, a deck)
    for number, letter in enumerate(marks, 1):
        own = cards + roles if with_cards else cards
        if values is not None:
            own = [("value", name) for name in values(checked, number)] + own
        place([(kind, name, letter) for kind, name in own], letter, grid)
    if not with_cards:
        place([(kind, name, letter) for letter in marks for kind, name in roles], "", roles_grid)
    if not pages:
        pages.append(Page(pw, ph, MARGIN, ()))
    return pages


def check_cards(pages: list[Page]) -> None:
    """Raise LayoutError for the first slot outside its page's printable area."""
    for number, page in enumerate(pages, 1):
        area = Rect(*page.printable)
        for slot in page.slots:
            rect = Rect(slot.x, slot.y, slot.w, slot.h)
            if not area.contains(rect):
                raise LayoutError(number, describe_overflow(rect, area, f"card '{slot.name}' of group {slot.group}"))


# -- drawing ----------------------------------------------------------------

_WORDS = {
    "ja": {"cards": "カード", "times": "かい", "per_group": "1グループ {n}まい", "roles": "やくわり {n}まい", "groups": "{n}グループ"},
    "en": {"cards": "cards", "times": "times", "per_group": "{n} cards a group", "roles": "{n} role badges", "groups": "{n} groups"},
}

LABEL_SIZE = 13.0
LABEL_MIN = 11.0  # a card label is never smaller (issue 6: legible across a desk)
LABEL_ONE_LINE_MIN = 11.0  # a set's labels shrink to one line, but not below this
ROLE_NAME_SIZE = 16.0


def role_does_size(grades) -> float:
    """A role badge's line of what the role does: pupils' text size."""
    return 14.0 if min(grades) <= 2 else 11.0


def _one_line_width(text: str, size: float, bold: bool, furigana: bool) -> float:
    return block_width(layout_text(text, size, max_width=1e9, bold=bold, furigana=furigana))


def _wrap_at_spaces(text: str, width: float, size: float, bold: bool, furigana: bool) -> str | None:
    """``text`` with newlines at some of its spaces so each line fits, or None."""
    lines: list[str] = []
    for word in text.split():
        if lines and _one_line_width(lines[-1] + " " + word, size, bold, furigana) <= width:
            lines[-1] += " " + word
        elif _one_line_width(word, size, bold, furigana) <= width:
            lines.append(word)
        else:
            return None
    return "\n".join(lines)


def _fit(text: str, width: float, size: float, lines: int, furigana: bool, bold: bool = True) -> tuple[float, tuple[Line, ...]]:
    """A size and layout for ``text`` in at most ``lines`` lines of ``width``
    (in the face ``latin_text()`` chooses: part of the cache key)."""
    return _fit_in(text, width, size, lines, furigana, bold, latin_on())


@lru_cache(maxsize=512, typed=True)
def _fit_in(text: str, width: float, size: float, lines: int, furigana: bool, bold: bool, latin: bool) -> tuple[float, tuple[Line, ...]]:
    """A size and layout for ``text`` in at most ``lines`` lines of ``width``.

    Preferred, in order: one line at nearly full size; lines broken only at
    the text's spaces (pupils' texts put spaces between words, and a break
    there reads naturally); free wrapping with kinsoku.  Shrinks to fit.
    """

    def fits(laid, most):
        return len(laid) <= most and block_width(laid) <= width + 0.01

    s = size
    while s >= max(size * 0.85, LABEL_MIN) - 1e-9:
        laid = layout_text(text, s, max_width=width, bold=bold, furigana=furigana)
        if fits(laid, 1):
            return s, tuple(laid)
        s -= 0.5
    s = size
    while s >= LABEL_MIN:
        wrapped = _wrap_at_spaces(text, width, s, bold, furigana)
        if wrapped is not None:
            laid = layout_text(wrapped, s, max_width=width, bold=bold, furigana=furigana)
            if fits(laid, lines):
                return s, tuple(laid)
        s -= 0.5
    s = size
    while True:
        laid = layout_text(text, s, max_width=width, bold=bold, furigana=furigana)
        if fits(laid, lines) or s <= LABEL_MIN:
            return s, tuple(laid)
        s = max(LABEL_MIN, s - 0.5)


def _text_height(lines) -> float:
    return sum(line.height for line in lines)


@dataclass(frozen=True)
class Label:
    """A card's label, laid out: its size, lines and box (x, y, w, h) on the
    card face, whose lower left corner is (0, 0)."""

    size: float
    lines: tuple[Line, ...]
    box: tuple[float, float, float, float]


def _one_line_size(text: str, width: float, furigana: bool) -> float | None:
    """The largest size from LABEL_SIZE down to LABEL_ONE_LINE_MIN (half points)
    at which ``text`` fits ``width`` on one line, or None."""
    s = LABEL_SIZE
    while s >= LABEL_ONE_LINE_MIN - 1e-9:
        laid = layout_text(text, s, max_width=width, bold=True, furigana=furigana)
        if len(laid) <= 1 and block_width(laid) <= width + 0.01:
            return s
        s -= 0.5
    return None


def card_labels(checked: CheckedLesson, options: BuildOptions) -> dict[str, Label]:
    """Every card's label in a group's set, laid out at one size for the set:
    the largest at which every label fits one line, if that is at least
    LABEL_ONE_LINE_MIN; a label that still needs two lines wraps at that size
    (or smaller).  Each label sits at the bottom of the frame's inner box.
    A family whose cards are their words asks for larger labels
    (``CARD_LABEL``, :func:`_large_labels`)."""
    return _labels(checked, options, lesson_grid(checked, options))


def _labels(checked: CheckedLesson, options: BuildOptions, grid: CardGrid) -> dict[str, Label]:
    fw, fh = grid.w - 2 * INSET, grid.h - 2 * INSET
    ja = checked.lesson.language == "ja"
    furigana = furigana_for(checked.lesson, options)
    cards = kit(checked.lesson, checked.family)
    texts = {kc.info.name: (kc.info.label_ja if ja else kc.info.label_en) for kc in cards}
    inner = {kc.info.name: icons.frame_inner_box(0.0, 0.0, fw, fh, kc.frame) for kc in cards}
    large = hook(checked.family.name, "CARD_LABEL")
    if large is not None and texts:
        return _large_labels(texts, inner, large, checked.lesson.grades, furigana)
    sizes = [_one_line_size(texts[name], inner[name][2], furigana) for name in texts]
    fitting = [s for s in sizes if s is not None]
    common = min(fitting) if fitting else LABEL_ONE_LINE_MIN
    labels = {}
    for name, text in texts.items():
        ix, iy, iw, _ = inner[name]
        size, lines = _fit(text, iw, common, 2, furigana)
        width = block_width(lines)
        labels[name] = Label(size, lines, (ix + (iw - width) / 2, iy, width, _text_height(lines)))
    return labels


def _large_labels(texts: dict[str, str], inner: dict, style: tuple[float, int], grades, furigana: bool) -> dict[str, Label]:
    """For a family whose cards are their words (``CARD_LABEL = (size,
    lines)`` in its drawing module): every label at one size, the largest
    from ``size`` down (half points) at which each fits ``lines`` lines of
    its frame broken only at its spaces (分かち書き: a word never splits);
    never under the pupils' size for the grade (14 pt in grades 1-2, else
    LABEL_MIN), where a label that still does not fit wraps freely."""
    size, most = style
    floor = 14.0 if min(grades) <= 2 else LABEL_MIN

    def laid_at(s: float, text: str, width: float):
        """Lines broken only at the label's spaces (a word never splits), or None."""
        wrapped = _wrap_at_spaces(text, width, s, True, furigana)
        if wrapped is None:
            return None
        lines = layout_text(wrapped, s, max_width=width, bold=True, furigana=furigana)
        return lines if len(lines) <= most and block_width(lines) <= width + 0.01 else None

    s = size
    while s > floor and not all(laid_at(s, text, inner[name][2]) for name, text in texts.items()):
        s -= 0.5
    s = max(s, floor)
    labels = {}
    for name, text in texts.items():
        ix, iy, iw, _ = inner[name]
        lines = tuple(laid_at(s, text, iw) or layout_text(text, s, max_width=iw, bold=True, furigana=furigana))
        width = block_width(lines)
        labels[name] = Label(s, lines, (ix + (iw - width) / 2, iy, width, _text_height(lines)))
    return labels


def role_text(badge: RoleBadge, width: float, furigana: bool, grades) -> tuple[tuple[float, tuple[Line, ...]], tuple[float, tuple[Line, ...]]]:
    """A role badge's name and what it does, each as (size, lines) in ``width``."""
    name = _fit(badge.name, width, ROLE_NAME_SIZE, 2, furigana)
    does = _fit(badge.does, width, role_does_size(grades), 6, furigana, False)
    return name, does


class Faces:
    """Draws card faces for one lesson; knows its language and options."""

    def __init__(self, checked: CheckedLesson, options: BuildOptions):
        lesson = checked.lesson
        self.checked = checked
        self.ja = lesson.language == "ja"
        self.furigana = furigana_for(lesson, options)
        self.color = options.color
        self.words = _WORDS["ja" if self.ja else "en"]
        self.cards = {kc.info.name: kc for kc in kit(lesson, checked.family)}
        self.labels = card_labels(checked, options)
        self.roles = {b.key: b for b in role_badges(lesson)}
        self.grades = lesson.grades
        self.forms: dict[tuple, str] = {}

    def draw(self, c, slot: Slot) -> None:
        """A card in its slot: the face (drawn once per kind, as a PDF form,
        then placed for every group) and the group's letter."""
        fw, fh = slot.w - 2 * INSET, slot.h - 2 * INSET
        if slot.kind == "value":  # a group's own value card, drawn by its family
            hook(self.checked.family.name, "draw_value_card")(c, self.checked, slot.name, slot.x + INSET, slot.y + INSET, fw, fh, slot.group)
            return
        form = self.face(c, slot.kind, slot.name, fw, fh)
        c.saveState()
        c.translate(slot.x + INSET, slot.y + INSET)
        c.doForm(form)
        c.restoreState()
        category = "role" if slot.kind == "role" else self.cards[slot.name].frame
        ix, iy, iw, ih = icons.frame_inner_box(slot.x + INSET, slot.y + INSET, fw, fh, category)
        self._letter(c, slot.group, ix, iy + ih, min(iw, ih) * 0.13)

    def face(self, c, kind: str, name: str, fw: float, fh: float) -> str:
        """The PDF form of a card's face (``kind`` "card" or "role"), drawn
        once per size: placed for every group, or enlarged for the board."""
        key = (kind, name, round(fw, 3), round(fh, 3))
        form = self.forms.get(key)
        if form is None:
            form = self.forms[key] = f"lkface{len(self.forms)}"
            c.beginForm(form, 0, 0, fw, fh)
            if kind == "role":
                self._role(c, self.roles[name], 0, 0, fw, fh)
            else:
                self._card(c, self.cards[name], 0, 0, fw, fh)
            c.endForm()
        return form

    def _letter(self, c, letter: str, x: float, top: float, r: float) -> None:
        """The group letter: white on a black disc, in the card's top-left corner."""
        c.setFillColorRGB(0, 0, 0)
        c.circle(x + r, top - r, r, stroke=0, fill=1)
        size = r * (1.35 if len(letter) == 1 else 1.0)
        c.setFillColorRGB(1, 1, 1)
        c.setFont(font_name(True), size)
        draw_string(c, x + r, top - r - size * 0.36, letter, anchor="centre")
        c.setFillColorRGB(0, 0, 0)

    def _card(self, c, kc: KitCard, x, y, w, h) -> None:
        icons.draw_card_frame(c, x, y, w, h, kc.frame, color=self.color)
        ix, iy, iw, ih = icons.frame_inner_box(x, y, w, h, kc.frame)
        top = iy + ih
        r = min(iw, ih) * 0.13  # the group letter's disc (drawn per slot)
        label = self.labels[kc.info.name]
        label_top = iy + label.box[3]
        c.setFillColorRGB(0, 0, 0)
        draw_lines(c, label.lines, ix, label_top, label.size, True, align="center", width=iw)
        count_h = 0.0
        if kc.info.name in COUNT_CARDS:
            count_h = min(11 * mm, ih * 0.2)
            self._count_box(c, ix, label_top + 1.5 * mm, iw, count_h)
            count_h += 1.5 * mm
        # The icon fills what is left, below the letter's band.
        band = r * 1.2
        room_bottom = label_top + count_h + 2 * mm
        side = min(iw, top - band - room_bottom)
        cx = ix + iw / 2
        cy = room_bottom + (top - band - room_bottom) / 2
        draw_card_icon(c, kc.info.icon, cx - side / 2, cy - side / 2, side, color=self.color)

    def _count_box(self, c, x, y, w, h) -> None:
        """Where pupils write how many times: '□ かい' (ja) or '× □' (en)."""
        size = h * 0.55
        word = self.words["times"] if self.ja else "×"
        box = h * 1.25
        gap = size * 0.4
        word_w = text_width(word, size, True)
        total = box + gap + word_w
        left = x + (w - total) / 2
        c.setFont(font_name(True), size)
        c.setLineWidth(1.6)
        c.setStrokeColorRGB(0, 0, 0)
        c.setFillColorRGB(1, 1, 1)
        if self.ja:
            c.rect(left, y, box, h, stroke=1, fill=1)
            c.setFillColorRGB(0, 0, 0)
            draw_string(c, left + box + gap, y + h * 0.28, word)
        else:
            c.rect(left + word_w + gap, y, box, h, stroke=1, fill=1)
            c.setFillColorRGB(0, 0, 0)
            draw_string(c, left, y + h * 0.28, word)

    def _role(self, c, badge: RoleBadge, x, y, w, h) -> None:
        icons.draw_card_frame(c, x, y, w, h, "role", color=self.color)
        ix, iy, iw, ih = icons.frame_inner_box(x, y, w, h, "role")
        top = iy + ih
        r = min(iw, ih) * 0.13  # the group letter's disc (drawn per slot)
        (name_size, name_lines), (does_size, does_lines) = role_text(badge, iw, self.furigana, self.grades)
        name_h, does_h = _text_height(name_lines), _text_height(does_lines)
        gap = 3 * mm
        block = name_h + gap + does_h
        start = top - r * 2.2 - max(0.0, (ih - r * 2.2 - block) / 2)
        c.setFillColorRGB(0, 0, 0)
        y_after = draw_lines(c, name_lines, ix, start, name_size, True, align="center", width=iw)
        c.setLineWidth(0.8)
        mid = y_after - gap / 2
        c.line(ix + iw * 0.2, mid, ix + iw * 0.8, mid)
        draw_lines(c, does_lines, ix, y_after - gap, does_size, False, align="center", width=iw)


def _cut_lines(c, page: Page) -> None:
    """Thin solid lines along every slot edge: one straight cut frees a card."""
    c.saveState()
    c.setStrokeColorRGB(0, 0, 0)
    c.setLineWidth(0.4)
    c.setDash()
    edges: set[tuple[float, float, float, float]] = set()
    for s in page.slots:
        for e in ((s.x, s.y, s.x + s.w, s.y), (s.x, s.y + s.h, s.x + s.w, s.y + s.h), (s.x, s.y, s.x, s.y + s.h), (s.x + s.w, s.y, s.x + s.w, s.y + s.h)):
            edges.add(tuple(round(v, 3) for v in e))
    for e in sorted(edges):
        c.line(*e)
    c.restoreState()


def _footer(c, page: Page, number: int, total: int, left: str, right: str) -> None:
    c.setFillColorRGB(0, 0, 0)
    size = 7.5
    c.setFont(font_name(False), size)
    y = page.margin + FOOTER * 0.3
    draw_string(c, page.margin, y, left)
    draw_string(c, page.width - page.margin, y, f"{right}   {number}/{total}", anchor="right")


def render_cards(checked: CheckedLesson, options: BuildOptions) -> Rendered:
    """cards.pdf for one lesson: the plan of :func:`plan_cards`, drawn.
    Raises LayoutError if a card would reach outside the printable area."""
    from lessonkit.render.fonts import latin_text

    with latin_text(checked.lesson.language == "en"):  # English: Latin text in the proportional face
        return _render_cards(checked, options)


def _render_cards(checked: CheckedLesson, options: BuildOptions) -> Rendered:
    lesson = checked.lesson
    pages = plan_cards(checked, options)
    check_cards(pages)
    faces = Faces(checked, options)
    words = faces.words
    title = plain_text(lesson.title)
    n_cards = sum(kc.count for kc in kit(lesson, checked.family))
    n_roles = len(role_badges(lesson))
    left = f"{title} — {words['cards']}"
    if options.school:
        left = f"{options.school}   {left}"
    right = words["groups"].format(n=options.groups) + " · " + words["per_group"].format(n=n_cards)
    if n_roles:
        right += " + " + words["roles"].format(n=n_roles)
    buf = io.BytesIO()
    c = make_canvas(buf, PAPER[options.paper], lang=lesson.language, **document_meta("cards_doc", lesson.title, lesson.language))
    for number, page in enumerate(pages, 1):
        for slot in page.slots:
            faces.draw(c, slot)
        _cut_lines(c, page)
        _footer(c, page, number, len(pages), left, right)
        c.showPage()
    c.save()
    return Rendered(buf.getvalue(), len(pages))
