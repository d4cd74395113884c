"""A citation names as its author whoever states what it cites: the white paper's publisher
for the white paper's statements (as the article reports them), the article for its own
words, the quoted person (with their role) for what they said, the web page for its link
text; in plain text, BibTeX and CSL-JSON, on pages of both languages, and the record's JSON
says the same."""

import json
import re
from html import unescape

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from whitepaper.attribution import attribution
from whitepaper.models import Finding, IndustrySegment, RegionalPresence, Statistic, Tendency

pytestmark = pytest.mark.django_db

MINISTRY = "Ministry of Industry and Information Technology of the People’s Republic of China"
#: Who a citation names as its author, for each voice of the source.
AUTHORS = {
    "white_paper": f"{MINISTRY} (MIIT)",
    "report": "The source article",
    "quoted_person": (
        "Yu Jianing (the director of industrial economic institute of the information center "
        "of MIIT)"
    ),
    "web_page": "The web page that carries the source article",
}
ARTICLE = "“China’s MIIT Released The First Official Blockchain Industrial White Paper”"


@pytest.fixture(autouse=True)
def english():
    translation.activate("en")


def textarea(html, ident):
    return unescape(re.search(rf'id="{ident}"[^>]*>(.*?)</textarea>', html, re.S).group(1))


def every_record():
    models = [Statistic, RegionalPresence, IndustrySegment, Tendency, Finding]
    return [record for model in models for record in model.objects.all()]


@pytest.mark.parametrize("prefix", ["", "/zh-hans"])
def test_every_citation_names_who_states_the_record(client, whitepaper, prefix):
    records = every_record()
    assert {record.stated_by for record in records} == set(AUTHORS)
    for record in records:
        author = AUTHORS[record.stated_by]
        html = client.get(prefix + record.get_absolute_url()).content.decode()
        plain = textarea(html, "citation-text")
        assert plain.startswith(f"{author}. "), (record, plain)
        assert ARTICLE in plain
        assert f"author = {{{{{author}}}}}" in textarea(html, "citation-bibtex"), record
        [item] = json.loads(textarea(html, "citation-csl"))
        assert item["author"] == [{"literal": author}], record
        if record.stated_by != "white_paper":
            assert MINISTRY not in plain and MINISTRY not in item["author"][0]["literal"]


def test_the_report_and_the_web_page_are_not_cited_as_the_white_paper(client, whitepaper):
    share = client.get(Statistic.objects.get(key="top-four-regions-share").get_absolute_url())
    plain = textarea(share.content.decode(), "citation-text")
    # This site's label is a title it supplies: in square brackets, never in quotation marks.
    assert plain.startswith("The source article. [Share of blockchain companies")
    assert "In “China’s MIIT Released" in plain
    assert "undated, it reports the release of 2018-05-20" in plain
    # The link is the web page's own words: in quotation marks, with the page as the author.
    patents = Finding.objects.get(key="china-most-blockchain-patents-2017")
    plain = textarea(client.get(patents.get_absolute_url()).content.decode(), "citation-text")
    assert plain.startswith(
        "The web page that carries the source article. “China-Filed-Most-Blockchain-Patents-in-2017”."
    )
    assert "China filed the most" not in plain
    # A person's view the report gives is cited as reported, never as a quote.
    person = Finding.objects.get(key="first-official-white-paper")
    plain = textarea(client.get(person.get_absolute_url()).content.decode(), "citation-text")
    assert "[It is the first official" in plain
    assert "According to Yu Jianing, as reported in “China’s MIIT Released" in plain
    assert "“It is the first" not in plain


def test_a_named_site_is_cited_instead_of_the_source_article(client, whitepaper):
    whitepaper.source_site = "Example News"
    whitepaper.save()
    share = Statistic.objects.get(key="top-four-regions-share")
    plain = textarea(client.get(share.get_absolute_url()).content.decode(), "citation-text")
    assert plain.startswith("Example News. ")
    assert "(Example News; undated" in plain


def test_the_json_says_who_states_it_in_the_citations_terms(client, whitepaper):
    for record in every_record():
        data = json.loads(client.get(record.get_absolute_url().rstrip("/") + ".json").content)
        who = data["who_states_it"]
        assert who["stated_by"] == record.stated_by
        role = f" ({who['role']})" if who["role"] else ""
        assert who["author"] + role == AUTHORS[record.stated_by]


def test_the_guard_refuses_a_person_the_quote_does_not_name(whitepaper):
    statistic = Statistic.objects.get(key="blockchain-enterprises")
    statistic.stated_by = "quoted_person"
    with pytest.raises(ValidationError) as refused:
        statistic.full_clean()
    assert list(refused.value.message_dict) == ["stated_by"]


def test_the_guard_refuses_a_web_page_statement_that_is_no_page_line(whitepaper):
    finding = Finding.objects.get(key="industrial-application-focus")
    finding.stated_by = "web_page"
    with pytest.raises(ValidationError) as refused:
        finding.full_clean()
    assert list(refused.value.message_dict) == ["stated_by"]


@pytest.mark.parametrize("stated_by", ["white_paper", "report"])
def test_the_guard_refuses_a_page_line_said_to_be_anyone_elses(whitepaper, stated_by):
    finding = Finding.objects.get(stated_by="web_page")
    finding.stated_by = stated_by
    with pytest.raises(ValidationError) as refused:
        finding.full_clean()
    assert list(refused.value.message_dict) == ["stated_by"]


def test_the_api_says_who_states_it_in_the_citations_terms(client, whitepaper):
    for item in client.get("/api/v1/statistics", {"limit": 100}).json()["results"]:
        record = Statistic.objects.get(key=item["key"])
        cited = attribution(record)
        assert item["stated_by"]["author"] == cited.author
        assert item["stated_by"]["via"] == cited.via
    share = client.get("/api/v1/statistics", {"limit": 100}).json()["results"]
    [item] = [i for i in share if i["key"] == "top-four-regions-share"]
    assert item["stated_by"]["author"] == "The source article"


def test_a_title_that_ends_a_sentence_is_not_closed_twice(client, whitepaper):
    finding = Finding.objects.get(key="industrial-application-focus")
    assert finding.text.endswith(".")
    page = client.get(finding.get_absolute_url()).content.decode()
    text = unescape(re.search(r'<textarea id="citation-text"[^>]*>(.*?)</textarea>', page, re.S)[1])
    assert f"[{finding.text.removesuffix('.')}]. In:" in text
    assert ".]." not in text and ".”." not in text
