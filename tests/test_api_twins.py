"""The site's other addresses for programs (table downloads, record pages' .json, /search.json)
and the API never disagree, and the API's description lists every one of them."""

import json
import re

import pytest
from django.urls import URLPattern, URLResolver

from reports.api.description import machine_readable_urls
from reports.downloads import exports
from reports.records.kinds import KINDS
from reports.tables.catalogue import TABLES
from tests.test_api import SLUG, records, walk  # noqa: F401 (records is a fixture)
from whitepaper import urls as site_urls
from whitepaper.public import fields_of
from whitepaper.translation import SITE_TRANSLATION_TAGS, twins

pytestmark = pytest.mark.django_db

MISSING = object()
CHINESE_TAG = SITE_TRANSLATION_TAGS[0]


def plain(value):
    """An API value as a download writes it: a text in English, who states it by its code,
    an empty text as none."""
    if isinstance(value, dict) and "site_translation" in value:
        value = value["en"]
    if isinstance(value, dict) and "code" in value and "quoted_person" in value:
        value = value["code"]
    return None if value == "" else value


def api_value(item, lookup, model):
    """The value at a download column's lookup ("region__name_zh") in an API item; a
    Chinese twin is the Chinese text of its field."""
    value = item
    for name in lookup.split("__"):
        if not isinstance(value, dict):
            return MISSING
        if name in value:
            value = value[name]
            continue
        base = next((field for field in translated_names(model) if name in twins(field)), None)
        if base is None or base not in value:
            return MISSING
        value = value[base][CHINESE_TAG]
    return plain(value)


def translated_names(model):
    from whitepaper.models import RECORD_MODELS

    return {field for each in RECORD_MODELS for field in each.TRANSLATED_FIELDS}


def download_rows(client, table, params):
    response = client.get(table.download_url("json"), params)
    assert response.status_code == 200
    return json.loads(b"".join(response.streaming_content))["rows"]


@pytest.mark.parametrize(
    ("table", "params"),
    [(table, {}) for table in TABLES]
    + [(TABLES[0], {"sort": "-value", "category": "startups"}), (TABLES[1], {"sort": "-rank"})],
    ids=lambda value: (
        getattr(value, "slug", None) or "&".join(f"{k}={v}" for k, v in value.items())
    ),
)
@pytest.mark.usefixtures("records")
def test_a_table_download_and_the_api_list_hold_the_same_values(client, table, params):
    rows = download_rows(client, table, params)
    items = walk(client, f"/api/v1/{table.slug}", {**params, "limit": 4})
    assert len(rows) == len(items) > 0
    compared = set()
    for row, item in zip(rows, items, strict=True):
        for column in exports.columns(table.model, table.table_class.export_fields):
            name = column.name
            value = api_value(item, column.value.name, table.model)
            if value is MISSING:
                continue
            compared.add(name)
            assert plain(row[name]) == value, (name, row, item)
    assert len(compared) >= 5, compared


@pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.slug)
def test_a_record_pages_json_and_the_api_record_hold_the_same_values(client, whitepaper, kind):
    record = kind.model.objects.filter(is_published=True).first()
    twin = client.get(kind.json_url(record)).json()
    path = f"/api/v1/{kind.slug}/{record.publication.slug}/{kind.key(record)}"
    item = client.get(path).json()
    assert twin["url"] == item["url"]["en"]
    assert twin["dates"] == item["dates"]
    assert twin["publication"]["slug"] == item["publication"]["slug"]
    for name in (field.name for field in fields_of(type(record))):
        expected = twin[name]
        if isinstance(expected, dict):  # a region: its own public fields
            nested = {key: api_value(item[name], key, type(record)) for key in expected}
            assert {key: plain(value) for key, value in expected.items()} == nested
        else:
            assert plain(expected) == api_value(item, name, type(record)), name
    fields = ("changed_at", "kind", "field", "old_value", "new_value", "note", "is_minor")
    assert [{f: c[f] for f in fields} for c in twin["changes"]] == [
        {f: c[f] for f in fields} for c in item["changes"]
    ]


@pytest.mark.parametrize(
    ("twin", "api"),
    [
        ("/search.json?q=blockchain", "/api/v1/search?q=blockchain"),
        ("/search.json?q=beijing&kind=region", "/api/v1/search?q=beijing&kind=region"),
        ("/zh-hans/search.json?q=北京", "/api/v1/search?q=北京&language=zh-Hans"),
        ("/search.json?q=", "/api/v1/search?q="),
    ],
)
def test_search_json_and_the_api_search_give_the_same_results(client, whitepaper, twin, api):
    assert client.get(twin).json() == client.get(api).json()


def routes(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from routes(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield "/" + re.sub(r"<(?:\w+:)?(\w+)>", r"<\1>", prefix + str(pattern.pattern))


def test_the_description_lists_every_address_for_programs(client):
    machine = (".json", ".csv", ".zip", ".xml", "feed/")
    served = {
        route
        for route in routes(site_urls.urlpatterns)
        if route.endswith(machine) and not route.startswith("/api/")
    }
    listed = {address for address, _what, _operation in machine_readable_urls()}
    assert served and served <= listed
    introduction = client.get("/api/v1/openapi.json").json()["info"]["description"]
    for address in listed:
        assert f"`{address}`" in introduction
    operations = {
        operation["operationId"]
        for path in client.get("/api/v1/openapi.json").json()["paths"].values()
        for operation in path.values()
    }
    assert {operation for _, _, operation in machine_readable_urls() if operation} <= operations
