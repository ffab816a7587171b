"""The protocol every activity family implements.

A family (one module under ``lessonkit.worlds``) names its cards and
conditions, says which extra keys a puzzle of that family carries, and builds
a :class:`World` from a puzzle.  A world is a pure rules engine: immutable,
hashable states, ``act`` for action cards, ``sense`` for conditions,
``is_goal``.  Control flow (repeat, if, functions) lives in the interpreter,
shared by every family; drawing lives in ``lessonkit.render``.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import Any, ClassVar, Generic, Hashable, Mapping, TypeVar

S = TypeVar("S", bound=Hashable)


@dataclass(frozen=True)
class CardInfo:
    """A card of a family's palette.

    ``ja`` is the Japanese name used in programs; ``label_*`` is what the
    printed card says (``label_ja`` may hold furigana markup); ``icon`` names
    the drawing in ``lessonkit.render.icons``; ``aliases`` are other
    spellings a lesson may use (kanji, longer phrases); ``does_*`` says what
    the card does, for ``lessonkit cards``, the schema and the reference page.
    """

    name: str
    ja: str
    label_en: str
    label_ja: str
    icon: str
    category: str  # "action", "condition" or "control"
    aliases: tuple[str, ...] = ()
    does_en: str = ""
    does_ja: str = ""

    def spellings(self) -> tuple[str, ...]:
        """Every name a lesson may write for this card, canonical first."""
        from lessonkit.spec.ruby import RubyError, plain_text

        # What the printed card says works too, typed without its spaces
        # (a lesson's label with broken furigana is reported where it is written).
        try:
            label = plain_text(self.label_ja)
        except RubyError:
            label = self.label_ja
        label = label.replace(" ", "").replace("\u3000", "").lstrip("…")
        out: list[str] = []
        # A condition's label once ended in "？": the old spelling still reads.
        for alias in (self.name, self.ja, *self.aliases, label, label.replace("？", "?"), label + "？", label + "?"):
            if alias not in out:
                out.append(alias)
        return tuple(out)


@dataclass(frozen=True)
class Failure:
    """An action card that could not be carried out, and why (for pupils)."""

    reason: str
    reason_ja: str = ""


class WorldError(ValueError):
    """A puzzle a family cannot build; ``key`` is the puzzle key at fault (or
    a path of keys inside it, ``("values", 2)``; None where the caller knows
    which value it gave the family) and ``offset`` the character within its
    text value (or None)."""

    def __init__(self, key: str | tuple | None, offset: int | None, message: str):
        super().__init__(message)
        self.key, self.offset, self.message = key, offset, message


class World(ABC, Generic[S]):
    """One puzzle's rules, built by its family."""

    @abstractmethod
    def initial(self) -> S: ...

    @abstractmethod
    def act(self, state: S, card: str) -> S | Failure: ...

    @abstractmethod
    def sense(self, state: S, condition: str) -> bool: ...

    @abstractmethod
    def is_goal(self, state: S) -> bool: ...

    @abstractmethod
    def why_not_goal(self, state: S, lang: str = "en", item: str = "") -> str:
        """For a run that stopped short: what is still missing, in a few words,
        in ``lang`` ("en" or "ja"); ``item`` is what the lesson calls the
        things to collect (どんぐり), where the family has any."""

    @abstractmethod
    def picture(self, state: S) -> str:
        """A small text picture of the state, for the terminal."""

    def suggested_max_steps(self) -> int:
        """A step limit generous for any sensible program on this puzzle."""
        return 200

    def describe(self, state: S) -> str:
        """A few words for the state ("C2, facing east")."""
        return str(state)

    def describe_ja(self, state: S) -> str:
        """The same in Japanese, for a Japanese lesson's run ("C2 みぎむき")."""
        return self.describe(state)

    def reached(self, state: S, lang: str = "en") -> str:
        """For a run that reached the goal: what it did, in a few words, in
        ``lang`` (a family whose goal is not a place says what it is)."""
        return "ゴールに ついた" if lang == "ja" else "reached the goal"


@dataclass(frozen=True)
class RunCase:
    """One world ``lessonkit run`` runs a program in (one group's target, one
    group's deck), what it is called, and what the family judges it by."""

    world: World
    name: str  # "target 13", "group 2's deck"
    name_ja: str  # "13の とき", "2はんの やまふだ"
    expect: Any = None  # for Family.run_judge (the lesson's rule's scores)


