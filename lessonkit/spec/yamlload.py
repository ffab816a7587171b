"""Strict YAML: plain data plus the location of every key and value.

Lesson files are written by hand, often in Japanese editors on Windows, so the
loader is deliberately narrow: UTF-8 only (a Shift_JIS file is recognised and
named), no tabs or full-width spaces in indentation, no duplicate keys, no
anchors, aliases or tags, and the YAML 1.2 core scalars only (``yes``/``no``/
``on``/``off`` stay strings).  Every problem is a located :class:`LoadError`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.events import AliasEvent, MappingEndEvent, MappingStartEvent, ScalarEvent, SequenceEndEvent, SequenceStartEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

MAX_BYTES = 1024 * 1024
# A lesson is a few levels deep; a program nests blocks a few more.  The cap
# keeps a hostile or broken file from exhausting Python's stack.
MAX_DEPTH = 40

Path = tuple[Any, ...]


class LoadError(Exception):
    """The file cannot be read as a lesson's YAML; 1-based line and column."""

    def __init__(self, line: int, col: int, message: str):
        super().__init__(message)
        self.line, self.col, self.message = line, col, message


@dataclass(frozen=True)
class Span:
    """Where a value sits in the file, and how to find a character inside it."""

    line: int
    col: int
    style: str | None = None  # None plain, "'" or '"' quoted, "|" or ">" block
    block_lines: tuple[tuple[int, int], ...] = ()  # (line, col) of each block row

    def at(self, offset: int, text: str | None = None) -> tuple[int, int]:
        """The (line, col) of character ``offset`` of the scalar's value."""
        if self.block_lines and text is not None:
            row = text.count("\n", 0, offset)
            start = text.rfind("\n", 0, offset) + 1
            if row < len(self.block_lines):
                line, col = self.block_lines[row]
                return line, col + (offset - start)
            return self.line, self.col
        if self.style in ("'", '"'):
            return self.line, self.col + 1 + offset
        return self.line, self.col + offset


@dataclass
class Document:
    """Loaded data with spans: ``spans[path]`` for values, ``key_spans[path]`` for keys."""

    data: Any
    spans: dict[Path, Span] = field(default_factory=dict)
    key_spans: dict[Path, Span] = field(default_factory=dict)
    lines: list[str] = field(default_factory=list)

    def span(self, path: Path) -> Span:
        """The span of ``path``, or of its nearest located ancestor."""
        path = tuple(path)
        while path:
            if path in self.spans:
                return self.spans[path]
            path = path[:-1]
        return self.spans.get((), Span(1, 1))

    def key_span(self, path: Path) -> Span:
        return self.key_spans.get(tuple(path)) or self.span(path)


_INT = re.compile(r"[-+]?[0-9]+\Z")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?\Z")
_FULLWIDTH_DIGITS = re.compile(r"[-+＋－]?[０-９][０-９0-9．.]*\Z")


# Python refuses to convert integers of more than 4,300 digits (a guard
# against quadratic conversion); a lesson's numbers have a few digits.  The
# length is checked before any conversion, here and wherever user text becomes
# a number (PUZZLE arguments, repeat counts).
MAX_DIGITS = 100


def too_many_digits(text: str) -> str | None:
    """Why ``text`` is too long a number to convert, or None when it is fine."""
    digits = sum(ch.isdigit() for ch in text) if len(text) > MAX_DIGITS else 0
    if digits > MAX_DIGITS:
        return f"number of {digits:,} digits is too large; a lesson's numbers have at most {MAX_DIGITS} digits"
    return None


def _plain_scalar(text: str) -> Any:
    if text in ("", "~", "null", "Null", "NULL"):
        return None
    if text in ("true", "True", "TRUE"):
        return True
    if text in ("false", "False", "FALSE"):
        return False
    if _INT.match(text):
        return int(text)
    if _FLOAT.match(text):
        return float(text)
    return text


