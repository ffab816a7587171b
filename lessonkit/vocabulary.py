"""The card vocabulary of each family: what every card is called, what it does.

One source for ``lessonkit cards``, the reference page ``docs/cards.md``, the
schema's descriptions, and the suggestions for a card a lesson misspells
(Japanese names in a Japanese lesson: ``かんすう`` -> ``やくそく``).
"""

from __future__ import annotations

import difflib
import functools

from lessonkit.program import KEYWORDS
from lessonkit.worlds import FAMILIES
from lessonkit.worlds.base import CONTROL_CARDS, END_CARD, CardInfo, Family

# Words authors reach for that mean a card but are not one of its spellings
# (too loose to accept): they only ever become a suggestion.
SYNONYMS = {
    "かんすう": "function", "関数": "function", "func": "function", "procedure": "function", "てじゅん": "function",
    "ループ": "repeat", "loop": "repeat", "はんぷく": "repeat", "反復": "repeat", "くりかえす回": "repeat",
    "じょうけん": "if", "条件": "if", "ぶんき": "if", "分岐": "if", "もしも": "if",
    "そうでなければ": "else", "でなければ": "else", "otherwise": "else",
    "つかう": "call", "よぶ": "call", "呼び出す": "call",
    "すすめ": "forward", "move": "forward", "go": "forward", "step": "forward",
    "ひろえ": "pick_up", "とる": "pick_up", "get": "pick_up",
}

KIND_WORDS = {
    "en": {"action": "action cards", "condition": "condition cards", "control": "control cards (every world)"},
    "ja": {"action": "うごきの カード", "condition": "じょうけんの カード", "control": "せいぎょの カード（どの ワールドでも）"},
}


def every_card(family: type[Family]) -> list[CardInfo]:
    """The family's cards, then the control cards and the End card."""
    return [*family.cards, *CONTROL_CARDS, END_CARD]


def reserved_words() -> list[tuple[str, str]]:
    """(word, what it is) for every word a function may not be named."""
    return [(word, f"keyword '{meaning}'") for word, meaning in KEYWORDS.items()]


def name_for(info: CardInfo, lang: str) -> str:
    """How a lesson in ``lang`` writes the card: まえ in Japanese, forward in English."""
    return info.ja if lang == "ja" else info.name


MAX_WORD = 100  # longer words get no suggestion


@functools.lru_cache(maxsize=None)
def _tables(family: type[Family], categories: tuple[str, ...]) -> tuple[dict[str, CardInfo], dict[str, str]]:
    """The cards of ``categories`` by name, and every spelling -> card name: built once."""
    cards = {c.name: c for c in every_card(family) if c.category in categories and c is not END_CARD}
    return cards, {alias: c.name for c in cards.values() for alias in c.spellings()}


def suggestion(word: str, family: type[Family], lang: str, categories: tuple[str, ...] = ("action", "condition", "control")) -> str:
    """``"; did you mean 'まえ'?"`` for an unknown card name, in the lesson's
    language, or ``""`` when nothing is close."""
    cards, spellings = _tables(family, categories)
    if len(word) > MAX_WORD:  # nothing is that long; difflib would only take time
        return ""
    target = SYNONYMS.get(word) or SYNONYMS.get(word.lower())
    if target not in cards:
        close = difflib.get_close_matches(word, list(spellings), n=1, cutoff=0.6)
        if not close and len(word) >= 3:
            close = [s for s in spellings if len(s) >= 3 and (s.startswith(word) or word.startswith(s))][:1]
        if not close:
            lowered = {s.lower(): s for s in spellings}
            close = [lowered[word.lower()]] if word.lower() in lowered else []
        target = spellings[close[0]] if close else None
    if target is None:
        return ""
    info = cards[target]
    shown = name_for(info, lang)
    other = info.name if lang == "ja" else info.ja
    return f"; did you mean '{shown}' ({other})?"


