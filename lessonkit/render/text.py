"""Japanese text with furigana, laid out as data and drawn as a last step.

``layout_text`` turns runs (or ``{漢字|かんじ}`` markup) into lines of placed
fragments; nothing here draws except ``draw_lines``.  Line breaking follows
the everyday Japanese rules: a break may fall between any two characters,
except where kinsoku forbids it (no 。 or 」 at a line start, no 「 at a line
end), inside a ruby run, or inside a Latin word, which breaks at spaces.

Lesson text is data: it is drawn with ``drawString`` only, never through
reportlab's Paragraph markup, so ``<b>``, ``&`` and ``1<2`` print as written.
"""

from __future__ import annotations

import enum
import re
from functools import lru_cache
from dataclasses import dataclass, replace
from typing import Iterable, Sequence

from lessonkit.kanji import grade_of
from lessonkit.render.fonts import ASCENT, DESCENT, face_runs, font_name, latin_on, string_width, text_width
from lessonkit.spec.ruby import Run, parse_ruby

RUBY_SCALE = 0.5  # ruby size as a fraction of the base size
RUBY_MIN = 6.5  # points: furigana is never smaller (a stencil keeps it legible)


def ruby_size_for(size: float) -> float:
    """The furigana size over base text of ``size``: half of it, at least
    RUBY_MIN, never larger than the base."""
    return min(size, max(size * RUBY_SCALE, RUBY_MIN))
RUBY_GAP = 0.05  # space between base and ruby, as a fraction of the base size
DEFAULT_LEADING = 1.5  # line pitch as a multiple of the size

# Kinsoku shori: characters that may not begin a line...
NO_LINE_START = frozenset(
    "、。，．・：；？！‼⁇⁈⁉ヽヾゝゞ々〻ー‐゠–〜～"
    "」』）］｝〕〉》】〙〗｣’”"
    "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ"
    "｡､･ｧｨｩｪｫｬｭｮｯｰﾞﾟ"
    ".,;:!?)]}"
)
# ...and characters that may not end one.
NO_LINE_END = frozenset("「『（［｛〔〈《【〘〖｢‘“([{")

_SPACES = frozenset(" \t")


class LineEnd(enum.Enum):
    """Why a line ended; lets callers and tests see forced breaks."""

    NEWLINE = "newline"  # an explicit \n in the text (consumed)
    WRAP = "wrap"  # a legal break point
    FORCED = "forced"  # nothing legal fitted; broken where it overflowed
    END = "end"  # the end of the text


@dataclass(frozen=True)
class Fragment:
    """A stretch of base text on a line, with its ruby if any.

    ``x`` and ``ruby_x`` are offsets from the line start; ``width`` is the
    base's width.  A ruby wider than its base gets room on both sides of the
    base, so neighbouring rubies never collide.
    """

    x: float
    base: str
    ruby: str | None
    width: float
    ruby_x: float = 0.0
    ruby_width: float = 0.0


@dataclass(frozen=True)
class Line:
    """One laid-out line; ``height`` includes the ruby band when present.

    ``width`` ends at the last visible character: spaces at the end of a
    line hang past it, as they print as nothing.
    """

    fragments: tuple[Fragment, ...]
    width: float
    height: float
    has_ruby: bool
    end: LineEnd
    dropped: str = ""  # spaces swallowed by a wrap after this line
    next_char: str = ""  # the first character of the next line, for checks
    spaced: bool = False  # the text is written with spaces between words (分かち書き)

    @property
    def text(self) -> str:
        return "".join(f.base for f in self.fragments)


@dataclass(frozen=True)
class LineMetrics:
    """Vertical placement within a line box, measured down from its top."""

    height: float
    baseline: float
    ruby_baseline: float


def line_metrics(size: float, leading: float, has_ruby: bool) -> LineMetrics:
    """Height and baselines of a line box at ``size`` with pitch ``leading``.

    The ruby band uses the half-leading above the base first and only makes
    the line taller by what does not fit there.
    """
    pitch = size * leading
    half = (pitch - size) / 2
    ruby_size = ruby_size_for(size)
    ruby_block = ruby_size + size * RUBY_GAP
    extra = max(0.0, ruby_block - half) if has_ruby else 0.0
    baseline = extra + half + ASCENT * size
    ruby_baseline = baseline - ASCENT * size - size * RUBY_GAP - DESCENT * ruby_size
    return LineMetrics(pitch + extra, baseline, ruby_baseline)


