"""The catalogue's HTML, written as text: every value from a lesson is escaped
(lesson text is data, never markup), every link is relative.

The index lists every lesson in plain HTML, so it works without JavaScript;
the filter script only hides cards.  Its data is a JSON block in the page
(``file://`` pages may not fetch files), with ``<``, ``>`` and ``&`` escaped
so no lesson text can close the block.
"""

from __future__ import annotations

import json
from html import escape
from importlib import resources
from typing import Iterator
from urllib.parse import quote

from lessonkit import __version__
from lessonkit.render.options import BuildOptions
from lessonkit.site.words import CONCEPTS, concept_name, family_name, grade_label, word

GRADES = range(1, 7)
STATIC = ("site.css", "site.js")
# The kits' own font, so pages read alike on every PC (site.css prefers an
# installed BIZ UD font and loads these only where it is missing).
FONTS = ("BIZUDGothic-Regular.ttf", "BIZUDGothic-Bold.ttf", "OFL.txt")


def site_files(entries: list, ui: str, options: BuildOptions) -> Iterator[tuple[str, bytes]]:
    """(path relative to DIR, bytes) for every page and asset."""
    for name in STATIC:
        yield f"assets/{name}", resources.files("lessonkit.site").joinpath("static", name).read_bytes()
    for name in FONTS:
        yield f"assets/fonts/{name}", resources.files("lessonkit").joinpath("fonts", name).read_bytes()
    yield "index.html", index_page(entries, ui, options).encode("utf-8")
    yield "curriculum.html", curriculum_page(entries, ui, options).encode("utf-8")
    for entry in entries:
        yield f"lessons/{entry.id}.html", lesson_page(entry, options).encode("utf-8")


def e(text) -> str:
    return escape(str(text), quote=True)


def url(path: str, depth: int) -> str:
    """A relative URL to ``path`` (relative to DIR) from a page ``depth`` folders down."""
    return "../" * depth + "/".join(quote(part) for part in path.split("/"))


def _lang_attr(text_lang: str, page_lang: str) -> str:
    return "" if text_lang == page_lang else f' lang="{text_lang}"'


def _page(lang: str, title: str, body: str, depth: int, current: str, options: BuildOptions, script: bool = False) -> str:
    school = f'<p class="school">{e(options.school)}</p>' if options.school else ""
    nav = []
    for key, target in (("nav_index", "index.html"), ("nav_curriculum", "curriculum.html")):
        here = ' aria-current="page"' if current == target else ""
        nav.append(f'<li><a href="{url(target, depth)}"{here}>{e(word(key, lang))}</a></li>')
    js = f'\n<script src="{url("assets/site.js", depth)}" defer></script>' if script else ""
    return f"""<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="lessonkit {e(__version__)}">
<title>{e(title)}</title>
<link rel="stylesheet" href="{url("assets/site.css", depth)}">{js}
</head>
<body>
<a class="skip" href="#main">{e(word("skip", lang))}</a>
<header class="site">
<p class="site-name"><a href="{url("index.html", depth)}">{e(word("site_title", lang))}</a></p>{school}
<nav aria-label="{e(word("nav", lang))}"><ul>{"".join(nav)}</ul></nav>
</header>
<main id="main" tabindex="-1">
{body}
</main>
<footer class="site"><p>{e(word("made_with", lang, version=__version__))}</p></footer>
</body>
</html>
"""


def _facts(entry, lang: str) -> list[tuple[str, str]]:
    facts = [
        (word("grade", lang), grade_label(entry.grades, lang)),
        (word("minutes", lang), word("minutes_n", lang, n=entry.minutes)),
        (word("family", lang), family_name(entry.family, lang)),
    ]
    if entry.mext:
        facts.append((word("mext", lang), entry.mext))
    return facts


def _concept_list(entry, lang: str) -> str:
    items = "".join(f'<li class="concept concept-{e(c)}">{e(concept_name(c, lang))}</li>' for c in entry.concepts)
    return f'<ul class="concepts" aria-label="{e(word("concept", lang))}">{items}</ul>'