class _StrictComposer(yaml.SafeLoader):
    """PyYAML's composer with anchors, aliases and tags refused."""

    depth = 0

    def compose_node(self, parent, index):  # noqa: D401 - PyYAML hook
        event = self.peek_event()
        if self.depth >= MAX_DEPTH:
            raise LoadError(
                event.start_mark.line + 1,
                event.start_mark.column + 1,
                f"nested more than {MAX_DEPTH} levels deep; a lesson never needs this many",
            )
        if isinstance(event, AliasEvent):
            raise LoadError(
                event.start_mark.line + 1,
                event.start_mark.column + 1,
                f"alias '*{event.anchor}' is not allowed; write the value out in full",
            )
        if isinstance(event, (ScalarEvent, SequenceStartEvent, MappingStartEvent)):
            if event.anchor is not None:
                raise LoadError(
                    event.start_mark.line + 1,
                    event.start_mark.column + 1,
                    f"anchor '&{event.anchor}' is not allowed; write each value out in full",
                )
            tag = event.tag
            implicit = getattr(event, "implicit", True)
            if tag not in (None, "!") and not (implicit is True or (isinstance(implicit, tuple) and any(implicit))):
                shown = tag.replace("tag:yaml.org,2002:", "!!")
                raise LoadError(
                    event.start_mark.line + 1,
                    event.start_mark.column + 1,
                    f"tag '{shown}' is not allowed; lesson files use plain values",
                )
        self.depth += 1
        try:
            return Composer.compose_node(self, parent, index)
        finally:
            self.depth -= 1


