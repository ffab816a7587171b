"""Benchmark: how fast lessonkit builds kits, and how much memory it takes.

    python bench/bench_build.py            # the bundled library, then a 1,000-page build

Each measurement runs in its own subprocess (peak memory is that process's
maximum resident set size).  The baseline is a bare reportlab script that
draws as many pages of each kind (cards, boards, and text-and-box pages
standing in for the guide and worksheets), with the same embedded fonts and
the same vector icons, but no layout logic.  The library rows also check each
lesson first (parse, simulate every run, solve every board), which the bare
script does not: the ratio shows what checking plus layout cost.

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
CARDS_AND_BOARDS = ("cards.pdf", "board.pdf")


def _peak_mb() -> float:
    # ru_maxrss is KiB on Linux, bytes on macOS.
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


# -- children ---------------------------------------------------------------


def child_build(src: str, groups: int, which: str) -> dict:
    from lessonkit.build import DOCUMENTS, build
    from lessonkit.render.options import BuildOptions

    documents = {name: DOCUMENTS[name] for name in CARDS_AND_BOARDS} if which == "mine" else None
    with tempfile.TemporaryDirectory() as out:
        t = time.perf_counter()
        report = build([src], out, BuildOptions(groups=groups), documents=documents)
        elapsed = time.perf_counter() - t
    per_doc: dict[str, int] = {}
    for item in report.built:
        for name, n in item.pages.items():
            per_doc[name] = per_doc.get(name, 0) + n
    return {"pages": report.pages, "per_doc": per_doc, "lessons": len(report.built), "failed": len(report.failed), "seconds": elapsed, "peak_mb": _peak_mb()}


def child_bare(card_pages: int, board_pages: int, text_pages: int = 0) -> dict:
    """Same page counts, fonts and icons; no checking, planning, fitting or ruby.
    ``text_pages`` stand in for guide and worksheet pages: lines of text, a
    grid of boxes, a small board."""
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
    c.setPageSize(A4)
    for p in range(text_pages):
        c.setFont(BOLD, 16)
        c.drawString(34, 800, "ロボットに めいれいして ゴールまで うごかそう")
        c.setFont(REGULAR, 10)
        for k in range(30):
            c.drawString(34, 770 - k * 15, "ロボットを ゴールまで うごかす てじゅんを かんがえる。（行動観察）")
        for k in range(24):
            c.rect(34 + (k % 12) * 44, 250 - (k // 12) * 44, 40, 40)
        for r in range(4):
            for col in range(4):
                c.rect(200 + col * 30, 60 + r * 30, 30, 30)
        ICONS["goal"](c, 200, 60, 30)
        c.line(34, 40, 560, 40)
        c.showPage()
    c.save()
    elapsed = time.perf_counter() - t
    return {"pages": card_pages + board_pages + text_pages, "seconds": elapsed, "peak_mb": _peak_mb(), "bytes": len(buf.getvalue())}


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


def _rate(r: dict) -> float:
    return r["pages"] / r["seconds"] if r["seconds"] else float("inf")


def _row(name: str, r: dict, bare: dict | None = None) -> str:
    ratio = f"{_rate(r) / _rate(bare):>6.2f}x" if bare else f"{'':>7}"
    return f"{name:<34} {r['pages']:>6} {r['seconds']:>8.2f} {_rate(r):>8.0f} {r['peak_mb']:>8.0f} {ratio}"


def _bare_for(r: dict) -> dict:
    """The bare script for the same pages as build result ``r``."""
    docs = r["per_doc"]
    text = docs.get("teacher-guide.pdf", 0) + docs.get("worksheet.pdf", 0)
    return _run("bare", docs.get("cards.pdf", 0), docs.get("board.pdf", 0), text)


def main() -> None:
    print(f"{'run':<34} {'pages':>6} {'seconds':>8} {'pages/s':>8} {'peak MB':>8} {'vs bare':>7}")
    full = _run("build", LESSONS, 8, "all")
    full_bare = _bare_for(full)
    print(_row("library, all 4 documents", full, full_bare))
    print(_row("  bare reportlab, same pages", full_bare))
    mine = _run("build", LESSONS, 8, "mine")
    bare = _bare_for(mine)
    print(_row("library, cards + boards", mine, bare))
    print(_row("  bare reportlab, same pages", bare))
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
        big_bare = _bare_for(big)
        print(_row("1,000-page build (26 groups)", big, big_bare))
        print(_row("  bare reportlab, same pages", big_bare))
        big_all = _run("build", folder, 26, "all")
        big_all_bare = _bare_for(big_all)
        print(_row("same lessons, all 4 documents", big_all, big_all_bare))
        print(_row("  bare reportlab, same pages", big_all_bare))
    ratio = _rate(big) / _rate(big_bare)
    print()
    print("vs bare: the library's pages/s over the bare script's for the same pages.  The library")
    print("rows include checking every lesson (parsing, simulating every run, solving every board)")
    print("and laying pages out; the bare script only draws.  Guide and worksheet pages are stood in")
    print("for by generic text-and-box pages, so the all-4 ratio is a rough guide.")
    print(f"1,000-page build: peak {big['peak_mb']:.0f} MB (target < 200): {'ok' if big['peak_mb'] < 200 else 'MISSED'}")
    print(f"1,000-page build: {ratio:.2f}x the bare script's pages/s (target >= 0.5): {'ok' if ratio >= 0.5 else 'MISSED'}")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        kind, *rest = sys.argv[2:]
        if kind == "build":
            result = child_build(rest[0], int(rest[1]), rest[2])
        else:
            result = child_bare(*map(int, rest))
        print(json.dumps(result))
    else:
        main()