@dataclass(frozen=True)
class RunCases:
    """Every world a puzzle's program must work in, and what they are."""

    cases: tuple[RunCase, ...]
    what: str  # "every target from 0 to 31"
    what_ja: str  # "0から 31までの すべての 数"


@dataclass(frozen=True)
class Problem:
    """Something a family found wrong with a lesson: where (a path of keys
    from the puzzle, or from the lesson's root for ``for_lesson``), what,
    and whether it is only a warning."""

    path: tuple
    message: str
    warning: bool = False
    offset: int | None = None
    key: bool = False  # point at the key rather than its value


class Family(ABC):
    """An activity family: its vocabulary and how to build a world from a puzzle.

    A family whose activity is not a card program run once (a sorting network
    is walked and proved over every input; a binary algorithm is checked for
    every target; a rule is scored for every group's deck) sets
    ``owns_check`` and supplies ``check_puzzle``; with ``read`` it also reads
    its own notation for the solution and the bug programs.

    Besides ``build`` a family may override:

    - ``for_lesson``: the family as one lesson sees it, when its cards come
      from the lesson (``procedure``); checks what the lesson says about them;
    - ``solve``: the shortest programs (default: breadth-first search over
      states, one action card a step);
    - ``analyse``: what else the guide can say about a puzzle (e.g. how many
      orders work), and the problems that turns up.
    """

    name: ClassVar[str]
    # What teachers call the activity (the catalogue's "activity" filter).
    title: ClassVar[Mapping[str, str]] = {}
    # Where the family stands in lists (cards, schema, catalogue): lower first, then by name.
    order: ClassVar[int] = 100
    cards: ClassVar[tuple[CardInfo, ...]]
    puzzle_keys: ClassVar[Mapping[str, str]]  # extra puzzle keys -> what they hold
    # JSON Schema of puzzle keys that are not text (default: text).
    puzzle_key_schema: ClassVar[Mapping[str, Mapping[str, Any]]] = {}
    # The key the "cannot be solved" error points at.
    main_key: ClassVar[str] = "board"
    # The bug outcomes this family's bug exercises may state.
    bug_outcomes: ClassVar[tuple[str, ...]] = ("crash", "stopped", "step_limit", "unknown_card")
    # The family checks its puzzles itself (check_puzzle) instead of running
    # the solution once and searching for the shortest one.
    owns_check: ClassVar[bool] = False
    # Its solution and bug programs are in its own notation (Family.read).
    owns_notation: ClassVar[bool] = False

    @classmethod
    def read(cls, world: "World", value: Any) -> Any:
        """A solution or bug program in the family's own notation (raise
        WorldError with key None and the offset); None: card programs."""
        return None

    @classmethod
    def check_puzzle(cls, world: "World", puzzle: Any, lesson: Any, programs: Mapping[str, Any]) -> tuple[Any, list["Problem"]]:
        """For ``owns_check``: prove the puzzle.  ``programs`` holds the read
        ``solution``, ``alternatives`` and ``bugs`` (None where unreadable).
        Returns what the kit prints (the analysis) and the problems, located
        by paths from the puzzle."""
        raise NotImplementedError

    @classmethod
    def run_cases(cls, checked: Any, groups: int | None = None) -> RunCases | None:
        """For ``lessonkit run``: every world a program must work in when the
        puzzle is more than one world (each group's target, every target, each
        group's deck); None: the checked puzzle's one world.  ``groups``: the
        groups a kit prints (A, B, …), of those the check drew; None: all."""
        return None

    @classmethod
    def run_judge(cls, case: RunCase, trace: Any, lang: str = "en") -> str | None:
        """What is wrong with a run that reached the goal (a rule that scores
        a deck unlike the lesson's rule), in ``lang``; None: nothing."""
        return None

    @classmethod
    def run_notation(cls, checked: Any, text: str, lang: str = "en", groups: int = 8) -> tuple[list[str], bool]:
        """For ``lessonkit run`` on a family with its own notation
        (``owns_notation``): read ``text`` as a solution is read (WorldError
        when it cannot be), run it as the check would, and say what happened
        in ``lang``: (lines, whether it does what the puzzle asks)."""
        raise NotImplementedError

    @classmethod
    def check_summary(cls, checked: Any, lang: str = "en") -> list[str]:
        """For ``lessonkit solve`` on a family that owns its check: what the
        check ran and found, a line each (the fewest-cards search over one
        board does not apply to it)."""
        return [f"checked by the {cls.name} world's own check, not by one run on one board; lessonkit validate shows what it found"]

    # True when the family's own analysis searches programs with repeat (the
    # check then skips the shared fewest-cards search, which would repeat it).
    searches_repeats: ClassVar[bool] = False
    # For a family whose cards come from the lesson: how a lesson writes them.
    cards_from_lesson: ClassVar[str] = ""
    # The keys of a card written in full (lessonkit.spec.models.CardSpec) this family reads.
    card_keys: ClassVar[frozenset[str]] = frozenset({"count"})

    @classmethod
    def for_lesson(cls, lesson: Any) -> tuple[type["Family"], list[Problem]]:
        """The family with the lesson's own cards; problems with them."""
        problems = []
        if getattr(lesson, "facts", None):
            problems.append(Problem(("facts",), f"'facts' belong to procedure lessons; a {cls.name} lesson has none", key=True))
        for name, value in lesson.cards.items():
            if isinstance(value, int):
                continue
            for key in sorted(value.model_fields_set - cls.card_keys):
                problems.append(Problem(("cards", name, key), f"a {cls.name} card takes no '{key}'; the {cls.name} world's cards are its own (write just how many)", key=True))
        return cls, problems

    @classmethod
    def laid_out(cls, puzzle: Mapping[str, Any]) -> bool:
        """Whether groups lay this puzzle's solution out from their kit (a
        program handed to pupils to read need not fit the kit)."""
        return True

    @classmethod
    def solve(cls, world: "World", actions: tuple[str, ...], stop_at_goal: bool = False):
        """Shortest sequences of ``actions`` (a lessonkit.solve.Solution), or
        None for the shared breadth-first search over states."""
        return None

    @classmethod
    def unsolvable(cls, puzzle_id: str, actions: tuple[str, ...], world: "World") -> str:
        return f"puzzle '{puzzle_id}' cannot be solved with the lesson's action cards ({', '.join(actions) or 'none'})"

    @classmethod
    def analyse(cls, world: "World", puzzle: Any, checked: Any) -> tuple[Any, list[Problem]]:
        """Family-specific findings about a checked puzzle (paths from the puzzle)."""
        return None, []

    @classmethod
    def fewest_text(cls, checked: Any, target: Any) -> str | None:
        """For ``lessonkit solve``: what the family's own search (its
        ``analyse``) found about the fewest cards for a checked puzzle, as the
        lines to print; None runs the shared fewest-cards search instead."""
        return None

    @classmethod
    def card(cls, name: str) -> CardInfo | None:
        for info in cls.cards:
            if info.name == name:
                return info
        return None

    @classmethod
    def actions(cls) -> tuple[str, ...]:
        return tuple(c.name for c in cls.cards if c.category == "action")

    @classmethod
    def conditions(cls) -> tuple[str, ...]:
        return tuple(c.name for c in cls.cards if c.category == "condition")

    @classmethod
    def names(cls) -> dict[str, str]:
        """Alias (Japanese name, other spellings) -> canonical card name."""
        table: dict[str, str] = {}
        for info in cls.cards:
            for alias in info.spellings():
                table.setdefault(alias, info.name)
        return table

    @classmethod
    def kit_names(cls) -> dict[str, str]:
        """Every spelling a lesson's ``cards`` may use, the control cards' too."""
        table = cls.names()
        for info in CONTROL_CARDS:
            for alias in info.spellings():
                table.setdefault(alias, info.name)
        return table

    @classmethod
    def assumed(cls, puzzle: Mapping[str, Any]) -> list[str]:
        """What ``build`` took as a default because the puzzle does not say it
        (a warning each: a default nobody chose is a silent mistake)."""
        return []

    @classmethod
    @abstractmethod
    def build(cls, puzzle: Mapping[str, Any]) -> World:
        """The world of one puzzle; raise WorldError for a malformed puzzle."""