def _img(pic, depth: int, alt: str, cls: str = "", lazy: bool = True) -> str:
    c = f' class="{cls}"' if cls else ""
    loading = ' loading="lazy"' if lazy else ""
    return f'<img{c} src="{url(pic.path, depth)}" width="{pic.width}" height="{pic.height}" alt="{e(alt)}"{loading}>'


# -- the index -------------------------------------------------------------------


def index_page(entries: list, lang: str, options: BuildOptions) -> str:
    total = len(entries)
    cards = "\n".join(_card(entry, lang) for entry in entries)
    grades = "".join(f'<option value="{g}">{e(word("grade_n", lang, n=g))}</option>' for g in GRADES)
    concepts = "".join(f'<option value="{e(c)}">{e(concept_name(c, lang))}</option>' for c in CONCEPTS)
    families = sorted({entry.family for entry in entries}, key=lambda f: family_name(f, lang))
    family_options = "".join(f'<option value="{e(f)}">{e(family_name(f, lang))}</option>' for f in families)
    all_ = e(word("all", lang))
    data = [{"id": x.id, "grades": list(x.grades), "concepts": list(x.concepts), "family": x.family, "text": x.search} for x in entries]
    payload = json.dumps(data, ensure_ascii=False, sort_keys=True).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    words = {k: word(k, lang) for k in ("count", "count_all")}
    messages = json.dumps(words, ensure_ascii=False, sort_keys=True).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    empty = f'<p class="empty">{e(word("no_lessons", lang))}</p>' if not entries else ""
    body = f"""<h1>{e(word("site_title", lang))}</h1>
<p class="lead">{e(word("intro", lang))}</p>
<section class="finder" id="finder" aria-labelledby="find-h" hidden>
<h2 id="find-h">{e(word("find", lang))}</h2>
<form id="filters" role="search" onsubmit="return false">
<div class="field"><label for="f-grade">{e(word("grade", lang))}</label>
<select id="f-grade" name="grade"><option value="">{all_}</option>{grades}</select></div>
<div class="field"><label for="f-concept">{e(word("concept", lang))}</label>
<select id="f-concept" name="concept"><option value="">{all_}</option>{concepts}</select></div>
<div class="field"><label for="f-family">{e(word("family", lang))}</label>
<select id="f-family" name="family"><option value="">{all_}</option>{family_options}</select></div>
<div class="field field-search"><label for="f-search">{e(word("search", lang))}</label>
<input id="f-search" name="q" type="search" autocomplete="off" placeholder="{e(word("search_hint", lang))}"></div>
<div class="field field-clear"><button type="reset" id="f-clear">{e(word("clear", lang))}</button></div>
</form>
</section>
<h2 id="lessons-h">{e(word("lessons", lang))}</h2>
<p id="count" class="count" role="status" aria-live="polite">{e(word("count_all", lang, total=total))}</p>
<p id="none" class="empty" hidden>{e(word("none_match", lang))}</p>{empty}
<ul class="cards" aria-labelledby="lessons-h">
{cards}
</ul>
<script type="application/json" id="lesson-data">{payload}</script>
<script type="application/json" id="site-words">{messages}</script>"""
    return _page(lang, word("site_title", lang), body, 0, "index.html", options, script=True)


def _card(entry, lang: str) -> str:
    title_lang = _lang_attr(entry.lang, lang)
    meta = [grade_label(entry.grades, lang), word("minutes_n", lang, n=entry.minutes)]
    if entry.mext:
        meta.append(word("mext_n", lang, x=entry.mext))
    spans = "".join(f"<span>{e(m)}</span>" for m in meta)
    thumb = ""
    if entry.thumb is not None:
        thumb = f'<div class="thumb">{_img(entry.thumb, 0, word("thumb_alt", lang, title=entry.boards[0].title))}</div>'
    return f"""<li class="card" id="card-{e(entry.id)}" data-id="{e(entry.id)}">
<h3{title_lang}><a href="{url(f"lessons/{entry.id}.html", 0)}">{e(entry.title)}</a></h3>
{thumb}<p class="meta">{spans}</p>
<p class="family"><span class="sr">{e(word("family", lang))}: </span>{e(family_name(entry.family, lang))}</p>
{_concept_list(entry, lang)}
</li>"""


