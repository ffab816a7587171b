"""The JSON Schema of the lesson format, with every family's puzzle keys.

Written for editors as much as for validation: every key says what it is
(hovering shows it, with its Japanese name), ``cards`` offers one completion
per card in the lesson's own language, ``facing`` and ``outcome`` complete
their values, and program lists complete card names.  lessonkit itself
validates with pydantic; the schema accepts every spelling lessonkit does.
"""

from __future__ import annotations

import json
import re

from lessonkit.spec.models import Lesson
from lessonkit.worlds import FAMILIES
from lessonkit.worlds.base import CONTROL_CARDS

# What each key is, for keys whose model field has no description of its own.
DESCRIPTIONS = {
    "id": "id (ID): a lowercase slug of letters, digits and '-'; it names the kit's folder",
    "title": "title (題名): the title pupils read; {漢字|かんじ} adds furigana",
    "language": "language (言語): ja or en, the language of the whole kit",
    "grade": "grade (学年): the pupils' grade, a whole number 1-6 (grade: 3), a range in quotes (grade: \"3-4\") or a list (grade: [3, 4])",
    "minutes": "minutes (時間): how long the lesson or this part of it takes, in minutes",
    "concepts": "concepts (ねらう考え方): sequence, branching, repetition, functions, debugging, data",
    "criteria": "criteria (評価規準): the assessment criteria under the three viewpoints",
    "materials": "materials (準備物): what the teacher prepares, one line each",
    "roles": "roles (役割): programmer, tester, robot, recorder, or {name, does} for a role of your own",
    "flow": "flow (本時の展開): the lesson's phases; their minutes add up to the lesson's",
    "world": "world (ワールド): the activity family; its cards: lessonkit cards --world NAME",
    "cards": "cards (カード): one group's kit, card -> how many; End cards are added for you. Every card: lessonkit cards",
    "puzzles": "puzzles (パズル): one or more; every program in them is checked by running it",
    "solution": "solution (せいかい): a program that reaches the goal: text like 'repeat 3 [ forward ]' or a list of cards",
    "alternatives": "alternatives (べつの こたえ): other programs that reach the goal too, each checked",
    "bugs": "bugs (バグさがし): find-the-bug exercises, each checked to go wrong as stated",
    "program": "program (プログラム): the wrong program: text like 'forward forward' or a list of cards",
    "hint": "hint (ヒント): a hint pupils read",
    "name": "name (なまえ): the name",
    "does": "does (しごと): what this role does, one line for the badge",
    "knowledge": "knowledge (知識・技能)",
    "thinking": "thinking (思考・判断・表現)",
    "attitude": "attitude (主体的に学習に取り組む態度)",
    "phase": "phase (段階): introduction (導入), development (展開) or summary (まとめ)",
    "activity": "activity (学習活動): what pupils do",
    "outcome": "outcome (けっか): how the bug goes wrong: crash (ぶつかる), stopped (とまる), step_limit (おわらない), unknown_card (しらない カード)",
}
OUTCOMES = {
    "crash": "crash (ぶつかる): a card could not be carried out, e.g. into a wall or off the board",
    "stopped": "stopped (とちゅうで とまる): the program ended away from the goal",
    "step_limit": "step_limit (おわらない): it never ends, an endless loop",
    "unknown_card": "unknown_card (しらない カード): it uses a card the world does not know",
}


def _describe(node: object) -> None:
    """Every property gets a description and loses pydantic's bare title (a
    hover shows the description instead of '#### Grade')."""
    if isinstance(node, dict):
        props = node.get("properties")
        if isinstance(props, dict):
            for key, prop in props.items():
                if isinstance(prop, dict):
                    prop.pop("title", None)
                    if "description" not in prop and key in DESCRIPTIONS:
                        prop["description"] = DESCRIPTIONS[key]
                    elif "description" in prop and not prop["description"].startswith(key):
                        prop["description"] = f"{key}: {prop['description']}"
                    elif "description" not in prop:
                        prop["description"] = key.replace("_", " ")
        for value in node.values():
            _describe(value)
    elif isinstance(node, list):
        for value in node:
            _describe(value)


def _card_text(info, lang: str) -> str:
    from lessonkit.spec.ruby import plain_text

    # The '?'-ended spellings are the same names again: not listed twice.
    others = [s for s in info.spellings() if s not in (info.name, info.ja) and s.rstrip("?？") not in (info.name, info.ja) and not (s.endswith(("?", "？")) and s.rstrip("?？") in info.spellings())]
    head = f"{info.ja} ({info.name})" if lang == "ja" else f"{info.name} ({info.ja})"
    does = f"{info.does_ja} / {info.does_en}" if lang == "ja" else f"{info.does_en} / {info.does_ja}"
    also = f"; also written {', '.join(others)}" if others else ""
    return f"{head}: {does}. The printed card says {plain_text(info.label_ja)} / {info.label_en}{also}"


def _alternation(words) -> str:
    return "^(" + "|".join(re.escape(w) for w in sorted(set(words))) + ")$"


def _card_keys(family, lang: str, count: dict) -> dict:
    """One property a card of ``family``, named as a lesson in ``lang`` writes it."""
    out = {}
    for info in (*family.cards, *CONTROL_CARDS):
        out.setdefault(info.ja if lang == "ja" else info.name, {**count, "description": _card_text(info, lang)})
    return out


