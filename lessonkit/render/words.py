"""Every fixed string the printed documents use, in Japanese and English.

One table, so a translator finds them all in one place and a test can check
that no key lacks a language.  Values are plain text or furigana markup;
``{n}``-style fields are filled with :meth:`str.format`.

The worksheet strings are for children: the Japanese ones are in kana (with
furigana on the few kanji), the English ones short.
"""

from __future__ import annotations

import re

from lessonkit.spec.ruby import plain_text

LANGS = ("ja", "en")

WORDS: dict[str, dict[str, str]] = {
    # -- teacher guide: documents and sections
    "guide": {"ja": "学習指導案", "en": "Lesson plan"},
    "worksheet": {"ja": "ワークシート", "en": "Worksheet"},
    "cards_doc": {"ja": "カード", "en": "Cards"},
    "board_doc": {"ja": "ボード", "en": "Boards"},
    "blackboard_doc": {"ja": "黒板用の拡大カード・拡大ボード", "en": "Blackboard set"},
    "blackboard_cards": {"ja": "拡大カード", "en": "enlarged card"},
    # PDF metadata: the document's kind and the lesson's title (plain text)
    "pdf_title": {"ja": "{title} — {kind}", "en": "{title} — {kind}"},
    "pdf_subject": {"ja": "{kind}「{title}」", "en": "{kind}: {title}"},
    "overview": {"ja": "概要", "en": "Overview"},
    "plan_title": {"ja": "{grade}　学習指導案", "en": "Lesson plan — {grade}"},
    "date": {"ja": "日時", "en": "Date"},
    "date_blank": {"ja": "　　　　年　　月　　日（　　）　第　　校時", "en": "________________"},
    "place": {"ja": "場所", "en": "Room"},
    "class_row": {"ja": "学年・組", "en": "Class"},
    "class_blank": {"ja": "{grade}　　　組", "en": "{grade}, class"},
    "class_size": {"ja": "児童数", "en": "Students"},
    "class_size_value": {"ja": "{n}名", "en": "{n}"},
    "class_size_blank": {"ja": "　　　名", "en": "________"},
    "teacher": {"ja": "指導者", "en": "Teacher"},
    "unit_goals": {"ja": "単元の目標", "en": "Unit goals"},
    "unit_criteria": {"ja": "単元の評価規準", "en": "Unit assessment"},
    "unit_about": {"ja": "単元について", "en": "About the unit"},
    "about_label": {"ja": "（{n}）{what}", "en": "{what}"},
    "about_material": {"ja": "教材観", "en": "The material"},
    "about_students": {"ja": "児童観", "en": "The students"},
    "about_teaching": {"ja": "指導観", "en": "The teaching"},
    "unit_plan": {"ja": "指導計画", "en": "Unit plan"},
    "unit_plan_total": {"ja": "（全{n}時間）", "en": " ({n} lessons)"},
    "plan_hour": {"ja": "時", "en": "Lesson"},
    "plan_activity": {"ja": "主な学習活動", "en": "What students do"},
    "this_lesson": {"ja": "本時（{n}/{total}）", "en": "This lesson ({n} of {total})"},
    "aim": {"ja": "めあて", "en": "Goal"},
    "conclusion": {"ja": "まとめ", "en": "Summary"},
    "marks_legend": {"ja": "☆：教科のねらいに関する評価　★：プログラミング的思考に関する評価", "en": "☆ assesses the subject's goal; ★ assesses computational thinking"},
    "board_plan": {"ja": "板書計画", "en": "Board plan"},
    "board_plan_board": {"ja": "拡大ボード「{name}」と拡大カード", "en": "Enlarged board: {name}, with the enlarged cards"},
    "board_plan_board_only": {"ja": "拡大ボード「{name}」", "en": "Enlarged board: {name}"},
    "board_plan_ideas": {"ja": "子どもの考え", "en": "Students' ideas"},
    "unit": {"ja": "単元名", "en": "Unit"},
    "grade": {"ja": "対象学年", "en": "Grade"},
    "grade_value": {"ja": "第{grades}学年", "en": "Grade {grades}"},
    "grades_value": {"ja": "第{grades}学年", "en": "Grades {grades}"},
    "time": {"ja": "時間", "en": "Length"},
    "minutes_value": {"ja": "{n}分", "en": "{n} minutes"},
    "lesson_type": {"ja": "分類", "en": "Lesson type"},
    "concepts": {"ja": "扱う考え方", "en": "Concepts"},
    "school": {"ja": "学校", "en": "School"},
    "objectives": {"ja": "本時の目標", "en": "Learning goals"},
    "criteria": {"ja": "本時の評価規準", "en": "Assessment"},
    "knowledge": {"ja": "知識・技能", "en": "Knowledge and skills"},
    "thinking": {"ja": "思考・判断・表現", "en": "Thinking, judgement, expression"},
    "attitude": {"ja": "主体的に学習に取り組む態度", "en": "Attitude to learning"},
    "preparation": {"ja": "準備", "en": "Materials"},
    "agenda": {"ja": "本時の展開", "en": "Lesson sequence"},
    "activity": {"ja": "学習活動", "en": "Activity"},
    "responses": {"ja": "予想される児童の反応", "en": "Expected responses"},
    "minutes_col": {"ja": "時間", "en": "Time"},
    "minutes_short": {"ja": "{n}分", "en": "{n} min"},
    "support": {"ja": "指導上の留意点", "en": "Teacher's notes"},
    "assessment": {"ja": "評価", "en": "Assessment"},
    "phase_introduction": {"ja": "導入", "en": "Introduction"},
    "phase_development": {"ja": "展開", "en": "Development"},
    "phase_summary": {"ja": "まとめ", "en": "Summary"},
    "phase_band": {"ja": "{phase}（{n}分）", "en": "{phase} ({n} min)"},
    "continued": {"ja": "{phase}（つづき）", "en": "{phase} (continued)"},
    "answer_key": {"ja": "解答", "en": "Answer key"},
    "answer_key_doc": {"ja": "解答・解説", "en": "Answer key"},
    "answer_key_note": {"ja": "どこで・なぜ・何ステップ・最短は何通りかは、すべてプログラムを実際に動かした結果から書いている。", "en": "Every where, why, step count and number of shortest rows here comes from running the program."},
    "none": {"ja": "なし", "en": "none"},
    # -- preparation
    "prep_worksheets": {"ja": "ワークシート（worksheet.pdf）：各グループ {per}枚 × {groups}グループ ＝ {total}枚", "en": "Worksheets (worksheet.pdf): {per} per group × {groups} groups = {total} sheets"},
    "prep_cards": {"ja": "カード（cards.pdf）：1グループ 1セット（{per}枚）× {groups}グループ ＝ {total}枚を切り分ける", "en": "Cards (cards.pdf): one set of {per} cards per group × {groups} groups = {total} cards to cut out"},
    "prep_card_pages": {"ja": "（cards.pdf は{pages}ページ）", "en": " (cards.pdf: {pages} pages)"},
    "prep_card_pages_roles": {"ja": "（cards.pdf は役割カードと合わせて{pages}ページ）", "en": " (cards.pdf: {pages} pages, role badges included)"},
    "prep_set": {"ja": "1セットの中身：{items}", "en": "One set holds: {items}"},
    "prep_end_note": {"ja": "（「おわり」は、{blocks}のカード1枚につき1枚{orelse}）", "en": " (one End card for each {blocks} card{orelse})"},
    "prep_end_else": {"ja": "。「ちがったら」は「もし」の「おわり」を使う", "en": "; an Else shares its If's End"},
    "prep_boards": {"ja": "ボード（board.pdf）：パズル{puzzles}問 × {groups}グループ ＝ {total}枚", "en": "Boards (board.pdf): {puzzles} puzzles × {groups} groups = {total} boards"},
    "prep_boards_tiled": {
        "ja": "。1枚のボードは{paper}用紙{tiles}枚をはり合わせる（印刷は{sheets}枚 × {groups}グループ ＝ {printed}枚）",
        "en": "; each board is {tiles} {paper} sheets taped together ({sheets} × {groups} groups = {printed} sheets to print)",
    },
    "prep_roles": {"ja": "役割カード：{roles}（{per}枚 × {groups}グループ ＝ {total}枚を切り分ける。カードと同じ cards.pdf のページにある）", "en": "Role badges: {roles} ({per} × {groups} groups = {total} to cut out; on the same cards.pdf pages as the cards)"},
    "prep_slips": {"ja": "ふりかえりカード（worksheet.pdf の最後の{pages}ページ）：1人1枚 × {n}人分。1ページ{per}枚を切り分ける", "en": "Reflection slips (the last {pages} pages of worksheet.pdf): one per student, {n} in all, {per} to a page to cut apart"},
    "prep_blackboard": {"ja": "黒板用（blackboard.pdf、1部）：{cards}{size}の拡大ボード{puzzles}枚（はり合わせ、{pages}ページ）", "en": "For the blackboard (blackboard.pdf, one copy): {cards}{puzzles} board{plural} at {size} ({pages} pages, taped together)"},
    "prep_blackboard_whole": {"ja": "黒板用（blackboard.pdf、1部）：{cards}{size}の拡大ボード{puzzles}枚（{pages}ページ）", "en": "For the blackboard (blackboard.pdf, one copy): {cards}{puzzles} board{plural} at {size} ({pages} page{pages_plural})"},
    "prep_blackboard_cards": {"ja": "拡大カード{kinds}種{cards}枚（{card_pages}ページ、切り分ける）と、", "en": "{cards} enlarged cards of {kinds} kinds ({card_pages} pages to cut apart) and "},
    "prep_blackboard_cards_programs": {
        "ja": "拡大カード{kinds}種{cards}枚（正解とバグのプログラムをどれも黒板に並べられる枚数。{card_pages}ページ、切り分ける）と、",
        "en": "{cards} enlarged cards of {kinds} kinds (enough to lay out any solution or bug program of the lesson on the blackboard; {card_pages} pages to cut apart) and ",
    },
    "prep_blackboard_cards_kit": {
        "ja": "拡大カード{kinds}種{cards}枚（グループのカードと同じ種類で、それだけでできた正解とバグのプログラムを黒板に並べられる枚数。{missing}のカードはない。{card_pages}ページ、切り分ける）と、",
        "en": "{cards} enlarged cards of {kinds} kinds (the kinds of a group's kit, enough to lay out on the blackboard any solution or bug program made of them alone; no {missing} card; {card_pages} pages to cut apart) and ",
    },
    "prep_answer_key": {"ja": "解答・解説（answer-key.pdf）：{pages}ページ、教師用に1部（指導案とは別に印刷できる）", "en": "Answer key (answer-key.pdf): {pages} pages, one copy for the teacher (prints on its own)"},
    "prep_materials": {"ja": "そのほか（用意するもの）：", "en": "Also bring:"},
    "count_item": {"ja": "{name} ×{n}", "en": "{name} × {n}"},
    "list_sep": {"ja": "、", "en": ", "},
    # -- answer key
    "puzzle_n": {"ja": "パズル{n}", "en": "Puzzle {n}"},
    "extension_teacher": {"ja": "【発展】", "en": "Extension: "},
    "extension_pupil": {"ja": "【ちょうせん】", "en": "Challenge: "},
    "solution": {"ja": "解答例", "en": "Solution"},
    "cards_line": {"ja": "カード{cards}枚・{steps}ステップ", "en": "{cards} cards, {steps} steps"},
    "cards_line_end": {"ja": "カード{cards}枚（おわり{ends}枚をふくむ）・{steps}ステップ", "en": "{cards} cards ({ends} End), {steps} steps"},
    "alternatives": {"ja": "別解", "en": "Alternatives"},
    "shortest": {"ja": "最短：{length}ステップ（まえ・みぎ・ひだり等を1列に並べた場合）、最短の並べ方は{count}通り", "en": "Shortest: {length} steps as a plain row of cards; {count} shortest rows in all"},
    "shortest_one": {"ja": "最短：{length}ステップ（カードを1列に並べた場合）、最短の並べ方は1通りだけ", "en": "Shortest: {length} steps as a plain row of cards; only one shortest row"},
    "unsolved": {"ja": "この盤面は、使えるカードではゴールできない", "en": "The goal cannot be reached with the lesson's cards"},
    "steps_listed": {"ja": "{mark}のますのステップ番号", "en": "Step numbers in squares marked {mark}"},
    "steps_listed_row": {"ja": "{square}：{steps}", "en": "{square}: {steps}"},
    "bug": {"ja": "バグ探し{n}", "en": "Find the bug {n}"},
    "bug_where": {"ja": "どこで：{n}ステップ目の「{card}」", "en": "Where: step {n} ({card})"},
    "in_round": {"ja": "（くりかえしの{n}回目）", "en": ", round {n} of the loop"},
    "in_rounds": {"ja": "（外側から{rounds}回目のくりかえし）", "en": ", rounds {rounds} of the loops, outermost first"},
    "bug_where_stopped": {"ja": "どこで：{n}ステップで止まる（最後のカード「{card}」）", "en": "Where: it stops after step {n} (last card '{card}')"},
    "bug_where_none": {"ja": "どこで：1枚も動かないうちに止まる", "en": "Where: it stops before any step"},
    "bug_where_limit": {"ja": "どこで：終わらない（{n}ステップを超えた）", "en": "Where: it never ends (past {n} steps)"},
    "bug_why": {"ja": "なぜ：{why}", "en": "Why: {why}"},
    "hint": {"ja": "ヒント", "en": "Hint"},
    "explanation": {"ja": "解説", "en": "Explanation"},
    "why_limit": {"ja": "{n}ステップを過ぎてもゴールに着かず、止まらない", "en": "it is still going after {n} steps without reaching the goal"},
    "why_cycle": {"ja": "{b}ステップ目で{a}ステップ目とまったく同じ場面（同じカード・同じ盤面）にもどり、同じ動きをいつまでもくり返す", "en": "step {b} is exactly where step {a} was (same card, same board), so it goes round for ever"},
    "why_unknown": {"ja": "このボードでは使えないカード「{card}」", "en": "a card this board does not know: '{card}'"},
    "end_card": {"ja": "おわり", "en": "End"},
    # -- a puzzle's own rules (cards, max_cards, goal_rule): answer key, then worksheet
    "rules_sentence": {"ja": "このパズルの条件：{rules}。", "en": "This puzzle's rules: {rules}."},
    "rules_sep": {"ja": "、", "en": "; "},
    "rule_cards": {"ja": "使えるカードは{cards}だけ", "en": "only {cards} may be used"},
    "rule_max": {"ja": "カードは{n}枚まで", "en": "at most {n} cards"},
    "rule_max_end": {"ja": "カードは{n}枚まで（おわりも数える）", "en": "at most {n} cards, End cards counted"},
    "rule_stop": {"ja": "ゴールの条件を満たした時点で実行を終える", "en": "the run stops as soon as the goal is met"},
    "rule_cards_pupil": {"ja": "つかえる カード：{cards}", "en": "Cards you may use: {cards}"},
    "rule_max_pupil": {"ja": "カードは {n}まいまで", "en": "At most {n} cards"},
    "rule_max_pupil_end": {"ja": "カードは {n}まいまで（おわりも かぞえる）", "en": "At most {n} cards (count the End cards too)"},
    "rule_stop_pupil": {"ja": "できあがったら そこで おしまい", "en": "The run stops as soon as the goal is met"},
    # -- worksheet (for children)
    "group": {"ja": "グループ", "en": "Group"},
    "han": {"ja": "はん", "en": "Group"},
    "group_han": {"ja": "{mark}はん", "en": "Group {mark}"},
    "group_letter": {"ja": "グループ {mark}", "en": "Group {mark}"},
    "sheet_of": {"ja": "{n} / {total} まいめ", "en": "sheet {n} of {total}"},
    "roles": {"ja": "やくわり", "en": "Roles"},
    "name": {"ja": "なまえ", "en": "Name"},
    "program": {"ja": "プログラム", "en": "Program"},
    "program_help": {"ja": "カードを じゅんばんに かこう（ならべよう）", "en": "Write (or lay) the cards in order"},
    "program_help_nested": {"ja": "カードを じゅんばんに かこう。「{card}」などの なかみは 1つ みぎに ずらして、さいごに「おわり」", "en": "Write the cards in order; a block's inside one step in, then its End"},
    "run_record": {"ja": "うごかした きろく", "en": "Run record"},
    "run_help": {"ja": "1つ うごけたら ○、まちがえたら ×。やりなおしは つぎの だんに", "en": "Mark ○ for each step that worked, × where it went wrong; a new try on the next row"},
    "try_n": {"ja": "{n}かいめ", "en": "Try {n}"},
    "run_more": {"ja": "{n}ステップめ から あとは、ばんごうを ここに かこう", "en": "From step {n} on, write the step numbers here"},
    "step_blank": {"ja": "ステップ", "en": "Step"},
    "continued_short": {"ja": "（つづき）", "en": " (continued)"},
    "wrong_at": {"ja": "まちがえた ばんごう", "en": "Went wrong at step"},
    "wrong_why": {"ja": "なにが ちがった？", "en": "What was wrong?"},
    "reflection": {"ja": "ふりかえり", "en": "Reflection"},
    "handout": {"ja": "まちがいの ある プログラム {n}", "en": "Program with a bug {n}"},
    "handout_help": {"ja": "カードを じゅんばんに よんで、まちがいを さがそう", "en": "Read the cards in order and find the bug"},
    "handout_where": {"ja": "よそう：まちがいは なんばんめ？", "en": "Your guess: which card is wrong?"},
    "handout_checked": {"ja": "うごかして たしかめたら：なんばんめ だった？", "en": "After running it: which card was it?"},
    "handout_fix": {"ja": "どう なおす？", "en": "How would you fix it?"},
    "mext_A": {"ja": "A（学習指導要領に例示された単元等で実施）", "en": "A (a unit named in the Course of Study)"},
    "mext_B": {"ja": "B（学習指導要領に例示されてはいないが、教科等の内容を指導する中で実施）", "en": "B (within a subject's content)"},
    "mext_C": {"ja": "C（教育課程内で各教科等とは別に実施）", "en": "C (in the curriculum, outside subjects)"},
    "mext_D": {"ja": "D（クラブ活動など、特定の児童を対象として教育課程内で実施）", "en": "D (clubs and other activities for some students)"},
    "mext_E": {"ja": "E（学校を会場とするが、教育課程外のもの）", "en": "E (at school, outside the curriculum)"},
    "mext_F": {"ja": "F（学校外でのプログラミングの学習機会）", "en": "F (outside school)"},
    "concept_sequence": {"ja": "順次", "en": "sequence"},
    "concept_branching": {"ja": "分岐", "en": "branching"},
    "concept_repetition": {"ja": "反復", "en": "repetition"},
    "concept_functions": {"ja": "関数（やくそく）", "en": "functions"},
    "concept_debugging": {"ja": "デバッグ", "en": "debugging"},
    "concept_data": {"ja": "データ", "en": "data"},
}


