"""Reading a lesson file: strict YAML, then the schema, every problem located."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ValidationError

from lessonkit.diagnostics import Diagnostic, Severity, did_you_mean, one_of, quote
from lessonkit.spec.models import Lesson
from lessonkit.spec.yamlload import Document, LoadError, Path, decode, is_fullwidth_number, load


# Diagnostics kept for one file; past this many they are only counted, so a
# file of 70,000 unknown keys costs a count, not 70,000 worded messages.
MAX_PER_FILE = 100
MAX_MESSAGE = 500  # characters of one message (a quoted 100 KB value is cut)


@dataclass
class Report:
    """Diagnostics for one file, placed through the document's spans."""

    path: str
    doc: Document | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    hidden: dict[Severity, int] = field(default_factory=lambda: {Severity.ERROR: 0, Severity.WARNING: 0})
    # After schema errors: the top-level keys and puzzle numbers they were in.
    # The lesson returned then is a stand-in with those parts replaced, so
    # that every other part is still checked in the same round.
    broken: frozenset | None = None

    @property
    def full(self) -> bool:
        """True once MAX_PER_FILE diagnostics are kept: the rest are counted."""
        return len(self.diagnostics) >= MAX_PER_FILE

    def add(self, line: int, col: int, message: str, severity: Severity = Severity.ERROR) -> None:
        if self.full:
            self.hidden[severity] += 1
            return
        if len(message) > MAX_MESSAGE:
            message = message[: MAX_MESSAGE - 1] + "…"
        self.diagnostics.append(Diagnostic(self.path, line, col, severity, message))

    def count(self, severity: Severity = Severity.ERROR) -> None:
        """One more diagnostic not worded (the report is full)."""
        self.hidden[severity] += 1

    def at(self, path: Path, message: str, severity: Severity = Severity.ERROR, *, key: bool = False, offset: int | None = None) -> None:
        """A diagnostic at a value (or its key), optionally at a character inside it."""
        if self.doc is None:
            self.add(1, 1, message, severity)
            return
        if key:
            span = self.doc.key_span(path)
            self.add(span.line, span.col, message, severity)
            return
        span = self.doc.span(path)
        if offset is not None:
            value = _get(self.doc.data, path)
            line, col = span.at(offset, value if isinstance(value, str) else None)
        else:
            line, col = span.line, span.col
        self.add(line, col, message, severity)

    def warn(self, path: Path, message: str, **kw) -> None:
        self.at(path, message, Severity.WARNING, **kw)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.is_error]

    def sorted(self) -> list[Diagnostic]:
        return sorted(self.diagnostics, key=lambda d: (d.line, d.col, d.severity.value, d.message))


def _get(data: Any, path: Path) -> Any:
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def parse_lesson(raw: bytes, report: Report) -> tuple[Lesson | None, Report]:
    try:
        doc = load(decode(raw))
    except LoadError as exc:
        report.add(exc.line, exc.col, exc.message)
        return None, report
    report.doc = doc
    if not isinstance(doc.data, dict):
        report.at((), "expected a lesson: a mapping with 'id', 'title', 'language', ...")
        return None, report
    try:
        lesson = Lesson.model_validate(doc.data)
    except ValidationError as exc:
        errors = _dedupe(exc.errors(include_url=False))
        for err in _drop_missing_near_unknown(errors):
            if report.full:
                report.count()
            else:
                _report_pydantic(report, err)
        return _stand_in(doc.data, errors, report), report
    return lesson, report


# Valid values for the required keys of a stand-in lesson: never checked
# themselves (their key is broken), only there so the rest can be.
_PLACEHOLDERS: dict[str, Any] = {
    "id": "broken", "title": "x", "language": "en", "grade": 6, "concepts": ["sequence"], "objectives": ["x"],
    "flow": [{"phase": "introduction", "minutes": 1, "activity": "x"}], "world": "", "cards": {},
}


def _stand_in(data: dict, errors: list[dict], report: Report) -> Lesson | None:
    """The lesson with each part a schema error is in replaced (a top-level
    key, or a whole puzzle), so the other parts are checked in this round;
    ``report.broken`` names the replaced parts.  None when even that fails."""
    broken: set = set()
    for err in errors:
        loc = err["loc"]
        if not loc:
            return None
        if loc[0] == "puzzles" and len(loc) > 1 and isinstance(loc[1], int) and isinstance(data.get("puzzles"), list):
            broken.add(("puzzle", loc[1]))
        else:
            broken.add(loc[0])
    fixed = dict(data)
    for part in broken:
        if isinstance(part, tuple):
            fixed["puzzles"] = list(fixed["puzzles"])
            fixed["puzzles"][part[1]] = {"id": f"broken-{part[1]}", "title": "x", "solution": ""}
        elif part in _PLACEHOLDERS:
            fixed[part] = _PLACEHOLDERS[part]
        elif part == "puzzles":
            fixed[part] = [{"id": "broken", "title": "x", "solution": ""}]
        else:
            fixed.pop(part, None)
    try:
        lesson = Lesson.model_validate(fixed)
    except ValidationError:
        return None
    report.broken = frozenset(broken)
    return lesson


