"""The API for programs: the same records as the table pages, cursors that walk every record
once, ETags and 304s, CORS under /api/ only, the rate limit, and errors as problem+json."""

import json
import re
from decimal import Decimal

import pytest
from openapi_spec_validator import validate

from reports.records.kinds import KINDS
from reports.tables.catalogue import TABLES
from tests.factories import add_statistics, second_publication
from whitepaper.models import RegionalPresence, Statistic

pytestmark = pytest.mark.django_db

SLUG = "miit-blockchain-white-paper-2018"
KIND_OF_TABLE = {table.slug: table.kind for table in TABLES}


@pytest.fixture
def records(whitepaper):
    """The white paper, a second publication and statistics with ties, so that every sort
    has rows to order and cursors have pages to walk."""
    second = second_publication()
    add_statistics(second, 9, category="regions", qualifier="about")
    for tie in add_statistics(whitepaper, 6, prefix="tie"):
        tie.value = Decimal(80)
        tie.save()
    return whitepaper


def walk(client, path, params):
    """Every record of a list, following `next` from the first page to the last; checks
    that the Link header says the same as the body."""
    response = client.get(path, params)
    results = []
    while True:
        assert response.status_code == 200, response.content
        body = response.json()
        results += body["results"]
        if body["next"] is None:
            assert "Link" not in response
            return results
        assert response["Link"] == f'<{body["next"]}>; rel="next"'
        response = client.get(body["next"])


def anchors_on_table_page(client, table, params):
    page = client.get(f"/{table.slug}/", {**params, "per_page": 100})
    assert page.status_code == 200
    return re.findall(r'<tr[^>]* id="([^"]+)"', page.content.decode())


def anchor_of(kind, item):
    """The table row id of the record an API item is (its model's own anchor)."""
    key = value_at_item(item, kind.model.URL_KEY)
    lookup = {"publication__slug": item["publication"]["slug"], kind.model.URL_KEY: key}
    return kind.model.objects.get(**lookup).anchor


def value_at_item(item, lookup):
    for name in lookup.split("__"):
        item = item[name]
    return item


def sorts(table):
    from reports.api.parameters import sort_names

    return ["", *(f"{sign}{name}" for name in sort_names(table) for sign in ("", "-"))]


@pytest.mark.parametrize(
    ("table", "sort"),
    [(table, sort) for table in TABLES for sort in sorts(table)],
    ids=lambda value: getattr(value, "slug", value) or "default",
)
def test_every_sort_gives_the_table_pages_records_in_its_order(client, records, table, sort):
    params = {"sort": sort} if sort else {}
    expected = anchors_on_table_page(client, table, params)
    assert expected
    kind = KIND_OF_TABLE[table.slug]
    listed = walk(client, f"/api/v1/{table.slug}", {**params, "limit": 2})
    assert [anchor_of(kind, item) for item in listed] == expected


def filter_cases():
    cases = []
    for table in TABLES:
        for name, filter_ in table.filterset_class.base_filters.items():
            choices = filter_.extra.get("choices", ())
            if callable(choices):  # read from the records: one of them below
                continue
            for value, _label in choices:
                cases.append((table, {name: value}))
        cases.append((table, {"publication": SLUG}))
        cases.append((table, {"publication": "no-such-publication"}))
        cases.append((table, {"q": "block"}))
    statistics = TABLES[0]
    cases.append((statistics, {"category": "startups", "unit": "startups", "sort": "-value"}))
    segments = next(table for table in TABLES if table.slug == "segments")
    cases.append((segments, {"stage": "security"}))
    return cases


@pytest.mark.parametrize(
    ("table", "params"),
    filter_cases(),
    ids=lambda value: (
        getattr(value, "slug", None) or "&".join(f"{k}={v}" for k, v in value.items())
    ),
)
def test_every_filter_gives_the_table_pages_records(client, records, table, params):
    expected = anchors_on_table_page(client, table, params)
    kind = KIND_OF_TABLE[table.slug]
    listed = walk(client, f"/api/v1/{table.slug}", {**params, "limit": 3})
    assert [anchor_of(kind, item) for item in listed] == expected


