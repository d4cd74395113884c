"""Staff edit the records in the admin: smoke tests, permissions, bad input, history."""

from decimal import Decimal

import pytest
from django.urls import reverse

from whitepaper.models import (
    Correction,
    Finding,
    IndustrySegment,
    Publication,
    Region,
    RegionalPresence,
    Statistic,
    Tendency,
)

pytestmark = pytest.mark.django_db

MODELS = [Publication, Statistic, Region, RegionalPresence, IndustrySegment, Tendency, Finding]


def admin_url(model, view, *args):
    return reverse(f"admin:whitepaper_{model._meta.model_name}_{view}", args=args)


def statistic_form(statistic, **changes):
    data = {
        "publication": statistic.publication_id,
        "key": statistic.key,
        "label": statistic.label,
        "label_zh": statistic.label_zh,
        "value": str(statistic.value),
        "value_as_stated": statistic.value_as_stated,
        "unit": statistic.unit,
        "qualifier": statistic.qualifier,
        "category": statistic.category,
        "as_of": statistic.as_of.isoformat() if statistic.as_of else "",
        "source_quote": statistic.source_quote,
        "stated_by": statistic.stated_by,
        "note": statistic.note,
        "note_zh": statistic.note_zh,
        "position": statistic.position,
        "is_published": "on" if statistic.is_published else "",
        "loaded_version": statistic.updated_at.isoformat(),
        # Changes to a published record need a public note (whitepaper.public_note).
        "public_note": "Checked against the source.",
    }
    data.update(changes)
    return data


def unpublish(client, model, records, note="Withdrawn for review."):
    """As an editor does: the list's action, then its note (the change is in the records'
    history and, for a published record, in the public log with the note)."""
    return client.post(
        admin_url(model, "changelist"),
        {
            "action": "unpublish",
            "_selected_action": [record.pk for record in records],
            "note_given": "1",
            "public_note": note,
        },
    )


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m._meta.model_name)
@pytest.mark.parametrize("view", ["changelist", "add", "change", "history"])
def test_staff_can_open_every_admin_page(client, superuser, whitepaper, model, view):
    client.force_login(superuser)
    args = [model.objects.first().pk] if view in ("change", "history") else []
    assert client.get(admin_url(model, view, *args)).status_code == 200


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m._meta.model_name)
def test_anonymous_users_are_sent_to_login(client, whitepaper, model):
    response = client.get(admin_url(model, "changelist"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_changelist_search_and_filters(client, superuser, whitepaper):
    client.force_login(superuser)
    response = client.get(admin_url(Statistic, "changelist"), {"q": "startups", "unit": "startups"})
    assert response.status_code == 200
    assert response.context["cl"].result_count == 2


def test_editor_can_change_a_statistic_and_history_names_them(editor_client, editor, whitepaper):
    statistic = Statistic.objects.get(key="blockchain-enterprises")
    response = editor_client.post(
        admin_url(Statistic, "change", statistic.pk), statistic_form(statistic, note="Checked.")
    )
    assert response.status_code == 302
    statistic.refresh_from_db()
    assert statistic.note == "Checked."
    latest = statistic.history.latest()
    assert latest.history_type == "~"
    assert latest.history_user == editor
    history_page = editor_client.get(admin_url(Statistic, "history", statistic.pk))
    assert "editor" in history_page.content.decode()


def test_editor_cannot_manage_users_or_groups(editor_client):
    assert editor_client.get(reverse("admin:auth_user_changelist")).status_code == 403
    assert editor_client.get(reverse("admin:auth_group_changelist")).status_code == 403
    assert editor_client.get(reverse("admin:auth_user_add")).status_code == 403


def test_editor_sees_records_but_not_auth_on_the_index(editor_client, whitepaper):
    page = editor_client.get(reverse("admin:index")).content.decode()
    assert "Statistics" in page
    assert "Users" not in page
    assert "Groups" not in page


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"value": "-3"}, "A count or share cannot be negative."),
        ({"value": "101", "unit": "percent"}, "A percentage cannot be above 100."),
        (
            {"key": "real-economy-startups"},
            "This publication already has a statistic with this key.",
        ),
    ],
    ids=["negative", "percent-over-100", "duplicate-key"],
)
def test_bad_statistic_is_refused_with_field_message(
    client, superuser, whitepaper, changes, message
):
    client.force_login(superuser)
    statistic = Statistic.objects.get(key="blockchain-enterprises")
    response = client.post(
        admin_url(Statistic, "change", statistic.pk), statistic_form(statistic, **changes)
    )
    assert response.status_code == 200
    field = next(iter(changes)) if "unit" not in changes else "value"
    assert message in response.context["adminform"].form.errors[field]
    statistic.refresh_from_db()
    assert statistic.value == Decimal(456)
    assert statistic.key == "blockchain-enterprises"


