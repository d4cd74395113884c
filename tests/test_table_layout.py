"""A table page shows the columns that say something for the rows of its view, and says
once what every row shares (reports.tables.layout)."""

import re
from datetime import date

import pytest

from tests.factories import add_statistics, second_publication
from whitepaper.models import IndustrySegment, RegionalPresence

pytestmark = pytest.mark.django_db


def headings(html):
    """The column headings of the table, as a reader sees them."""
    cells = re.findall(r'<th scope="col"[^>]*>(.*?)</th>', html, re.S)
    return [re.sub(r'<span class="sort-hint">.*', "", cell, flags=re.S) for cell in cells]


def text(html, pattern):
    found = re.search(pattern, html, re.S)
    return re.sub(r"<[^>]+>", "", found.group(1)) if found else ""


def shared_values(html):
    return text(html, r'<dl class="shared-values"[^>]*>(.*?)</dl>')


def cells(html):
    """The text of the table's rows of records (not the rows that head a run)."""
    rows = re.findall(r'<tr id="[^"]+"[^>]*>(.*?)</tr>', html, re.S)
    return re.sub(r"<[^>]+>", " ", " ".join(rows))


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_regions_leave_out_what_the_source_never_states_and_say_so(client, whitepaper):
    html = page(client, "/regions/")
    shown = [re.sub(r"<[^>]+>", "", heading) for heading in headings(html)]
    assert shown == ["Region", "Name (Chinese)", "ISO code", "Kind", "Listed"]
    assert "not stated" not in cells(html)
    assert (
        '<p class="not-stated">Not stated in the source for these rows: rank, number of '
        "companies, as-of date.</p>" in html
    )


def test_the_chinese_page_says_it_in_chinese(client, whitepaper):
    html = page(client, "/zh-hans/regions/")
    assert "来源未说明这些行的以下字段：排名、公司数量、截至日期。" in html


def test_a_rank_in_one_row_shows_the_column_on_every_page_of_the_view(client, whitepaper):
    RegionalPresence.objects.filter(region__code="CN-BJ").update(rank=1)
    first = page(client, "/regions/?per_page=2")
    second = page(client, "/regions/?per_page=2&page=2")
    assert 'id="region-cn-bj"' in first and 'id="region-cn-bj"' not in second
    for html in (first, second):
        assert any("Rank" in heading for heading in headings(html))
        assert "rank" not in text(html, r'<p class="not-stated">(.*?)</p>')
    # The provinces have no rank: their view leaves the column out.
    provinces = page(client, "/regions/?kind=province")
    assert not any("Rank" in heading for heading in headings(provinces))
    assert "rank, number of companies" in provinces


def test_segments_show_no_empty_description_column(client, whitepaper):
    html = page(client, "/segments/")
    assert not any("Description" in heading for heading in headings(html))
    # This site's own text is simply left out: the source is not said to lack it (only the
    # date, which the source gives for none of the segments, is named).
    assert '<p class="not-stated">Not stated in the source for these rows: as-of date.</p>' in html
    segment = IndustrySegment.objects.get(slug="security")
    segment.description = "Keeping chains and keys safe."
    segment.save()
    html = page(client, "/segments/")
    assert any("Description" in heading for heading in headings(html))
    assert "Keeping chains and keys safe." in cells(html)


def test_one_publication_and_date_are_said_once_above_the_table(client, whitepaper):
    # The startups' figures are both dated by their sentence (the "over 80%" share is not).
    html = page(client, "/statistics/?category=startups")
    assert not any("Publication" in h or "As of" in h for h in headings(html))
    said = shared_values(html)
    assert "Publication" in said and whitepaper.title in said
    assert "As of" in said and "2018-03-31" in said
    assert whitepaper.title not in cells(html)


def test_rows_of_two_publications_each_name_theirs(client, whitepaper):
    second = second_publication()
    add_statistics(second, 1, as_of=date(2019, 3, 31))
    html = page(client, "/statistics/")
    shown = " ".join(headings(html))
    assert "Publication" in shown and "As of" in shown
    assert "Second edition" in cells(html)
    assert shared_values(html) == ""
    # A view of one publication's rows says it once again.
    html = page(client, "/statistics/?publication=miit-blockchain-white-paper-2018")
    assert whitepaper.title in shared_values(html)


def test_the_share_every_region_links_to_is_said_once(client, whitepaper):
    html = page(client, "/regions/")
    assert "over 80%" in shared_values(html)
    assert "over 80%" not in cells(html)


