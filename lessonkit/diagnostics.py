"""Located problems in lesson files, and how they print."""

from __future__ import annotations

import difflib
import enum
import itertools
import re
from dataclasses import dataclass
from typing import Iterable

MAX_WORD = 100  # longer words are never a typo of a name
MAX_CANDIDATES = 1000  # names compared for one "did you mean"


class Severity(enum.Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem: where it is (1-based line and column) and what it is."""

    path: str
    line: int
    col: int
    severity: Severity
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.severity.value}: {self.message}"

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    @property
    def code(self) -> str:
        """A stable short name for this kind of problem (see CODES)."""
        return code_for(self.message)

    def as_json(self) -> dict:
        return {"path": self.path, "line": self.line, "column": self.col, "severity": self.severity.value, "code": self.code, "message": self.message}


# One short code per kind of diagnostic, for editors and CI to key on.  The
# message's wording is pinned by the golden tests, so matching its start is
# stable; the first pattern that matches wins.  A new kind of message gets a
# line here (tests/test_diagnostic_codes.py checks every golden case has one).
CODES: tuple[tuple[str, str], ...] = (
    # sizes: every field, list and number has a bound (issue 11)
    (r"number of [\d,]+ digits is too large", "number-too-large"),
    (r"'[^']*' is [\d,]+ characters long; at most", "too-long"),
    (r".* has [\d,]+ cards; a program may have at most|the lesson has [\d,]+ puzzles; at most|puzzle '.*' has \d+ bug exercises; at most", "too-many"),
    (r"and [\d,]+ more unknown names? in the", "unknown-card"),
    (r"cannot read this folder|cannot read:|symbolic link|same folder as", "file"),
    # the file and its YAML
    (r"file is .* bytes|file is empty|file holds NUL|file is saved as|file is not UTF-8|cannot read the file", "file"),
    (r"tab |tab$|full-width space \(U\+3000\) in indentation|this (line|list item) is indented", "yaml-indent"),
    (r"alias |anchor |tag '|merge key", "yaml-feature"),
    (r"duplicate key ", "duplicate-key"),
    (r"a ':' in |this quote|not valid YAML|a key must be plain|control character|nested more than", "yaml-syntax"),
    (r".* starts with '[{\[]', which YAML reads as the start of", "yaml-syntax"),
    # programs
    (
        r"'\[' is not closed|'\]' without|'else' without|'until' goes|functions are defined|'not' goes|'\[' must follow|expected '\['|"
        r"expected a (number|condition|card|function|program|list)|program ends early|repeat count|blocks nested|function '.*' is defined twice|a block needs|write 'until:'|empty card|expected one condition",
        "program",
    ),
    # the schema
    (r"unknown key ", "unknown-key"),
    (r"missing key ", "missing-key"),
    (r"full-width digits|.* with a full-width space", "full-width"),
    (r"id '.*' is not a slug", "bad-id"),
    (r"lesson id '.*' is also the id", "duplicate-lesson-id"),
    (r"duplicate puzzle id", "duplicate-puzzle-id"),
    (r"unknown (concept|language|phase|outcome|mext|lesson type|world|role|goal_rule) ", "unknown-value"),
    (r"unknown facing|puzzle has no 'facing'", "facing"),
    (r"grade range|'.*' is .*; expected (at least|at most|more than|less than)", "out-of-range"),
    (r"grade '.*': write the grade|'.*' is .*; expected|expected a lesson|'.*' is empty|'.*' '.*' is not valid", "wrong-type"),
    # lesson text
    (r"furigana|'\}' without|'\{' inside", "furigana"),
    (r"character '.*' \(U\+[0-9A-F]+\) cannot be printed", "glyph"),
    (r"kanji '.*' is (taught|not taught)", "kanji-grade"),
    # boards and worlds
    (r"board |second (start|goal)|unknown board square|a grid puzzle needs", "board"),
    (r"picture |unknown picture square|a paper puzzle needs|pen start|'decode' is", "picture"),
    (r"step '.*' names the fact|'(goal|start|steps)' (names|is)|a procedure lesson needs 'facts'|'facts' belong|a procedure puzzle needs|\d+ step cards on the table", "fact"),
    (r"card name '.*' is|fact name '.*' is|step card '.*' needs a label|has the same label as card|is a control card; write just|a .* card takes no '|unknown icon", "card-name"),
    (r"no order of the step cards reaches|puzzle '.*' cannot be drawn", "unsolvable"),
    (r"step card '.*' is on the table but no solution|which the lesson marks as a distractor", "distractor"),
    # sorting networks, binary cards, decks, per-group values
    (r"comparator '.*'|'.*' is not a comparator|the network has no comparators|no network sorts|full-width characters in comparator|solution has \d+ comparators", "network"),
    (r".* does not sort every input", "unsorted"),
    (r"dot card \d+|'dots' ", "dot-cards"),
    (r"target \d+ is out of range|targets run from|no target from|goal [a-z]+ takes no 'target'", "target-range"),
    (r"the deck is empty|unknown suit|suit '.*' is listed twice", "deck"),
    (r"cannot (draw|deal) \d+ groups'", "group-values"),
    (r"no card in any group's deck|every card in every group's deck|the rule never reaches", "unused-branch"),
    (r".* does not show |.* does not read the cards|the rule does not score every card", "no-goal"),
    (r"alternative \d+ scores group", "wrong-scores"),
    (r"a [a-z-]+ bug exercise cannot end in", "bug-exercise"),
    # cards and programs
    (r"'.*' and '.*' are the same card|'.*' is the card '.*' again", "card-twice"),
    (r"unknown card '.*' for the", "unknown-kit-card"),
    (r"card count for", "card-count"),
    (r"unknown card|.* uses the condition '.*' as a card", "unknown-card"),
    (r"unknown condition|.* uses the card '.*' as a condition", "unknown-condition"),
    (r"function name ", "function-name"),
    (r".* uses '.*', which is not among (the lesson's|this puzzle's) cards|card '.*' is not in the lesson's kit", "card-not-in-kit"),
    (r"(.* needs|this puzzle gives) \d+ '.*' cards; a group's kit holds", "kit-too-small"),
    # what the lesson says against what the kit holds
    (r"the flow hands something out", "handout-missing"),
    (r".* here repeat saves nothing", "repeat-saves-nothing"),
    (r"「.*」 quotes the '.*' card in other words", "card-words"),
    (r"the unit's plan ", "unit-plan"),
    # what running them shows
    (r".* does not reach the goal", "no-goal"),
    (r".* reaches the goal (after|at) step \d+", "goes-past-goal"),
    (r"bug exercise ", "bug-exercise"),
    (r"puzzle '.*' cannot be solved", "unsolvable"),
    (r"puzzle '.*' is too large to search", "search-gave-up"),
    (r"solution takes \d+ steps; the shortest|solution uses \d+ cards", "long-solution"),
    (r"solution lays \d+ cards; \d+ are enough", "more-cards"),
    # lints
    (r".* takes \d+ cards.*allows at most", "max-cards"),
    (r"'max_cards' counts the cards a group lays|'goal_rule: stop' ends a run on the square", "rule-not-for-family"),
    (r"flow ", "flow"),
    (r"concept '.*' is listed", "concept-unused"),
    (r"the lesson is nested too deeply", "yaml-syntax"),
)
_CODE_PATTERNS = tuple((re.compile(pattern), code) for pattern, code in CODES)
OTHER = "other"


def code_for(message: str) -> str:
    for pattern, code in _CODE_PATTERNS:
        if pattern.match(message):
            return code
    return OTHER


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A ``"; did you mean 'x'?"`` suffix, or ``""`` when nothing is close.

    Bounded: a word longer than MAX_WORD gets no suggestion, and only the
    first MAX_CANDIDATES choices are compared, so one call never costs more
    than a fixed amount whatever the input."""
    if len(word) > MAX_WORD:
        return ""
    choices = list(itertools.islice(choices, MAX_CANDIDATES))
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    if not close and len(word) >= 3:
        close = [c for c in choices if c.startswith(word) or word.startswith(c)][:1]
    if not close:
        lowered = {c.lower(): c for c in choices}
        if word.lower() in lowered:
            close = [lowered[word.lower()]]
    return f"; did you mean '{close[0]}'?" if close else ""


def quote(value: object) -> str:
    """Quote a user's value for a message, short enough for one line."""
    text = value if isinstance(value, str) else repr(value)
    if len(text) > 40:
        text = text[:37] + "..."
    return "'" + text.replace("\n", "\\n") + "'"


def one_of(choices: Iterable[str]) -> str:
    items = [f"'{c}'" for c in choices]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " or " + items[-1]
