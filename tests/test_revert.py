"""Reverting a record to a version in its history: the old version fills the form and is
saved as a new change, with its note, in the public log and in the next release."""

import pytest
from django.urls import reverse

from tests.test_admin import admin_url, change_form_data, statistic_form
from tests.test_corrections import text_of
from tests.test_releases import publish
from whitepaper.models import Correction, Release, ReleasedRecord, Statistic

pytestmark = pytest.mark.django_db


def revert_url(record, version):
    name = record._meta.model_name
    return reverse(f"admin:whitepaper_{name}_simple_history", args=[record.pk, version.pk])


@pytest.fixture
def edited(client, superuser, whitepaper):
    """The 456 statistic after an editor changed its label and the change was released (1.0.1);
    and its version before."""
    client.force_login(superuser)
    statistic = Statistic.objects.get(key="blockchain-enterprises")
    before = statistic.history.latest()
    response = client.post(
        admin_url(Statistic, "change", statistic.pk),
        statistic_form(statistic, label="Enterprises in blockchain", public_note="Shorter."),
    )
    assert response.status_code == 302
    assert "Published release 1.0.1" in publish()
    return Statistic.objects.get(pk=statistic.pk), before


def test_the_revert_form_shows_the_old_version(client, edited):
    statistic, before = edited
    page = client.get(revert_url(statistic, before))
    assert page.status_code == 200
    form = page.context["adminform"].form
    assert form["label"].value() == "Enterprises with blockchain as their main business"


def test_a_revert_needs_a_note_and_reaches_the_log_and_the_next_release(client, edited):
    statistic, before = edited
    url = revert_url(statistic, before)
    data = change_form_data(client.get(url))
    data["public_note"] = ""
    refused = client.post(url, data)
    assert refused.status_code == 200  # a published record: the revert needs its note
    assert "public_note" in refused.context["adminform"].form.errors
    assert "was changed by" not in refused.content.decode()  # no false "edited at once"

    data["public_note"] = "Back to the fuller label."
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    statistic.refresh_from_db()
    assert statistic.label == "Enterprises with blockchain as their main business"
    assert statistic.history.latest().history_change_reason == "Back to the fuller label."

    revert = Correction.objects.order_by("changed_at").last()
    assert (revert.field_name, revert.old_value, revert.new_value) == (
        "label",
        "Enterprises in blockchain",
        "Enterprises with blockchain as their main business",
    )
    assert "Back to the fuller label." in text_of(client.get("/changes/"))

    assert "Published release 1.0.2" in publish()
    released = ReleasedRecord.objects.of_record(statistic).last()
    assert (released.release, released.change) == (Release.objects.latest_release(), "changed")
    assert released.new["label"] == "Enterprises with blockchain as their main business"
    assert "In release 1.0.2 . Editors’ note: Back to the fuller label." in text_of(
        client.get("/changes/")
    )


def test_a_revert_is_still_refused_when_someone_saved_meanwhile(client, edited):
    statistic, before = edited
    url = revert_url(statistic, before)
    data = change_form_data(client.get(url))
    data["public_note"] = "Back to the fuller label."
    statistic.note = "Someone else's edit."
    statistic.save()
    response = client.post(url, data)
    assert response.status_code == 200
    assert "was changed by" in response.content.decode()