def test_duplicate_tendency_number_is_refused(client, superuser, whitepaper):
    client.force_login(superuser)
    tendency = Tendency.objects.get(number=2)
    response = client.post(
        admin_url(Tendency, "change", tendency.pk),
        {
            "publication": whitepaper.pk,
            "number": "1",
            "title": tendency.title,
            "text": tendency.text,
            "source_quote": tendency.source_quote,
            "is_published": "on",
            "loaded_version": tendency.updated_at.isoformat(),
        },
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["number"] == [
        "This publication already has a tendency with this number."
    ]
    tendency.refresh_from_db()
    assert tendency.number == 2


def test_duplicate_region_code_is_refused(client, superuser, whitepaper):
    client.force_login(superuser)
    response = client.post(
        admin_url(Region, "add"),
        {"name": "Peking", "name_zh": "北京", "code": "CN-BJ", "kind": "municipality"},
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["code"] == [
        "Another region already has this code."
    ]
    assert Region.objects.count() == 4


def test_deleting_a_region_in_use_is_refused(client, superuser, whitepaper):
    client.force_login(superuser)
    region = Region.objects.get(code="CN-ZJ")
    response = client.post(admin_url(Region, "delete", region.pk), {"post": "yes"})
    assert response.status_code == 200
    assert "would require deleting the following protected related objects" in (
        response.content.decode()
    )
    assert Region.objects.filter(code="CN-ZJ").exists()


def test_unpublish_action_hides_record_and_records_history(client, superuser, whitepaper):
    client.force_login(superuser)
    statistic = Statistic.objects.get(key="real-economy-startups")
    action = {"action": "unpublish", "_selected_action": [statistic.pk]}
    asked = client.post(admin_url(Statistic, "changelist"), action)
    assert "Withdraw published records" in asked.content.decode()
    assert Statistic.objects.get(pk=statistic.pk).is_published  # not without a note
    response = client.post(
        admin_url(Statistic, "changelist"),
        {**action, "note_given": "1", "public_note": ""},
    )
    assert "These records are published: write a short public note" in (response.content.decode())
    response = client.post(
        admin_url(Statistic, "changelist"),
        {**action, "note_given": "1", "public_note": "Under review."},
        follow=True,
    )
    assert "1 record unpublished." in response.content.decode()
    statistic.refresh_from_db()
    assert not statistic.is_published
    assert statistic.history.latest().history_user.username == "admin"
    assert statistic.history.latest().history_change_reason == "Under review."


def test_publication_inlines_edit_records(client, superuser, whitepaper):
    client.force_login(superuser)
    page = client.get(admin_url(Publication, "change", whitepaper.pk)).content.decode()
    assert "Blockchain startups targeting the real economy" in page
    assert "statistics-TOTAL_FORMS" in page
    assert "tendencies-TOTAL_FORMS" in page


def test_view_on_site_links_to_public_page(client, superuser, whitepaper):
    client.force_login(superuser)
    statistic = Statistic.objects.get(key="blockchain-enterprises")
    page = client.get(admin_url(Statistic, "change", statistic.pk)).content.decode()
    assert "View on site" in page


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"label": "x" * 5000}, "label", "Ensure this value has at most 300 characters"),
        ({"key": "not a slug!"}, "key", "Enter a valid “slug”"),
        ({"label": "null\x00byte"}, "label", "Null characters are not allowed."),
        ({"value": "1e999999"}, "value", "no more than 14 digits"),
        ({"value": "12345678901234567"}, "value", "Ensure that there are no more than 14 digits"),
        ({"as_of": "2018-02-30"}, "as_of", "Enter a valid date."),
    ],
    ids=["over-long", "bad-slug", "nul", "huge-exponent", "too-many-digits", "bad-date"],
)
def test_odd_input_is_refused_cleanly(client, superuser, whitepaper, changes, field, message):
    client.force_login(superuser)
    statistic = Statistic.objects.get(key="blockchain-enterprises")
    response = client.post(
        admin_url(Statistic, "change", statistic.pk), statistic_form(statistic, **changes)
    )
    assert response.status_code == 200
    errors = " ".join(response.context["adminform"].form.errors[field])
    assert message in errors
    statistic.refresh_from_db()
    assert statistic.label == "Enterprises with blockchain as their main business"


