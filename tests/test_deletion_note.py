"""Deleting a published record in the admin needs a public note, as changing one does, and so
does deleting one that was withdrawn (unpublished), on its page or with the list's bulk
delete; a record that was never public is deleted without one."""

import pytest

from tests.test_admin import admin_url, unpublish
from whitepaper.models import Correction, Publication, RegionalPresence, Statistic, Tendency
from whitepaper.public_note import NOTE_LENGTH

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client


def delete(client, record, **data):
    return client.post(admin_url(type(record), "delete", record.pk), {"post": "yes", **data})


def test_the_confirmation_page_asks_for_the_note(admin_client, whitepaper):
    tendency = Tendency.objects.get(number=6)
    html = admin_client.get(admin_url(Tendency, "delete", tendency.pk)).content.decode()
    assert 'name="public_note"' in html
    assert "required" in html.split('name="public_note"')[1].split(">")[0]


def test_a_published_record_is_not_deleted_without_a_note(admin_client, whitepaper):
    tendency = Tendency.objects.get(number=6)
    response = delete(admin_client, tendency)
    assert response.status_code == 200
    assert response.context["deletion_note_form"].errors["public_note"] == [
        "This record is or was published: write a short public note saying why it is "
        "deleted. It is shown on the public corrections page."
    ]
    assert Tendency.objects.filter(pk=tendency.pk).exists()
    assert not Correction.objects.exists()


def test_a_note_over_the_length_is_refused(admin_client, whitepaper):
    tendency = Tendency.objects.get(number=6)
    response = delete(admin_client, tendency, public_note="x" * (NOTE_LENGTH + 1))
    assert response.status_code == 200
    assert "public_note" in response.context["deletion_note_form"].errors
    assert Tendency.objects.filter(pk=tendency.pk).exists()


def test_a_published_publication_is_deleted_with_its_note(admin_client, whitepaper):
    RegionalPresence.objects.filter(publication=whitepaper).delete()  # they protect it
    response = delete(admin_client, whitepaper, public_note="Withdrawn by its publisher.")
    assert response.status_code == 302
    assert not Publication.objects.exists()
    [publication_row] = Correction.objects.filter(content_type__model="publication")
    assert (publication_row.kind, publication_row.public_note) == (
        "deleted",
        "Withdrawn by its publisher.",
    )


def test_the_records_a_publication_takes_with_it_carry_its_note(admin_client, whitepaper):
    RegionalPresence.objects.filter(publication=whitepaper).delete()  # they protect it
    logged_before = set(Correction.objects.values_list("pk", flat=True))
    statistics = Statistic.objects.filter(publication=whitepaper).count()
    delete(admin_client, whitepaper, public_note="Withdrawn by its publisher.")
    rows = Correction.objects.exclude(pk__in=logged_before).exclude(
        content_type__model="publication"
    )
    assert rows.filter(content_type__model="statistic").count() == statistics > 0
    assert {(row.kind, row.public_note) for row in rows} == {
        ("deleted", "Withdrawn by its publisher.")
    }
    [history] = Statistic.history.filter(key="blockchain-enterprises", history_type="-")
    assert history.history_change_reason == "Withdrawn by its publisher."


def never_published(whitepaper):
    return Statistic.objects.create(
        publication=whitepaper,
        key="draft",
        label="A draft",
        value=3,
        value_as_stated="3 years",
        unit="startups",
        category="startups",
        source_quote=Tendency.objects.get(number=3).source_quote,
        is_published=False,
    )


def test_a_record_never_published_is_deleted_without_a_note(admin_client, whitepaper):
    draft = never_published(whitepaper)
    html = admin_client.get(admin_url(Statistic, "delete", draft.pk)).content.decode()
    assert 'name="public_note"' not in html
    assert delete(admin_client, draft).status_code == 302
    assert not Statistic.objects.filter(pk=draft.pk).exists()
    assert not Correction.objects.exists()


def test_unpublish_then_delete_is_logged_with_its_notes(admin_client, whitepaper):
    statistic = Statistic.objects.get(key="real-economy-startups")
    unpublish(admin_client, Statistic, [statistic], note="Under review.")
    response = delete(admin_client, statistic)
    assert response.status_code == 200  # a withdrawn record was public: a note is needed
    assert "public_note" in response.context["deletion_note_form"].errors
    response = delete(
        admin_client, statistic, public_note="Counted twice.", public_note_zh="重复计算。"
    )
    assert response.status_code == 302
    assert not Statistic.objects.filter(pk=statistic.pk).exists()
    logged = Correction.objects.order_by("changed_at")
    assert [(row.kind, row.public_note) for row in logged] == [
        ("withdrawn", "Under review."),
        ("deleted", "Counted twice."),
    ]
    assert logged.last().public_note_zh == "重复计算。"
    log = admin_client.get("/changes/").content.decode()
    assert "Deleted from this site." in log and "Counted twice." in log
    assert "重复计算。" in admin_client.get("/zh-hans/changes/").content.decode()


def bulk_delete(client, model, records, **data):
    return client.post(
        admin_url(model, "changelist"),
        {
            "action": "delete_selected",
            "_selected_action": [r.pk for r in records],
            "post": "yes",
            **data,
        },
        follow=True,
    )


def test_bulk_delete_of_withdrawn_records_asks_for_a_note(admin_client, whitepaper):
    records = list(Statistic.objects.order_by("pk")[:2])
    unpublish(admin_client, Statistic, records[:1])
    response = bulk_delete(admin_client, Statistic, records)
    assert response.context["deletion_note_form"].errors["public_note"]
    assert 'name="public_note"' in response.content.decode()
    assert Statistic.objects.filter(pk__in=[r.pk for r in records]).count() == 2
    response = bulk_delete(admin_client, Statistic, records, public_note="Duplicates.")
    assert not Statistic.objects.filter(pk__in=[r.pk for r in records]).exists()
    assert sorted(
        Correction.objects.filter(kind="deleted").values_list("public_note", flat=True)
    ) == ["Duplicates.", "Duplicates."]


def test_bulk_delete_deletes_records_never_published(admin_client, whitepaper):
    draft = never_published(whitepaper)
    response = bulk_delete(admin_client, Statistic, [draft])
    assert response.status_code == 200
    assert not Statistic.objects.filter(pk=draft.pk).exists()
    assert not Correction.objects.exists()