# -- atoms ------------------------------------------------------------------


@dataclass(frozen=True)
class _Atom:
    base: str
    ruby: str | None
    advance: float  # space the atom takes on the line
    width: float  # base width
    ruby_width: float
    kind: str  # "char", "space", "newline", "ruby"


def _as_runs(text: str | Iterable[Run]) -> tuple[Run, ...]:
    return parse_ruby(text) if isinstance(text, str) else tuple(text)


def learned(base: str, grade: int) -> bool:
    """Whether pupils of ``grade`` have learned every kanji of ``base`` (and
    it has one): then it prints without its reading."""
    grades = [grade_of(ch) for ch in base]
    kanji = [g for g in grades if g is not None]
    return bool(kanji) and all(g <= grade for g in kanji)


def shows_reading(run: Run, furigana: bool | int) -> bool:
    """Whether ``run``'s reading is printed under the ``furigana`` policy."""
    if run.ruby is None or furigana is False:
        return False
    if furigana is True:
        return True
    return not learned(run.base, furigana)


def _atoms(runs: Sequence[Run], size: float, bold: bool, furigana: bool | int) -> list[_Atom]:
    atoms: list[_Atom] = []
    ruby_size = ruby_size_for(size)
    for run in runs:
        if run.ruby is not None and run.base:
            width = text_width(run.base, size, bold)
            if shows_reading(run, furigana):
                ruby_width = string_width(run.ruby, ruby_size)
                atoms.append(_Atom(run.base, run.ruby, max(width, ruby_width), width, ruby_width, "ruby"))
            else:
                atoms.append(_Atom(run.base, None, width, width, 0.0, "ruby"))
            continue
        for ch in run.base:
            if ch == "\n":
                atoms.append(_Atom(ch, None, 0.0, 0.0, 0.0, "newline"))
            else:
                w = text_width(ch, size, bold)
                atoms.append(_Atom(ch, None, w, w, 0.0, "space" if ch in _SPACES else "char"))
    return atoms


def _is_word_char(ch: str) -> bool:
    # Latin (and other alphabetic, pre-CJK) text: no breaks between these.
    return ord(ch) < 0x2000 and not ch.isspace()


def _can_break_between(left: _Atom, right: _Atom) -> bool:
    if left.kind == "space" or right.kind == "space":
        # Break after a run of spaces, not before or inside it.
        return left.kind == "space" and right.kind != "space" and right.base[0] not in NO_LINE_START
    a, b = left.base[-1], right.base[0]
    if a in NO_LINE_END or b in NO_LINE_START:
        return False
    if _is_word_char(a) and _is_word_char(b):
        return False
    return True


# Where 分かち書き text may break without a space: after closing punctuation,
# before an opening bracket.
_PHRASE_END = frozenset("、。，．！？」』）】〕")
_PHRASE_START = frozenset("「『（【〔")
_SPACED = re.compile(r"[^\x00-\x7f] +(?=[^\x00-\x7f{])")


def is_spaced(text: str) -> bool:
    """Whether Japanese ``text`` is written with spaces between its words
    (分かち書き, as in texts for young pupils): then lines break at the
    spaces (and after 、。」), never inside a word."""
    gaps = len(_SPACED.findall(text))
    if not gaps:
        return False
    japanese = sum(1 for ch in text if ord(ch) > 0x7F)
    return japanese / (gaps + 1) <= 12


def _word_break(left: _Atom, right: _Atom) -> bool:
    """A break 分かち書き allows: at a space, after 、。」, before 「."""
    if left.kind == "space" or right.kind == "space":
        return True
    return left.base[-1] in _PHRASE_END or right.base[0] in _PHRASE_START


# -- layout -----------------------------------------------------------------


