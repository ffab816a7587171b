"""Furigana markup: ``{漢字|かんじ}`` becomes ruby runs.

Lesson text is data: only this one markup is recognised, and braces that do
not form it are an error rather than being guessed at.  ``{{`` and ``}}``
stand for literal braces.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Run:
    """A stretch of text; ``ruby`` is the reading printed above ``base``."""

    base: str
    ruby: str | None = None


class RubyError(ValueError):
    """Malformed furigana; ``offset`` is the index in the source string."""

    def __init__(self, offset: int, message: str):
        super().__init__(message)
        self.offset = offset
        self.message = message


def parse_ruby(text: str) -> tuple[Run, ...]:
    """Split ``text`` into plain and ruby runs; raise RubyError when malformed."""
    runs: list[Run] = []
    plain: list[str] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == "{" and text.startswith("{{", i):
            plain.append("{")
            i += 2
            continue
        if ch == "}" and text.startswith("}}", i):
            plain.append("}")
            i += 2
            continue
        if ch == "}":
            raise RubyError(i, "'}' without '{'; write '}}' for a literal brace")
        if ch == "{":
            close = text.find("}", i + 1)
            bar = text.find("|", i + 1)
            nested = text.find("{", i + 1)
            if close < 0:
                raise RubyError(i, "furigana '{' is not closed; expected '{base|reading}'")
            if 0 <= nested < close:
                raise RubyError(nested, "'{' inside furigana; expected '{base|reading}'")
            if bar < 0 or bar > close:
                raise RubyError(i, "furigana needs a reading after '|'; expected '{base|reading}'")
            base, reading = text[i + 1 : bar], text[bar + 1 : close]
            if "|" in reading:
                raise RubyError(bar + 1 + reading.index("|"), "more than one '|' in furigana")
            if not base.strip():
                raise RubyError(i + 1, "furigana has an empty base; expected '{base|reading}'")
            if not reading.strip():
                raise RubyError(bar + 1, "furigana has an empty reading; expected '{base|reading}'")
            if plain:
                runs.append(Run("".join(plain)))
                plain = []
            runs.append(Run(base, reading))
            i = close + 1
            continue
        plain.append(ch)
        i += 1
    if plain:
        runs.append(Run("".join(plain)))
    return tuple(runs)


def misplaced(run: Run) -> str | None:
    """Why a ruby run is the wrong way round or needless, or None: the
    reading must go over kanji, never kanji over kana or kana over kana."""
    if run.ruby is None or not _is_kana(run.base):
        return None
    if any(_is_kanji(ch) for ch in run.ruby):
        return f"furigana reads backwards: '{{{run.base}|{run.ruby}}}' puts the kanji above the kana; write '{{{run.ruby}|{run.base}}}'"
    return f"furigana over '{run.base}', which is all kana: furigana goes over kanji; write '{run.base}' alone"


def _is_kana(text: str) -> bool:
    return all("\u3041" <= ch <= "\u30ff" or ch in " \u3000" for ch in text)


def _is_kanji(ch: str) -> bool:
    from lessonkit.kanji import is_kanji

    return is_kanji(ch)


def plain_text(text: str) -> str:
    """The text without readings, as it reads with furigana stripped."""
    return "".join(r.base for r in parse_ruby(text))


def format_ruby(runs: tuple[Run, ...]) -> str:
    """The markup for ``runs``: the inverse of :func:`parse_ruby`."""
    out = []
    for r in runs:
        if r.ruby is None:
            out.append(r.base.replace("{", "{{").replace("}", "}}"))
        else:
            out.append("{" + r.base + "|" + r.ruby + "}")
    return "".join(out)
