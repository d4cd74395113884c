"""The public corrections log: every change to a published record after its first
publication, with the editors' note, on /changes/, in its Atom feed and on the record's page."""

import io
import json
import re
import xml.etree.ElementTree as ET

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from tests.test_admin import admin_url, change_form_data, statistic_form, unpublish
from whitepaper.models import (
    Correction,
    Publication,
    Region,
    RegionalPresence,
    Statistic,
    Tendency,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    """URLs built outside a request are the English ones (a Chinese page requested before
    leaves its language active in the test's thread)."""
    translation.activate("en")


ATOM = "{http://www.w3.org/2005/Atom}"
STATISTIC_PAGE = "/publications/miit-blockchain-white-paper-2018/statistics/blockchain-enterprises/"


def text_of(response):
    html = response.content.decode()
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def feed_entries(client, url="/changes/feed/"):
    response = client.get(url)
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    return root.findall(f"{ATOM}entry")


@pytest.fixture
def statistic(whitepaper):
    return Statistic.objects.get(key="blockchain-enterprises")


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client


def edit(client, statistic, **changes):
    return client.post(
        admin_url(Statistic, "change", statistic.pk), statistic_form(statistic, **changes)
    )


def test_an_admin_edit_is_listed_at_once_with_its_note(admin_client, statistic):
    assert "No published record has been changed" in text_of(admin_client.get("/changes/"))
    assert feed_entries(admin_client) == []

    response = edit(
        admin_client,
        statistic,
        label="Enterprises whose main business is blockchain",
        public_note="Reworded to follow the source.",
    )
    assert response.status_code == 302

    page = text_of(admin_client.get("/changes/"))
    assert "Label: Enterprises with blockchain as their main business" in page
    assert "Enterprises whose main business is blockchain" in page
    assert "Editors’ note: Reworded to follow the source." in page
    html = admin_client.get("/changes/").content.decode()
    assert f'href="{STATISTIC_PAGE}"' in html  # the record, linked to its page

    [entry] = feed_entries(admin_client)
    assert "Reworded to follow the source." in entry.find(f"{ATOM}summary").text
    assert entry.find(f"{ATOM}link").get("href") == f"http://testserver{STATISTIC_PAGE}"

    record_page = text_of(admin_client.get(STATISTIC_PAGE))
    assert "Reworded to follow the source." in record_page
    assert "No public changes since it was first published." not in record_page


def test_a_published_record_is_not_changed_without_a_note(admin_client, statistic):
    response = edit(admin_client, statistic, label="Reworded", public_note="")
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert list(errors) == ["public_note"]
    assert "write a short public note" in errors["public_note"][0]
    statistic.refresh_from_db()
    assert statistic.label == "Enterprises with blockchain as their main business"
    assert not Correction.objects.exists()


def test_a_staff_only_field_needs_no_note_and_is_not_listed(admin_client, statistic):
    response = edit(admin_client, statistic, position="9", public_note="")
    assert response.status_code == 302
    assert Statistic.objects.get(pk=statistic.pk).position == 9
    assert not Correction.objects.exists()
    assert feed_entries(admin_client) == []


def test_edits_to_a_draft_never_appear(admin_client, whitepaper):
    draft = Statistic.objects.create(
        publication=whitepaper,
        key="draft",
        label="A draft figure",
        value=3,
        value_as_stated="3 years",
        unit="startups",
        category="startups",
        source_quote=Tendency.objects.get(number=3).source_quote,
        is_published=False,
    )
    response = edit(admin_client, draft, label="A draft figure, reworded", public_note="")
    assert response.status_code == 302
    # Its first publication is not a change either.
    admin_client.post(
        admin_url(Statistic, "changelist"), {"action": "publish", "_selected_action": [draft.pk]}
    )
    assert Statistic.objects.get(pk=draft.pk).is_published
    assert not Correction.objects.exists()
    assert "A draft figure" not in text_of(admin_client.get("/changes/"))


def test_edits_in_an_unpublished_publication_never_appear(admin_client, whitepaper, statistic):
    whitepaper.is_published = False
    whitepaper._change_reason = "Withdrawn for review."
    whitepaper.save()
    edit(admin_client, statistic, label="Edited while withdrawn", public_note="")
    assert not Correction.objects.of_model(Statistic).exists()
    [withdrawal] = Correction.objects.all()  # the publication's own withdrawal
    assert (withdrawal.kind, withdrawal.public_note) == ("withdrawn", "Withdrawn for review.")


def test_unpublishing_is_logged_as_withdrawn(admin_client, whitepaper):
    statistic = Statistic.objects.get(key="real-economy-startups")
    unpublish(admin_client, Statistic, [statistic], note="Under review.")
    [change] = Correction.objects.all()
    assert (change.kind, change.public_note) == ("withdrawn", "Under review.")
    html = admin_client.get("/changes/").content.decode()
    assert "Withdrawn: no longer published on this site." in html
    assert "/statistics/real-economy-startups/" not in html  # its page is gone: no link


def test_deleting_is_logged_as_deleted(admin_client, whitepaper):
    tendency = Tendency.objects.get(number=6)
    response = admin_client.post(
        admin_url(Tendency, "delete", tendency.pk),
        {"post": "yes", "public_note": "Merged into tendency 5."},
    )
    assert response.status_code == 302
    [change] = Correction.objects.all()
    assert (change.kind, change.public_note) == ("deleted", "Merged into tendency 5.")
    assert change.record_label.startswith("6. Supervision and standards")
    log = text_of(admin_client.get("/changes/"))
    assert "Deleted from this site." in log
    assert "Merged into tendency 5." in log


def test_a_minor_change_is_listed_but_folded(admin_client, statistic):
    edit(admin_client, statistic, note="Checked.", public_note="Typo.", minor_change="on")
    edit(
        admin_client,
        Statistic.objects.get(pk=statistic.pk),
        label="Reworded label",
        public_note="Reworded.",
    )
    html = admin_client.get("/changes/").content.decode()
    folded = re.findall(r"<details>.*?</details>", html, re.S)
    assert len(folded) == 1
    assert "Typo." in folded[0] and "Minor change (typo or formatting)" in folded[0]
    assert "Reworded." not in folded[0] and "Reworded." in html
    record_html = admin_client.get(STATISTIC_PAGE).content.decode()
    assert len(re.findall(r"<details>.*?Typo\..*?</details>", record_html, re.S)) == 1


def test_the_feed_is_atom_with_stable_ids(admin_client, statistic):
    edit(admin_client, statistic, note="First.", public_note="First note.")
    first = feed_entries(admin_client)
    again = feed_entries(admin_client)
    ids = [entry.find(f"{ATOM}id").text for entry in first]
    assert ids == [entry.find(f"{ATOM}id").text for entry in again]
    assert all(re.fullmatch(r"urn:uuid:[0-9a-f-]{36}", i) for i in ids)

    edit(admin_client, Statistic.objects.get(pk=statistic.pk), note="Second.", public_note="Next.")
    later = [entry.find(f"{ATOM}id").text for entry in feed_entries(admin_client)]
    assert later[1:] == ids  # the new entry first, the old one keeps its id
    assert len(later) == 2
    assert feed_entries(admin_client, "/zh-hans/changes/feed/")


def test_the_log_links_to_the_record_under_its_current_key(admin_client, statistic):
    edit(admin_client, statistic, note="Checked.", public_note="Checked.")
    edit(
        admin_client,
        Statistic.objects.get(pk=statistic.pk),
        key="enterprises-456",
        public_note="A shorter key.",
    )
    html = admin_client.get("/changes/").content.decode()
    assert (
        'href="/publications/miit-blockchain-white-paper-2018/statistics/enterprises-456/"' in html
    )
    assert f'href="{STATISTIC_PAGE}"' not in html


def test_a_region_change_shows_on_its_records_pages(admin_client, whitepaper):
    region = Region.objects.get(code="CN-BJ")
    response = admin_client.post(
        admin_url(Region, "change", region.pk),
        {
            "name": "Beijing",
            "name_zh": "北京市",
            "code": "CN-BJ",
            "kind": "municipality",
            "loaded_version": region.updated_at.isoformat(),
            "public_note": "The full name of the municipality.",
        },
    )
    assert response.status_code == 302
    [change] = Correction.objects.all()
    assert change.publication == whitepaper
    page = "/publications/miit-blockchain-white-paper-2018/regions/CN-BJ/"
    assert "The full name of the municipality." in text_of(admin_client.get(page))
    assert f'href="{page}"' in admin_client.get("/changes/").content.decode()
    html = admin_client.get("/changes/").content.decode()
    assert '<ins><span lang="zh-Hans">北京市</span></ins>' in html


def test_a_region_in_no_published_record_is_not_logged(admin_client, whitepaper):
    region = Region.objects.create(code="CN-SC", name="Sichuan", name_zh="四川", kind="province")
    region.name_zh = "四川省"
    region.save()
    assert not Correction.objects.exists()


class TestPublicationPage:
    def page_data(self, client, whitepaper):
        url = admin_url(Publication, "change", whitepaper.pk)
        data = change_form_data(client.get(url))
        row = next(
            name.removesuffix("-key") for name, v in data.items() if v == "blockchain-enterprises"
        )
        return url, data, row

    def test_an_inline_change_without_the_page_note_is_refused(self, admin_client, whitepaper):
        url, data, row = self.page_data(admin_client, whitepaper)
        data[f"{row}-note"] = "Checked."
        response = admin_client.post(url, data)
        assert response.status_code == 200
        assert "You changed published records on this page" in response.content.decode()
        assert "“Public note”" in response.content.decode()
        assert Statistic.objects.get(key="blockchain-enterprises").note == ""

    def test_the_page_note_covers_its_inlines(self, admin_client, whitepaper):
        url, data, row = self.page_data(admin_client, whitepaper)
        data[f"{row}-note"] = "Checked."
        data["public_note"] = "Notes checked against the source."
        assert admin_client.post(url, data).status_code == 302
        [change] = Correction.objects.all()
        assert change.content_type.model == "statistic"
        assert (change.field_name, change.new_value) == ("note", "Checked.")
        assert change.public_note == "Notes checked against the source."

    def test_a_staff_only_inline_change_needs_no_note(self, admin_client, whitepaper):
        url, data, row = self.page_data(admin_client, whitepaper)
        data[f"{row}-position"] = "7"
        assert admin_client.post(url, data).status_code == 302
        assert not Correction.objects.exists()


def test_a_direct_save_is_logged_without_a_note(statistic, client):
    statistic.note = "Checked."
    statistic.save()
    [change] = Correction.objects.all()
    assert change.public_note == ""
    assert "No note." in text_of(client.get("/changes/"))


def test_the_record_json_lists_its_changes(admin_client, statistic):
    edit(admin_client, statistic, note="Checked.", public_note="Checked.")
    data = json.loads(admin_client.get(STATISTIC_PAGE.rstrip("/") + ".json").content)
    [change] = data["changes"]
    assert change["field"] == "note"
    assert (change["old_value"], change["new_value"], change["note"]) == (
        "",
        "Checked.",
        "Checked.",
    )
    assert change["is_minor"] is False


def test_the_log_is_paginated_and_odd_pages_are_sane(client, statistic):
    for n in range(55):
        statistic.note = f"Pass {n}."
        statistic.save()
    first = client.get("/changes/").content.decode()
    assert first.count('<li class="change"') == 50
    assert "Pass 54." in first
    second = client.get("/changes/?page=2").content.decode()
    assert second.count('<li class="change"') == 5
    assert "<ins>Pass 0.</ins>" in second
    for query in ["page=abc", "page=0", "page=99999", "page=%FF"]:
        assert client.get(f"/changes/?{query}").status_code == 200


def count_queries(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/changes/", 3),  # etag, count, the page of rows with their records' current keys
        ("/changes/feed/", 2),  # etag, the newest rows
        # etag, the statistic, its regions, its changes, its releases, the newest release
        (STATISTIC_PAGE, 6),
    ],
)
def test_query_counts_do_not_grow_with_the_log(client, statistic, url, expected):
    statistic.note = "Checked."
    statistic.save()
    assert count_queries(client, url) == expected
    for n in range(30):
        statistic.note = f"Pass {n}."
        statistic.save()
    presence = RegionalPresence.objects.get(region__code="CN-SH")
    presence.note = "Checked."
    presence.save()
    Region.objects.filter(code="CN-GD").first().save()
    assert count_queries(client, url) == expected


