"""Whatever a reader types is searched as text: never a 500, never a database error on the
page, a clear 400 for a query that is too long, and nothing written on a 4xx."""

from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from whitepaper.models import SearchCount

pytestmark = pytest.mark.django_db

HOSTILE = [
    '"',
    '"blockchain',
    "blockchain\"'",
    "*",
    "block*",
    "NEAR",
    "NEAR(blockchain startups)",
    "blockchain NEAR/2 startups",
    "AND",
    "OR",
    "NOT",
    "blockchain AND NOT startups",
    "blockchain OR",
    "(",
    ")",
    "((blockchain)",
    "{title}: blockchain",
    "label:blockchain",
    "^blockchain",
    "blockchain + - ~",
    "%",
    "100%",
    "_",
    "%_%",
    "\\",
    "blockchain\\",
    "\\x00",
    "block\x00chain",
    "\x00",
    "🚀",
    "blockchain 🚀 区块链",
    "\u200f",
    "\u200fGuangdong\u200e",
    "\u202eniamkcolb",
    "'; DROP TABLE whitepaper_statistic; --",
    "<script>alert(1)</script>",
    "&amp;",
    ":",
    "-",
    "a" * 200,
    "区" * 200,
    " ".join(["blockchain"] * 18),
    "\t\n\r",
    "ＧＵＡＮＧＤＯＮＧ",
    "café",
    "e\u0301",
]


@pytest.mark.parametrize("query", HOSTILE, ids=range(len(HOSTILE)))
@pytest.mark.parametrize("path", ["/search/", "/zh-hans/search/", "/search.json"])
def test_hostile_queries_are_searched_as_text(client, whitepaper, path, query):
    response = client.get(path, {"q": query})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Traceback" not in body
    assert "fts5" not in body.lower()
    assert "syntax error" not in body.lower()


def test_quotes_and_operators_are_words(client, whitepaper):
    response = client.get("/search.json", {"q": '"Guangdong" AND'})
    # "and" is a word that the records contain, so both words are found together.
    assert response.json()["results"]
    assert client.get("/search.json", {"q": "NEAR"}).json()["results"] == []


def test_wide_letters_and_accents_are_folded(client, whitepaper):
    narrow = client.get("/search.json", {"q": "Guangdong"}).json()["results"]
    assert client.get("/search.json", {"q": "ＧＵＡＮＧＤＯＮＧ"}).json()["results"] == narrow
    assert client.get("/search.json", {"q": "Guangdóng"}).json()["results"] == narrow


@pytest.mark.parametrize("length", [201, 5000])
@pytest.mark.parametrize("path", ["/search/", "/zh-hans/search/"])
def test_a_long_query_is_refused_with_a_message(client, whitepaper, path, length):
    response = client.get(path, {"q": "blockchain " * (length // 11) + "x" * (length % 11)})
    assert response.status_code == 400
    message = "超过 200 个字符" if path.startswith("/zh-hans/") else "longer than 200 characters"
    assert message in response.content.decode()
    assert not SearchCount.objects.exists()


def test_200_characters_are_searched(client, whitepaper):
    query = ("Guangdong " * 20)[:200]
    assert len(query) == 200
    assert client.get("/search/", {"q": query}).status_code == 200


def test_a_long_query_is_refused_as_json(client, whitepaper):
    response = client.get("/search.json", {"q": "x" * 201})
    assert response.status_code == 400
    assert "longer than 200 characters" in response.json()["error"]


@pytest.mark.parametrize(
    "params",
    [
        {"q": "blockchain", "page": "0"},
        {"q": "blockchain", "page": "-1"},
        {"q": "blockchain", "page": "99999999999999999999"},
        {"q": "blockchain", "page": "9"},
        {"q": "blockchain", "page": "1e3"},
        {"q": "x" * 201, "page": "2"},
    ],
)
def test_nothing_is_written_on_a_4xx(client, whitepaper, params):
    response = client.get("/search/", params)
    assert 400 <= response.status_code < 500
    assert not SearchCount.objects.exists()


def test_many_words_are_searched_up_to_a_limit(client, whitepaper):
    words = "Guangdong blockchain startups enterprises real economy platform security media"
    html = client.get("/search/", {"q": f"{words} okapi zebra quagga"}).content.decode()
    assert "Only the first 10 words were searched." in html
    assert "Only the first" not in client.get("/search/", {"q": words}).content.decode()


text = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=220)


@pytest.mark.slow  # 300 generated searches
@settings(
    max_examples=300,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(query=text, path=st.sampled_from(["/search/", "/search.json", "/zh-hans/search/"]))
def test_no_query_gives_a_500(client, whitepaper, query, path):
    response = client.get(f"{path}?q={quote(query)}")
    assert response.status_code in (200, 400), query
