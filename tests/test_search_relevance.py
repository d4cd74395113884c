"""The queries readers type (tests/search_queries.json) find what they ask for: the share of
queries whose expected records and paragraphs are all among their first five results, in
both editions, is at least PASS_RATE. docs/search.md gives the figure."""

import json
from pathlib import Path

import pytest

pytestmark = pytest.mark.django_db

QUERY_SET = json.loads((Path(__file__).parent / "search_queries.json").read_text(encoding="utf-8"))
PASS_RATE = 0.95
EDITIONS = ["", "/zh-hans"]


def first_five(client, query, edition):
    response = client.get(f"{edition}/search.json", {"q": query})
    assert response.status_code == 200
    base = f"http://testserver{edition}{QUERY_SET['publication']}"
    return [
        r["url"].replace(base, "./" if r["url"] == base else "")
        for r in response.json()["results"][:5]
    ]


def test_the_query_set_has_forty_queries_in_each_language():
    queries = [entry["q"] for entry in QUERY_SET["queries"]]
    chinese = [q for q in queries if any("\u4e00" <= char <= "\u9fff" for char in q)]
    assert len(queries) >= 40 and len(chinese) >= 20 and len(queries) - len(chinese) >= 20
    assert len(set(queries)) == len(queries)


def test_readers_queries_find_what_they_ask_for(client, whitepaper):
    failed = []
    for entry in QUERY_SET["queries"]:
        for edition in EDITIONS:
            found = first_five(client, entry["q"], edition)
            missing = [url for url in entry["top5"] if url not in found]
            if missing:
                failed.append(f"{edition or '/'} {entry['q']!r}: {missing} not in {found}")
    passed = 1 - len({line.split("'")[1] for line in failed}) / len(QUERY_SET["queries"])
    assert passed >= PASS_RATE, f"{passed:.0%} passed; " + "; ".join(failed)
