"""Every kind of diagnostic has a stable short code; validate --format json carries it."""

from __future__ import annotations

import json
import re

import pytest

from lessonkit.diagnostics import CODES, OTHER, Diagnostic, Severity, code_for

from conftest import GOLDEN

_LINE = re.compile(r"^[^ ].*?:\d+:\d+: (?:error|warning): (.*)$")


def _golden_messages() -> list[str]:
    found = []
    for path in sorted(GOLDEN.glob("*.expected")):
        for line in path.read_text(encoding="utf-8").splitlines():
            m = _LINE.match(line)
            if m:
                found.append(m.group(1))
    return found


def test_every_golden_diagnostic_has_a_specific_code():
    messages = _golden_messages()
    assert len(messages) >= 40
    assert [m for m in messages if code_for(m) == OTHER] == []


@pytest.mark.parametrize(
    ("message", "code"),
    [
        ("unknown card 'fowrard' in the solution; did you mean 'forward' (まえ)?", "unknown-card"),
        ("unknown card 'かんすう' for the grid world; did you mean 'やくそく' (function)?", "unknown-kit-card"),
        ("'まえ' and 'forward' are the same card (forward); list it once, as 'forward: 3'", "card-twice"),
        ("unknown key 'titel'; did you mean 'title'?", "unknown-key"),
        ("'grade' is 7; expected at most 6", "out-of-range"),
        ("solution does not reach the goal: crashed at step 2 (forward): bumped into a wall", "no-goal"),
        ("tab in indentation; indent with spaces", "yaml-indent"),
    ],
)
def test_codes_by_kind(message, code):
    assert code_for(message) == code


def test_codes_are_short_slugs():
    for _, code in CODES:
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", code) and len(code) <= 20


def test_validate_json(cli, monkeypatch):
    monkeypatch.chdir(GOLDEN)
    result = cli("validate", "--format", "json", "unknown-card.yaml", "ja-valid.yaml")
    assert result.exit_code == 1
    assert json.loads(result.stdout) == {
        "lessons": 2,
        "errors": 1,
        "warnings": 0,
        "diagnostics": [
            {
                "path": "unknown-card.yaml",
                "line": 22,
                "column": 3,
                "severity": "error",
                "code": "unknown-kit-card",
                "message": "unknown card 'trun_left' for the grid world; did you mean 'turn_left' (ひだり)?",
            }
        ],
    }


def test_validate_json_clean(cli, monkeypatch):
    monkeypatch.chdir(GOLDEN)
    result = cli("validate", "--format", "json", "ja-valid.yaml")
    assert (result.exit_code, json.loads(result.stdout)) == (0, {"lessons": 1, "errors": 0, "warnings": 0, "diagnostics": []})


def test_diagnostic_json_fields():
    d = Diagnostic("a.yaml", 3, 4, Severity.WARNING, "flow has no 'summary' phase")
    assert d.as_json() == {"path": "a.yaml", "line": 3, "column": 4, "severity": "warning", "code": "flow", "message": "flow has no 'summary' phase"}