def test_a_cursor_walk_lists_every_record_once_even_while_records_are_edited(client, records):
    first = client.get("/api/v1/statistics", {"sort": "value", "limit": 5}).json()
    before = list(Statistic.objects.order_by("value", "pk").values_list("key", flat=True))
    # Edits behind and ahead of the cursor: a record added before it, one removed after it.
    Statistic.objects.filter(key="extra-0008").delete()
    early = add_statistics(records, 1, prefix="early")[0]
    early.value = Decimal(0)
    early.save()
    rest = walk(client, first["next"], {})
    keys = [item["key"] for item in first["results"] + rest]
    assert len(keys) == len(set(keys))
    assert keys == [key for key in before if key != "extra-0008"]


def test_a_record_has_both_languages_typed_values_and_its_dates(client, whitepaper):
    response = client.get(f"/api/v1/statistics/{SLUG}/blockchain-enterprises")
    assert response.status_code == 200
    item = response.json()
    assert item["record_kind"] == "statistic"
    assert item["value"] == 456 and item["qualifier"] == "exact" and item["unit"] == "enterprises"
    assert item["label"]["en"] and item["label"]["zh-Hans"]
    assert item["label"]["site_translation"] == ["zh-Hans"]
    assert item["display_value"] == {
        "en": "456 enterprises",
        "zh-Hans": "456家企业",
        "site_translation": ["zh-Hans"],
    }
    assert item["dates"]["data_as_of"] == "2018-03-31"
    assert item["dates"]["published"] == "2018-05-20"
    assert item["url"]["zh-Hans"].endswith(
        f"/zh-hans/publications/{SLUG}/statistics/blockchain-enterprises/"
    )
    assert item["source_quote"] in whitepaper.source_text
    assert item["changes"] == []


def test_a_bound_keeps_its_qualifier(client, whitepaper):
    bound = Statistic.objects.filter(qualifier="more_than").first()
    item = client.get(f"/api/v1/statistics/{SLUG}/{bound.key}").json()
    assert item["qualifier"] == "more_than"
    assert item["display_value"]["en"].startswith("over ")
    assert isinstance(item["value"], int | float)


def test_a_region_carries_its_combined_share_unless_it_is_withdrawn(client, whitepaper):
    presence = (
        RegionalPresence.objects.exclude(combined_share=None).select_related("region").first()
    )
    path = f"/api/v1/regions/{SLUG}/{presence.region.code}"
    share = client.get(path).json()["combined_share"]
    assert share["key"] == presence.combined_share.key
    assert share["url"]["en"].endswith(f"/statistics/{share['key']}/")
    withdrawn = presence.combined_share
    withdrawn.is_published = False
    withdrawn.save()
    assert client.get(path).json()["combined_share"] is None


def test_a_missing_record_is_a_problem_404(client, whitepaper):
    response = client.get(f"/api/v1/statistics/{SLUG}/no-such-figure")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["detail"] == "No published record has this address."


@pytest.mark.parametrize(
    ("query", "words"),
    [
        ("after=not-a-cursor", "cursor `after`"),
        ("after=WyJ4Il0", "cursor `after`"),  # ["x"]: the wrong number of values
        ("limit=1001", "limit"),
        ("limit=abc", "limit"),
        ("sort=source_quote", "sort"),
        ("category=nope", "category"),
    ],
)
def test_a_bad_cursor_or_parameter_is_a_problem_400(client, whitepaper, query, words):
    response = client.get(f"/api/v1/statistics?{query}")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert problem["status"] == 400 and problem["title"] == "Bad Request"
    assert words in problem["detail"]


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/statistics",
        f"/api/v1/tendencies/{SLUG}/4",
        "/api/v1/search?q=beijing",
        "/api/v1/changes",
        "/api/v1/publications",
        "/api/v1/openapi.json",
        "/api/v1/docs/",
    ],
)
def test_every_get_has_an_etag_and_answers_304_while_it_matches(client, whitepaper, path):
    response = client.get(path)
    assert response.status_code == 200
    assert response["Cache-Control"] == "public, no-cache"
    unchanged = client.get(path, headers={"If-None-Match": response["ETag"]})
    assert unchanged.status_code == 304
    assert unchanged.content == b""