@pytest.mark.parametrize("url", ["/segments/", "/regions/", "/zh-hans/segments/"])
def test_a_source_sentence_is_said_once_above_its_run_of_rows(client, whitepaper, url):
    html = page(client, url)
    model = IndustrySegment if "segments" in url else RegionalPresence
    sentences = set(model.objects.values_list("source_quote", flat=True))
    for sentence in sentences:
        assert html.count(sentence) == 1, sentence
    assert html.count('<tr role="row" class="run">') == len(sentences)


@pytest.mark.parametrize("url", ["/segments/?sort=name", "/segments/?sort=-stage"])
def test_a_sort_that_parts_a_sentences_rows_says_the_sentence_once(client, whitepaper, url):
    html = page(client, url)
    runs = re.findall(r'<tr role="row" class="run">(.*?)</tr>', html, re.S)
    sentences = set(IndustrySegment.objects.values_list("source_quote", flat=True))
    assert len(runs) > len(sentences)  # the sort parts them
    for sentence in sentences:
        assert html.count(sentence) == 1, sentence
    backs = [run for run in runs if "the same as above" in run]
    assert len(backs) == len(runs) - len(sentences)
    for run in backs:
        target = re.search(r'href="#(run-\d+)"', run).group(1)
        assert f'id="{target}"' in html


def test_a_value_every_row_of_a_filtered_view_shares_is_said_once(client, whitepaper):
    html = page(client, "/regions/?kind=province")
    assert "Kind" in shared_values(html) and "province" in shared_values(html)
    assert "Kind" not in [re.sub(r"<[^>]+>", "", h) for h in headings(html)]
    html = page(client, "/statistics/?category=startups")
    assert "Startups by business type" in shared_values(html)
    assert "Startups by business type" not in cells(html)


def test_the_value_says_its_qualifier_and_unit_once(client, whitepaper):
    html = page(client, "/statistics/")
    shown = [re.sub(r"<[^>]+>", "", heading) for heading in headings(html)]
    assert shown == ["Figure", "Value", "Category", "As of"]
    assert "over 80%" in cells(html) and "more than" not in cells(html)


@pytest.mark.parametrize(
    ("url", "note"),
    [
        ("/statistics/?sort=-unit", "Sorted by unit, descending (not a column of this page)."),
        ("/regions/?sort=rank", "Sorted by rank, ascending (not a column of this page)."),
        ("/zh-hans/statistics/?sort=qualifier", "按限定词升序排列（本页未列出该列）。"),
    ],
)
def test_a_sort_by_a_column_the_page_does_not_show_is_said(client, whitepaper, url, note):
    html = page(client, url)
    assert f'<p class="not-stated">{note}</p>' in html
    assert "aria-sort" not in html
    assert "Sorted by" not in page(client, "/statistics/?sort=-value")


def test_counts_are_aligned_on_their_digits(client, whitepaper):
    html = page(client, "/regions/")
    assert '<th scope="col" role="columnheader" class="number"' in html
    assert re.search(r'<td class="number" role="cell" data-label="Listed">1</td>', html)


def test_a_view_with_no_rows_keeps_its_columns_and_says_nothing_is_missing(client, whitepaper):
    html = page(client, "/regions/?q=nowhere")
    assert "No rows match these filters." in html
    assert 'class="not-stated"' not in html and 'class="shared-values"' not in html


def test_a_request_waits_for_the_layout_another_request_is_finding(
    client, whitepaper, monkeypatch, settings
):
    """Like the row count (tests/test_pagination.py): many requests for a view not yet
    cached do not each run the aggregate over the whole view."""
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from reports.tables import layout, pagination

    settings.PAGE_CACHE_SECONDS = 0
    original_add, claimed = cache.add, []

    def add(key, *args, **kwargs):
        if key.endswith("|layout|counting"):
            claimed.append(key.removesuffix("|counting"))
            return False
        return original_add(key, *args, **kwargs)

    def the_other_request_finishes(seconds):
        cache.set(claimed[-1], layout.Layout(absent=("rank",)))

    monkeypatch.setattr(cache, "add", add)
    monkeypatch.setattr(pagination.time, "sleep", the_other_request_finishes)
    with CaptureQueriesContext(connection) as context:
        html = page(client, "/regions/")
    assert not any('AS "rows"' in query["sql"] for query in context.captured_queries)
    # The other request's finding is used: only the rank is left out.
    assert not any("Rank" in heading for heading in headings(html))
    assert any("Companies" in heading for heading in headings(html))