@dataclass(frozen=True)
class _OutcomeProblem:
    key: str
    message: str

    def at(self, path: tuple) -> Problem:
        return Problem(path + (self.key,), self.message)


def outcome_problem(bug: Any, trace: Any, context: str = "") -> _OutcomeProblem | None:
    """A card-program bug exercise against the run that refutes it: the same
    outcome and wrong step as the lesson states, or what differs."""
    from lessonkit.check import describe_failure
    from lessonkit.simulate import Outcome

    actual = trace.outcome.value
    if trace.outcome is Outcome.GOAL:
        return _OutcomeProblem("program", f"bug exercise reaches the goal{context}; expected it to end in '{bug.outcome}'")
    if actual != bug.outcome:
        return _OutcomeProblem("outcome", f"bug exercise ends in '{actual}'{context} ({describe_failure(trace)}), not '{bug.outcome}'")
    if bug.step is not None and trace.failed_at != bug.step:
        if trace.failed_at is None:
            return _OutcomeProblem("step", f"bug exercise ends in '{actual}'{context}, which has no single wrong step; remove 'step: {bug.step}' ({describe_failure(trace)})")
        return _OutcomeProblem("step", f"bug exercise goes wrong at step {trace.failed_at}{context}, not step {bug.step} ({describe_failure(trace)})")
    return None