def decode(raw: bytes) -> str:
    """Bytes to text: UTF-8 (BOM optional), CRLF folded; Shift_JIS is named."""
    if len(raw) > MAX_BYTES:
        raise LoadError(1, 1, f"file is {len(raw):,} bytes; a lesson file may be at most 1 MiB ({MAX_BYTES:,} bytes)")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise LoadError(1, 1, "file is saved as UTF-16 (Notepad: 'Unicode'), not UTF-8; open it and save it again as UTF-8")
    # Before the Shift_JIS guess: cp932 happily decodes UTF-16's NULs.
    if b"\x00" in raw:
        raise LoadError(1, 1, "file holds NUL bytes; is it a lesson file saved as UTF-16? save it as UTF-8")
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        good = raw[: exc.start].decode("utf-8", errors="replace")
        line = good.count("\n") + 1
        col = len(good) - (good.rfind("\n") + 1) + 1
        try:
            raw.decode("cp932")
        except UnicodeDecodeError:
            raise LoadError(line, col, f"file is not UTF-8 (byte 0x{raw[exc.start]:02x}); save it as UTF-8") from None
        raise LoadError(
            line,
            col,
            "file is saved as Shift_JIS (CP932), not UTF-8; open it and save it again "
            "as UTF-8 (Notepad: File > Save As > Encoding: UTF-8)",
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _leading_whitespace_problems(lines: list[str], skip: set[int]) -> None:
    for number, line in enumerate(lines, start=1):
        if number in skip:
            continue
        for col, ch in enumerate(line, start=1):
            if ch == " ":
                continue
            if ch == "\t":
                raise LoadError(number, col, "tab in indentation; indent with spaces")
            if ch == "\u3000":
                raise LoadError(number, col, "full-width space (U+3000) in indentation; indent with ASCII spaces")
            break


def _block_rows(node: ScalarNode, lines: list[str]) -> tuple[tuple[int, int], ...]:
    """(line, col) of each content row of a block scalar, 1-based."""
    rows = []
    first = node.start_mark.line + 1  # 0-based index of the first content line
    # The end mark sits at column 0 of the line after the block, or at the
    # end of the last line when the file ends inside the block.
    stop = node.end_mark.line if node.end_mark.column == 0 else node.end_mark.line + 1
    indent = None
    for i in range(first, min(stop, len(lines))):
        text = lines[i]
        if text.strip() == "":
            rows.append((i + 1, 1))
            continue
        if indent is None:
            indent = len(text) - len(text.lstrip(" "))
        rows.append((i + 1, indent + 1))
    return tuple(rows)


_FAST = getattr(yaml, "CSafeLoader", None)  # libyaml, when PyYAML was built with it


def _compose_fast(text: str) -> Node | None:
    """Compose with libyaml (about 14 times faster) when the text is plainly
    acceptable; None sends anything doubtful to the strict Python composer,
    which alone words the errors.  Where both read a text they read it alike
    (tested on every bundled and golden file, and fuzzed); libyaml is a little
    more lenient in corners such as a comment glued to a block indicator."""
    # Tabs, stray byte-order marks and unprintable characters: PyYAML and
    # libyaml differ on them (columns, acceptance), so the strict path decides.
    if _FAST is None or any(ch in text for ch in "\t\ufeff\x85\u2028\u2029") or yaml.reader.Reader.NON_PRINTABLE.search(text):
        return None
    try:
        loader = _FAST(text)
        try:
            depth = 0
            while loader.check_event():
                event = loader.get_event()
                if isinstance(event, AliasEvent) or getattr(event, "anchor", None) is not None:
                    return None
                if isinstance(event, (ScalarEvent, SequenceStartEvent, MappingStartEvent)):
                    implicit = getattr(event, "implicit", True)
                    if event.tag not in (None, "!") and not (implicit is True or (isinstance(implicit, tuple) and any(implicit))):
                        return None
                if isinstance(event, (SequenceStartEvent, MappingStartEvent)):
                    depth += 1
                    if depth >= MAX_DEPTH:
                        return None
                elif isinstance(event, (SequenceEndEvent, MappingEndEvent)):
                    depth -= 1
        finally:
            loader.dispose()
        loader = _FAST(text)
        try:
            return loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.YAMLError:
        return None


def load(text: str, *, fast: bool = True) -> Document:
    """Parse ``text`` (already decoded) into a :class:`Document`; ``fast``
    False always takes the strict Python composer (the tests compare them)."""
    lines = text.split("\n")
    _tabs_first(lines)
    root = _compose_fast(text) if fast else None
    if root is not None:
        return _document(root, lines)
    try:
        loader = _StrictComposer(text)
    except yaml.reader.ReaderError as exc:
        before = text[: exc.position]
        line, col = before.count("\n") + 1, exc.position - (before.rfind("\n") + 1) + 1
        raise LoadError(line, col, f"control character U+{exc.character:04X} is not allowed in a lesson file; delete it") from None
    try:
        try:
            root = loader.get_single_node()
        except LoadError:
            raise
        except yaml.MarkedYAMLError as exc:
            _leading_whitespace_problems(lines, set())
            mark = exc.problem_mark or exc.context_mark
            line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
            problem = exc.problem or exc.context or "not valid YAML"
            if "'\\t'" in problem:  # PyYAML: "found character '\t' that cannot start any token"
                raise LoadError(line, col, "tab character; write spaces instead") from None
            context, opened = exc.context or "", exc.context_mark
            if "quoted scalar" in context and opened is not None:
                quote = lines[opened.line][opened.column] if opened.line < len(lines) else '"'
                raise LoadError(opened.line + 1, opened.column + 1, f"this quote ({quote}) is never closed; end the text with {quote}") from None
            if ("flow sequence" in context or "flow mapping" in context) and opened is not None:
                bracket, close = ("[", "]") if "sequence" in context else ("{", "}")
                raise LoadError(
                    line,
                    col,
                    f"not valid YAML: {problem} (is the '{bracket}' at line {opened.line + 1}, column {opened.column + 1} missing its '{close}'?)",
                ) from None
            explained = _flow_start(problem, line, col, lines) or _explain_structure(problem, line, col, lines)
            if explained is not None:
                raise explained from None
            raise LoadError(line, col, f"not valid YAML: {problem}") from None
        except yaml.YAMLError as exc:
            raise LoadError(1, 1, f"not valid YAML: {exc}") from None
    finally:
        loader.dispose()
    if root is None:
        raise LoadError(1, 1, "file is empty; expected a lesson (a mapping with 'id', 'title', ...)")
    return _document(root, lines)


_KEY_LINE = re.compile(r"^(\s*)(?:- +)?([^\s:#'\"\[\]{},][^:#]*?):(?:\s|$)")


def _key_of(text: str) -> tuple[str, int] | None:
    """The key a line starts with and its 1-based column: '  - id: x' -> ('id', 5)."""
    m = _KEY_LINE.match(text)
    if not m:
        return None
    return m.group(2).strip(), text.index(m.group(2)) + 1


def _previous_content(lines: list[str], line: int) -> int | None:
    """The 1-based number of the nearest line above ``line`` that holds data."""
    for number in range(line - 1, 0, -1):
        text = lines[number - 1].strip()
        if text and not text.startswith("#"):
            return number
    return None


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip(" "))