def layout_text(
    text: str | Iterable[Run],
    size: float,
    *,
    max_width: float,
    bold: bool = False,
    furigana: bool = True,
    leading: float = DEFAULT_LEADING,
) -> list[Line]:
    """Break ``text`` into lines no wider than ``max_width`` points.

    ``text`` is furigana markup or a sequence of Runs.  With ``furigana``
    False only the bases are laid out; with a grade (an int 1-6, not a
    bool) a reading prints only over kanji that grade has not learned.  A line is wider than ``max_width``
    only when it holds one item that cannot be broken (a ruby run wider than
    the whole width).  An empty text gives no lines.
    """
    if max_width <= 0:
        raise ValueError(f"max_width must be positive, found {max_width!r}")
    key = text if isinstance(text, str) else tuple(text)
    return list(_layout(key, size, max_width, bold, furigana, leading, latin_on()))


# Layout is pure and the same texts come back for every group's sheets and for
# every fitting attempt: remember recent results (Lines are immutable).
@lru_cache(maxsize=8192, typed=True)
def _layout(text: str | tuple[Run, ...], size: float, max_width: float, bold: bool, furigana: bool, leading: float, latin: bool = False) -> tuple[Line, ...]:
    # ``latin`` (latin_text() on) is part of the key: the same words measure differently in the Latin face.
    runs = _as_runs(text)
    spaced = is_spaced("".join(r.base for r in runs))
    atoms = _atoms(runs, size, bold, furigana)
    lines: list[Line] = []
    n = len(atoms)
    start = 0
    while start < n:
        x = 0.0
        last_break = None  # the last break between words
        last_soft = None  # the last break kinsoku allows (inside a word of spaced text)
        last_ink = None  # last non-space atom on this line
        i = start
        end = LineEnd.END
        stop = n
        while i < n:
            atom = atoms[i]
            if atom.kind == "newline":
                end, stop = LineEnd.NEWLINE, i
                break
            if (
                last_ink is not None
                and _can_break_between(atoms[i - 1], atom)
                and atoms[last_ink].base[-1] not in NO_LINE_END  # "「 " must not end a line either
            ):
                if not spaced or _word_break(atoms[i - 1], atom):
                    last_break = i
                else:
                    last_soft = i
            if atom.kind != "space" and i > start and x + atom.advance > max_width + 1e-6:
                if last_break is not None:
                    end, stop = LineEnd.WRAP, last_break
                elif last_soft is not None:  # one word longer than the line
                    end, stop = LineEnd.WRAP, last_soft
                else:
                    end, stop = LineEnd.FORCED, i
                break
            x += atom.advance
            if atom.kind != "space":
                last_ink = i
            i += 1
        body_end = stop
        if end is LineEnd.WRAP:
            while body_end > start and atoms[body_end - 1].kind == "space":
                body_end -= 1
        line = _make_line(atoms[start:body_end], atoms[body_end:stop], end, size, leading)
        start = stop + 1 if end is LineEnd.NEWLINE else stop
        following = atoms[start].base[:1] if end in (LineEnd.WRAP, LineEnd.FORCED) and start < n else ""
        lines.append(replace(line, next_char=following, spaced=spaced))
    return tuple(lines)


def _make_line(
    atoms: Sequence[_Atom], dropped: Sequence[_Atom], end: LineEnd, size: float, leading: float
) -> Line:
    fragments: list[Fragment] = []
    plain: list[str] = []
    plain_x = plain_w = 0.0
    x = 0.0
    ink = 0.0  # right edge of the last non-space: trailing spaces hang
    has_ruby = False

    def flush() -> None:
        nonlocal plain, plain_w
        if plain:
            fragments.append(Fragment(plain_x, "".join(plain), None, plain_w))
            plain, plain_w = [], 0.0

    for k, atom in enumerate(atoms):
        if atom.ruby is None:
            if not plain:
                plain_x = x
            plain.append(atom.base)
            plain_w += atom.width
            x += atom.advance
        else:
            flush()
            has_ruby = True
            left = _overhang(atom, atoms[k - 1] if k > 0 else None, size)
            right = _overhang(atom, atoms[k + 1] if k + 1 < len(atoms) else None, size)
            box = x - left  # the ruby's left edge
            base_x = box + (atom.advance - atom.width) / 2
            ruby_x = box + (atom.advance - atom.ruby_width) / 2
            fragments.append(Fragment(base_x, atom.base, atom.ruby, atom.width, ruby_x, atom.ruby_width))
            x = box + atom.advance - right
            # A reading overhanging a trailing space is still ink on this line.
            ink = max(ink, ruby_x + atom.ruby_width)
        if atom.kind != "space":
            ink = max(ink, x)
    flush()
    metrics = line_metrics(size, leading, has_ruby)
    return Line(tuple(fragments), ink, metrics.height, has_ruby, end, "".join(a.base for a in dropped))


