"""Benchmark: how fast lessonkit builds kits, and how much memory it takes.

    python bench/bench_build.py            # the bundled library, then a 1,000-page build

Each measurement runs in its own subprocess (peak memory is that process's
maximum resident set size).  The baseline is a bare reportlab script that
draws as many card and board pages, with the same embedded fonts and the same
vector icons, but no layout logic: it shows what the layout costs.

Targets for the 1,000-page build: peak memory under 200 MB, pages per second
at least half the bare script's.  Not a timed test: run it by hand.
"""

from __future__ import annotations

import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LESSONS = ROOT / "lessons"
MINE = {"cards.pdf": "lessonkit.render.cards:render_cards", "board.pdf": "lessonkit.render.board:render_board"}


def _peak_mb() -> float:
    # ru_maxrss is KiB on Linux, bytes on macOS.
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


# -- children ---------------------------------------------------------------


def child_build(src: str, groups: int, which: str) -> dict:
    from lessonkit.build import build
    from lessonkit.render.options import BuildOptions

    with tempfile.TemporaryDirectory() as out:
        t = time.perf_counter()
        report = build([src], out, BuildOptions(groups=groups), documents=MINE if which == "mine" else None)
        elapsed = time.perf_counter() - t
    per_doc: dict[str, int] = {}
    for item in report.built:
        for name, n in item.pages.items():
            per_doc[name] = per_doc.get(name, 0) + n
    return {"pages": report.pages, "per_doc": per_doc, "lessons": len(report.built), "failed": len(report.failed), "seconds": elapsed, "peak_mb": _peak_mb()}


def child_bare(card_pages: int, board_pages: int) -> dict:
    """Same page count, fonts and icons; no planning, fitting or ruby."""
    import io

    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.units import mm
    from reportlab.pdfgen.canvas import Canvas

    from lessonkit.render.fonts import BOLD, REGULAR, register_fonts
    from lessonkit.render.icons import ICONS, draw_card_frame

    register_fonts()
    names = ["forward", "turn_left", "turn_right", "repeat", "end", "pick_up"]
    t = time.perf_counter()
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=A4, invariant=1, pageCompression=1, initialFontName=REGULAR)
    w, h = 49 * mm, 70 * mm
    for p in range(card_pages):
        for k in range(16):
            x, y = 7 * mm + (k % 4) * w, A4[1] - 7 * mm - (k // 4 + 1) * h
            c.setLineWidth(0.4)
            c.rect(x, y, w, h)
            draw_card_frame(c, x + 6, y + 6, w - 12, h - 12, "action")
            ICONS[names[(p + k) % len(names)]](c, x + 30, y + 60, w - 60)
            c.setFont(BOLD, 13)
            c.drawCentredString(x + w / 2, y + 20, "まえに すすむ")
            c.circle(x + 20, y + h - 20, 9, fill=1)
        c.setFont(REGULAR, 7.5)
        c.drawString(20, 20, "カード")
        c.showPage()
    c.setPageSize(landscape(A4))
    for p in range(board_pages):
        cell = 60
        for r in range(6):
            for col in range(10):
                x, y = 60 + col * cell, 60 + r * cell
                c.rect(x, y, cell, cell)
                if (r + col) % 3 == 0:
                    ICONS["wall"](c, x, y, cell)
        c.setFont(BOLD, 22)
        c.drawString(30, 560, "1. ボード")
        c.showPage()
    c.save()
    elapsed = time.perf_counter() - t
    return {"pages": card_pages + board_pages, "seconds": elapsed, "peak_mb": _peak_mb(), "bytes": len(buf.getvalue())}


# -- parent -----------------------------------------------------------------


def _run(*args) -> dict:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    out = subprocess.run([sys.executable, __file__, "--child", *map(str, args)], capture_output=True, text=True, env=env, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def _many_lessons(folder: Path, copies: int) -> int:
    """``copies`` of each bundled lesson under fresh ids; returns how many files."""
    n = 0
    for src in sorted(LESSONS.rglob("*.yaml")):
        text = src.read_text(encoding="utf-8")
        for k in range(copies):
            new = re.sub(r"^id: *(\S+)", lambda m: f"id: {m.group(1)}-copy{k}", text, count=1, flags=re.M)
            (folder / f"{src.stem}-{k}.yaml").write_text(new, encoding="utf-8")
            n += 1
    return n


def _row(name: str, r: dict) -> str:
    rate = r["pages"] / r["seconds"] if r["seconds"] else float("inf")
    return f"{name:<34} {r['pages']:>6} {r['seconds']:>8.2f} {rate:>8.0f} {r['peak_mb']:>8.0f}"


def main() -> None:
    print(f"{'run':<34} {'pages':>6} {'seconds':>8} {'pages/s':>8} {'peak MB':>8}")
    full = _run("build", LESSONS, 8, "all")
    print(_row("library, all 4 documents", full))
    mine = _run("build", LESSONS, 8, "mine")
    print(_row("library, cards + boards", mine))
    bare = _run("bare", mine["per_doc"].get("cards.pdf", 0), mine["per_doc"].get("board.pdf", 0))
    print(_row("bare reportlab, same pages", bare))
    if full["failed"]:
        print(f"  ({full['failed']} bundled lesson(s) failed to check and were not built)")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        # Card pages grow with the groups (8 -> 26), board pages do not.
        cards, boards = mine["per_doc"].get("cards.pdf", 0), mine["per_doc"].get("board.pdf", 0)
        per_copy = max(1, cards * 26 // 8 + boards)
        copies = max(1, -(-1000 // per_copy))
        _many_lessons(folder, copies)
        big = _run("build", folder, 26, "mine")
        print(_row("1,000-page build (26 groups)", big))
        big_bare = _run("bare", big["per_doc"].get("cards.pdf", 0), big["per_doc"].get("board.pdf", 0))
        print(_row("bare reportlab, same pages", big_bare))
        big_all = _run("build", folder, 26, "all")
        print(_row("same lessons, all 4 documents", big_all))
    ratio = (big["pages"] / big["seconds"]) / (big_bare["pages"] / big_bare["seconds"])
    print()
    print(f"1,000-page build: peak {big['peak_mb']:.0f} MB (target < 200): {'ok' if big['peak_mb'] < 200 else 'MISSED'}")
    print(f"1,000-page build: {ratio:.2f}x the bare script's pages/s (target >= 0.5): {'ok' if ratio >= 0.5 else 'MISSED'}")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        kind, *rest = sys.argv[2:]
        if kind == "build":
            result = child_build(rest[0], int(rest[1]), rest[2])
        else:
            result = child_bare(int(rest[0]), int(rest[1]))
        print(json.dumps(result))
    else:
        main()
