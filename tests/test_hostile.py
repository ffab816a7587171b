"""Hostile and huge inputs: never a traceback, never a hang, cost in proportion.

Golden texts: each case in CASES runs a command in a fresh folder and its
exact output (stdout, then stderr after a '--- stderr' line, then the exit
status) is ``golden/cli/<case>.expected``.  After a deliberate change:

    LESSONKIT_REGOLD=1 python -m pytest tests/test_hostile.py

and read every changed file (``git diff tests/golden/cli``).

The permission cases run lessonkit for real without the capabilities that
let root read anything (``setpriv --bounding-set -dac_override,...``), or as
the user it is when that user is not root; they are skipped where neither
is possible.
"""

from __future__ import annotations

import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pypdf
import pytest
from click.testing import CliRunner

import hostile
from conftest import GOLDEN, LESSON, edit
from lessonkit.cli import main

CLI_GOLDEN = GOLDEN / "cli"
REGOLD = os.environ.get("LESSONKIT_REGOLD") == "1"
ROOT = Path(__file__).resolve().parent.parent


def _invoke(*args: str):
    result = CliRunner().invoke(main, list(args), prog_name="lessonkit", catch_exceptions=False)
    return result.stdout, result.stderr, result.exit_code


def _lesson(folder: Path, text: str = LESSON, name: str = "lesson.yaml") -> str:
    (folder / name).write_text(text, encoding="utf-8")
    return name


# -- the cases: (what to write, the command) ----------------------------------------------


def _digits_in_yaml(d):
    return _invoke("validate", _lesson(d, edit("minutes: 45", "minutes: " + "9" * 4301)))


def _digits_in_repeat(d):
    return _invoke("validate", _lesson(d, edit("solution: repeat 3 [ forward ]", "solution: repeat " + "9" * 4301 + " [ forward ]")))


def _run_superscript(d):
    return _invoke("run", _lesson(d), "²", "forward")


def _solve_superscript(d):
    return _invoke("solve", _lesson(d), "²")


def _run_4301_digits(d):
    return _invoke("run", _lesson(d), "1" * 4301, "forward")


def _run_many_unknown(d):
    return _invoke("run", _lesson(d), "1", " ".join(f"jump{i}" for i in range(1000)))


def _run_100kb_error(d):
    return _invoke("run", _lesson(d), "1", "forward " * 12_500 + "]")


def _run_100kb_repeat(d):
    return _invoke("run", _lesson(d), "1", "forward " * 12_500 + "repeat " + "9" * 4301 + " [ forward ]")


def _many_unknown_keys(d):
    return _invoke("validate", _lesson(d, hostile.many_keys(5_000)))


def _many_numbers(d):
    return _invoke("validate", _lesson(d, hostile.many_numbers(3_000)))


def _many_unknown_names(d):
    return _invoke("validate", _lesson(d, hostile.unknown_names(3_000)))


def _many_unknown_cards(d):
    return _invoke("validate", _lesson(d, hostile.unknown_cards(3_000)))


def _duplicate_keys(d):
    return _invoke("validate", _lesson(d, hostile.duplicate_keys(3_000)))


def _long_title(d):
    return _invoke("validate", _lesson(d, hostile.long_title(20_000)))


def _long_title_ja(d):
    return _invoke("validate", _lesson(d, hostile.long_title_ja(20_000)))


def _many_puzzles(d):
    return _invoke("validate", _lesson(d, hostile.many_puzzles(10_000)))


def _long_program(d):
    return _invoke("validate", _lesson(d, hostile.unknown_names(8_000)))


def _long_fields(d):
    text = edit("title: Robot maze", "title: " + "Robot " * 50)
    text = edit("        hint: count the squares", "        hint: " + "count " * 60, text)
    return _invoke("validate", _lesson(d, text))


def _internal_error(d, monkeypatch):
    import lessonkit.check

    def broken(*args, **kwargs):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(lessonkit.check, "check_file", broken)
    return _invoke("validate", _lesson(d))


