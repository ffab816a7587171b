"""A card program as one line in the words of the lesson's language."""

from __future__ import annotations

from lessonkit.program import format_program


def program_text(program, family, lang: str) -> str:
    names = {c.name: c.ja for c in family.cards} if lang == "ja" else {}
    return format_program(program, names, lang=lang)