def test_an_edit_changes_the_etag(client, whitepaper):
    etag = client.get("/api/v1/statistics")["ETag"]
    figure = Statistic.objects.get(key="blockchain-enterprises")
    figure.note = "Checked."
    figure.save()
    response = client.get("/api/v1/statistics", headers={"If-None-Match": etag})
    assert response.status_code == 200
    assert response["ETag"] != etag


def test_cors_allows_any_site_to_read_the_api_and_nothing_else(client, whitepaper):
    origin = {"Origin": "https://example.org"}
    response = client.get("/api/v1/statistics", headers=origin)
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response
    assert "Link" in response["Access-Control-Expose-Headers"]
    preflight = client.options(
        "/api/v1/statistics",
        headers={**origin, "Access-Control-Request-Method": "GET"},
    )
    assert preflight.status_code == 200
    assert preflight["Access-Control-Allow-Origin"] == "*"
    assert preflight["Access-Control-Allow-Methods"] == "GET, OPTIONS"
    for path in ("/statistics/", "/statistics.json", "/search.json?q=beijing", "/"):
        assert "Access-Control-Allow-Origin" not in client.get(path, headers=origin)


def test_past_the_rate_a_client_gets_429_with_retry_after(client, whitepaper, settings):
    settings.API_REQUESTS_PER_MINUTE = 3
    for _ in range(3):
        assert client.get("/api/v1/publications").status_code == 200
    response = client.get("/api/v1/statistics", headers={"Origin": "https://example.org"})
    assert response.status_code == 429
    assert response["Content-Type"] == "application/problem+json"
    assert 1 <= int(response["Retry-After"]) <= 60
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "3 requests in a minute" in response.json()["detail"]
    other_client = client.get("/api/v1/statistics", REMOTE_ADDR="192.0.2.7")
    assert other_client.status_code == 200
    assert client.get("/statistics/").status_code == 200


def test_the_description_is_valid_openapi_and_describes_every_status(client):
    response = client.get("/api/v1/openapi.json")
    description = response.json()
    validate(description)
    assert description["openapi"].startswith("3.1")
    for path, operations in description["paths"].items():
        for operation in operations.values():
            answers = operation["responses"]
            assert {"200", "304", "400", "429"} <= set(answers), path
            assert "application/problem+json" in answers["400"]["content"]
            assert answers["429"]["headers"]["Retry-After"]["required"]
            assert answers["200"]["headers"]["ETag"]["required"]


def test_every_field_is_described_in_the_words_of_its_model(client):
    schemas = client.get("/api/v1/openapi.json").json()["components"]["schemas"]
    for kind in KINDS:
        properties = schemas[kind.model.__name__]["properties"]
        for name, described in properties.items():
            assert described.get("description") or "$ref" in str(described), (kind, name)
    label = schemas["Statistic"]["properties"]["label"]
    assert "This site's label" in json.dumps(label)


def test_the_docs_page_serves_swagger_from_this_site(client):
    page = client.get("/api/v1/docs/").content.decode()
    assert '<html lang="en">' in page
    assert "/static/ninja/swagger-ui-bundle" in page
    assert "cdn" not in page.lower()
    assert "<script>" not in page  # no inline script: the CSP stays as it is


def test_the_site_links_to_the_api_for_programs(client, whitepaper):
    for path, programs in (
        ("/", "/for-programs/"),
        ("/zh-hans/statistics/", "/zh-hans/for-programs/"),
    ):
        page = client.get(path).content.decode()
        assert f'href="{programs}"' in page
        page = client.get(programs).content.decode()
        assert 'href="/api/v1/docs/"' in page and 'href="/api/v1/openapi.json"' in page