# Control cards are shared by every family: the interpreter gives them meaning.
CONTROL_CARDS: tuple[CardInfo, ...] = (
    CardInfo(
        "repeat", "くりかえす", "Repeat", "くりかえす", "repeat", "control", ("くりかえし", "繰り返す"),
        "repeats the cards inside it a number of times: repeat 3 [ forward ]",
        "なかの カードを きめた かいすう くりかえす：くりかえす 3 [ まえ ]",
    ),
    CardInfo(
        "repeat_until", "までくりかえす", "Repeat until", "…まで くりかえす", "repeat_until", "control", (),
        "repeats the cards inside it until a condition holds, checked before each round: repeat until at_goal [ forward ]",
        "じょうけんが なりたつ まで なかの カードを くりかえす（まわる まえに たしかめる）：ゴール まで くりかえす [ まえ ]",
    ),
    CardInfo(
        "if", "もし", "If", "もし … なら", "if", "control", (),
        "does the cards inside it only when a condition holds: if path_ahead [ forward ] else [ turn_right ]",
        "じょうけんが なりたつ ときだけ なかの カードを する：もし まえにすすめる [ まえ ] ちがったら [ みぎ ]",
    ),
    CardInfo(
        "else", "ちがったら", "Else", "ちがったら", "else", "control", (),
        "inside an if: the cards done when its condition does not hold",
        "もしの なかで、じょうけんが なりたたない ときに する カード",
    ),
    CardInfo(
        "not", "ない", "Not", "ではない", "not", "control", (),
        "turns a condition round: repeat until not path_ahead [ forward ]",
        "じょうけんを はんたいに する：ない まえにすすめる まで くりかえす [ まえ ]",
    ),
    CardInfo(
        "function", "やくそく", "Function", "やくそく", "define", "control", ("def",),
        "names a group of cards once so the program can use it again: def zigzag [ forward turn_left ] zigzag zigzag",
        "カードの まとまりに なまえを つけて、なんども つかえるように する：やくそく ジグザグ [ まえ ひだり ] ジグザグ",
    ),
    CardInfo(
        "call", "よびだす", "Call", "やくそくを つかう", "call", "control", (),
        "uses a function defined with the function card, by writing its name",
        "やくそくで きめた まとまりを つかう（なまえを かく）",
    ),
)

# The card that closes a block.  Each block-opening card needs one; an else
# card sits inside its if's block and shares the if's end card.
END_CARD = CardInfo(
    "end", "おわり", "End", "おわり", "end", "control", (),
    "closes a repeat, if or function block; the kit holds one for each block card",
    "くりかえす・もし・やくそくの おわりに おく カード",
)
BLOCK_CARDS = ("repeat", "repeat_until", "if", "function")


def end_cards(counts: Mapping[str, int]) -> int:
    """How many End cards laying out cards in ``counts`` takes."""
    return sum(n for name, n in counts.items() if name in BLOCK_CARDS)