# -- the curriculum --------------------------------------------------------------


def curriculum_page(entries: list, lang: str, options: BuildOptions) -> str:
    head = "".join(f'<th scope="col">{e(concept_name(c, lang))}</th>' for c in CONCEPTS)
    rows = []
    without = []
    for g in GRADES:
        in_grade = [x for x in entries if g in x.grades]
        if not in_grade:
            without.append(str(g))
        cells = []
        for c in CONCEPTS:
            hits = [x for x in in_grade if c in x.concepts]
            if hits:
                links = "".join(f'<li{_lang_attr(x.lang, lang)}><a href="{url(f"lessons/{x.id}.html", 0)}">{e(x.title)}</a></li>' for x in hits)
                cells.append(f'<td data-label="{e(concept_name(c, lang))}"><ul>{links}</ul></td>')
            else:
                cells.append(f'<td class="gap" data-label="{e(concept_name(c, lang))}"><span aria-hidden="true">—</span><span class="sr">{e(word("none", lang))}</span></td>')
        rows.append(f'<tr{" class=gap-row" if not in_grade else ""}><th scope="row">{e(word("grade_n", lang, n=g))}</th>{"".join(cells)}<td class="total" data-label="{e(word("total", lang))}">{len(in_grade)}</td></tr>')
    sep = word("list_sep", lang)
    note = word("grades_without", lang, list=sep.join(word("grade_n", lang, n=g) for g in without)) if without else word("every_grade", lang)
    body = f"""<h1>{e(word("curriculum_title", lang))}</h1>
<p class="lead">{e(word("curriculum_intro", lang))}</p>
<div class="table-wrap" role="region" aria-labelledby="cur-caption" tabindex="0">
<table class="curriculum">
<caption id="cur-caption">{e(word("curriculum_table", lang))}</caption>
<thead><tr><th scope="col">{e(word("grade", lang))}</th>{head}<th scope="col">{e(word("total", lang))}</th></tr></thead>
<tbody>
{chr(10).join(rows)}
</tbody>
</table>
</div>
<p class="note">{e(note)}</p>"""
    return _page(lang, word("curriculum_title", lang), body, 0, "curriculum.html", options)


# -- a lesson --------------------------------------------------------------------


