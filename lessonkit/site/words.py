"""The catalogue's own words, Japanese and English.

Lesson text (titles, aims, the flow) is the lesson's; these are the site's
headings, labels and names for the closed sets (concepts, MEXT types,
phases, families, documents).  A name not listed here (a new family or
document) falls back to what the program calls it, so the site never hides
a lesson or a document for want of a label.
"""

from __future__ import annotations

UI = ("ja", "en")

WORDS: dict[str, dict[str, str]] = {
    "site_title": {"ja": "授業キット カタログ", "en": "Lesson kit catalogue"},
    "skip": {"ja": "本文へ移動", "en": "Skip to content"},
    "nav": {"ja": "サイト内の移動", "en": "Site"},
    "nav_index": {"ja": "レッスン一覧", "en": "Lessons"},
    "nav_curriculum": {"ja": "学年と内容の一覧", "en": "Curriculum"},
    "intro": {
        "ja": "学年・考え方・活動の種類で絞り込み、キーワードで探せます。レッスンを開くと、印刷するPDFと各ページの見本があります。",
        "en": "Filter by grade, concept and activity, or search by words. Open a lesson for its PDFs to print and a preview of each page.",
    },
    "find": {"ja": "レッスンを探す", "en": "Find a lesson"},
    "grade": {"ja": "学年", "en": "Grade"},
    "concept": {"ja": "考え方", "en": "Concept"},
    "family": {"ja": "活動の種類", "en": "Activity"},
    "search": {"ja": "キーワード", "en": "Words"},
    "search_hint": {"ja": "例：くりかえし、迷路", "en": "e.g. repeat, maze"},
    "all": {"ja": "すべて", "en": "All"},
    "clear": {"ja": "条件をクリア", "en": "Clear"},
    "lessons": {"ja": "レッスン", "en": "Lessons"},
    "count": {"ja": "全{total}件中 {shown}件を表示", "en": "Showing {shown} of {total} lessons"},
    "count_all": {"ja": "全{total}件", "en": "{total} lessons"},
    "none_match": {"ja": "条件に合うレッスンはありません。条件を変えてください。", "en": "No lesson matches. Try other choices."},
    "no_lessons": {"ja": "レッスンがありません。", "en": "There are no lessons."},
    "grade_n": {"ja": "{n}年", "en": "Grade {n}"},
    "grades_n": {"ja": "{lo}〜{hi}年", "en": "Grades {lo}–{hi}"},
    "grades_list": {"ja": "{list}年", "en": "Grades {list}"},
    "minutes_n": {"ja": "{n}分", "en": "{n} min"},
    "mext": {"ja": "分類", "en": "MEXT type"},
    "mext_n": {"ja": "分類{x}", "en": "MEXT type {x}"},
    "minutes": {"ja": "時間", "en": "Time"},
    "unit": {"ja": "単元名", "en": "Unit"},
    "facts": {"ja": "レッスンの概要", "en": "About this lesson"},
    "thumb_alt": {"ja": "ボード「{title}」の縮小図", "en": "Board “{title}”, small"},
    "aims": {"ja": "本時の目標", "en": "Aims of the lesson"},
    "flow": {"ja": "授業の流れ", "en": "The lesson at a glance"},
    "phase": {"ja": "段階", "en": "Phase"},
    "activity": {"ja": "学習活動", "en": "What pupils do"},
    "introduction": {"ja": "導入", "en": "Introduction"},
    "development": {"ja": "展開", "en": "Development"},
    "summary": {"ja": "まとめ", "en": "Summary"},
    "prep": {"ja": "準備", "en": "Preparation"},
    "prep_print": {"ja": "印刷して切るもの（{groups}班分）", "en": "To print and cut ({groups} groups)"},
    "prep_bring": {"ja": "用意するもの", "en": "To bring"},
    "documents": {"ja": "印刷するPDF", "en": "PDFs to print"},
    "pages_n": {"ja": "{n}ページ", "en": "{n} pages"},
    "page_1": {"ja": "1ページ", "en": "1 page"},
    "open_pdf": {"ja": "PDFを開く", "en": "Open the PDF"},
    "doc_alt": {"ja": "{label}（{file}）の1ページ目", "en": "{label} ({file}), page 1"},
    "boards": {"ja": "ボード", "en": "Boards"},
    "board_n": {"ja": "問題{n}", "en": "Puzzle {n}"},
    "extension": {"ja": "発展", "en": "Extension"},
    "board_alt": {"ja": "問題{n}「{title}」のボード", "en": "Board of puzzle {n}, “{title}”"},
    "board_page": {"ja": "{file} の{page}ページ目", "en": "{file}, page {page}"},
    "board_sheets": {"ja": "{file} の{first}〜{last}ページ目（{n}枚に分けて印刷）", "en": "{file}, pages {first}–{last} (printed on {n} sheets)"},
    "source": {"ja": "レッスンのYAML（作成者向け）", "en": "The lesson's YAML (for authors)"},
    "source_file": {"ja": "ファイル：", "en": "File: "},
    "source_show": {"ja": "YAMLを表示", "en": "Show the YAML"},
    "curriculum_title": {"ja": "学年と内容の一覧", "en": "Curriculum: grades and concepts"},
    "curriculum_intro": {
        "ja": "各学年で出会う考え方と、そのレッスンです。空いているところは、まだレッスンがない組み合わせです。",
        "en": "Which concepts each grade meets, and in which lessons. An empty cell is a grade and concept with no lesson yet.",
    },
    "curriculum_table": {"ja": "学年（行）と考え方（列）ごとのレッスン", "en": "Lessons by grade (rows) and concept (columns)"},
    "total": {"ja": "レッスン数", "en": "Lessons"},
    "none": {"ja": "なし", "en": "none"},
    "grades_without": {"ja": "レッスンがない学年：{list}", "en": "Grades with no lesson: {list}"},
    "every_grade": {"ja": "1〜6年のどの学年にもレッスンがあります。", "en": "Every grade from 1 to 6 has a lesson."},
    "made_with": {"ja": "lessonkit {version} で作成。インターネット接続なしで使えます。", "en": "Made with lessonkit {version}. Works without the internet."},
    "school": {"ja": "{school}", "en": "{school}"},
    "list_sep": {"ja": "、", "en": ", "},
}