def test_unusual_but_valid_unicode_is_stored_exactly(client, superuser, whitepaper):
    client.force_login(superuser)
    statistic = Statistic.objects.get(key="blockchain-enterprises")
    note = "区块链 🧱 \u202eRTL\u202c ｆｕｌｌ-width é"
    response = client.post(
        admin_url(Statistic, "change", statistic.pk), statistic_form(statistic, note=note)
    )
    assert response.status_code == 302
    statistic.refresh_from_db()
    assert statistic.note == note


def test_concurrent_edit_is_refused_and_first_edit_kept(client, superuser, editor, whitepaper):
    from django.test import Client

    first, second = client, Client()
    first.force_login(superuser)
    second.force_login(editor)
    statistic = Statistic.objects.get(key="blockchain-enterprises")
    url = admin_url(Statistic, "change", statistic.pk)

    # Both open the record; each form carries the version it was opened at.
    opened = [
        c.get(url).context["adminform"].form["loaded_version"].value() for c in (first, second)
    ]
    assert opened[0] == opened[1]

    saved = first.post(url, statistic_form(statistic, note="First", loaded_version=opened[0]))
    assert saved.status_code == 302

    refused = second.post(url, statistic_form(statistic, note="Second", loaded_version=opened[1]))
    assert refused.status_code == 200
    message = " ".join(refused.context["adminform"].form.non_field_errors())
    assert "was changed by admin" in message
    assert "your changes were not saved" in message
    statistic.refresh_from_db()
    assert statistic.note == "First"


def test_save_without_the_opened_version_is_refused(client, superuser, whitepaper):
    client.force_login(superuser)
    statistic = Statistic.objects.get(key="blockchain-enterprises")
    response = client.post(
        admin_url(Statistic, "change", statistic.pk),
        statistic_form(statistic, note="Blind", loaded_version=""),
    )
    assert response.status_code == 200
    statistic.refresh_from_db()
    assert statistic.note == ""


def test_publish_action_shows_record_again_with_history(client, superuser, whitepaper):
    client.force_login(superuser)
    statistic = Statistic.objects.get(key="real-economy-startups")
    statistic.is_published = False
    statistic.save()
    response = client.post(
        admin_url(Statistic, "changelist"),
        {"action": "publish", "_selected_action": [statistic.pk]},
        follow=True,
    )
    assert "1 record published." in response.content.decode()
    statistic.refresh_from_db()
    assert statistic.is_published
    assert statistic.history.latest().history_change_reason == "Published"
    assert "109 startups" in client.get("/statistics/").content.decode()


def change_form_data(response):
    """The POST a browser would send for an admin change page as it was rendered: the main
    form and every inline row, with their initial values."""

    def fields_of(form):
        data = {}
        for bound in form:
            value = bound.value()
            if isinstance(value, bool):
                if value:
                    data[bound.html_name] = "on"
            elif value is not None:
                data[bound.html_name] = value
        return data

    data = fields_of(response.context["adminform"].form)
    for inline in response.context.get("inline_admin_formsets", []):
        formset = inline.formset
        data.update(fields_of(formset.management_form))
        for form in formset.forms:
            data.update(fields_of(form))
    return data


