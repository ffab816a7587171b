"""Programs as written in YAML: text notation, or lists of cards and blocks.

    solution: forward forward turn_right forward          # text notation
    solution:                                             # or a list
      - repeat: 3
        do: [forward, turn_right]
      - until: at_goal
        do:
          - if: path_ahead
            then: [forward]
            else: [turn_left]
    solution:                                             # with functions
      functions:
        zigzag: [forward, turn_left, forward, turn_right]
      main: [zigzag, zigzag]
"""

from __future__ import annotations

from typing import Any, Mapping

from lessonkit.diagnostics import did_you_mean
from lessonkit.program import KEYWORDS, Cond, If, Node, NotationError, Program, Repeat, RepeatUntil, parse, parse_count, parse_items, taken_name_message, tokenize
from lessonkit.spec.load import Report
from lessonkit.spec.yamlload import Path, is_fullwidth_number

_BLOCK_KEYS = {"repeat": ("repeat", "do"), "until": ("until", "do"), "if": ("if", "then", "else")}


class _Bad(Exception):
    pass


def read_program(value: Any, path: Path, report: Report, names: Mapping[str, str]) -> Program | None:
    """The program at ``path``, or None after reporting why it cannot be read."""
    reader = _Reader(report, names)
    try:
        if isinstance(value, str):
            return reader.text(value, path)
        if isinstance(value, list):
            return Program(reader.items(value, path))
        if isinstance(value, dict):
            return reader.with_functions(value, path)
        report.at(path, "expected a program: text like 'forward turn_left' or a list of cards")
    except _Bad:
        return None
    return None


class _Reader:
    def __init__(self, report: Report, names: Mapping[str, str]):
        self.report = report
        self.names = names
        self.functions: frozenset[str] = frozenset()

    def fail(self, path: Path, message: str, **kw) -> None:
        self.report.at(path, message, **kw)
        raise _Bad

    def text(self, value: str, path: Path) -> Program:
        try:
            return parse(value, self.names, self.functions)
        except NotationError as exc:
            self.fail(path, exc.message, offset=exc.offset)
        raise AssertionError  # unreachable

    def with_functions(self, value: dict, path: Path) -> Program:
        unknown = [k for k in value if k not in ("functions", "main")]
        if unknown:
            self.fail(path + (unknown[0],), f"unknown key '{unknown[0]}' in a program; expected 'functions' and 'main'" + did_you_mean(unknown[0], ["functions", "main"]), key=True)
        if "main" not in value:
            self.fail(path, "missing key 'main' in a program with functions")
        funcs = value.get("functions") or {}
        if not isinstance(funcs, dict):
            self.fail(path + ("functions",), "expected 'functions' to map each name to its cards")
        for name in funcs:
            if name in KEYWORDS or name in self.names:
                self.fail(path + ("functions", name), taken_name_message(name, self.names), key=True)
            if not name or any(ch.isspace() or ch in "[]［］" for ch in name):
                self.fail(path + ("functions", name), f"function name '{name}' must be one word without brackets", key=True)
        self.functions = frozenset(funcs)
        bodies = tuple((name, self.body(funcs[name], path + ("functions", name))) for name in funcs)
        return Program(self.body(value["main"], path + ("main",)), bodies)

    def body(self, value: Any, path: Path) -> tuple[Node, ...]:
        if value is None:
            return ()
        if isinstance(value, str):
            try:
                return parse_items(value, self.names, self.functions)
            except NotationError as exc:
                self.fail(path, exc.message, offset=exc.offset)
        if isinstance(value, list):
            return self.items(value, path)
        self.fail(path, "expected a list of cards")
        raise AssertionError

    def items(self, value: list, path: Path) -> tuple[Node, ...]:
        out: list[Node] = []
        for i, item in enumerate(value):
            here = path + (i,)
            if isinstance(item, str):
                try:
                    out.extend(parse_items(item, self.names, self.functions))
                except NotationError as exc:
                    self.fail(here, exc.message, offset=exc.offset)
            elif isinstance(item, dict):
                out.append(self.block(item, here))
            elif item is None:
                self.fail(here, "empty card; expected a card name")
            else:
                self.fail(here, f"expected a card name, found {item!r}")
        return tuple(out)

    def cond(self, value: Any, path: Path) -> Cond:
        if not isinstance(value, str) or not value.strip():
            self.fail(path, "expected a condition, e.g. 'path_ahead' or 'not at_goal'")
        tokens = tokenize(value)
        negated = False
        if tokens and KEYWORDS.get(tokens[0].text) == "not":
            negated = True
            tokens = tokens[1:]
        text = "".join(t.text for t in tokens)
        if len(tokens) == 2 and text in self.names:  # a printed label with its space: 'まえに すすめる？'
            return Cond(self.names[text], negated)
        if len(tokens) != 1:
            self.fail(path, f"expected one condition, found '{value}'")
        return Cond(self.names.get(tokens[0].text, tokens[0].text), negated)

    def block(self, item: dict, path: Path) -> Node:
        head = [k for k in item if k in _BLOCK_KEYS]
        if len(head) != 1:
            keys = ", ".join(f"'{k}'" for k in item)
            guess = did_you_mean(next(iter(item), ""), list(_BLOCK_KEYS))
            self.fail(path, f"a block needs exactly one of 'repeat', 'until' or 'if', found {keys}{guess}")
        kind = head[0]
        allowed = _BLOCK_KEYS[kind]
        for key in item:
            if key not in allowed:
                self.fail(path + (key,), f"unknown key '{key}' in a '{kind}' block" + did_you_mean(key, allowed), key=True)
        if kind == "repeat":
            times = item["repeat"]
            if isinstance(times, str) and times.split()[:1] and KEYWORDS.get(times.split()[0]) == "until":
                self.fail(path + ("repeat",), "write 'until: <condition>' for repeat until")
            if isinstance(times, bool) or not isinstance(times, (int, str)):
                self.fail(path + ("repeat",), f"expected a number of times, found {times!r}")
            if isinstance(times, str):
                if is_fullwidth_number(times):
                    try:
                        parse_count(times.strip())
                    except NotationError as exc:
                        self.fail(path + ("repeat",), exc.message)
                self.fail(path + ("repeat",), f"expected a number of times, found '{times}'")
            try:
                count = parse_count(str(times))
            except NotationError as exc:
                self.fail(path + ("repeat",), exc.message)
            return Repeat(count, self.need_body(item, "do", path))
        if kind == "until":
            return RepeatUntil(self.cond(item["until"], path + ("until",)), self.need_body(item, "do", path))
        cond = self.cond(item["if"], path + ("if",))
        then = self.need_body(item, "then", path)
        orelse = self.body(item["else"], path + ("else",)) if "else" in item else None
        return If(cond, then, orelse)

    def need_body(self, item: dict, key: str, path: Path) -> tuple[Node, ...]:
        if key not in item:
            self.fail(path, f"missing key '{key}': the cards inside the block")
        return self.body(item[key], path + (key,))