def _quoted(value: str) -> str:
    if '"' not in value:
        return f'"{value}"'
    return "'" + value.replace("'", "''") + "'"


_FLOW_WORDS = {"{": ("a mapping", "{key: value}", "}"), "[": ("a list", "[a, b]", "]")}


def _flow_start(problem: str, line: int, col: int, lines: list[str]) -> LoadError | None:
    """A value that starts with '{' or '[' and goes on after its closing
    bracket ('title: {漢字|かんじ}の れんしゅう', furigana first): YAML reads the
    bracketed part as a mapping or list and stops at the text after it.
    Located at the bracket, with the value quoted as YAML needs it."""
    if not problem.startswith("expected <block end>") or not 1 <= line <= len(lines):
        return None
    text = lines[line - 1]
    own = _key_of(text)
    if own is not None:
        start = text.index(":", own[1] - 1) + 1
        what, whole, example = f"the {own[0]}", f"the whole {own[0]}", f"{own[0]}: "
    elif text.lstrip().startswith("- "):
        start = _indent(text) + 2
        what, whole, example = "the list item", "the whole item", "- "
    else:
        return None
    start += len(text[start:]) - len(text[start:].lstrip(" "))
    if start >= len(text) or text[start] not in _FLOW_WORDS or col - 1 <= start:
        return None
    value = text[start:]
    if " #" in value:
        value = value[: value.index(" #")]
    value = value.rstrip()
    bracket = text[start]
    kind, form, close = _FLOW_WORDS[bracket]
    return LoadError(
        line,
        start + 1,
        f"{what} starts with '{bracket}', which YAML reads as the start of {kind} ('{form}'), not text, "
        f"so the text after its '{close}' cannot be read; put {whole} in quotes, e.g. {example}{_quoted(value)}",
    )


def _explain_structure(problem: str, line: int, col: int, lines: list[str]) -> LoadError | None:
    """PyYAML's words for a mis-indented line or a bare ':' in a value, put
    plainly and at the line that is wrong, with what YAML would have needed."""
    if not 1 <= line <= len(lines):
        return None
    text = lines[line - 1]
    above = _previous_content(lines, line)
    prior = _key_of(lines[above - 1]) if above else None
    if problem == "mapping values are not allowed here":
        own = _key_of(text)
        if own is not None and text.index(":", own[1] - 1) + 1 < col:
            # 'title: Robot maze: the first one': the second ':' is in the value.
            key = own[0]
            value = text[text.index(":", own[1] - 1) + 1 :].strip()
            if " #" in value:
                value = value[: value.index(" #")].rstrip()
            return LoadError(line, col, f"a ':' in a value: put the {key} in quotes, e.g. {key}: {_quoted(value)}")
        if above is not None and prior is not None and _indent(text) > prior[1] - 1:
            shown = text.strip().split(":")[0]
            return LoadError(
                line,
                _indent(text) + 1,
                f"this line is indented more than '{prior[0]}:' above it (at {above}:{prior[1]}), so YAML reads it as more of that value; "
                f"line '{shown}:' up with '{prior[0]}:' ({prior[1] - 1} spaces)",
            )
        return None
    if problem.startswith("expected <block end>") and above is not None:
        indent = _indent(text)
        head = lines[above - 1].rstrip()
        if prior is not None and head.endswith(("|", ">", "|-", ">-", "|+", ">+")):
            return LoadError(
                line,
                indent + 1,
                f"this line is indented less than the key it belongs to ('{prior[0]}:' at {above}:{prior[1]}); "
                f"the lines of a '{head.split(':', 1)[1].strip()}' block go further in than their key, e.g. {prior[1] + 1} spaces",
            )
        if text.lstrip().startswith("- "):
            item = next((n for n in range(line - 1, 0, -1) if lines[n - 1].lstrip().startswith("- ") and _indent(lines[n - 1]) > indent), None)
            if item is not None:
                want = _indent(lines[item - 1])
                return LoadError(
                    line,
                    indent + 1,
                    f"this list item is indented less than the item above it (at {item}:{want + 1}); "
                    f"YAML needs the items of one list at one indent: start it with {want} spaces, as that item does",
                )
        if prior is not None and indent < prior[1] - 1:
            return LoadError(
                line,
                indent + 1,
                f"this line is indented less than the key it belongs to ('{prior[0]}:' at {above}:{prior[1]}); "
                f"YAML needs the keys of one mapping at one indent: line it up with '{prior[0]}:' ({prior[1] - 1} spaces)",
            )
    return None


