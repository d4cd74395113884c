"""Each kind of record is defined once, on its model; every list of the kinds is derived from
it. This walks every kind and checks that each reader covers it and every public field."""

import pytest
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from reports.downloads import package
from reports.records.kinds import KIND_OF_MODEL, KINDS
from reports.search.display import KIND_LABELS, SHAPES
from reports.tables.catalogue import TABLE_OF_MODEL, TABLES
from reports.views.sitemaps import SITEMAPS
from whitepaper.models import (
    PUBLICATION_RECORDS,
    RECORD_MODELS,
    Correction,
    Publication,
    Region,
    relation_of,
)
from whitepaper.resources import RESOURCES
from whitepaper.search.documents import SOURCE_OF_MODEL
from whitepaper.search.engine import KINDS as SEARCH_KINDS
from whitepaper.translation import SOURCE_LANGUAGE, twins, with_twins

pytestmark = pytest.mark.django_db


def test_the_kinds_are_the_models_in_their_order():
    assert [kind.model for kind in KINDS] == PUBLICATION_RECORDS
    positions = [model.LIST_POSITION for model in PUBLICATION_RECORDS]
    assert positions == sorted(positions) and len(set(positions)) == len(positions)
    assert len({model.KIND for model in PUBLICATION_RECORDS}) == len(PUBLICATION_RECORDS)
    assert (
        len({model.SEARCH_NUMBER for model in (*PUBLICATION_RECORDS, Publication)})
        == len(PUBLICATION_RECORDS) + 1
    )


@pytest.mark.parametrize("model", PUBLICATION_RECORDS, ids=lambda model: model.KIND)
def test_every_reader_covers_every_kind(model, whitepaper):
    record = model.objects.published().filter(publication=whitepaper).first()
    assert record is not None, f"the white paper has no {model.KIND}"
    kind = KIND_OF_MODEL[model]
    public = model.public_fields()

    # Its page and its JSON, with every public field and every translation.
    url = record.get_absolute_url()
    assert url.startswith(f"/publications/{whitepaper.slug}/{model.URL_SEGMENT}/")
    assert set(public) <= set(kind.json_fields(record))

    # Its place on the publication's page and in the sitemap.
    assert relation_of(model) in {relation_of(m) for m in PUBLICATION_RECORDS}
    assert kind.slug in SITEMAPS

    # Its table, or its own resource in the dataset package.
    names = {resource.name for resource in package.resources(TABLES)}
    assert kind.slug in names
    if model in TABLE_OF_MODEL:
        assert TABLE_OF_MODEL[model].page_url() == reverse(f"reports:{kind.slug}")

    # The search index: its title and body fields with their translations, its results.
    source = SOURCE_OF_MODEL[model]
    searched = with_twins((*model.SEARCH_TITLE, *model.SEARCH_BODY), model)
    assert set(searched) <= set(source.fields)
    assert model.KIND in SEARCH_KINDS and model.KIND in KIND_LABELS and SHAPES[model.KIND]

    # The corrections log names it (in English; in every language it has a translation in).
    assert record.log_label(SOURCE_LANGUAGE)

    # The admin: its own page, an inline on the publication's page, a CSV resource with every
    # public field (translations and who states it included).
    assert admin.site.is_registered(model)
    resource_fields = RESOURCES[model]().get_export_headers()
    assert set(public) - {"region", "combined_share"} <= set(resource_fields)
    assert "stated_by" in resource_fields
    for field in model.TRANSLATED_FIELDS:
        assert set(twins(field)) <= set(resource_fields)


def test_the_corrections_log_links_every_kind_to_its_page(whitepaper):
    for model in PUBLICATION_RECORDS:
        record = model.objects.published().filter(publication=whitepaper).first()
        Correction.objects.create(
            changed_at=record.updated_at,
            publication=whitepaper,
            content_type=ContentType.objects.get_for_model(model),
            object_id=record.pk,
            record_label=record.log_label(SOURCE_LANGUAGE),
            kind=Correction.Kind.CHANGED,
        )
    linked = {
        correction.record_model: correction.record_url()
        for correction in Correction.objects.public_log()
    }
    for model in PUBLICATION_RECORDS:
        record = model.objects.published().filter(publication=whitepaper).first()
        assert linked[model] == record.get_absolute_url()


def test_every_record_model_has_an_admin_and_a_csv_resource_but_the_publication():
    for model in RECORD_MODELS:
        assert admin.site.is_registered(model)
    assert set(RESOURCES) == set(RECORD_MODELS) - {Publication}
    assert Region in RESOURCES
