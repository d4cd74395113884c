"""The search index follows every change staff make in the admin at once, and
rebuild_search_index rebuilds it from the records."""

import io

import pytest
from django.core.management import call_command
from django.db import connection

from tests.test_admin import admin_url, statistic_form, unpublish
from tests.test_admin_import_export import HEADER, confirm, row, upload
from whitepaper.models import Publication, Region, SearchDocument, Statistic, Tendency
from whitepaper.search import rebuild, schema

pytestmark = pytest.mark.django_db


def found(client, query):
    response = client.get("/search.json", {"q": query})
    assert response.status_code == 200
    return [item["url"].removeprefix("http://testserver") for item in response.json()["results"]]


STARTUPS = "/publications/miit-blockchain-white-paper-2018/statistics/financial-solution-startups/"
#: A published record is deleted in the admin with a public note.
DELETION = {"post": "yes", "public_note": "Removed: not in the source."}


def test_an_edit_in_the_admin_is_searchable_at_once(client, superuser, whitepaper):
    statistic = Statistic.objects.get(key="financial-solution-startups")
    assert STARTUPS not in found(client, "fintech")
    client.force_login(superuser)
    response = client.post(
        admin_url(Statistic, "change", statistic.pk),
        statistic_form(statistic, label="Fintech startups", label_zh="金融科技创业公司"),
    )
    assert response.status_code == 302
    client.logout()
    assert STARTUPS in found(client, "fintech")
    assert STARTUPS in found(client, "科技")
    assert STARTUPS not in found(client, "解决方案")  # only in the old Chinese label


def test_an_import_is_searchable_at_once(editor_client, client, whitepaper):
    text = "\n".join([HEADER, row("imported-figure", "Okapi ledgers", "3", position=9)])
    confirm(editor_client, upload(editor_client, text))
    assert "/publications/miit-blockchain-white-paper-2018/statistics/imported-figure/" in found(
        client, "okapi"
    )


def test_unpublish_and_publish_actions(client, superuser, whitepaper):
    statistic = Statistic.objects.get(key="financial-solution-startups")
    client.force_login(superuser)
    changelist = admin_url(Statistic, "changelist")
    unpublish(client, Statistic, [statistic])
    assert STARTUPS not in found(client, "financial")
    client.post(changelist, {"action": "publish", "_selected_action": [statistic.pk]})
    assert STARTUPS in found(client, "financial")


def test_unpublishing_the_publication_hides_its_records(client, superuser, whitepaper):
    client.force_login(superuser)
    changelist = admin_url(Publication, "changelist")
    unpublish(client, Publication, [whitepaper])
    assert found(client, "Guangdong") == []
    assert found(client, "MIIT") == []
    client.post(changelist, {"action": "publish", "_selected_action": [whitepaper.pk]})
    assert "/publications/miit-blockchain-white-paper-2018/regions/CN-GD/" in found(
        client, "Guangdong"
    )
    assert whitepaper.get_absolute_url() in found(client, "MIIT")


def test_a_delete_in_the_admin_is_searchable_at_once(client, superuser, whitepaper):
    statistic = Statistic.objects.get(key="financial-solution-startups")
    client.force_login(superuser)
    response = client.post(admin_url(Statistic, "delete", statistic.pk), DELETION)
    assert response.status_code == 302
    assert STARTUPS not in found(client, "financial")
    assert not SearchDocument.objects.filter(kind="statistic", record_id=statistic.pk).exists()


def test_deleting_a_tendency_in_the_admin(client, superuser, whitepaper):
    tendency = Tendency.objects.get(number=4)
    client.force_login(superuser)
    assert "/publications/miit-blockchain-white-paper-2018/tendencies/4/" in found(
        client, "platform economy"
    )
    response = client.post(admin_url(Tendency, "delete", tendency.pk), DELETION)
    assert response.status_code == 302
    assert "/publications/miit-blockchain-white-paper-2018/tendencies/4/" not in found(
        client, "platform economy"
    )


def test_deleting_a_publication_removes_its_documents(client, whitepaper):
    from tests.factories import add_statistics

    other = Publication.objects.create(
        title="Okapi report",
        slug="okapi-report",
        publisher="Okapi",
        publisher_abbreviation="OK",
        release_date="2019-01-01",
        data_as_of="2018-12-31",
        summary="A summary.",
        source_title="Okapi",
        source_quote="Okapi.",
        is_published=True,
        source_text="First okapi sentence. Second okapi sentence.",
    )
    add_statistics(other, 3, prefix="okapi")
    assert len(found(client, "okapi")) == 5  # 3 figures, the publication, its paragraph
    other.delete()
    assert found(client, "okapi") == []
    assert not SearchDocument.objects.filter(publication_id=other.pk).exists()


def test_renaming_a_region_renames_its_results(client, superuser, whitepaper):
    region = Region.objects.get(code="CN-GD")
    region.name = "Guangdong Province"
    region.name_zh = "广东省"
    region.save()
    assert "/publications/miit-blockchain-white-paper-2018/regions/CN-GD/" in found(
        client, "province"
    )
    assert "/publications/miit-blockchain-white-paper-2018/regions/CN-GD/" in found(
        client, "广东省"
    )


def documents():
    return list(
        SearchDocument.objects.order_by("id").values_list(
            "id", "kind", "record_id", "publication_id", "weight", "title", "body"
        )
    )


def test_rebuild_writes_the_same_documents_with_progress(client, whitepaper):
    before = documents()
    SearchDocument.objects.all().delete()
    assert found(client, "Guangdong") == []
    err = io.StringIO()
    out = io.StringIO()
    call_command("rebuild_search_index", stdout=out, stderr=err)
    assert documents() == before
    assert "26/26 records" in err.getvalue()
    assert f"Indexed {len(before)} documents" in out.getvalue()
    assert "/publications/miit-blockchain-white-paper-2018/regions/CN-GD/" in found(
        client, "Guangdong"
    )


def test_rebuild_sees_rows_written_without_signals(client, whitepaper):
    Statistic.objects.filter(key="financial-solution-startups").update(label="Pangolin figures")
    assert found(client, "pangolin") == []
    rebuild.rebuild()
    assert STARTUPS in found(client, "pangolin")


def test_an_existing_site_gets_its_index_after_migrate(client, whitepaper):
    SearchDocument.objects.all().delete()
    rebuild.build_if_missing()
    assert "/publications/miit-blockchain-white-paper-2018/regions/CN-GD/" in found(
        client, "Guangdong"
    )


@pytest.mark.skipif(connection.vendor != "sqlite", reason="FTS5 is SQLite's")
def test_the_fts5_index_stays_consistent(superuser, client, whitepaper):
    statistic = Statistic.objects.get(key="financial-solution-startups")
    statistic.label = "Changed"
    statistic.save()
    statistic.delete()
    rebuild.rebuild()
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {schema.FTS}({schema.FTS}) VALUES ('integrity-check')")
        cursor.execute(f"SELECT count(*) FROM {schema.FTS}")
        assert cursor.fetchone()[0] == SearchDocument.objects.count()