def _document(root: Node, lines: list[str]) -> Document:
    doc = Document(data=None, lines=lines)
    block_lines: set[int] = set()
    doc.data = _build(root, (), doc, lines, block_lines)
    _leading_whitespace_problems(lines, block_lines)
    return doc


def _tabs_first(lines: list[str]) -> None:
    for number, line in enumerate(lines, start=1):
        stripped = line.lstrip(" \u3000")
        if stripped.startswith("\t"):
            raise LoadError(number, len(line) - len(stripped) + 1, "tab in indentation; indent with spaces")


def _span(node: Node, lines: list[str], block_lines: set[int]) -> Span:
    style = (node.style or None) if isinstance(node, ScalarNode) else None  # libyaml says '' for plain
    rows: tuple[tuple[int, int], ...] = ()
    if style in ("|", ">"):
        rows = _block_rows(node, lines)
        block_lines.update(line for line, _ in rows)
    return Span(node.start_mark.line + 1, node.start_mark.column + 1, style, rows)


def _build(node: Node, path: Path, doc: Document, lines: list[str], block_lines: set[int]) -> Any:
    doc.spans[path] = _span(node, lines, block_lines)
    if isinstance(node, ScalarNode):
        if not node.style:  # plain: None from PyYAML, '' from libyaml
            if len(node.value) > MAX_DIGITS and (_INT.match(node.value) or _FLOAT.match(node.value)):
                raise LoadError(node.start_mark.line + 1, node.start_mark.column + 1, too_many_digits(node.value) or "number is too long")
            return _plain_scalar(node.value)
        return node.value
    if isinstance(node, SequenceNode):
        return [_build(item, path + (i,), doc, lines, block_lines) for i, item in enumerate(node.value)]
    assert isinstance(node, MappingNode)
    result: dict[str, Any] = {}
    first_seen: dict[str, int] = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, ScalarNode):
            raise LoadError(key_node.start_mark.line + 1, key_node.start_mark.column + 1, "a key must be plain text")
        key = key_node.value if key_node.style or len(key_node.value) > MAX_DIGITS else _plain_scalar(key_node.value)
        if key == "<<" and not key_node.style:
            raise LoadError(key_node.start_mark.line + 1, key_node.start_mark.column + 1, "merge key '<<' is not allowed")
        key = str(key) if key is not None else ""
        line, col = key_node.start_mark.line + 1, key_node.start_mark.column + 1
        if key in first_seen:
            raise LoadError(line, col, f"duplicate key '{key}' (first at line {first_seen[key]})")
        first_seen[key] = line
        doc.key_spans[path + (key,)] = Span(line, col)
        result[key] = _build(value_node, path + (key,), doc, lines, block_lines)
    return result


def is_fullwidth_number(value: Any) -> bool:
    return isinstance(value, str) and bool(_FULLWIDTH_DIGITS.match(value.strip()))