CONCEPTS = {
    "sequence": {"ja": "順次", "en": "Sequence"},
    "branching": {"ja": "分岐", "en": "Branching"},
    "repetition": {"ja": "反復", "en": "Repetition"},
    "functions": {"ja": "関数", "en": "Functions"},
    "debugging": {"ja": "デバッグ", "en": "Debugging"},
    "data": {"ja": "データ", "en": "Data"},
}

# Document file stem -> its name for teachers.
DOCUMENTS = {
    "teacher-guide": {"ja": "学習指導案", "en": "Teacher's guide"},
    "answer-key": {"ja": "解答", "en": "Answer key"},
    "worksheet": {"ja": "ワークシート", "en": "Worksheets"},
    "cards": {"ja": "カード", "en": "Cards"},
    "board": {"ja": "ボード", "en": "Boards"},
    "blackboard": {"ja": "黒板用（拡大版）", "en": "Blackboard set"},
}


def word(key: str, lang: str, **fields) -> str:
    return WORDS[key][lang].format(**fields) if fields else WORDS[key][lang]


def concept_name(name: str, lang: str) -> str:
    return CONCEPTS.get(name, {}).get(lang, name)


def family_name(name: str, lang: str) -> str:
    """The activity as teachers call it (the family's ``title``)."""
    from lessonkit.worlds import find_family

    family = find_family(name)
    return (family.title if family is not None else {}).get(lang, name.replace("_", " "))


def grade_label(grades: tuple[int, ...], lang: str) -> str:
    if len(grades) == 1:
        return word("grade_n", lang, n=grades[0])
    if list(grades) == list(range(grades[0], grades[-1] + 1)):
        return word("grades_n", lang, lo=grades[0], hi=grades[-1])
    return word("grades_list", lang, list=("・" if lang == "ja" else ", ").join(str(g) for g in grades))