def lesson_schema() -> dict:
    schema = Lesson.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    # No root title: an editor would head every hover with it.
    schema.pop("title", None)
    schema["description"] = "lessonkit lesson (授業の設計): check it with lessonkit validate, which also suggests the right spelling of a misspelt key"
    puzzle = schema["$defs"]["Puzzle"]
    # A key several families use (with different shapes) takes any of them.
    keys: dict[str, list[tuple[str, dict]]] = {}
    for family in FAMILIES.values():
        for key, what in family.puzzle_keys.items():
            shape = dict(getattr(family, "puzzle_key_schema", {}).get(key, {"type": "string"}))
            keys.setdefault(key, []).append((f"{family.name}: {what}", shape))
    for key, uses in keys.items():
        shapes = []
        for _, shape in uses:
            if shape not in shapes:
                shapes.append(shape)
        entry = shapes[0] if len(shapes) == 1 else {"anyOf": shapes}
        puzzle["properties"].setdefault(key, {**entry, "description": f"{key}: " + "; ".join(what for what, _ in uses)})
    schema["properties"]["world"]["enum"] = sorted(FAMILIES)

    # cards: validation accepts every spelling (a pattern, never offered as a
    # completion); completion offers one name a card, in the lesson's language.
    spellings = sorted({name for f in FAMILIES.values() for name in f.kit_names()})
    cards = schema["properties"]["cards"]
    count = dict(cards.pop("additionalProperties", {"type": "integer"}))
    cards.pop("propertyNames", None)
    cards["patternProperties"] = {_alternation(spellings): count}
    # A procedure lesson names its own step cards: only other worlds' names are fixed.
    cards["additionalProperties"] = count
    schema.setdefault("allOf", []).append(
        {
            "if": {"properties": {"world": {"const": "procedure"}}, "required": ["world"]},
            "else": {"properties": {"cards": {"propertyNames": {"pattern": _alternation(spellings)}}}},
        }
    )
    for family in FAMILIES.values():
        for lang in ("ja", "en"):
            schema.setdefault("allOf", []).append(
                {
                    "if": {"properties": {"language": {"const": lang}, "world": {"const": family.name}}, "required": ["language", "world"]},
                    "then": {"properties": {"cards": {"properties": _card_keys(family, lang, count)}}},
                }
            )
    for branch in puzzle["properties"].get("cards", {}).get("anyOf", []):
        if branch.get("type") == "array":
            branch["items"] = {"type": "string", "pattern": _alternation(spellings)}
        elif branch.get("type") == "object":
            branch["propertyNames"] = {"pattern": _alternation(spellings)}

    # facing: the four directions complete; every other accepted spelling validates.
    from lessonkit.worlds.grid import FACING_NAMES

    main = ["north", "east", "south", "west", "うえ", "みぎ", "した", "ひだり"]
    others = [name for name in FACING_NAMES if name not in main]
    puzzle["properties"]["facing"] = {
        "description": "facing (むき): which way the robot faces at the start; north (うえ) is the top of the board. Without it the robot faces east (a warning says so)",
        "anyOf": [{"enum": main}, {"type": "string", "pattern": _alternation(others)}],
    }

    # outcome: each value says what it means.
    bug = schema["$defs"]["Bug"]["properties"]["outcome"]
    bug["enum"] = bug.get("enum", list(OUTCOMES))
    bug.pop("type", None)
    bug["description"] = DESCRIPTIONS["outcome"]
    bug["enumDescriptions"] = [OUTCOMES.get(v, v) for v in bug["enum"]]
    bug["markdownEnumDescriptions"] = bug["enumDescriptions"]

    # grade: the three forms it really takes, with one keyword set a form (a
    # pattern binds only strings, a minimum only numbers, items only lists),
    # so an editor's error names them all instead of "integer | array".
    schema["properties"]["grade"] = {
        "description": DESCRIPTIONS["grade"],
        "type": ["integer", "string", "array"],
        "minimum": 1,
        "maximum": 6,
        "pattern": "^[1-6]-[1-6]$",
        "patternErrorMessage": "grade is a whole number 1-6 (grade: 3), a range in quotes (grade: \"3-4\") or a list (grade: [3, 4]); write 3, not 3年",
        "items": {"type": "integer", "minimum": 1, "maximum": 6},
        "minItems": 1,
    }

    # Program lists complete action cards (and hold blocks as mappings).
    names = sorted({n for f in FAMILIES.values() for c in f.cards if c.category == "action" for n in (c.name, c.ja)})
    item = {
        "anyOf": [
            {"enum": names, "description": "a card"},
            {"type": "string", "description": "a card, a function's name, or text notation"},
            {"type": "object", "description": "a block: repeat/do, until/do or if/then/else"},
        ]
    }
    for where in (puzzle["properties"], schema["$defs"]["Bug"]["properties"]):
        for key in ("solution", "program"):
            prop = where.get(key)
            if not prop:
                continue
            for branch in prop.get("anyOf", []):
                if branch.get("type") == "array":
                    branch["items"] = item
    alternatives = puzzle["properties"].get("alternatives", {})
    inner = alternatives.get("items", {})
    for branch in inner.get("anyOf", []):
        if branch.get("type") == "array":
            branch["items"] = item
    _describe(schema)
    # An editor's hover on a card key shows that card's own description only
    # when the written-in-full branch of its value carries no title or
    # description of its own (yaml-language-server shows the branches' instead).
    card_spec = schema.get("$defs", {}).get("CardSpec", {})
    card_spec.pop("title", None)
    card_spec.pop("description", None)
    return schema


def schema_text() -> str:
    return json.dumps(lesson_schema(), indent=2, ensure_ascii=False, sort_keys=True) + "\n"
