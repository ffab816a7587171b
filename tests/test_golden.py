"""Golden diagnostics: the exact text `lessonkit validate` prints for bad lessons.

Each ``golden/<name>.yaml`` is a lesson with one thing wrong; ``<name>.expected``
is what an author sees for it: ``file:line:col: severity: message``, the source
line, the caret, and the summary.  Inputs that must be exact bytes (Shift_JIS,
a BOM with CRLF, a file over 1 MiB) are made from ``ja-valid.yaml`` by the
functions in GENERATED, and have only an ``.expected`` file.

After a deliberate change to a message, rewrite the expected files with

    LESSONKIT_REGOLD=1 python -m pytest tests/test_golden.py

and read every changed one (``git diff tests/golden``) before committing.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from lessonkit.spec.yamlload import MAX_BYTES

from conftest import GOLDEN

REGOLD = os.environ.get("LESSONKIT_REGOLD") == "1"


def _ja() -> str:
    return (GOLDEN / "ja-valid.yaml").read_text(encoding="utf-8")


GENERATED = {
    # Saved by a Windows editor in the legacy encoding.
    "shift-jis": lambda: _ja().encode("cp932"),
    # Saved by Notepad as "UTF-8 with BOM" with Windows line ends: fine.
    "utf8-bom-crlf": lambda: b"\xef\xbb\xbf" + _ja().replace("\n", "\r\n").encode("utf-8"),
    # Saved by Notepad as "Unicode": UTF-16 with a BOM.
    "utf-16": lambda: _ja().encode("utf-16"),
    # One byte over the limit.
    "over-1mib": lambda: _pad_to(MAX_BYTES + 1),
    # Exactly at the limit is still read.
    "exactly-1mib": lambda: _pad_to(MAX_BYTES),
}


def _pad_to(size: int) -> bytes:
    raw = _ja().encode("utf-8") + b"# "
    return raw + b"x" * (size - len(raw) - 1) + b"\n"


FILE_CASES = sorted(p.stem for p in GOLDEN.glob("*.yaml"))
CASES = sorted(FILE_CASES + list(GENERATED))


def _validate(cli, monkeypatch, folder: Path, name: str):
    monkeypatch.chdir(folder)
    return cli("validate", f"{name}.yaml")


@pytest.mark.parametrize("name", CASES)
def test_golden(name, cli, monkeypatch, tmp_path):
    if name in GENERATED:
        (tmp_path / f"{name}.yaml").write_bytes(GENERATED[name]())
        folder = tmp_path
    else:
        folder = GOLDEN
    result = _validate(cli, monkeypatch, folder, name)
    expected_file = GOLDEN / f"{name}.expected"
    if REGOLD:
        expected_file.write_text(result.stdout, encoding="utf-8", newline="\n")
    assert expected_file.exists(), f"no {expected_file.name}; run with LESSONKIT_REGOLD=1 and review it"
    expected = expected_file.read_text(encoding="utf-8")
    assert result.stdout == expected
    assert result.stderr == ""
    # Exit status agrees with the summary line.
    clean = expected.endswith(": 0 errors, 0 warnings\n") or " 0 errors" in expected.splitlines()[-1]
    assert result.exit_code == (0 if clean else 1)


def test_enough_golden_cases():
    errors = [n for n in CASES if "error:" in (GOLDEN / f"{n}.expected").read_text(encoding="utf-8")]
    assert len(errors) >= 20


def test_every_expected_file_has_an_input():
    stems = {p.stem for p in GOLDEN.glob("*.expected")}
    assert stems == set(CASES)


def test_generated_inputs_are_what_they_claim():
    assert len(GENERATED["over-1mib"]()) == MAX_BYTES + 1
    assert len(GENERATED["exactly-1mib"]()) == MAX_BYTES
    raw = GENERATED["shift-jis"]()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    assert raw.decode("cp932") == _ja()
    assert GENERATED["utf8-bom-crlf"]().count(b"\r\n") == _ja().count("\n")
