"""Card programs: one tree for every world, and its one-line text notation.

A program is what a group lays out on the desk: action cards, ``repeat N``
and ``repeat until`` blocks, ``if … else`` blocks, and named functions defined
once and called by name.  Card names are world vocabulary: this module keeps
them as given and lets a world's ``names`` map aliases (``まえ``) to canonical
names (``forward``).

Text notation::

    def zigzag [ forward turn_left forward turn_right ]
    repeat 3 [ zigzag ] repeat until at_goal [ if path_ahead [ forward ] else [ turn_right ] ]

Japanese keywords work too: くりかえす (repeat), まで (until), もし (if),
ちがったら (else), やくそく (def), ない (not); repeat until also reads in
Japanese order, ``ゴール まで くりかえす [ まえ ]``.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Mapping, Union

MAX_REPEAT = 99
MAX_NESTING = 32  # blocks inside blocks; far past any lesson, well inside Python's stack


@dataclass(frozen=True)
class Cond:
    """A condition card, possibly with a ``not`` card before it."""

    name: str
    negated: bool = False


@dataclass(frozen=True)
class Action:
    name: str


@dataclass(frozen=True)
class Call:
    name: str


@dataclass(frozen=True)
class Repeat:
    times: int
    body: tuple["Node", ...]


@dataclass(frozen=True)
class RepeatUntil:
    cond: Cond
    body: tuple["Node", ...]


@dataclass(frozen=True)
class If:
    cond: Cond
    then: tuple["Node", ...]
    orelse: tuple["Node", ...] | None = None


Node = Union[Action, Call, Repeat, RepeatUntil, If]


@dataclass(frozen=True)
class Program:
    main: tuple[Node, ...]
    functions: tuple[tuple[str, tuple[Node, ...]], ...] = field(default=())

    def function(self, name: str) -> tuple[Node, ...] | None:
        for fname, body in self.functions:
            if fname == name:
                return body
        return None

    def card_counts(self) -> Counter[str]:
        """How many physical cards of each kind laying this program out takes."""
        counts: Counter[str] = Counter()
        for _, body in self.functions:
            counts["function"] += 1
            _count(body, counts)
        _count(self.main, counts)
        return counts

    def walk(self):
        """Every node with its path, depth first (functions first)."""
        for fname, body in self.functions:
            yield from _walk(body, ("def", fname))
        yield from _walk(self.main, ("main",))

    def __len__(self) -> int:
        return sum(self.card_counts().values())


def _count(body: tuple[Node, ...], counts: Counter[str]) -> None:
    for node in body:
        if isinstance(node, Action):
            counts[node.name] += 1
        elif isinstance(node, Call):
            counts["call"] += 1
        elif isinstance(node, Repeat):
            counts["repeat"] += 1
            _count(node.body, counts)
        elif isinstance(node, RepeatUntil):
            counts["repeat_until"] += 1
            _cond_count(node.cond, counts)
            _count(node.body, counts)
        elif isinstance(node, If):
            counts["if"] += 1
            _cond_count(node.cond, counts)
            _count(node.then, counts)
            if node.orelse is not None:
                counts["else"] += 1
                _count(node.orelse, counts)


def _cond_count(cond: Cond, counts: Counter[str]) -> None:
    counts[cond.name] += 1
    if cond.negated:
        counts["not"] += 1


def _walk(body, prefix):
    for i, node in enumerate(body):
        path = prefix + (i,)
        yield path, node
        if isinstance(node, (Repeat, RepeatUntil)):
            yield from _walk(node.body, path + ("body",))
        elif isinstance(node, If):
            yield from _walk(node.then, path + ("then",))
            if node.orelse is not None:
                yield from _walk(node.orelse, path + ("else",))


# --- the text notation -------------------------------------------------------

KEYWORDS = {
    "repeat": "repeat", "くりかえす": "repeat", "くりかえし": "repeat", "繰り返す": "repeat",
    "until": "until", "まで": "until",
    "if": "if", "もし": "if",
    "else": "else", "ちがったら": "else",
    "def": "def", "やくそく": "def",
    "not": "not", "ない": "not",
}
JA_KEYWORDS = {"repeat": "くりかえす", "until": "まで", "if": "もし", "else": "ちがったら", "def": "やくそく", "not": "ない"}
_OPEN = "[［"
_CLOSE = "]］"


class NotationError(ValueError):
    """Bad text notation; ``offset`` indexes the source string."""

    def __init__(self, offset: int, message: str):
        super().__init__(message)
        self.offset = offset
        self.message = message


@dataclass(frozen=True)
class Token:
    text: str
    offset: int


def tokenize(text: str, names: Mapping[str, str] | None = None) -> list[Token]:
    """Words and brackets with their offsets.  With ``names`` (the world's card
    and condition names), words people run together are split where the parts
    are known: 'くりかえす3', 'ゴールまで', 'ゴールまでくりかえす'."""
    tokens: list[Token] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch.isspace() or ch in ",、，":
            i += 1
            continue
        if ch in _OPEN or ch in _CLOSE:
            tokens.append(Token("[" if ch in _OPEN else "]", i))
            i += 1
            continue
        start = i
        while i < n and not text[i].isspace() and text[i] not in _OPEN + _CLOSE + ",、，":
            i += 1
        word = text[start:i]
        tokens.extend(_split_word(word, start, names) if names is not None else [Token(word, start)])
    return tokens


_JA_REPEAT = ("くりかえす", "くりかえし", "繰り返す")


def _split_word(word: str, offset: int, names: Mapping[str, str]) -> list[Token]:
    """Split a run-together word only into parts that are all known, so a
    function or card whose name merely looks similar is left whole."""
    if word in names or word in KEYWORDS:
        return [Token(word, offset)]
    for head in _JA_REPEAT:  # くりかえす3 (full-width digits too: they get their own error)
        rest = word[len(head):]
        if word.startswith(head) and rest.isdecimal():
            return [Token(head, offset), Token(rest, offset + len(head))]
    for tail in _JA_REPEAT:  # ゴールまでくりかえす
        cond = word[: -len(tail) - 2]
        if word.endswith("まで" + tail) and cond in names:
            return [Token(cond, offset), Token("まで", offset + len(cond)), Token(tail, offset + len(word) - len(tail))]
    if word.endswith("まで") and word[:-2] in names:  # ゴールまで
        return [Token(word[:-2], offset), Token("まで", offset + len(word) - 2)]
    return [Token(word, offset)]


class _Parser:
    def __init__(self, text: str, names: Mapping[str, str], functions: frozenset[str]):
        self.text = text
        self.tokens = tokenize(text, {**names, **{f: f for f in functions}})
        self.pos = 0
        self.depth = 0
        self.names = names
        self.functions = set(functions)

    def peek(self) -> Token | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def next(self, expected: str) -> Token:
        tok = self.peek()
        if tok is None:
            raise NotationError(len(self.text), f"program ends early; expected {expected}")
        self.pos += 1
        return tok

    def keyword(self, tok: Token | None) -> str | None:
        return KEYWORDS.get(tok.text) if tok else None

    def program(self) -> Program:
        functions = []
        while self.keyword(self.peek()) == "def":
            self.pos += 1
            name_tok = self.next("a function name after 'def'")
            if name_tok.text in "[]":
                raise NotationError(name_tok.offset, f"expected a function name after 'def', found '{name_tok.text}'")
            if self.keyword(name_tok) or name_tok.text in self.names:
                raise NotationError(name_tok.offset, taken_name_message(name_tok.text, self.names))
            if name_tok.text in self.functions:
                raise NotationError(name_tok.offset, f"function '{name_tok.text}' is defined twice")
            self.functions.add(name_tok.text)
            functions.append((name_tok.text, self.block()))
        main = self.items(top=True)
        return Program(main=main, functions=tuple(functions))

    def block(self) -> tuple[Node, ...]:
        tok = self.next("'['")
        if tok.text != "[":
            raise NotationError(tok.offset, f"expected '[', found '{tok.text}'")
        self.depth += 1
        if self.depth > MAX_NESTING:
            raise NotationError(tok.offset, f"blocks nested more than {MAX_NESTING} deep")
        body = self.items(top=False)
        self.depth -= 1
        self.pos += 1  # the closing bracket, checked by items()
        return body

    def items(self, top: bool) -> tuple[Node, ...]:
        out: list[Node] = []
        while True:
            tok = self.peek()
            if tok is None:
                if top:
                    return tuple(out)
                raise NotationError(len(self.text), "'[' is not closed; expected ']'")
            if tok.text == "]":
                if top:
                    raise NotationError(tok.offset, "']' without '['")
                return tuple(out)
            out.append(self.item())

    def name(self, tok: Token) -> str:
        """A card or condition name; a printed label typed with its space
        ('まえに すすむ') is two tokens that together make a known name."""
        nxt = self.peek()
        if tok.text not in self.names and nxt is not None and tok.text + nxt.text in self.names:
            self.pos += 1
            return self.names[tok.text + nxt.text]
        return self.names.get(tok.text, tok.text)

    def cond(self) -> Cond:
        tok = self.next("a condition")
        negated = False
        if self.keyword(tok) == "not":
            negated = True
            tok = self.next("a condition after 'not'")
        if tok.text in "[]" or self.keyword(tok):
            raise NotationError(tok.offset, f"expected a condition, found '{tok.text}'")
        return Cond(self.name(tok), negated)

    def until_first(self) -> RepeatUntil | None:
        """Japanese order: '[ない] <condition> まで くりかえす [ … ]'; the condition
        may be a printed label typed with its space ('まえに すすめる')."""
        i = self.pos
        negated = self.keyword(self.tokens[i]) == "not"
        i += negated
        for width in (1, 2):
            if i + width + 1 >= len(self.tokens):
                return None
            words = self.tokens[i : i + width]
            until, repeat = self.tokens[i + width : i + width + 2]
            if self.keyword(until) != "until" or self.keyword(repeat) != "repeat":
                continue
            if any(self.keyword(w) or w.text in "[]" for w in words):
                return None
            text = "".join(w.text for w in words)
            if width == 2 and text not in self.names:
                return None
            self.pos = i + width + 2
            return RepeatUntil(Cond(self.names.get(text, text), negated), self.block())
        return None

    def item(self) -> Node:
        natural = self.until_first()
        if natural is not None:
            return natural
        tok = self.next("a card")
        kw = self.keyword(tok)
        if kw == "repeat":
            nxt = self.peek()
            if self.keyword(nxt) == "until":
                self.pos += 1
                cond = self.cond()
                return RepeatUntil(cond, self.block())
            count_tok = self.next("a number after 'repeat'")
            return Repeat(parse_count(count_tok.text, count_tok.offset), self.block())
        if kw == "if":
            cond = self.cond()
            then = self.block()
            orelse = None
            if self.keyword(self.peek()) == "else":
                self.pos += 1
                orelse = self.block()
            return If(cond, then, orelse)
        if kw == "else":
            raise NotationError(tok.offset, "'else' without 'if'")
        if kw == "until":
            raise NotationError(tok.offset, "'until' goes after 'repeat': 'repeat until <condition> [ ... ]'")
        if kw == "def":
            raise NotationError(tok.offset, "functions are defined at the start of the program")
        if kw == "not":
            raise NotationError(tok.offset, "'not' goes before a condition")
        if tok.text == "[":
            raise NotationError(tok.offset, "'[' must follow 'repeat', 'if', 'else' or 'def'")
        if tok.text in self.functions:
            return Call(tok.text)
        return Action(self.name(tok))


def taken_name_message(name: str, names: Mapping[str, str]) -> str:
    """Why a function may not be called ``name``: which card or keyword it is."""
    if name in KEYWORDS:
        return f"function name '{name}' is the keyword '{KEYWORDS[name]}'; choose another name"
    card = names[name]
    also = "" if name == card else f" ('{name}' is one of its spellings)"
    return f"function name '{name}' is the card '{card}'{also}; choose another name"


def parse_count(text: str, offset: int = 0) -> int:
    """A repeat count: a whole number from 1 to 99, in ASCII digits."""
    if text.isdecimal() and len(text) > 9:  # never convert a huge number: Python refuses 4,301 digits
        raise NotationError(offset, f"repeat count of {len(text):,} digits is out of range; expected 1 to {MAX_REPEAT}")
    if text.isdecimal() and not text.isascii():
        ascii_text = "".join(str(int(c)) for c in text)
        raise NotationError(offset, f"full-width digits '{text}'; write {ascii_text} with half-width digits")
    if not (text.isascii() and text.isdecimal()):
        raise NotationError(offset, f"expected a number of times after 'repeat', found '{text}'")
    value = int(text)
    if not 1 <= value <= MAX_REPEAT:
        raise NotationError(offset, f"repeat count {value} is out of range; expected 1 to {MAX_REPEAT}")
    return value


def parse(text: str, names: Mapping[str, str] | None = None, functions: frozenset[str] = frozenset()) -> Program:
    """Parse the text notation; ``names`` maps aliases to canonical card names."""
    return _Parser(text, names or {}, functions).program()


def parse_items(text: str, names: Mapping[str, str] | None = None, functions: frozenset[str] = frozenset()) -> tuple[Node, ...]:
    """Parse a run of items (no definitions), e.g. one YAML list entry."""
    parser = _Parser(text, names or {}, functions)
    return parser.items(top=True)


def format_program(program: Program, names: Mapping[str, str] | None = None, lang: str = "en") -> str:
    """The one-line notation; ``names`` maps canonical names to the shown ones."""
    names = names or {}
    kw = (lambda k: JA_KEYWORDS[k]) if lang == "ja" else (lambda k: k)
    parts = []
    for fname, body in program.functions:
        parts.append(f"{kw('def')} {fname} [ {_fmt(body, names, kw)} ]".replace("[  ]", "[ ]"))
    if program.main:
        parts.append(_fmt(program.main, names, kw))
    return " ".join(parts)


def _fmt_cond(cond: Cond, names, kw) -> str:
    text = names.get(cond.name, cond.name)
    return f"{kw('not')} {text}" if cond.negated else text


def _fmt_block(body, names, kw) -> str:
    inner = _fmt(body, names, kw)
    return f"[ {inner} ]" if inner else "[ ]"


def _fmt(body, names, kw) -> str:
    out = []
    for node in body:
        if isinstance(node, Action):
            out.append(names.get(node.name, node.name))
        elif isinstance(node, Call):
            out.append(node.name)
        elif isinstance(node, Repeat):
            out.append(f"{kw('repeat')} {node.times} {_fmt_block(node.body, names, kw)}")
        elif isinstance(node, RepeatUntil):
            if kw("until") == "until":
                out.append(f"{kw('repeat')} {kw('until')} {_fmt_cond(node.cond, names, kw)} {_fmt_block(node.body, names, kw)}")
            else:  # Japanese reads condition first: ゴール まで くりかえす
                out.append(f"{_fmt_cond(node.cond, names, kw)} {kw('until')} {kw('repeat')} {_fmt_block(node.body, names, kw)}")
        elif isinstance(node, If):
            text = f"{kw('if')} {_fmt_cond(node.cond, names, kw)} {_fmt_block(node.then, names, kw)}"
            if node.orelse is not None:
                text += f" {kw('else')} {_fmt_block(node.orelse, names, kw)}"
            out.append(text)
    return " ".join(out)