def test_a_stale_inline_row_is_refused_on_the_publication_page(client, superuser, whitepaper):
    client.force_login(superuser)
    url = admin_url(Publication, "change", whitepaper.pk)
    data = change_form_data(client.get(url))
    statistic = Statistic.objects.get(key="blockchain-enterprises")
    statistic.note = "Edited elsewhere meanwhile."
    statistic.save()
    row = next(name.removesuffix("-key") for name, value in data.items() if value == statistic.key)
    data[f"{row}-note"] = "Edited on the stale page."
    data["public_note"] = "Note added."
    response = client.post(url, data)
    assert response.status_code == 200
    assert "your changes were not saved" in response.content.decode()
    statistic.refresh_from_db()
    assert statistic.note == "Edited elsewhere meanwhile."


def test_an_unchanged_publication_page_saves(client, superuser, whitepaper):
    client.force_login(superuser)
    url = admin_url(Publication, "change", whitepaper.pk)
    data = change_form_data(client.get(url))
    row = next(
        name.removesuffix("-key")
        for name, value in data.items()
        if value == "blockchain-enterprises"
    )
    data[f"{row}-note"] = "Checked."
    data["public_note"] = "Note added."
    assert client.post(url, data).status_code == 302
    assert Statistic.objects.get(key="blockchain-enterprises").note == "Checked."


def test_saving_the_publication_unchanged_writes_no_history_and_needs_no_note(
    client, superuser, whitepaper
):
    """A browser posts a textarea's lines with CRLF; the records keep LF."""
    client.force_login(superuser)
    url = admin_url(Publication, "change", whitepaper.pk)
    data = change_form_data(client.get(url))
    assert "\n" in data["source_page_lines"]
    data = {
        name: value.replace("\n", "\r\n") if isinstance(value, str) else value
        for name, value in data.items()
    }
    versions = whitepaper.history.count()
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert whitepaper.history.count() == versions
    assert not Correction.objects.exists()
    assert Publication.objects.get(pk=whitepaper.pk).source_page_lines == (
        whitepaper.source_page_lines
    )


def test_saving_a_record_unchanged_with_a_note_writes_no_history(client, superuser, whitepaper):
    client.force_login(superuser)
    statistic = Statistic.objects.get(key="blockchain-enterprises")
    versions = statistic.history.count()
    response = client.post(admin_url(Statistic, "change", statistic.pk), statistic_form(statistic))
    assert response.status_code == 302
    assert statistic.history.count() == versions


def test_staff_paste_a_publications_source_text(client, superuser, whitepaper):
    client.force_login(superuser)
    url = admin_url(Publication, "change", whitepaper.pk)
    data = change_form_data(client.get(url))
    assert "source_text" in data  # a field, no longer read-only
    data["source_text"] = data["source_text"].replace("456 enterprises", "457 enterprises")
    data["public_note"] = "The source text corrected."
    response = client.post(url, data)
    # The record quoting the old sentence would no longer be in the text: refused.
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["source_text"]
    assert "The quotes of these records are not in this text: Enterprises with" in errors[0]
    assert "456" in Publication.objects.get(pk=whitepaper.pk).source_text


def test_the_publications_note_comes_after_the_records_it_covers(client, superuser, whitepaper):
    client.force_login(superuser)
    page = client.get(admin_url(Publication, "change", whitepaper.pk)).content.decode()
    assert page.index('name="findings-TOTAL_FORMS"') < page.index('name="public_note"')
    assert page.index('name="public_note"') < page.index('name="public_note_zh"')


def test_each_kinds_list_has_its_own_columns_and_filters(client, superuser, whitepaper):
    client.force_login(superuser)
    page = client.get(admin_url(Statistic, "changelist")).content.decode()
    for column in ("column-label", "column-display_value", "column-value", "column-unit"):
        assert column in page
    assert "column-category" in page and "By category" in page
    assert "column-__str__" not in page
