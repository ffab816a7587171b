"""The interpreter: walks a card program in a world and returns a Trace.

Control flow is shared by every world.  Not reaching the goal is data, not
an exception: every program, however odd, ends in one :class:`Outcome`.
The walk is iterative, so deep or endless recursion through functions ends
in ``STEP_LIMIT`` rather than a Python error.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Any, Hashable

from lessonkit.program import Action, Call, Cond, If, Node, Program, Repeat, RepeatUntil
from lessonkit.worlds.base import Failure, World

DEFAULT_MAX_STEPS = 500


class Outcome(enum.Enum):
    GOAL = "goal"
    CRASH = "crash"
    STOPPED = "stopped"
    STEP_LIMIT = "step_limit"
    UNKNOWN_CARD = "unknown_card"

    @property
    def words(self) -> str:
        return {
            "goal": "reached the goal",
            "crash": "crashed",
            "stopped": "stopped without reaching the goal",
            "step_limit": "ran past the step limit (an endless loop?)",
            "unknown_card": "used a card this world does not know",
        }[self.value]


@dataclass(frozen=True)
class Check:
    """A condition looked at, where it sits, and what it said."""

    cond: Cond
    where: tuple
    value: bool


@dataclass(frozen=True)
class Step:
    """One action card carried out (or failed: then ``error`` says why)."""

    number: int
    card: str
    where: tuple
    state: Hashable
    checks: tuple[Check, ...] = ()
    error: Failure | None = None
    rounds: tuple[int, ...] = ()  # which time round each enclosing loop is, outermost first


@dataclass(frozen=True)
class Trace:
    start: Hashable
    steps: tuple[Step, ...]
    outcome: Outcome
    reason: str
    final: Hashable
    unknown: str | None = None  # the unknown card's name
    # An endless loop seen for certain: (first step of the cycle, its length).
    # The run stops after the cycle's first round (the position, the program's
    # place and every loop's count were all as before, so it repeats for ever).
    cycle: tuple[int, int] | None = None

    @property
    def failed_at(self) -> int | None:
        """The step number where it went wrong: the crash or the unknown card."""
        if self.outcome in (Outcome.CRASH, Outcome.UNKNOWN_CARD):
            return len(self.steps) + (1 if self.outcome is Outcome.UNKNOWN_CARD else 0)
        if self.outcome is Outcome.STOPPED:
            return len(self.steps)
        return None

    @property
    def reached_goal(self) -> bool:
        return self.outcome is Outcome.GOAL


class _Stop(Exception):
    def __init__(self, outcome: Outcome, reason: str, unknown: str | None = None):
        self.outcome, self.reason, self.unknown = outcome, reason, unknown


def run(
    world: World,
    program: Program,
    actions: frozenset[str] | set[str],
    conditions: frozenset[str] | set[str],
    max_steps: int = DEFAULT_MAX_STEPS,
    stop_at_goal: bool = False,
    detect_cycle: bool = False,
) -> Trace:
    """Carry out ``program``; ``actions``/``conditions`` are the cards the world knows.

    With ``stop_at_goal`` (a puzzle's ``goal_rule: stop``, as in Code.org's
    mazes) the run ends as soon as the goal is reached; otherwise the goal is
    judged when the program ends.  With ``detect_cycle`` the run stops
    (``STEP_LIMIT``, ``Trace.cycle`` set) as soon as the world's state and the
    program's whole place (every block, index and repeat count) repeat.
    """
    state = world.initial()
    start = state
    if stop_at_goal and world.is_goal(state):
        return Trace(start, (), Outcome.GOAL, "reached the goal", state)
    steps: list[Step] = []
    checks: list[Check] = []
    # Condition checks and calls cost ticks too, so an empty endless loop stops.
    budget = max_steps * 20
    ticks = 0

    def tick() -> None:
        nonlocal ticks
        ticks += 1
        if ticks > budget:
            raise _Stop(Outcome.STEP_LIMIT, f"still running after {ticks - 1} card checks; an endless loop?")

    def sense(cond: Cond, where: tuple) -> bool:
        tick()
        if cond.name not in conditions:
            raise _Stop(Outcome.UNKNOWN_CARD, f"unknown condition '{cond.name}'", cond.name)
        value = world.sense(state, cond.name) != cond.negated
        checks.append(Check(cond, where, value))
        return value

    # The stack holds (body, index, path, repeat-left or None, node, round) frames;
    # ``loops`` holds the loop frames among them, for each step's rounds.
    stack: list[list[Any]] = [[program.main, 0, ("main",), None, None, 1]]
    loops: list[list[Any]] = []
    # Where the run has been: state and place -> the step after which it was
    # there.  A repeat-until's round number is left out: it does not change
    # what happens next.
    seen: dict[Hashable, int] = {}

    def place() -> Hashable:
        return (state, tuple((f[2], f[1], f[3]) for f in stack))

    if detect_cycle:
        seen[place()] = 0
    try:
        while stack:
            frame = stack[-1]
            body, index, path, left, node, _ = frame
            if index >= len(body):
                # End of a body: loop again or return.
                if isinstance(node, Repeat) and left > 1:
                    frame[1], frame[3] = 0, left - 1
                    frame[5] += 1
                    tick()
                    continue
                if isinstance(node, RepeatUntil):
                    if not sense(node.cond, path[:-1]):
                        frame[1] = 0
                        frame[5] += 1
                        continue
                if loops and loops[-1] is frame:
                    loops.pop()
                stack.pop()
                continue
            item: Node = body[index]
            where = path + (index,)
            frame[1] = index + 1
            if isinstance(item, Action):
                tick()
                if item.name not in actions:
                    raise _Stop(Outcome.UNKNOWN_CARD, f"unknown card '{item.name}'", item.name)
                if len(steps) >= max_steps:
                    raise _Stop(Outcome.STEP_LIMIT, f"still running after {max_steps} steps; an endless loop?")
                result = world.act(state, item.name)
                if isinstance(result, Failure):
                    steps.append(Step(len(steps) + 1, item.name, where, state, tuple(checks), result, tuple(f[5] for f in loops)))
                    raise _Stop(Outcome.CRASH, result.reason)
                state = result
                steps.append(Step(len(steps) + 1, item.name, where, state, tuple(checks), None, tuple(f[5] for f in loops)))
                checks.clear()
                if stop_at_goal and world.is_goal(state):
                    return Trace(start, tuple(steps), Outcome.GOAL, "reached the goal", state)
                if detect_cycle:
                    key = place()
                    before = seen.setdefault(key, len(steps))
                    if before != len(steps):
                        first, length = before + 1, len(steps) - before
                        positions = len({step.state for step in steps[before:]})
                        noun = getattr(world, "noun", "robot")
                        reason = f"from step {first} the {noun} repeats the same {positions} position{'s' if positions != 1 else ''}: an endless loop"
                        return Trace(start, tuple(steps), Outcome.STEP_LIMIT, reason, state, cycle=(first, length))
            elif isinstance(item, Repeat):
                tick()
                if item.body:
                    stack.append([item.body, 0, where + ("body",), item.times, item, 1])
                    loops.append(stack[-1])
            elif isinstance(item, RepeatUntil):
                if not sense(item.cond, where):
                    stack.append([item.body, 0, where + ("body",), None, item, 1])
                    loops.append(stack[-1])
            elif isinstance(item, If):
                if sense(item.cond, where):
                    stack.append([item.then, 0, where + ("then",), None, item, 1])
                elif item.orelse is not None:
                    stack.append([item.orelse, 0, where + ("else",), None, item, 1])
            elif isinstance(item, Call):
                tick()
                target = program.function(item.name)
                if target is None:
                    raise _Stop(Outcome.UNKNOWN_CARD, f"unknown card '{item.name}'", item.name)
                stack.append([target, 0, ("def", item.name), None, item, 1])
    except _Stop as stop:
        return Trace(start, tuple(steps), stop.outcome, stop.reason, state, stop.unknown)
    if world.is_goal(state):
        return Trace(start, tuple(steps), Outcome.GOAL, "reached the goal", state)
    return Trace(start, tuple(steps), Outcome.STOPPED, world.why_not_goal(state), state)
