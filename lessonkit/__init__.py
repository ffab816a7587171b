"""lessonkit: unplugged programming lessons from YAML to print-ready kits, proved by simulation.

The public names below load on first use, so ``lessonkit --help`` stays as
quick as importing click.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_PUBLIC = {
    "check_file": "lessonkit.check",
    "Result": "lessonkit.check",
    "CheckedLesson": "lessonkit.check",
    "Diagnostic": "lessonkit.diagnostics",
    "Severity": "lessonkit.diagnostics",
    "Program": "lessonkit.program",
    "parse": "lessonkit.program",
    "format_program": "lessonkit.program",
    "NotationError": "lessonkit.program",
    "run": "lessonkit.simulate",
    "Trace": "lessonkit.simulate",
    "Outcome": "lessonkit.simulate",
    "solve": "lessonkit.solve",
    "FAMILIES": "lessonkit.worlds",
    "find_family": "lessonkit.worlds",
    "build": "lessonkit.build",
    "BuildOptions": "lessonkit.render.options",
}

__all__ = ["__version__", *_PUBLIC]


def __getattr__(name: str) -> Any:
    module = _PUBLIC.get(name)
    if module is None:
        raise AttributeError(f"module 'lessonkit' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