def _is_ideograph(ch: str) -> bool:
    cp = ord(ch)
    return (
        0x3400 <= cp <= 0x9FFF
        or 0xF900 <= cp <= 0xFAFF
        or 0x20000 <= cp <= 0x3FFFF
        or ch in "々〆〇"
    )


def _overhang(ruby_atom: _Atom, neighbour: _Atom | None, size: float) -> float:
    """How far a ruby wider than its base may reach over a plain neighbour.

    As in Japanese typesetting, a reading may overhang adjacent kana or
    punctuation (whose tops are empty) by up to half a ruby character, but
    never a kanji (it would seem to read that kanji) nor another ruby run,
    and never past the line's ends.
    """
    excess = (ruby_atom.advance - ruby_atom.width) / 2
    if excess <= 0 or neighbour is None or neighbour.ruby is not None or neighbour.kind == "ruby":
        return 0.0
    if neighbour.kind == "char" and _is_ideograph(neighbour.base):
        return 0.0
    return min(excess, RUBY_SCALE * size / 2, neighbour.width / 2)


def measure(
    text: str | Iterable[Run],
    size: float,
    *,
    max_width: float,
    bold: bool = False,
    furigana: bool = True,
    leading: float = DEFAULT_LEADING,
) -> float:
    """Height in points of ``text`` laid out as by :func:`layout_text`."""
    lines = layout_text(text, size, max_width=max_width, bold=bold, furigana=furigana, leading=leading)
    return sum(line.height for line in lines)


def block_width(lines: Sequence[Line]) -> float:
    """Width of the widest line."""
    return max((line.width for line in lines), default=0.0)


# -- drawing ----------------------------------------------------------------


def draw_lines(
    canvas,
    lines: Sequence[Line],
    x: float,
    y_top: float,
    size: float,
    bold: bool = False,
    leading: float = DEFAULT_LEADING,
    *,
    align: str = "left",
    width: float | None = None,
) -> float:
    """Draw laid-out ``lines`` with their top at ``y_top``; return the y below.

    Pass the same ``size``, ``bold`` and ``leading`` as to layout_text.
    ``align`` ("left", "center", "right") places each line within ``width``.
    Text goes through drawString only: no markup is interpreted.
    """
    if align not in ("left", "center", "right"):
        raise ValueError(f"align must be 'left', 'center' or 'right', found {align!r}")
    if align != "left" and width is None:
        raise ValueError("align other than 'left' needs a width")
    base_font = font_name(bold)
    ruby_font = font_name(False)
    ruby_size = ruby_size_for(size)
    y = y_top
    for line in lines:
        m = line_metrics(size, leading, line.has_ruby)
        dx = 0.0
        if align == "center":
            dx = (width - line.width) / 2
        elif align == "right":
            dx = width - line.width
        for frag in line.fragments:
            fx = x + dx + frag.x
            for face, piece in face_runs(frag.base, bold):
                canvas.setFont(face, size)
                canvas.drawString(fx, y - m.baseline, piece)
                fx += string_width(piece, size, bold) if face == base_font else text_width(piece, size, bold)
            if frag.ruby is not None:
                canvas.setFont(ruby_font, ruby_size)
                canvas.drawString(x + dx + frag.ruby_x, y - m.ruby_baseline, frag.ruby)
        y -= m.height
    return y
