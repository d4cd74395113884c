"""The fidelity guard: a figure must be written in its own quote and a quote must be in the
source text, or the editor confirms the mismatch and says why in public."""

import re
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils.html import escape

from tests.test_admin import admin_url, statistic_form
from whitepaper import fidelity
from whitepaper.models import (
    RECORD_MODELS,
    Correction,
    Publication,
    Region,
    RegionalPresence,
    Statistic,
    format_number,
)
from whitepaper.records import load_publication, read_records

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


class TestFindingQuotes:
    SOURCE = "First sentence.  It has\n456 enterprises, over 80% of them.\n\nLast one."

    def test_whitespace_does_not_matter(self):
        assert fidelity.find_quote(self.SOURCE, "It has 456 enterprises,") is not None
        assert fidelity.find_quote(self.SOURCE, "It has   456\tenterprises,") is not None

    def test_a_word_changed_is_not_found(self):
        assert fidelity.find_quote(self.SOURCE, "It has 457 enterprises,") is None

    def test_an_ellipsis_joins_parts_that_must_appear_in_order(self):
        spans = fidelity.find_quote(self.SOURCE, "First sentence. … over 80% of them.")
        assert [self.SOURCE[a:b] for a, b in spans] == ["First sentence.", "over 80% of them."]
        assert fidelity.find_quote(self.SOURCE, "over 80% of them. … First sentence.") is None

    def test_an_empty_quote_is_not_found(self):
        assert fidelity.find_quote(self.SOURCE, " … ") is None


@pytest.mark.parametrize(
    ("value", "text", "found"),
    [
        (Decimal("456"), "there are 456 enterprises", True),
        (Decimal("80.00"), "over 80% of the companies", True),
        (Decimal("12.50"), "a share of 12.5 percent", True),
        (Decimal("1000"), "some 1,000 startups", True),
        (Decimal("1000"), "some 1000 startups", True),
        (Decimal("457"), "there are 456 enterprises", False),
        (Decimal("45"), "there are 456 enterprises", False),
        (Decimal("2018"), "by the end of March 2018", True),
    ],
)
def test_a_number_is_found_as_a_reader_writes_it(value, text, found):
    assert fidelity.number_in_quote(value, text) is found


@pytest.mark.parametrize(("value", "written"), [("456", "456"), ("80.00", "80"), ("12.50", "12.5")])
def test_the_value_is_checked_as_format_number_writes_it(value, written):
    assert format_number(Decimal(value)) == written


def all_records():
    return [record for model in RECORD_MODELS for record in model.objects.all()]


def test_every_loaded_record_passes_the_guard(whitepaper):
    records = all_records()
    # The publication, 4 statistics, 4 regions and their 4 presences, 7 segments, 6
    # tendencies and 4 findings.
    assert len(records) == 30
    for record in records:
        assert fidelity.mismatches(record) == {}, record
        record.full_clean()


def test_the_loader_refuses_a_figure_its_quote_does_not_state(db):
    data = read_records()
    data["statistics"][0]["value"] = "457"
    with pytest.raises(ValidationError) as refused:
        load_publication(data)
    assert "value" in refused.value.message_dict
    assert not Publication.objects.exists()  # all or nothing


def test_the_loader_refuses_a_quote_not_in_the_source(db):
    data = read_records()
    data["findings"][0]["source_quote"] = "It is the second official white paper."
    with pytest.raises(ValidationError) as refused:
        load_publication(data)
    assert "source_quote" in refused.value.message_dict


def test_a_regional_count_or_rank_must_be_in_its_quote(whitepaper):
    presence = RegionalPresence.objects.get(region__code="CN-BJ")
    presence.company_count = 120
    with pytest.raises(ValidationError) as refused:
        presence.full_clean()
    assert "120 does not appear" in " ".join(refused.value.message_dict["company_count"])
    presence.company_count = None
    presence.rank = 1
    with pytest.raises(ValidationError) as refused:
        presence.full_clean()
    assert "rank" in refused.value.message_dict


def test_the_publications_own_quote_must_be_in_its_text(whitepaper):
    whitepaper.source_quote = "May 21, the Ministry released a white paper."
    with pytest.raises(ValidationError) as refused:
        whitepaper.full_clean()
    # Its description ("a white paper on …") must be in its quote too.
    assert list(refused.value.message_dict) == ["source_quote", "described_as"]


def test_a_publication_without_source_text_publishes_no_record(whitepaper):
    """A draft may wait for its source text; a published record may not, confirmed or not."""
    whitepaper.source_text = ""
    whitepaper.is_published = False
    whitepaper.save()
    statistic = Statistic.objects.get(key="blockchain-enterprises")
    statistic.source_quote = "There are 456 enterprises, in other words."
    statistic.as_of = None  # the new quote gives no date
    with pytest.raises(ValidationError) as refused:
        statistic.full_clean()
    assert list(refused.value.message_dict) == ["is_published"]
    assert "has no source text yet" in refused.value.message_dict["is_published"][0]
    setattr(statistic, fidelity.CONFIRMED, True)
    with pytest.raises(ValidationError):
        statistic.full_clean()
    statistic.is_published = False
    statistic.full_clean()  # a draft: nothing to check the quote against yet
    whitepaper.is_published = True
    with pytest.raises(ValidationError) as refused:
        whitepaper.full_clean()
    assert list(refused.value.message_dict) == ["source_text"]


