"""The committed JSON Schema accepts every lesson lessonkit accepts (editors trust it)."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from lessonkit.spec.schema import schema_text

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = json.loads((ROOT / "schema" / "lesson.schema.json").read_text(encoding="utf-8"))
LESSONS = sorted((ROOT / "lessons").rglob("*.yaml")) + [ROOT / "tests" / "golden" / "ja-valid.yaml"]


def test_committed_schema_is_current():
    assert json.loads(schema_text()) == SCHEMA


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_schema_accepts_valid_lessons(path):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    jsonschema.validate(data, SCHEMA)


def test_schema_rejects_an_unknown_card():
    data = yaml.safe_load(LESSONS[0].read_text(encoding="utf-8"))
    data["cards"]["fowrard"] = 3
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, SCHEMA)