def card_list(family: type[Family], lang: str, categories: tuple[str, ...] = ("action", "condition", "control")) -> str:
    """``"; the grid world's cards are まえ, ひだり, …"`` in the lesson's language."""
    parts = []
    for category in categories:
        names = [name_for(c, lang) for c in every_card(family) if c.category == category and c is not END_CARD]
        if names:
            parts.append(", ".join(names))
    return f"; the {family.name} world's cards are {' and '.join(parts)} (lessonkit cards --language {lang} lists every spelling)"


# --- the table and the reference page ------------------------------------------------------------

_HEAD = {
    "en": ("card", "Japanese", "also written", "printed", "what it does"),
    "ja": ("カード", "えいご", "ほかの かきかた", "カードの もじ", "なにを するか"),
}


def shown_spellings(info: CardInfo) -> list[str]:
    """The other spellings worth listing: a name with '？' (or '?') after it is
    accepted too, but said once, under the list."""
    every = info.spellings()
    return [s for s in every if s not in (info.name, info.ja) and not (s[-1:] in ("?", "？") and s[:-1] in every)]


def _row(info: CardInfo, lang: str) -> tuple[str, str, str, str, str]:
    from lessonkit.spec.ruby import plain_text

    first, second = (info.ja, info.name) if lang == "ja" else (info.name, info.ja)
    printed = plain_text(info.label_ja) if lang == "ja" else f"{info.label_en} / {plain_text(info.label_ja)}"
    does = info.does_ja if lang == "ja" else info.does_en
    return first, second, ", ".join(shown_spellings(info)), printed, does


def cards_text(family: type[Family], lang: str = "en") -> str:
    """The vocabulary as a terminal listing: one card a block, grouped by kind."""
    out = [f"{family.name} world: {'カードの いちらん' if lang == 'ja' else 'every card and condition'}"]
    for category in ("action", "condition", "control"):
        out.append("")
        out.append(KIND_WORDS[lang][category])
        if family.cards_from_lesson and category != "control":
            out.append(f"  ({family.cards_from_lesson})")
        for info in every_card(family):
            if info.category != category:
                continue
            first, second, others, printed, does = _row(info, lang)
            out.append(f"  {first}  ({second})")
            out.append(f"      {_HEAD[lang][3]}: {printed}")
            if others:
                out.append(f"      {_HEAD[lang][2]}: {others}")
            out.append(f"      {does}")
    out.append("")
    out.append("どの なまえも おわりに「？」を つけて かいて よい" if lang == "ja" else "any of these names may also end in '？' (or '?')")
    out.append("")
    out.append("予約語（やくそくの なまえに できない ことば）" if lang == "ja" else "reserved words (a function may not take these names, nor any card's spelling)")
    out.append("  " + ", ".join(KEYWORDS))
    return "\n".join(out) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def cards_markdown() -> str:
    """docs/cards.md: every family's vocabulary in both languages."""
    out = [
        "# Cards",
        "",
        "Every card and condition a lesson can use, by world: the name a lesson",
        "writes (in English or Japanese, or any other listed spelling), what the",
        "printed card says, and what it does.  Generated by",
        "`lessonkit cards --format markdown`; do not edit by hand.",
    ]
    for family in FAMILIES.values():
        for category in ("action", "condition", "control"):
            out += ["", f"## {family.name}: {KIND_WORDS['en'][category]}", ""]
            if family.cards_from_lesson and category != "control":
                out.append(f"The {family.name} world has no cards of its own: {family.cards_from_lesson}.")
                continue
            out.append("| card | Japanese | also written | printed card | what it does | 説明 |")
            out.append("|---|---|---|---|---|---|")
            for info in every_card(family):
                if info.category != category:
                    continue
                first, second, others, printed, does = _row(info, "en")
                cells = (f"`{first}`", f"`{second}`", ", ".join(f"`{o}`" for o in others.split(", ")) if others else "", printed, does, info.does_ja)
                out.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    out += [
        "",
        "Any of these names may also end in `？` (or `?`).",
        "",
        "## Reserved words",
        "",
        "Programs use these words for their blocks, so a function may not be",
        "named after one (nor after any card's spelling above):",
        "",
        ", ".join(f"`{w}` ({m})" for w, m in KEYWORDS.items()),
        "",
    ]
    return "\n".join(out)
