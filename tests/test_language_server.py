"""The schema in a real editor: yaml-language-server driven over its stdio protocol.

Skipped (with the reason) where Node or the server is not installed.  The
server is installed by .ci/run, and by hand with

    npm install --prefix .ci/node yaml-language-server@2.0.0
"""

from __future__ import annotations

import json
import queue
import shutil
import subprocess
import threading
import time
from pathlib import Path

import pytest

from lessonkit.worlds.base import CONTROL_CARDS
from lessonkit.worlds.grid import Grid

from conftest import LESSON, edit

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = ROOT / "schema" / "lesson.schema.json"
LOCAL_SERVER = ROOT / ".ci" / "node" / "node_modules" / "yaml-language-server" / "bin" / "yaml-language-server"


def _server() -> list[str] | str:
    """The command that starts the server, or why it cannot be started."""
    node = shutil.which("node")
    if node is None:
        return "Node.js is not installed (the yaml-language-server runs on it)"
    if LOCAL_SERVER.is_file():
        return [node, str(LOCAL_SERVER), "--stdio"]
    installed = shutil.which("yaml-language-server")
    if installed:
        return [installed, "--stdio"]
    return "yaml-language-server is not installed: npm install --prefix .ci/node yaml-language-server@2.0.0"


class Client:
    """Just enough of the Language Server Protocol: requests, notifications,
    and answers to the server's own configuration requests."""

    def __init__(self, command: list[str]):
        self.proc = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self.inbox: queue.Queue = queue.Queue()
        self.last_id = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        out = self.proc.stdout
        while True:
            length = None
            while True:
                line = out.readline()
                if not line:
                    return
                line = line.strip()
                if not line:
                    break
                name, _, value = line.decode("ascii").partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            self.inbox.put(json.loads(out.read(length)))

    def _send(self, message: dict) -> None:
        body = json.dumps(message).encode("utf-8")
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def notify(self, method: str, params) -> None:
        self._send({"jsonrpc": "2.0", "method": method, "params": params})

    def request(self, method: str, params):
        self.last_id += 1
        wanted = self.last_id
        self._send({"jsonrpc": "2.0", "id": wanted, "method": method, "params": params})
        return self.wait(lambda m: m.get("id") == wanted and "method" not in m)["result"]

    def wait(self, matches, timeout: float = 60):
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            try:
                message = self.inbox.get(timeout=max(0.05, end - time.monotonic()))
            except queue.Empty:
                break
            if "method" in message and "id" in message:  # the server asks us something
                result = None
                if message["method"] == "workspace/configuration":
                    result = [{"validate": True, "hover": True, "completion": True} for _ in message["params"]["items"]]
                self._send({"jsonrpc": "2.0", "id": message["id"], "result": result})
            elif matches(message):
                return message
        raise AssertionError("the language server did not answer in time")

    def open(self, name: str, text: str) -> tuple[str, list[dict]]:
        """Open a document; return its URI and the diagnostics published for it."""
        uri = (ROOT / "tests" / name).as_uri()  # never written: the text goes over the protocol
        self.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}})
        found = self.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri)
        return uri, found["params"]["diagnostics"]

    def close(self) -> None:
        try:
            self.request("shutdown", None)
            self.notify("exit", None)
            self.proc.wait(timeout=5)
        except Exception:
            self.proc.kill()


@pytest.fixture(scope="module")
def server():
    command = _server()
    if isinstance(command, str):
        pytest.skip(command)
    client = Client(command)
    client.request("initialize", {"processId": None, "rootUri": ROOT.as_uri(), "capabilities": {"workspace": {"configuration": True}}})
    client.notify("initialized", {})
    yield client
    client.close()


def _with_schema(text: str) -> str:
    return f"# yaml-language-server: $schema={SCHEMA.as_uri()}\n" + text


def _line_of(text: str, start: str) -> int:
    return next(i for i, line in enumerate(text.split("\n")) if line.startswith(start))


def _labels(result) -> list[str]:
    items = result["items"] if isinstance(result, dict) else result
    return [item["label"] for item in items]


def test_a_misspelt_key_and_a_wrong_type_are_diagnosed(server):
    text = _with_schema(edit("grade: 3", "grade: 5年", edit("title: Robot maze", "titel: Robot maze")))
    _, diagnostics = server.open("misspelt.yaml", text)
    found = {(d["range"]["start"]["line"], d["message"]) for d in diagnostics}
    assert (_line_of(text, "titel"), "Property titel is not allowed.") in found
    grade = [m for line, m in found if line == _line_of(text, "grade")]
    assert grade == ['grade is a whole number 1-6 (grade: 3), a range in quotes (grade: "3-4") or a list (grade: [3, 4]); write 3, not 3年']


def test_a_valid_lesson_has_no_diagnostics(server):
    _, diagnostics = server.open("valid.yaml", _with_schema(LESSON))
    assert diagnostics == []


def test_cards_complete_one_name_a_card_in_the_lessons_language(server):
    text = _with_schema(edit("language: en", "language: ja", edit("  forward: 6\n", "  forward: 6\n  \n")))
    uri, _ = server.open("complete.yaml", text)
    line = text.split("\n").index("  ")
    labels = _labels(server.request("textDocument/completion", {"textDocument": {"uri": uri}, "position": {"line": line, "character": 2}}))
    # The kit's cards are written in English here, so every Japanese name is offered, once.
    assert sorted(labels) == sorted(c.ja for c in (*Grid.cards, *CONTROL_CARDS))
    assert not any(label.endswith(("?", "？")) for label in labels)


def test_program_lists_complete_card_names(server):
    text = _with_schema(edit("    solution: repeat 3 [ forward ]", "    solution:\n      - forward\n      - "))
    uri, _ = server.open("program.yaml", text)
    line = text.split("\n").index("      - ")
    labels = _labels(server.request("textDocument/completion", {"textDocument": {"uri": uri}, "position": {"line": line, "character": 8}}))
    assert {"forward", "まえ", "turn_left", "ひだり"} <= set(labels)


def test_hover_shows_what_a_key_and_a_card_are(server):
    text = _with_schema(edit("language: en", "language: ja", edit("  forward: 6\n", "  まえ: 6\n")))
    uri, _ = server.open("hover.yaml", text)
    hover = server.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": _line_of(text, "grade"), "character": 1}})
    assert hover["contents"]["value"].startswith("grade (学年): the pupils' grade, a whole number 1-6")
    hover = server.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": _line_of(text, "  まえ"), "character": 3}})
    assert hover["contents"]["value"].startswith("まえ (forward): ロボットが むいて いる ほうへ 1マス すすむ")


def test_facing_completes_its_values(server):
    text = _with_schema(LESSON.replace("    board: |", "    facing: \n    board: |"))
    uri, _ = server.open("facing.yaml", text)
    line = _line_of(text, "    facing:")
    labels = _labels(server.request("textDocument/completion", {"textDocument": {"uri": uri}, "position": {"line": line, "character": 12}}))
    assert {"north", "east", "south", "west"} <= set(labels)