# A space YAML's folded style leaves where a Japanese line was broken: after
# full-width punctuation, before more Japanese (a reading's "{" counts as the
# Japanese base it opens).  English text never matches.
_FOLDED_SPACE = re.compile(r"([。、！？」』）]) (?=\{?[^\x00-\x7f])")


def puzzle_name(spec, lang: str, *, pupils: bool) -> str:
    """A puzzle's title as printed, marked when it is an extension task:
    発展 for the teacher, ちょうせん for pupils (who have not learned 展)."""
    name = tidy_text(spec.title)
    if getattr(spec, "extension", False):
        # In front, where a line break cannot split the mark.
        name = word("extension_pupil" if pupils else "extension_teacher", lang) + name
    return name


def group_name(mark: str, lang: str) -> str:
    """A group as pupils say it: 1はん for a numbered group, グループ A (Group A)."""
    return word("group_han" if mark.isdigit() else "group_letter", lang, mark=mark)


def tidy_text(text: str) -> str:
    """Lesson text as printed: the space a YAML line fold leaves after
    。、！？」』） and before Japanese dropped ("よそうしよう。 それから" reads
    "よそうしよう。それから"); every other space kept."""
    return _FOLDED_SPACE.sub(r"\1", text)


def word(key: str, lang: str, **fields: object) -> str:
    """The string ``key`` in ``lang`` ("ja" or "en"), with ``fields`` filled in."""
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; expected one of {', '.join(LANGS)}")
    try:
        text = WORDS[key][lang]
    except KeyError:
        raise KeyError(f"no printed string {key!r}") from None
    return text.format(**fields) if fields else text


def document_meta(kind: str, title: str, lang: str) -> dict[str, str]:
    """A PDF's Title and Subject: the lesson's title (furigana markup dropped)
    and the document's kind (``kind`` is a key: "guide", "worksheet", …)."""
    fields = {"kind": word(kind, lang), "title": plain_text(title)}
    return {"title": word("pdf_title", lang, **fields), "subject": word("pdf_subject", lang, **fields)}