@pytest.mark.django_db(transaction=True)
def test_deleting_a_publication_keeps_its_log(client):
    call_command("load_whitepaper", verbosity=0)
    publication = Publication.objects.get()
    statistic = publication.statistics.get(key="blockchain-enterprises")
    statistic.note = "Checked."
    statistic.save()
    # Its regions' records first: they hold on to its combined share (PROTECT).
    RegionalPresence.objects.filter(publication=publication).delete()
    publication.delete()  # committed: the log must hold no dangling reference

    rows = Correction.objects.all()
    # The publication and its 25 records (the regions stay: other publications may name them).
    assert rows.filter(kind="deleted").count() == 26
    assert not rows.filter(publication__isnull=False).exists()
    assert client.get("/changes/").status_code == 200
    out = io.StringIO()
    call_command("dumpdata", "whitepaper.correction", "--natural-foreign", stdout=out)
    assert len(json.loads(out.getvalue())) == 27


def test_the_about_page_links_the_log(client, db):
    assert 'href="/changes/"' in client.get("/about/").content.decode()


def test_the_sites_own_reasons_are_shown_in_the_pages_language(client, whitepaper):
    from whitepaper.models import Statistic
    from whitepaper.models.correction import UNPUBLISHED_REASON

    # A withdrawal logged before the admin asked for a note carries the site's own reason.
    statistic = Statistic.objects.get(key="real-economy-startups")
    statistic.is_published = False
    statistic._change_reason = UNPUBLISHED_REASON
    statistic.save()
    assert "Withdrawn in the admin." in client.get("/changes/").content.decode()
    assert "在管理后台撤下。" in client.get("/zh-hans/changes/").content.decode()
