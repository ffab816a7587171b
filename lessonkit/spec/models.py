"""The lesson format, as pydantic models (and so as JSON Schema).

Programs and boards stay raw here (text or lists): their own parsers read
them with character-exact locations.  Everything a user wrote is text, never
markup, except the furigana form ``{漢字|かんじ}``.
"""

from __future__ import annotations

import enum
from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt, StringConstraints, field_validator

# Whole numbers are strict: YAML's true/false must not pass as 1/0.
MAX_KIT = 40  # of one card in one group's kit: more is a typo, and pages of cards
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=64)]
Text = Annotated[str, StringConstraints(min_length=1)]
ProgramValue = Union[str, list[Any], dict[str, Any]]


class Concept(str, enum.Enum):
    sequence = "sequence"
    branching = "branching"
    repetition = "repetition"
    functions = "functions"
    debugging = "debugging"
    data = "data"


class PhaseName(str, enum.Enum):
    introduction = "introduction"
    development = "development"
    summary = "summary"


PHASE_JA = {
    "導入": "introduction", "どうにゅう": "introduction",
    "展開": "development", "てんかい": "development",
    "まとめ": "summary", "終末": "summary", "しゅうまつ": "summary",
}


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Phase(Strict):
    """One row of the lesson's flow (本時の展開)."""

    phase: PhaseName = Field(description="introduction (導入), development (展開) or summary (まとめ)")
    minutes: StrictInt = Field(ge=1, le=90)
    activity: Text = Field(description="what pupils do (学習活動)")
    responses: list[Text] = Field(default=[], description="expected pupil responses (予想される反応)")
    support: str = Field(default="", description="teacher's notes and support (指導上の留意点)")
    assessment: str = Field(default="", description="what is assessed, and how (評価)")
    mark: Literal["subject", "programming"] | None = Field(default=None, description="which aim the assessment is for: 'subject' (☆, the subject's aim) or 'programming' (★, programming thinking)")

    @field_validator("phase", mode="before")
    @classmethod
    def _japanese_phase(cls, value: Any) -> Any:
        # The phases as a Japanese lesson plan names them: 導入・展開・まとめ.
        return PHASE_JA.get(value.strip(), value) if isinstance(value, str) else value


class Criteria(Strict):
    """Assessment criteria under the three viewpoints (評価規準)."""

    knowledge: Text = Field(description="知識・技能")
    thinking: Text = Field(description="思考・判断・表現")
    attitude: Text = Field(description="主体的に学習に取り組む態度")


class About(Strict):
    """単元について: the material, the pupils, the teaching."""

    material: str = Field(default="", description="教材観: what the material offers")
    students: str = Field(default="", description="児童観: where the pupils are")
    teaching: str = Field(default="", description="指導観: how the unit is taught")


class UnitLesson(Strict):
    """One lesson of a unit's plan (指導計画)."""

    title: Text = Field(description="the lesson's title or topic")
    hours: StrictInt = Field(default=1, ge=1, le=20, description="lesson periods it takes")
    activity: str = Field(default="", description="what pupils do in it, one line")
    this: StrictBool = Field(default=False, description="true for this lesson (本時); exactly one lesson of the plan")


class Unit(Strict):
    """The unit this lesson belongs to: for the plan's 単元 sections."""

    name: Text = Field(description="unit name (単元名)")
    goals: Criteria | None = Field(default=None, description="the unit's aims under the three viewpoints (単元の目標)")
    criteria: Criteria | None = Field(default=None, description="the unit's assessment criteria (単元の評価規準)")
    about: About | None = Field(default=None, description="単元について (教材観・児童観・指導観)")
    plan: list[UnitLesson] = Field(default=[], description="the unit's lessons in order (指導計画); mark this one with 'this: true'")


class Role(Strict):
    name: Text
    does: Text = Field(description="what this role does, one line for the badge")


class Bug(Strict):
    """A 'find the bug' exercise: a program that must go wrong as stated."""

    program: ProgramValue
    # Each family says which outcomes its bug exercises may state
    # (Family.bug_outcomes); the check words an unknown one.
    outcome: str = Field(
        description="how it goes wrong: crash, stopped, step_limit or unknown_card for card programs; "
        "unsorted for a sorting network that leaves some input out of order; wrong_scores for a rule that scores differently",
        json_schema_extra={"enum": ["crash", "stopped", "step_limit", "unknown_card", "unsorted", "wrong_scores"]},
    )
    step: StrictInt | None = Field(default=None, ge=1, description="the step at which it goes wrong (a network: the comparator after which it goes wrong; a rule: the draw)")
    hint: Text
    explanation: str = Field(default="", description="why it goes wrong, for the answer key")
    handout: StrictBool | Literal["lay"] = Field(
        default=False,
        description="print this program on each group's worksheet for pupils to debug: true to read it on paper "
        "(it need not fit the card kit); 'lay' when pupils also lay it out with their cards to run and fix it, "
        "so the kit must hold it, as for a solution",
    )


