"""Citations quote only the source: in every record's citations, in every format and on pages
of both languages, each passage in quotation marks is words of the source text; every title
this site supplies is in square brackets."""

import html
import json
import re

import pytest

from reports.records.citation import quoted_passages
from reports.records.kinds import KINDS
from whitepaper.fidelity import find_quote
from whitepaper.models import Publication

pytestmark = pytest.mark.django_db

FORMATS = ("citation-credit", "citation-text", "citation-bibtex", "citation-csl")
BIBTEX_ESCAPED = re.compile(r"\\([{}%&$#_\\])")


def citations_of(client, path):
    page = client.get(path).content.decode()
    boxes = {
        box: html.unescape(re.search(rf'id="{box}"[^>]*>(.*?)</textarea>', page, re.S)[1])
        for box in FORMATS
        if f'id="{box}"' in page
    }
    if "citation-bibtex" in boxes:
        boxes["citation-bibtex"] = BIBTEX_ESCAPED.sub(r"\1", boxes["citation-bibtex"])
    return boxes


@pytest.mark.parametrize("prefix", ["", "/zh-hans"])
def test_every_quoted_passage_of_every_citation_is_the_sources(client, whitepaper, prefix):
    source = whitepaper.source_text
    pages = [
        record.get_absolute_url() for kind in KINDS for record in kind.model.objects.published()
    ] + [whitepaper.get_absolute_url()]
    quoted = 0
    for path in pages:
        for box, text in citations_of(client, prefix + path).items():
            for passage in quoted_passages(text):
                assert find_quote(source, passage) is not None, (path, box, passage)
                quoted += 1
    # The report's title in every citation at least, and the web page's link once.
    assert quoted >= len(pages) * 3


def test_titles_this_site_supplies_are_in_square_brackets(client, whitepaper):
    statistic = KINDS[0].model.objects.get(key="blockchain-enterprises")
    boxes = citations_of(client, statistic.get_absolute_url())
    label = f"[{statistic.label}: 456 enterprises]"
    assert label in boxes["citation-text"] and label in boxes["citation-bibtex"]
    assert json.loads(boxes["citation-csl"])[0]["title"] == label
    assert statistic.label not in " ".join(quoted_passages(boxes["citation-text"]))
    publication = Publication.objects.get()
    text = citations_of(client, publication.get_absolute_url())["citation-text"]
    assert "A white paper on blockchain industrial development [MIIT white paper" in text


@pytest.mark.parametrize(
    ("prefix", "credit"),
    [
        (
            "",
            "Source: MIIT white paper on blockchain industrial development (2018), via a news "
            "report; figures as of end of March 2018 (Blockchain White Paper Data, release 1.0.0)",
        ),
        (
            "/zh-hans",
            "来源：工业和信息化部区块链产业发展白皮书（2018），据新闻报道；数据截至2018年3月底"
            "（区块链白皮书数据，版本1.0.0）",
        ),
    ],
)
def test_a_news_story_gets_a_one_line_credit(client, whitepaper, prefix, credit):
    statistic = KINDS[0].model.objects.get(key="blockchain-enterprises")
    assert citations_of(client, prefix + statistic.get_absolute_url())["citation-credit"] == credit