def _folders(d):
    (d / "lessons" / "a").mkdir(parents=True)
    (d / "elsewhere" / "x").mkdir(parents=True)
    _lesson(d / "lessons" / "a", name="one.yaml")
    _lesson(d / "elsewhere" / "x", edit("id: robot-maze-1", "id: robot-maze-2"), name="two.yaml")
    os.symlink("../elsewhere", d / "lessons" / "linked")  # followed: two.yaml is checked
    os.symlink("..", d / "lessons" / "a" / "up")  # a loop back to lessons/
    os.symlink("missing.yaml", d / "lessons" / "broken.yaml")
    return _invoke("validate", "lessons")


def _kit_not_written(d, monkeypatch):
    """The third document cannot be written: the old kit stays whole, nothing is counted."""
    import lessonkit.fileio

    _lesson(d)
    assert _invoke("build", "lesson.yaml", "-o", "kits", "--groups", "1")[2] == 0
    before = {p.name: p.read_bytes() for p in (d / "kits" / "robot-maze-1").iterdir()}
    real = lessonkit.fileio.write_bytes_atomic
    calls = []

    def full_disk(path, data):
        calls.append(path)
        if len(calls) == 3:
            raise OSError(28, "No space left on device", str(path))
        real(path, data)

    monkeypatch.setattr(lessonkit.fileio, "write_bytes_atomic", full_disk)
    _lesson(d, edit("title: Robot maze", "title: Robot maze 2"))
    out = _invoke("build", "lesson.yaml", "-o", "kits", "--groups", "1")
    after = {p.name: p.read_bytes() for p in (d / "kits" / "robot-maze-1").iterdir()}
    assert after == before
    assert [p.name for p in (d / "kits").iterdir()] == ["robot-maze-1"]  # no temporary left
    return out


def _kit_in_the_way(d):
    """board.pdf is a folder in the old kit: the new kit replaces it whole."""
    _lesson(d)
    (d / "kits" / "robot-maze-1" / "board.pdf").mkdir(parents=True)
    (d / "kits" / "robot-maze-1" / "notes.txt").write_text("a teacher's note")
    stdout, stderr, code = _invoke("build", "lesson.yaml", "-o", "kits", "--groups", "1")
    kit = d / "kits" / "robot-maze-1"
    assert sorted(p.name for p in kit.iterdir()) == ["answer-key.pdf", "blackboard.pdf", "board.pdf", "cards.pdf", "notes.txt", "teacher-guide.pdf", "worksheet.pdf"]
    assert (kit / "board.pdf").is_file() and (kit / "notes.txt").read_text() == "a teacher's note"
    return re.sub(r"\d+", "#", stdout), stderr, code  # page counts are the renderers' business


CASES = {
    "number-4301-digits": _digits_in_yaml,
    "repeat-4301-digits": _digits_in_repeat,
    "run-puzzle-superscript": _run_superscript,
    "solve-puzzle-superscript": _solve_superscript,
    "run-puzzle-4301-digits": _run_4301_digits,
    "run-1000-unknown-names": _run_many_unknown,
    "run-100kb-program-error": _run_100kb_error,
    "run-100kb-repeat-4301-digits": _run_100kb_repeat,
    "many-unknown-keys": _many_unknown_keys,
    "many-numbers": _many_numbers,
    "many-unknown-names": _many_unknown_names,
    "many-unknown-cards": _many_unknown_cards,
    "duplicate-keys": _duplicate_keys,
    "long-title": _long_title,
    "long-title-ja": _long_title_ja,
    "many-puzzles": _many_puzzles,
    "long-program": _long_program,
    "long-fields": _long_fields,
    "internal-error": _internal_error,
    "folders-symlinks": _folders,
    "kit-not-written": _kit_not_written,
    "kit-document-in-the-way": _kit_in_the_way,
}


def _compare(name: str, stdout: str, stderr: str, code: int) -> None:
    text = stdout + (f"--- stderr\n{stderr}" if stderr else "") + f"--- exit {code}\n"
    expected = CLI_GOLDEN / f"{name}.expected"
    if REGOLD:
        CLI_GOLDEN.mkdir(exist_ok=True)
        expected.write_text(text, encoding="utf-8", newline="\n")
    assert expected.exists(), f"no {expected.name}; run with LESSONKIT_REGOLD=1 and review it"
    assert text == expected.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(CASES))