def _dedupe(errors: list[dict]) -> list[dict]:
    """One error a location.

    A value that fails every branch of a union (``grade``: a number, a range or
    a list) is told by the branch that got furthest: an error inside the value
    (``grade: [3, 0]``), else one about its content (``grade: 3-9``), else, when
    no branch took its type, ``union_type``: say what the field takes.
    """
    groups: dict[tuple, list[dict]] = {}
    for err in errors:
        loc = tuple(p for p in err["loc"] if not _is_branch_tag(p))
        groups.setdefault(loc, []).append({**err, "loc": loc, "branched": loc != tuple(err["loc"])})
    # Every proper prefix of every location, once: 'is there an error deeper
    # than loc' is then a set lookup, not a scan (20,000 errors stay linear).
    parents = {other[:i] for other in groups for i in range(len(other))}
    kept = []
    for loc, errs in groups.items():
        deeper = loc in parents
        if deeper and all(e["branched"] for e in errs):
            continue
        content = [e for e in errs if not _is_type_error(e["type"])]
        if content:
            kept.append(content[0])
        elif len(errs) > 1:
            kept.append({**errs[0], "type": "union_type"})
        else:
            kept.append(errs[0])
    return kept


def _is_type_error(kind: str) -> bool:
    return kind.endswith(("_type", "_parsing")) or kind == "int_from_float"


def _drop_missing_near_unknown(errors: list[dict]) -> list[dict]:
    """A misspelt key is reported once, as unknown with a suggestion, not also as missing."""
    import difflib

    unknown = {(e["loc"][:-1], str(e["loc"][-1])) for e in errors if e["type"] == "extra_forbidden" and e["loc"]}
    kept = []
    for err in errors:
        if err["type"] == "missing" and err["loc"]:
            parent, key = err["loc"][:-1], str(err["loc"][-1])
            if any(p == parent and difflib.get_close_matches(key, [u], cutoff=0.6) for p, u in unknown):
                continue
        kept.append(err)
    return kept


def _is_branch_tag(part: Any) -> bool:
    # pydantic names union branches in the loc ('int', 'str', 'list[int]', 'function-after[...]', 'Role').
    return isinstance(part, str) and (
        part in ("int", "str", "Role", "CardSpec", "Fact")
        or "[" in part
        or part.startswith(("function-", "constrained-"))
    )


_FIELD_WORDS = {
    "grade": "a grade from 1 to 6, a range like '3-4', or a list like [3, 4]",
    "roles": "a role name ('programmer', 'tester', 'robot', 'recorder') or {name, does}",
    "cards": "a list of card names ('[forward, turn_left]') or a mapping of card name to how many ('{forward: 3}')",
    "solution": "a program: text like 'forward turn_left' or a list of cards",
    "program": "a program: text like 'forward turn_left' or a list of cards",
    "alternatives": "a program: text like 'forward turn_left' or a list of cards",
}