def test_the_confirmation_lets_a_mismatch_through(whitepaper):
    statistic = Statistic.objects.get(key="blockchain-enterprises")
    statistic.value = Decimal(457)
    setattr(statistic, fidelity.CONFIRMED, True)
    statistic.full_clean()


def test_a_negative_value_gets_its_own_message_only(whitepaper):
    statistic = Statistic.objects.get(key="blockchain-enterprises")
    statistic.value = Decimal(-3)
    with pytest.raises(ValidationError) as refused:
        statistic.full_clean()
    assert refused.value.message_dict["value"] == ["A count or share cannot be negative."]


def test_a_new_region_is_not_checked_against_any_source(whitepaper):
    Region(code="CN-SC", name="Sichuan", name_zh="四川", kind="province").full_clean()


class TestAdmin:
    @pytest.fixture
    def statistic(self, whitepaper):
        return Statistic.objects.get(key="blockchain-enterprises")

    def post(self, client, statistic, **changes):
        return client.post(
            admin_url(Statistic, "change", statistic.pk), statistic_form(statistic, **changes)
        )

    def test_a_value_not_in_the_quote_is_refused_on_the_value_field(
        self, client, superuser, statistic
    ):
        client.force_login(superuser)
        response = self.post(client, statistic, value="457", public_note="Recounted.")
        assert response.status_code == 200
        errors = response.context["adminform"].form.errors
        assert list(errors) == ["value"]
        assert "457 does not appear as a number in this record’s source quote" in errors["value"][0]
        statistic.refresh_from_db()
        assert statistic.value == 456
        assert not Correction.objects.exists()

    def test_a_confirmed_mismatch_needs_a_note(self, client, superuser, statistic):
        client.force_login(superuser)
        response = self.post(client, statistic, value="457", confirm_mismatch="on", public_note="")
        assert response.status_code == 200
        errors = response.context["adminform"].form.errors
        assert "public_note" in errors
        assert "value" in errors  # not let through without the note
        statistic.refresh_from_db()
        assert statistic.value == 456

    def test_a_confirmed_mismatch_with_a_note_is_saved_and_logged_in_public(
        self, client, superuser, statistic
    ):
        client.force_login(superuser)
        note = "The source's 456 is a typo for 457, per the white paper's table 2."
        response = self.post(
            client, statistic, value="457", confirm_mismatch="on", public_note=note
        )
        assert response.status_code == 302
        statistic.refresh_from_db()
        assert statistic.value == 457
        assert statistic.history.latest().history_change_reason == note

        changes = client.get("/changes/").content.decode()
        assert "Enterprises with blockchain as their main business" in changes
        assert re.search(r"<del>456</del>.*<ins>457</ins>", changes, re.S)
        assert f"Editors’ note:</span> {escape(note)}" in changes

        feed = ET.fromstring(client.get("/changes/feed/").content)
        [entry] = feed.findall(f"{ATOM}entry")
        assert "456 → 457" in entry.find(f"{ATOM}title").text
        assert "table 2" in entry.find(f"{ATOM}summary").text

    def test_a_quote_not_in_the_source_is_refused_on_the_quote(self, client, superuser, statistic):
        client.force_login(superuser)
        quote = "By the end of March 2018, there were 456 enterprises in the blockchain business."
        response = self.post(client, statistic, source_quote=quote, public_note="Requoted.")
        assert response.status_code == 200
        errors = response.context["adminform"].form.errors
        assert list(errors) == ["source_quote"]
        assert (
            "does not appear verbatim in the publication’s source text" in errors["source_quote"][0]
        )

    def test_a_mismatch_on_the_publication_page_is_refused_on_the_row(
        self, client, superuser, whitepaper
    ):
        from tests.test_admin import change_form_data

        client.force_login(superuser)
        url = admin_url(Publication, "change", whitepaper.pk)
        data = change_form_data(client.get(url))
        row = next(
            name.removesuffix("-key") for name, v in data.items() if v == "real-economy-startups"
        )
        data[f"{row}-value"] = "110"
        data["public_note"] = "Recounted."
        response = client.post(url, data)
        assert response.status_code == 200
        assert "110 does not appear as a number" in response.content.decode()
        data["confirm_mismatch"] = "on"
        assert client.post(url, data).status_code == 302
        assert Statistic.objects.get(key="real-economy-startups").value == 110
        change = Correction.objects.get()
        assert (change.field_name, change.old_value, change.new_value) == ("value", "109", "110")
        assert change.public_note == "Recounted."