class Puzzle(BaseModel):
    """A puzzle; keys beyond these belong to the lesson's world (e.g. board, facing)."""

    model_config = ConfigDict(extra="allow", frozen=True)

    id: Slug
    title: Text
    task: str = Field(default="", description="the task as pupils read it")
    solution: ProgramValue
    alternatives: list[ProgramValue] = []
    bugs: list[Bug] = []
    extension: StrictBool = Field(default=False, description="an extension (発展) for groups that finish early; marked as such on every sheet")
    max_steps: StrictInt | None = Field(default=None, ge=1, le=10000, description="stop a run after this many steps (default: from the board's size)")
    cards: list[str] | dict[str, StrictInt] | None = Field(
        default=None,
        description="this puzzle's palette, narrower than the lesson's kit: a list of the lesson's card names, "
        "or a mapping of card name to how many a group may use here (default: the lesson's whole kit)",
    )
    max_cards: StrictInt | None = Field(default=None, ge=1, le=500, description="at most this many cards in a program, End cards counted (a block limit)")
    goal_rule: Literal["end", "stop"] = Field(
        default="end",
        description="end: the goal is judged when the program ends (Blockly Games); "
        "stop: reaching the goal ends the run at once (Code.org's mazes)",
    )


GradeRange = Annotated[str, StringConstraints(pattern=r"^[1-6]-[1-6]$")]


class CardSpec(Strict):
    """A card written out in full: how many a group's kit holds, and, for a
    family whose cards come from the lesson (``procedure``), what the card is.
    Every family reads the same model; each says which keys it takes."""

    count: StrictInt = Field(default=1, ge=1, le=MAX_KIT, description="how many one group's kit holds")
    label: Text | None = Field(default=None, description="what the printed card says (furigana allowed)")
    icon: str | None = Field(default=None, description="a bundled picture for the card (procedure), or 'blank' for a box to draw in")
    needs: list[Text] = Field(default=[], description="procedure: facts that must hold before the step")
    adds: list[Text] = Field(default=[], description="procedure: facts the step makes true")
    removes: list[Text] = Field(default=[], description="procedure: facts the step makes false")
    distractor: StrictBool = Field(default=False, description="procedure: a card no right order uses, on the table on purpose")


class Fact(Strict):
    """A named fact of a procedure lesson (``facts``)."""

    label: Text = Field(description="the fact as pupils read it, e.g. 'ポットに おゆが ある'")
    absent: str = Field(default="", description="how to say it does not hold, e.g. 'ポットに おゆが ない'")
    after: StrictInt = Field(default=1, ge=1, le=20, description="holds once steps have added it this many times (a cup filled in 3 pours)")


class Lesson(Strict):
    id: Slug = Field(description="a lowercase slug; it names the kit's folder")
    title: Text
    unit: str | Unit = Field(default="", description="the unit: its name (単元名), or the unit's name, aims, criteria, 単元について and plan")
    language: Literal["ja", "en"]
    grade: Annotated[StrictInt, Field(ge=1, le=6)] | GradeRange | list[Annotated[StrictInt, Field(ge=1, le=6)]]
    minutes: StrictInt = Field(default=45, ge=10, le=180)
    concepts: list[Concept] = Field(min_length=1)
    mext: Literal["A", "B", "C", "D", "E", "F"] | None = Field(default=None, description="lesson type A-F")
    objectives: list[Text] = Field(min_length=1, description="this lesson's aims (本時の目標)")
    aim: str = Field(default="", description="めあて: the lesson's aim as written on the board, boxed in the plan")
    conclusion: str = Field(default="", description="まとめ: what the class concludes, as written on the board, boxed in the plan")
    criteria: Criteria | None = None
    materials: list[Text] = []
    roles: list[Union[str, Role]] = []
    flow: list[Phase] = Field(min_length=1)
    reflection: str = Field(default="", description="the worksheet's reflection question")
    item: str = Field(default="", description="what the board's items are, as the legend names them (どんぐり, berry)")
    all_readings: bool = Field(default=False, description="print every reading the author wrote, even over kanji the grade has learned")
    world: str
    seed: StrictInt | None = Field(default=None, ge=0, le=2**31 - 1, description="where each group's values (numbers, targets, decks) are drawn from: the same seed, the same values on every rebuild")
    facts: dict[str, Union[Text, Fact]] = Field(default={}, description="procedure: the facts steps need and change (name: label)")
    cards: dict[str, Union[Annotated[StrictInt, Field(le=MAX_KIT)], CardSpec]] = Field(default={}, description="one group's kit: card name -> how many, or a card written in full (procedure: its label, needs, adds); a sorting network has no cards")
    puzzles: list[Puzzle] = Field(min_length=1)

    @field_validator("grade")
    @classmethod
    def _grade_order(cls, value):
        if isinstance(value, str):
            lo, hi = (int(x) for x in value.split("-"))
            if lo > hi:
                raise ValueError(f"grade range '{value}' runs backwards; write '{hi}-{lo}'")
        return value

    @property
    def unit_name(self) -> str:
        return self.unit if isinstance(self.unit, str) else self.unit.name

    @property
    def unit_info(self) -> Unit | None:
        return self.unit if isinstance(self.unit, Unit) else None

    @property
    def grades(self) -> tuple[int, ...]:
        if isinstance(self.grade, int):
            return (self.grade,)
        if isinstance(self.grade, str):
            lo, hi = (int(x) for x in self.grade.split("-"))
            return tuple(range(lo, hi + 1))
        return tuple(sorted(set(self.grade)))


def card_count(value: "int | CardSpec") -> int:
    """How many of a card one group's kit holds, however the card is written."""
    return value.count if isinstance(value, CardSpec) else value


KNOWN_ROLES = {
    "programmer": ("Programmer", "lays out the cards", "プログラマー", "カードを ならべる"),
    "tester": ("Tester", "reads the program out, stops at the first wrong step", "テスター", "よみあげて、まちがいが あったら とめる"),
    "robot": ("Robot", "does exactly what the cards say", "ロボット", "カードの とおりに うごく"),
    "recorder": ("Recorder", "ticks each step on the run record", "きろくがかり", "1つずつ チェックする"),
}
