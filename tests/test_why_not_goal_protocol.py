"""Every world answers why_not_goal(state, lang, item) in both languages:
run and the guide call it so, and a world that does not take the language
would crash a Japanese run (the code review found three)."""

import inspect

import pytest

from lessonkit.worlds import FAMILIES


@pytest.mark.parametrize("name", sorted(FAMILIES))
def test_why_not_goal_takes_language_and_item(name):
    from lessonkit.worlds.base import World

    worlds = [cls for cls in World.__subclasses__() if cls.__module__ == FAMILIES[name].__module__]
    assert worlds, name
    for cls in worlds:
        params = inspect.signature(cls.why_not_goal).parameters
        assert "lang" in params and "item" in params, f"{cls.__name__}.why_not_goal{inspect.signature(cls.why_not_goal)}"
