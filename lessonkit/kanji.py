"""Which school grade teaches a kanji (学年別漢字配当表, 2020 revision).

The table is the ministry's list as packaged by ``kanji-lists`` (the REIWA2
edition: 80 / 160 / 200 / 202 / 193 / 191 kanji in grades 1-6).
"""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def _table() -> dict[str, int]:
    from kanji_lists import KYOIKU

    table: dict[str, int] = {}
    for grade in range(1, 7):
        for ch in getattr(KYOIKU.REIWA2, f"GRADE{grade}"):
            table[ch] = grade
    return table


def is_kanji(ch: str) -> bool:
    code = ord(ch)
    return 0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or 0xF900 <= code <= 0xFAFF or 0x20000 <= code <= 0x3FFFF


def grade_of(ch: str) -> int | None:
    """1-6 for a kanji taught in that grade, 7 for any other kanji, None for non-kanji."""
    if not is_kanji(ch):
        return None
    if ch == "々":
        return None
    return _table().get(ch, 7)
