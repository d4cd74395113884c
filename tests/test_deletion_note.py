"""Deleting a published record in the admin needs a public note, as changing one does; the
changelist's bulk delete, which has no place for a note, deletes drafts only."""

import pytest

from tests.test_admin import admin_url
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
        "This record is published: write a short public note saying why it is deleted. "
        "It is shown on the public corrections page."
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


def unpublish(client, model, records):
    """As an editor does (the change is in the records' history)."""
    client.post(
        admin_url(model, "changelist"),
        {"action": "unpublish", "_selected_action": [record.pk for record in records]},
    )


def test_a_draft_is_deleted_without_a_note(admin_client, whitepaper):
    statistic = Statistic.objects.get(key="real-economy-startups")
    unpublish(admin_client, Statistic, [statistic])
    html = admin_client.get(admin_url(Statistic, "delete", statistic.pk)).content.decode()
    assert 'name="public_note"' not in html
    assert delete(admin_client, statistic).status_code == 302
    assert not Statistic.objects.filter(pk=statistic.pk).exists()
    assert list(Correction.objects.values_list("kind", flat=True)) == ["withdrawn"]


def bulk_delete(client, model, records):
    return client.post(
        admin_url(model, "changelist"),
        {"action": "delete_selected", "_selected_action": [r.pk for r in records], "post": "yes"},
        follow=True,
    )


def test_bulk_delete_refuses_published_records(admin_client, whitepaper):
    records = list(Statistic.objects.order_by("pk")[:2])
    unpublish(admin_client, Statistic, records[:1])
    response = bulk_delete(admin_client, Statistic, records)
    assert "1 selected record is published." in response.content.decode()
    assert Statistic.objects.filter(pk__in=[r.pk for r in records]).count() == 2


def test_bulk_delete_deletes_drafts(admin_client, whitepaper):
    drafts = list(Statistic.objects.order_by("pk")[:2])
    unpublish(admin_client, Statistic, drafts)
    response = bulk_delete(admin_client, Statistic, drafts)
    assert response.status_code == 200
    assert not Statistic.objects.filter(pk__in=[r.pk for r in drafts]).exists()
    assert set(Correction.objects.values_list("kind", flat=True)) == {"withdrawn"}