def lesson_page(entry, options: BuildOptions) -> str:
    lang = entry.ui
    text = _lang_attr(entry.lang, lang)  # lesson text in another language than the page
    facts = "".join(f"<div><dt>{e(k)}</dt><dd>{e(v)}</dd></div>" for k, v in _facts(entry, lang))
    unit = f'<p class="unit"{text}>{e(word("unit", lang))}：{e(entry.unit)}</p>' if entry.unit and lang == "ja" else (f'<p class="unit"><span>{e(word("unit", lang))}: </span><span{text}>{e(entry.unit)}</span></p>' if entry.unit else "")
    aims = "".join(f"<li{text}>{e(o)}</li>" for o in entry.objectives)
    total = sum(p.minutes for p in entry.flow) or 1
    bar = "".join(f'<span class="ph ph-{e(p.phase)}" style="flex-grow:{p.minutes}">{e(word(p.phase, lang))} {e(word("minutes_n", lang, n=p.minutes))}</span>' for p in entry.flow)
    flow_rows = "".join(f'<tr><th scope="row">{e(word(p.phase, lang))}</th><td class="num">{e(word("minutes_n", lang, n=p.minutes))}</td><td{text}>{e(p.activity)}</td></tr>' for p in entry.flow)
    prep = "".join(f"<li{text}>{e(line)}</li>" for line in entry.preparation)
    bring = ""
    if entry.materials:
        items = "".join(f"<li{text}>{e(m)}</li>" for m in entry.materials)
        bring = f'<h3>{e(word("prep_bring", lang))}</h3><ul>{items}</ul>'
    docs = "\n".join(_document(d, lang) for d in entry.documents)
    boards = "\n".join(_board(b, entry, lang) for b in entry.boards)
    boards_section = f"""<section aria-labelledby="boards-h">
<h2 id="boards-h">{e(word("boards", lang))}</h2>
<ul class="previews boards">
{boards}
</ul>
</section>""" if entry.boards else ""
    body = f"""<nav class="crumbs" aria-label="{e(word("nav", lang))}"><a href="{url("index.html", 1)}">{e(word("nav_index", lang))}</a> › <span{text}>{e(entry.title)}</span></nav>
<h1{text}>{e(entry.title)}</h1>
{unit}
<section aria-labelledby="facts-h" class="about">
<h2 id="facts-h" class="sr">{e(word("facts", lang))}</h2>
<dl class="facts">{facts}</dl>
{_concept_list(entry, lang)}
</section>
<section aria-labelledby="aims-h">
<h2 id="aims-h">{e(word("aims", lang))}</h2>
<ul class="aims">{aims}</ul>
</section>
<section aria-labelledby="flow-h">
<h2 id="flow-h">{e(word("flow", lang))}</h2>
<div class="flowbar" aria-hidden="true">{bar}</div>
<div class="table-wrap"><table class="flow">
<thead><tr><th scope="col">{e(word("phase", lang))}</th><th scope="col">{e(word("minutes", lang))}</th><th scope="col">{e(word("activity", lang))}</th></tr></thead>
<tbody>{flow_rows}</tbody>
</table></div>
<p class="total-minutes">{e(word("minutes_n", lang, n=total))}</p>
</section>
<section aria-labelledby="prep-h">
<h2 id="prep-h">{e(word("prep", lang))}</h2>
<h3>{e(word("prep_print", lang, groups=entry.groups))}</h3>
<ul class="prep">{prep}</ul>
{bring}
</section>
<section aria-labelledby="docs-h">
<h2 id="docs-h">{e(word("documents", lang))}</h2>
<ul class="previews documents">
{docs}
</ul>
</section>
{boards_section}
<section aria-labelledby="source-h">
<h2 id="source-h">{e(word("source", lang))}</h2>
<p>{e(word("source_file", lang))}<a href="{url(entry.source, 1)}" type="text/plain">{e(entry.source.rsplit("/", 1)[-1])}</a></p>
<details><summary>{e(word("source_show", lang))}</summary>
<pre class="source"{_lang_attr(entry.lang, lang)}><code>{e(entry.source_text)}</code></pre>
</details>
</section>"""
    return _page(lang, f"{entry.title} — {word('site_title', lang)}", body, 1, "", options)


def _pages(n: int, lang: str) -> str:
    return word("page_1", lang) if n == 1 else word("pages_n", lang, n=n)


def _document(doc, lang: str) -> str:
    href = url(doc.pdf, 1)
    alt = word("doc_alt", lang, label=doc.label, file=doc.name)
    return f"""<li class="preview">
<a class="shot" href="{href}">{_img(doc.preview, 1, alt)}</a>
<p class="caption"><strong>{e(doc.label)}</strong> <span class="pages">{e(_pages(doc.pages, lang))}</span></p>
<p class="pdf"><a href="{href}" class="button">{e(word("open_pdf", lang))}<span class="file"> {e(doc.name)}</span></a></p>
</li>"""


def _board(board, entry, lang: str) -> str:
    href = url(board.pdf, 1) + f"#page={board.pages[0]}"
    alt = word("board_alt", lang, n=board.number, title=board.title)
    where = word("board_page", lang, file=board.document, page=board.pages[0]) if len(board.pages) == 1 else word("board_sheets", lang, file=board.document, first=board.pages[0], last=board.pages[-1], n=len(board.pages))
    ext = f' <span class="tag">{e(word("extension", lang))}</span>' if board.extension else ""
    return f"""<li class="preview">
<a class="shot" href="{href}">{_img(board.preview, 1, alt)}</a>
<p class="caption"><strong>{e(word("board_n", lang, n=board.number))}</strong> <span{_lang_attr(entry.lang, lang)}>{e(board.title)}</span>{ext}</p>
<p class="pdf"><a href="{href}">{e(where)}</a></p>
</li>"""