def _model_for(loc: tuple) -> type[BaseModel] | None:
    from lessonkit.spec import models

    model: type[BaseModel] | None = models.Lesson
    for part in loc:
        if isinstance(part, int) or model is None:
            continue
        info = model.model_fields.get(part)
        if info is None:
            return None
        model = _inner_model(info.annotation)
    return model


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    import typing

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def _report_pydantic(report: Report, err: dict) -> None:
    loc: tuple = err["loc"]
    kind: str = err["type"]
    value = err.get("input")
    name = next((p for p in reversed(loc) if isinstance(p, str)), "value")
    where = f"'{name}'"
    singular = name[:-1] if loc and isinstance(loc[-1], int) and name.endswith("s") else name
    if kind == "extra_forbidden" and loc:
        parent = _model_for(loc[:-1])
        choices = list(parent.model_fields) if parent else []
        report.at(loc, f"unknown key '{loc[-1]}'" + did_you_mean(str(loc[-1]), choices), key=True)
        return
    if kind == "missing" and loc:
        parent_loc = loc[:-1]
        what = _describe_parent(parent_loc)
        report.at(parent_loc, f"missing key '{loc[-1]}' in {what}", key=bool(parent_loc))
        return
    if isinstance(value, str) and value != value.strip(" \u3000") and "\u3000" in value:
        report.at(loc, f"{where} is {quote(value)}, with a full-width space (U+3000); remove it")
        return
    if is_fullwidth_number(value):
        ascii_text = value.translate(str.maketrans("０１２３４５６７８９＋－．", "0123456789+-."))
        report.at(loc, f"full-width digits {quote(value)} in {where}; write {ascii_text} with half-width digits")
        return
    if kind in ("literal_error", "enum"):
        expected = err.get("ctx", {}).get("expected", "")
        choices = [c.strip().strip("'") for c in expected.replace(" or ", ",").split(",") if c.strip()]
        report.at(loc, f"unknown {singular} {quote(value)}; expected {one_of(choices)}" + did_you_mean(str(value), choices))
        return
    if kind == "string_pattern_mismatch":
        if name == "grade" and isinstance(value, str) and re.fullmatch(r"[1-6１-６](年生?|ねんせい)?(\s*[-~〜・、,]\s*[1-6１-６](年生?|ねんせい)?)?", value.strip()):
            digits = re.findall(r"[1-6１-６]", value)
            plain = "-".join(str(int(d)) for d in digits)
            report.at(loc, f"grade {quote(value)}: write the grade as a number alone, grade: {plain if len(digits) == 1 else repr(plain)}")
            return
        if name == "id":
            report.at(loc, f"id {quote(value)} is not a slug; expected lowercase letters, digits and '-' (e.g. 'robot-maze-1')")
        else:
            report.at(loc, f"{where} {quote(value)} is not valid; expected {_FIELD_WORDS.get(name, 'a different form')}")
        return
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        # pydantic names the bound by its keyword ('ge', 'le', ...): say it in words.
        words = {"ge": "at least", "le": "at most", "gt": "more than", "lt": "less than"}
        bound = ", ".join(f"{words.get(k, k)} {v}" for k, v in err.get("ctx", {}).items())
        report.at(loc, f"{where} is {value}; expected {bound}")
        return
    if kind in ("too_short",):
        report.at(loc, f"{where} is empty; expected at least {err.get('ctx', {}).get('min_length', 1)} item")
        return
    if kind == "string_too_short":
        report.at(loc, f"{where} is empty; expected some text")
        return
    if kind in ("int_parsing", "int_type", "int_from_float"):
        report.at(loc, f"{where} is {_kind(value)}; expected a whole number")
        return
    if kind in ("bool_type", "bool_parsing"):
        report.at(loc, f"{where} is {_kind(value)}; expected true or false")
        return
    if kind == "string_type":
        furigana = _furigana_read_as_mapping(value)
        if furigana is not None:
            # 'title: {漢字|かんじ}': YAML took the reading for a one-key mapping.
            item = bool(loc) and isinstance(loc[-1], int)
            subject, example = (f"this item of {where}", f"- {quote_yaml(furigana)}") if item else (f"the {name}", f"{name}: {quote_yaml(furigana)}")
            report.at(loc, f"{subject} starts with '{{', which YAML reads as the start of a mapping ('{{key: value}}'), not text; "
                      f"put the whole {'item' if item else name} in quotes, e.g. {example}")
            return
        report.at(loc, f"{where} is {_kind(value)}; expected text")
        return
    if kind == "list_type":
        report.at(loc, f"{where} is {_kind(value)}; expected a list ('- item' lines)")
        return
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        report.at(loc, f"{where} is {_kind(value)}; expected a mapping ('key: value' lines)")
        return
    if kind == "value_error":
        report.at(loc, err["msg"].removeprefix("Value error, "))
        return
    expected = _FIELD_WORDS.get(name)
    if expected:
        report.at(loc, f"{where} is {_kind(value)}; expected {expected}")
        return
    report.at(loc, f"{where}: {err['msg'].lower()}")


def _furigana_read_as_mapping(value: Any) -> str | None:
    """'{漢字|かんじ}' as YAML reads it unquoted (a mapping of one key and no
    value), written back; None for any other value."""
    if isinstance(value, dict) and len(value) == 1:
        (key, inner), = value.items()
        if inner is None and isinstance(key, str) and "|" in key:
            return "{" + key + "}"
    return None


def quote_yaml(text: str) -> str:
    """``text`` in the quotes YAML needs for it."""
    if '"' not in text:
        return f'"{text}"'
    return "'" + text.replace("'", "''") + "'"


def _kind(value: Any) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return f"{str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return quote(value)
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def _describe_parent(loc: tuple) -> str:
    if not loc:
        return "the lesson"
    if isinstance(loc[-1], int):
        return f"{loc[-2]} item {loc[-1] + 1}" if len(loc) > 1 else f"item {loc[-1] + 1}"
    return f"'{loc[-1]}'"
