"""Per-group values drawn from a lesson's ``seed``.

Every group gets its own numbers to sort, targets to show or deck to draw,
so groups cannot copy and the teacher can still check each at a glance.  A
group's values depend only on the lesson's seed, the puzzle's id and the
group's number, never on how many groups a build prints, so ``--groups 4``
and ``--groups 8`` give groups 1-4 the same values, and every rebuild gives
the same ones.  The checks draw and prove the values of every group a build
can print (MAX_GROUPS).

``random.Random`` seeded with text hashes it with SHA-512 (seeding version
2), which Python keeps stable across versions and platforms.
"""

from __future__ import annotations

import random

MAX_GROUPS = 26  # as many as a build prints (group letters A-Z)
DEFAULT_SEED = 1


def group_rng(seed: int | None, puzzle_id: str, group: int, purpose: str = "values") -> random.Random:
    """The random source for one group's values of one puzzle (group from 1)."""
    return random.Random(f"lessonkit:{DEFAULT_SEED if seed is None else seed}:{puzzle_id}:{purpose}:{group}")


def shared_rng(seed: int | None, puzzle_id: str, purpose: str) -> random.Random:
    """A random source shared by every group of a puzzle (e.g. its difficulty)."""
    return random.Random(f"lessonkit:{DEFAULT_SEED if seed is None else seed}:{puzzle_id}:{purpose}")