class TestFigurePlace:
    """A figure is the number at its own place in its sentence (value_as_stated), not any
    number the sentence happens to contain."""

    @pytest.fixture
    def startups(self, whitepaper):
        return Statistic.objects.get(key="financial-solution-startups")

    def errors(self, client, statistic, **changes):
        response = client.post(
            admin_url(Statistic, "change", statistic.pk),
            statistic_form(statistic, public_note="Corrected.", **changes),
        )
        assert response.status_code == 200, "saved although refused"
        return response.context["adminform"].form.errors

    def test_a_year_of_the_sentence_is_refused_on_the_value(self, client, superuser, whitepaper):
        client.force_login(superuser)
        statistic = Statistic.objects.get(key="blockchain-enterprises")
        errors = self.errors(client, statistic, value="2018")
        assert list(errors) == ["value"]
        assert "2018 is part of the date “end of March 2018”" in errors["value"][0]
        assert "the quote says “456 enterprises” (456)" in errors["value"][0]
        statistic.refresh_from_db()
        assert statistic.value == 456
        assert not Correction.objects.exists()

    def test_a_date_is_no_place_for_a_figure(self, client, superuser, whitepaper):
        client.force_login(superuser)
        statistic = Statistic.objects.get(key="blockchain-enterprises")
        errors = self.errors(client, statistic, value="2018", value_as_stated="March 2018")
        assert "2018 is part of the date “end of March 2018”" in errors["value_as_stated"][0]

    def test_another_number_of_the_sentence_is_refused(self, client, superuser, startups):
        client.force_login(superuser)
        errors = self.errors(client, startups, value="109")
        assert list(errors) == ["value"]
        assert "where it stands, the source quote says “hits 86” (86)" in errors["value"][0]

    def test_another_records_place_is_refused(self, client, superuser, startups):
        client.force_login(superuser)
        errors = self.errors(
            client, startups, value="109", value_as_stated="109 blockchain starups"
        )
        assert list(errors) == ["value_as_stated"]
        assert (
            "“109 blockchain starups” gives the figure of another record, “Blockchain startups "
            "targeting the real economy: 109 startups”" in errors["value_as_stated"][0]
        )
        startups.refresh_from_db()
        assert startups.value == 86

    @pytest.mark.parametrize(
        ("words", "message"),
        [
            ("86 startups", "do not appear verbatim"),
            ("hits 86 while 109", "these contain 2"),
        ],
    )
    def test_the_words_must_be_the_quotes_with_one_number(self, startups, words, message):
        startups.value_as_stated = words
        with pytest.raises(ValidationError) as refused:
            startups.full_clean()
        assert message in refused.value.message_dict["value_as_stated"][0]


class TestQuoteInNoSource:
    """A new publication's records cannot be published with a quote found in no source."""

    QUOTE = "The white paper found 999 blockchain startups in finance."

    @pytest.fixture
    def publication(self, whitepaper):
        data = read_records()["publication"]
        return Publication.objects.create(
            **{**data, "slug": "another-paper", "title": "Another paper"}
        )

    def statistic(self, publication, **fields):
        return Statistic(
            publication=publication,
            key="finance-startups",
            label="Startups in finance",
            value=999,
            value_as_stated="999 blockchain startups",
            unit="startups",
            category="startups",
            source_quote=self.QUOTE,
            stated_by="white_paper",
            **fields,
        )

    def test_a_new_publication_is_a_draft(self, publication):
        assert Publication._meta.get_field("is_published").default is False
        assert publication.is_published is False

    def test_refused_until_the_source_is_pasted_then_refused_on_the_quote(self, publication):
        statistic = self.statistic(publication)
        with pytest.raises(ValidationError) as refused:
            statistic.full_clean()
        assert list(refused.value.message_dict) == ["is_published"]
        publication.source_text = "The white paper counts 456 enterprises."
        with pytest.raises(ValidationError) as refused:
            statistic.full_clean()
        assert "does not appear verbatim" in refused.value.message_dict["source_quote"][0]

    def test_the_admin_refuses_it(self, client, superuser, publication):
        client.force_login(superuser)
        statistic = self.statistic(publication)
        data = {
            name: getattr(statistic, name)
            for name in ("key", "label", "value", "value_as_stated", "unit", "category")
        }
        data.update(
            publication=publication.pk,
            qualifier="exact",
            source_quote=self.QUOTE,
            stated_by="white_paper",
            position=0,
            is_published="on",
        )
        response = client.post(admin_url(Statistic, "add"), data)
        assert response.status_code == 200
        assert "has no source text yet" in response.content.decode()
        assert not Statistic.objects.filter(key="finance-startups").exists()

    def test_the_publish_action_keeps_it_a_draft(self, client, superuser, publication):
        client.force_login(superuser)
        response = client.post(
            admin_url(Publication, "changelist"),
            {"action": "publish", "_selected_action": [publication.pk]},
            follow=True,
        )
        assert "Not published, because there is no source text" in response.content.decode()
        assert not Publication.objects.get(pk=publication.pk).is_published
        publication.source_text = "Another paper counts 12 enterprises."
        publication.source_quote = "Another paper counts 12 enterprises."
        publication.save()
        client.post(
            admin_url(Publication, "changelist"),
            {"action": "publish", "_selected_action": [publication.pk]},
        )
        assert Publication.objects.get(pk=publication.pk).is_published
