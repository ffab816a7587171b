"""The JSON Schema of the lesson format, with every family's puzzle keys."""

from __future__ import annotations

import json

from lessonkit.spec.models import Lesson
from lessonkit.worlds import FAMILIES


def lesson_schema() -> dict:
    schema = Lesson.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "lessonkit lesson"
    puzzle = schema["$defs"]["Puzzle"]
    for family in FAMILIES.values():
        for key, what in family.puzzle_keys.items():
            puzzle["properties"].setdefault(key, {"type": "string", "description": f"{family.name}: {what}"})
    schema["properties"]["world"]["enum"] = sorted(FAMILIES)
    # Every name a lesson may use for a card: canonical, Japanese and aliases.
    cards = sorted({name for f in FAMILIES.values() for name in f.kit_names()})
    schema["properties"]["cards"]["propertyNames"] = {"enum": cards}
    for branch in puzzle["properties"]["cards"]["anyOf"]:
        if branch.get("type") == "array":
            branch["items"] = {"enum": cards}
        elif branch.get("type") == "object":
            branch["propertyNames"] = {"enum": cards}
    return schema


def schema_text() -> str:
    return json.dumps(lesson_schema(), indent=2, ensure_ascii=False, sort_keys=True) + "\n"
