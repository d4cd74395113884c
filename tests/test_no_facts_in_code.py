"""No fact of the white paper is written into a template or into the text the public side
shows: every such fact comes from the records, so an edit shows everywhere at once.

The facts are read from the records the site loads (whitepaper/data), so this test follows
the data: the publisher's names, the person quoted, the dates in every way the site writes
them, every figure, and the claims the source attributes to someone.
"""

import ast
import json
import re
from datetime import date
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = json.loads((ROOT / "whitepaper" / "data" / "miit-2018.json").read_text(encoding="utf-8"))


def dates_as_written(iso):
    day = date.fromisoformat(iso)
    return [
        iso,
        f"{day.day} {day:%B} {day.year}",
        f"{day:%B} {day.day}",
        f"{day:%B} {day.year}",
        f"{day.year}年{day.month}月{day.day}日",
    ]


def facts():
    publication = DATA["publication"]
    found = [
        publication["publisher"],
        publication["publisher_zh"],
        publication["publisher_abbreviation"],
        publication["publisher_abbreviation_zh"],
        publication["quoted_person"],
        "first official",
        "six development",
        "6 development",
    ]
    found += dates_as_written(publication["release_date"])
    found += dates_as_written(publication["data_as_of"])
    for statistic in DATA["statistics"]:
        number = statistic["value"]
        found.append(f"{number}%" if statistic["unit"] == "percent" else number)
    return found


FACTS = facts()


def public_texts():
    """(where, text) of every template, and of every string the public side marks for
    translation in its Python code (reports/)."""
    for path in sorted((ROOT / "templates").rglob("*")):
        if path.is_file():
            yield str(path.relative_to(ROOT)), path.read_text(encoding="utf-8")
    for path in sorted((ROOT / "reports").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", getattr(node.func, "attr", "")) in TRANSLATING
            ):
                for argument in node.args:
                    if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
                        yield f"{path.relative_to(ROOT)}:{node.lineno}", argument.value


TRANSLATING = {"_", "gettext", "gettext_lazy", "ngettext", "pgettext", "ngettext_lazy"}


def test_the_facts_are_read_from_the_records():
    assert "MIIT" in FACTS and "456" in FACTS and "80%" in FACTS and "20 May 2018" in FACTS


@pytest.mark.parametrize(("where", "text"), list(public_texts()))
def test_no_public_text_states_a_fact_of_the_white_paper(where, text):
    for fact in FACTS:
        pattern = rf"(?<![\w.]){re.escape(fact)}(?![\w%])" if fact[0].isalnum() else re.escape(fact)
        assert not re.search(pattern, text, flags=re.IGNORECASE), f"{where} says {fact!r}"
