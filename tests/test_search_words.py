"""Search finds what readers type (issue 31): Chinese cut into words with the glossary's words
known, English stemmed and its stop words ignored, the glossary's pairs and readers' words in
either language, in both editions, on either database."""

import pytest
import rjieba

from whitepaper.search import vocabulary, words

pytestmark = pytest.mark.django_db

PUBLICATION = "/publications/miit-blockchain-white-paper-2018/"
EDITIONS = ["", "/zh-hans"]


def top(client, query, edition="", count=5):
    """The first results' addresses, without the host and the edition's prefix."""
    response = client.get(f"{edition}/search.json", {"q": query})
    assert response.status_code == 200
    found = response.json()["results"][:count]
    return [r["url"].removeprefix(f"http://testserver{edition}") for r in found]


@pytest.mark.parametrize("edition", EDITIONS)
def test_blockchain_enterprises_in_chinese_find_the_enterprises(client, whitepaper, edition):
    # The label is 以区块链为主营业务的企业: the words are apart, and the query is one string.
    assert (
        top(client, "区块链企业", edition)[0] == f"{PUBLICATION}statistics/blockchain-enterprises/"
    )


@pytest.mark.parametrize("edition", EDITIONS)
def test_enterprises_in_beijing(client, whitepaper, edition):
    assert set(top(client, "enterprises in Beijing", edition, 2)) == {
        f"{PUBLICATION}regions/CN-BJ/",
        f"{PUBLICATION}statistics/top-four-regions-share/",
    }


@pytest.mark.parametrize("edition", EDITIONS)
def test_development_tendencies_in_chinese_find_the_six(client, whitepaper, edition):
    assert sorted(top(client, "发展趋势", edition, 6)) == [
        f"{PUBLICATION}tendencies/{number}/" for number in range(1, 7)
    ]


@pytest.mark.parametrize("edition", EDITIONS)
def test_patents_find_the_link_and_the_paragraph_it_is_in(client, whitepaper, edition):
    assert top(client, "patents", edition) == [
        f"{PUBLICATION}findings/china-most-blockchain-patents-2017/",
        f"{PUBLICATION}source/#p-7",
    ]


def test_stop_words_do_not_keep_a_record_from_matching(client, whitepaper):
    assert top(client, "enterprises in Beijing", count=20) == top(
        client, "enterprises Beijing", count=20
    )
    assert top(client, "the tendencies of the blockchain") == top(client, "tendencies blockchain")


@pytest.mark.parametrize(
    ("english", "chinese"),
    [
        ("tendency", "趋势"),
        ("startups", "创业公司"),
        ("real economy", "实体经济"),
        ("white paper", "白皮书"),
        ("security", "安全"),
        ("Guangdong", "广东"),
        ("development tendencies", "发展趋势"),
    ],
)
@pytest.mark.parametrize("edition", EDITIONS)
def test_a_word_and_its_chinese_find_the_same(client, whitepaper, english, chinese, edition):
    found = top(client, english, edition, 20)
    assert found
    assert top(client, chinese, edition, 20) == found


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("trend", "tendencies/4/"),  # the glossary's readers' words: trend is tendency
        ("趋势", "tendencies/4/"),
        ("company", "statistics/blockchain-enterprises/"),  # company is enterprise
        ("初创企业", "statistics/financial-solution-startups/"),  # startup
        ("startup", "source/#p-6"),  # "starups" in the source
        ("实体经济", "source/#p-11"),  # an English paragraph, found in Chinese
        ("工信部", "source/#p-4"),
    ],
)
def test_readers_words_find_the_records(client, whitepaper, query, expected):
    assert f"{PUBLICATION}{expected}" in top(client, query, count=20)
    assert f"{PUBLICATION}{expected}" in top(client, query, "/zh-hans", 20)


def test_the_glossarys_chinese_words_are_words_of_the_segmenter():
    label = "以区块链为主营业务的企业"
    assert "区块链" not in rjieba.Jieba().cut(label)  # jieba's own dictionary: 区块 / 链为
    terms = words.index_text([label]).split()
    assert {"区块链", "主营业务", "企业"} <= set(terms)
    assert "的" not in terms and "以" not in terms
    query = words.parse_query("区块链企业")
    assert [group[0] for group in query.groups] == [("区块链",), ("企业",)]


def test_english_is_stemmed_and_its_phrases_kept_together():
    query = words.parse_query("The real economy of startups")
    assert query.groups[0][0] == ("real", "economi")
    assert ("实体经济",) in query.groups[0]
    assert query.groups[1][0] == ("startup",)
    assert words.index_text(["Startups; STARTUP"]) == "startup startup"


def test_a_row_of_the_glossary_makes_its_words_search_as_one(tmp_path, monkeypatch):
    glossary = tmp_path / "glossary.md"
    glossary.write_text(
        "# Glossary\n\n## Words readers search with\n\n| English | Chinese |\n|---|---|\n"
        "| okapi, forest giraffe (a note) | 霍加狓 / 长颈鹿 |\n\n## Other\n\n| a | b |\n|---|---|\n"
        "| zebra | 斑马 |\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(vocabulary, "GLOSSARY", glossary)
    for cached in (vocabulary.synonym_rows, words.synonyms, words.segmenter):
        cached.cache_clear()
    try:
        assert vocabulary.synonym_rows() == [("okapi", "forest giraffe", "霍加狓", "长颈鹿")]
        assert set(words.parse_query("霍加狓").groups[0]) == {
            ("霍加狓",),
            ("长颈鹿",),
            ("okapi",),
            ("forest", "giraff"),
        }
        assert words.parse_query("zebra").groups == ((("zebra",),),)
    finally:
        for cached in (vocabulary.synonym_rows, words.synonyms, words.segmenter):
            cached.cache_clear()
