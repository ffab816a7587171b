"""Card faces for the binary and conditionals families: simple shapes with
a glyph, told apart by shape and text, never by colour alone."""

from __future__ import annotations

from lessonkit.render.fonts import draw_string, font_name


def _glyph(c, text: str, x: float, y: float, size: float, scale: float = 0.5) -> None:
    c.setFillColorRGB(0, 0, 0)
    s = size * scale
    c.setFont(font_name(True), s)
    draw_string(c, x + size / 2, y + size / 2 - s * 0.35, text, anchor="centre")


def _mini_card(c, x, y, size, *, back: bool = False, dots: int = 0) -> tuple[float, float, float, float]:
    w, h = size * 0.5, size * 0.7
    cx, cy = x + (size - w) / 2, y + (size - h) / 2
    c.setStrokeColorRGB(0, 0, 0)
    c.setLineWidth(max(1.0, size * 0.03))
    c.roundRect(cx, cy, w, h, w * 0.1, stroke=1, fill=0)
    if back:
        from lessonkit.render.worlds.binary import draw_back

        draw_back(c, cx, cy, w, h)
    for k in range(dots):
        c.circle(cx + w / 2, cy + h * (0.3 + 0.4 * k / max(1, dots - 1) if dots > 1 else 0.5), w * 0.1, stroke=0, fill=1)
    return cx, cy, w, h


def show(c, x, y, size, *, color=False):
    _mini_card(c, x, y, size, dots=3)


def hide(c, x, y, size, *, color=False):
    _mini_card(c, x, y, size, back=True)


def next_card(c, x, y, size, *, color=False):
    _glyph(c, "→", x, y, size, 0.8)


def add(c, x, y, size, *, color=False):
    cx, cy, w, h = _mini_card(c, x - size * 0.15, y, size, dots=2)
    c.setFont(font_name(True), size * 0.45)
    c.drawString(cx + w + size * 0.04, cy + h * 0.3, "+")


def fits(c, x, y, size, *, color=False):
    cx, cy, w, h = _mini_card(c, x - size * 0.15, y, size, dots=2)
    c.setFont(font_name(True), size * 0.45)
    draw_string(c, cx + w + size * 0.04, cy + h * 0.3, "?")


def face_up(c, x, y, size, *, color=False):
    cx, cy, w, h = _mini_card(c, x - size * 0.15, y, size, dots=3)
    c.setFont(font_name(True), size * 0.45)
    draw_string(c, cx + w + size * 0.04, cy + h * 0.3, "?")


def draw(c, x, y, size, *, color=False):
    for k in range(3):
        c.setStrokeColorRGB(0, 0, 0)
        c.setFillColorRGB(1, 1, 1)
        c.setLineWidth(max(1.0, size * 0.03))
        c.roundRect(x + size * (0.2 + 0.06 * k), y + size * (0.12 + 0.06 * k), size * 0.45, size * 0.6, size * 0.05, stroke=1, fill=1)
    _glyph(c, "↑", x + size * 0.12, y + size * 0.1, size, 0.4)


def point_a(c, x, y, size, *, color=False):
    c.setLineWidth(max(1.0, size * 0.04))
    c.circle(x + size / 2, y + size / 2, size * 0.4, stroke=1, fill=0)
    _glyph(c, "A+1", x, y, size, 0.32)


def point_b(c, x, y, size, *, color=False):
    c.setLineWidth(max(1.0, size * 0.04))
    c.rect(x + size * 0.1, y + size * 0.1, size * 0.8, size * 0.8, stroke=1, fill=0)
    _glyph(c, "B+1", x, y, size, 0.32)


def _suits(text):
    def fn(c, x, y, size, *, color=False):
        _glyph(c, text, x, y, size, 0.5 if len(text) > 1 else 0.8)
    return fn


def big(c, x, y, size, *, color=False):
    _glyph(c, "≧6", x, y, size, 0.55)


def deck_empty(c, x, y, size, *, color=False):
    c.setStrokeColorRGB(0, 0, 0)
    c.setLineWidth(max(1.0, size * 0.03))
    c.setDash(size * 0.06, size * 0.05)
    c.roundRect(x + size * 0.25, y + size * 0.15, size * 0.5, size * 0.7, size * 0.05, stroke=1, fill=0)
    c.setDash()
    _glyph(c, "0", x, y, size, 0.4)


ICONS = {
    "show": show, "hide": hide, "next": next_card, "add": add, "fits": fits, "face_up": face_up,
    "draw": draw, "point_a": point_a, "point_b": point_b,
    "red": _suits("♥♦"), "black": _suits("♣♠"), "hearts": _suits("♥"), "diamonds": _suits("♦"),
    "clubs": _suits("♣"), "spades": _suits("♠"), "even": _suits("2 4"), "odd": _suits("1 3"),
    "big": big, "deck_empty": deck_empty,
}