def test_golden(name, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    maker = CASES[name]
    args = (tmp_path, monkeypatch) if maker.__code__.co_argcount == 2 else (tmp_path,)
    stdout, stderr, code = maker(*args)
    assert "Traceback" not in stdout + stderr
    assert code in (0, 1, 2, 70)
    assert len(stdout) + len(stderr) < 40_000, "output grows with the input"
    _compare(name, stdout, stderr, code)


def test_every_expected_file_has_a_case():
    assert {p.stem for p in CLI_GOLDEN.glob("*.expected")} == set(CASES) | set(PERMISSION_CASES)


def test_debug_shows_the_traceback(tmp_path, monkeypatch):
    import lessonkit.check

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(lessonkit.check, "check_file", lambda *a, **k: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        CliRunner().invoke(main, ["--debug", "validate", _lesson(tmp_path)], catch_exceptions=False)


def test_an_os_error_nobody_foresaw_is_one_line(tmp_path, monkeypatch):
    import lessonkit.check

    def refuse(path, *a, **k):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(lessonkit.check, "check_file", refuse)
    stdout, stderr, code = _invoke("validate", _lesson(tmp_path))
    assert (stdout, stderr, code) == ("", "lesson.yaml: error: permission denied\n", 1)


# -- permissions, for real --------------------------------------------------------------------


def _unprivileged() -> list[str] | None:
    """A command prefix that runs without root's power to read anything, or None."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        return None
    probe = subprocess.run([setpriv, "--bounding-set", "-dac_override,-dac_read_search", "true"], capture_output=True)
    return [setpriv, "--bounding-set", "-dac_override,-dac_read_search"] if probe.returncode == 0 else None


PERMISSION_CASES = {
    "denied-validate-file": ["validate", "locked/a.yaml"],
    "denied-validate-folder": ["validate", "."],
    "denied-run": ["run", "locked/a.yaml", "1", "forward"],
    "denied-solve": ["solve", "locked/a.yaml"],
    "denied-build-source": ["build", "locked/a.yaml", "-o", "kits"],
    "denied-build-output": ["build", "ok/b.yaml", "-o", "locked/kits"],
    "denied-schema-output": ["schema", "-o", "locked/lesson.schema.json"],
}


@pytest.fixture(scope="module")
def locked_tree(tmp_path_factory):
    prefix = _unprivileged()
    if prefix is None:
        pytest.skip("cannot drop the power to read anything here")
    folder = tmp_path_factory.mktemp("perm")
    (folder / "locked").mkdir()
    (folder / "ok").mkdir()
    (folder / "locked" / "a.yaml").write_text(LESSON, encoding="utf-8")
    (folder / "ok" / "b.yaml").write_text(LESSON, encoding="utf-8")
    (folder / "locked").chmod(0)
    yield folder, prefix
    (folder / "locked").chmod(0o755)


# One process runs every case (a start-up each would cost seconds): the
# commands in-process, as the tests above, but with the kernel refusing.
_DRIVER = """
import json, sys
from click.testing import CliRunner
from lessonkit.cli import main
out = {}
for name, args in json.loads(sys.argv[1]).items():
    r = CliRunner().invoke(main, args, prog_name="lessonkit")
    out[name] = [r.stdout, r.stderr, r.exit_code, repr(r.exception) if r.exception and not isinstance(r.exception, SystemExit) else None]
print(json.dumps(out))
"""


def test_unreadable_and_unwritable_paths_for_real(locked_tree):
    import json

    folder, prefix = locked_tree
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([*prefix, sys.executable, "-c", _DRIVER, json.dumps(PERMISSION_CASES)], cwd=folder, capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    for name, (stdout, stderr, code, exception) in sorted(json.loads(done.stdout).items()):
        assert exception is None, (name, exception)
        assert "Traceback" not in stdout + stderr, name
        _compare(name, stdout, stderr, code)


# -- cost -------------------------------------------------------------------------------------


def test_cost_grows_in_proportion(tmp_path):
    """Work counted, not timed: the diagnostics kept stay capped and the
    messages short however much a file repeats its mistake."""
    from lessonkit.check import check_bytes
    from lessonkit.spec.load import MAX_PER_FILE, Report

    for name, maker in sorted(hostile.MAKERS.items()):
        for size in (2_000, 30_000):
            result = check_bytes(maker(size).encode("utf-8"), Report("x.yaml"))
            assert len(result.diagnostics) <= MAX_PER_FILE, name
            assert all(len(d.message) <= 500 for d in result.diagnostics), name


def test_hostile_makers_hit_their_size():
    for name, maker in hostile.MAKERS.items():
        assert 9_000 <= len(maker(10_000).encode("utf-8")) <= 11_500, name


# -- faults: killed builds and builds at once ---------------------------------------------------


def _whole_pdfs(folder: Path) -> int:
    """Every *.pdf under ``folder`` (temporary folders too) opens with all its pages."""
    count = 0
    for path in folder.rglob("*.pdf"):
        if path.is_dir():
            continue
        reader = pypdf.PdfReader(path, strict=True)
        pages = len(reader.pages)
        assert pages >= 1 and all(page.mediabox.width > 0 for page in reader.pages), path
        count += 1
    return count


def _temporaries(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.name.endswith(".tmp")]


def _fork_build(source: Path, out: Path, marker_fd: int | None = None) -> int:
    from lessonkit.build import build
    from lessonkit.render.options import BuildOptions

    pid = os.fork()
    if pid:
        return pid
    try:  # the child: build, telling the parent each time a PDF is being written
        if marker_fd is not None:
            import lessonkit.fileio

            real_fsync = lessonkit.fileio.os.fsync

            def slow_fsync(fd):
                os.write(marker_fd, b"w")
                time.sleep(0.02)  # the temporary is written, not yet renamed
                real_fsync(fd)

            lessonkit.fileio.os.fsync = slow_fsync
        build([source], out, BuildOptions(groups=1))
    finally:
        os._exit(0)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_killed_builds_leave_only_whole_pdfs(tmp_path):
    from lessonkit.build import build
    from lessonkit.render.options import BuildOptions

    source = tmp_path / "lesson.yaml"
    source.write_text(LESSON, encoding="utf-8")
    out = tmp_path / "kits"
    build([source], out, BuildOptions(groups=1))  # warm: the kill finds an old kit
    rng = random.Random(11)
    inside_writes = 0
    for attempt in range(20):
        source.write_text(edit("title: Robot maze", f"title: Robot maze {attempt}"), encoding="utf-8")
        read_fd, write_fd = os.pipe()
        pid = _fork_build(source, out, write_fd)
        os.close(write_fd)
        if attempt % 3 == 0:  # timed inside a PDF write: after the k-th marker
            wanted = rng.randrange(1, 5)
            got = b""
            while len(got) < wanted:
                chunk = os.read(read_fd, 1)
                if not chunk:
                    break
                got += chunk
            inside_writes += len(got) == wanted
            time.sleep(rng.random() * 0.015)
        else:
            time.sleep(rng.random() * 0.25)
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(read_fd)
        _whole_pdfs(out)
        kit = out / "robot-maze-1"
        if kit.exists():  # the old kit or the new one, all four documents
            assert sorted(p.name for p in kit.iterdir()) == ["answer-key.pdf", "blackboard.pdf", "board.pdf", "cards.pdf", "teacher-guide.pdf", "worksheet.pdf"]
    assert inside_writes >= 5
    report = build([source], out, BuildOptions(groups=1))
    assert report.ok
    assert _temporaries(out) == []
    assert _whole_pdfs(out) == len(__import__("lessonkit.build", fromlist=["DOCUMENTS"]).DOCUMENTS)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_builds_at_once_into_one_folder(tmp_path):
    source = tmp_path / "lesson.yaml"
    source.write_text(LESSON, encoding="utf-8")
    out = tmp_path / "kits"
    for _ in range(3):
        pids = [_fork_build(source, out) for _ in range(2)]
        for pid in pids:
            _, status = os.waitpid(pid, 0)
            assert status == 0
        assert _whole_pdfs(out) == len(__import__("lessonkit.build", fromlist=["DOCUMENTS"]).DOCUMENTS)
        assert _temporaries(out) == []


def test_a_stale_temporary_is_removed_and_a_live_one_kept(tmp_path):
    import fcntl

    from lessonkit.fileio import clean_stale

    kit = tmp_path / "kits" / "robot-maze-1"
    kit.mkdir(parents=True)
    stale_file = kit / ".board.pdf.a1b2c3d4.tmp"
    stale_file.write_bytes(b"%PDF-1.4 half")
    stale_folder = tmp_path / "kits" / ".robot-maze-1.x9y8z7w6.tmp"
    stale_folder.mkdir()
    (stale_folder / "cards.pdf").write_bytes(b"%PDF")
    live = kit / ".cards.pdf.q1w2e3r4.tmp"
    live.write_bytes(b"%PDF being written")
    mine = kit / "notes.tmp"  # not a lessonkit temporary: never touched
    mine.write_text("x")
    fd = os.open(live, os.O_RDONLY)
    fcntl.flock(fd, fcntl.LOCK_EX)
    try:
        removed = clean_stale(tmp_path / "kits")
    finally:
        os.close(fd)
    assert sorted(p.name for p in removed) == sorted([stale_folder.name, stale_file.name])
    assert live.exists() and mine.exists() and not stale_file.exists() and not stale_folder.exists()


# -- limits: what a field may hold fits its page -------------------------------------------------


def test_every_field_at_its_limit_prints():
    """Grade 1 Japanese (the largest pupils' text) with every limited field as
    long as allowed still prints, on the narrowest paper: the limits are not
    guesses."""
    import yaml

    from lessonkit.build import DOCUMENTS
    from lessonkit.check import MAX_LENGTH, check_bytes
    from lessonkit.render.options import BuildOptions
    from lessonkit.spec.load import Report
    from lessonkit.spec.yamlload import load

    from lessonkit.check import _NOT_PROSE, DEFAULT_LENGTH

    words = "ロボットを うごかそう "

    def longest(path: tuple) -> str:
        limit = MAX_LENGTH.get(tuple("*" if isinstance(p, int) else p for p in path), DEFAULT_LENGTH)
        return (words * (limit // len(words) + 1))[:limit].strip()

    def fill(node, path=()):
        items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
        for key, value in list(items):
            if key in _NOT_PROSE or key in ("roles", "phase"):
                continue
            if isinstance(value, str) and not value.isascii():  # prose, not a name or a flag
                node[key] = longest(path + (key,))
            else:
                fill(value, path + (key,))

    data = load((ROOT / "lessons" / "ja" / "g1-robot-sequence.yaml").read_text(encoding="utf-8")).data
    fill(data)
    data["roles"] = ["programmer", {"name": longest(("roles", 0, "name")), "does": longest(("roles", 0, "does"))}]
    result = check_bytes(yaml.safe_dump(data, allow_unicode=True).encode("utf-8"), Report("g1.yaml"))
    assert result.ok, [str(d) for d in result.diagnostics if d.is_error]
    for name, render in DOCUMENTS.items():
        assert render(result.checked, BuildOptions(paper="letter", groups=1)).pages >= 1, name


def test_a_shortened_running_head_measures_about_a_line(monkeypatch):
    """The header's one-line title is cut where a line ends: the work is a
    line's worth of measuring, whatever the title's length (it was one
    measure of the whole title per character dropped: quadratic)."""
    import lessonkit.render.page as page

    calls = []
    real = page.string_width

    def counted(text, size, bold=False):
        calls.append(len(text))
        return real(text, size, bold)

    monkeypatch.setattr(page, "string_width", counted)
    work = {}
    for n in (1_000, 16_000):
        calls.clear()
        line = page._one_line("ロボット" * (n // 4), 9, 200)
        assert len(line) == 1 and line[0].text.endswith("…")
        work[n] = sum(calls)
    assert work[16_000] <= work[1_000] * 1.5
