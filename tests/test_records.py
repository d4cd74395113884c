"""Every fact of the source text is in the database after set-up, and nothing else."""

import re
from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command

from whitepaper.models import (
    Finding,
    IndustrySegment,
    Publication,
    Qualifier,
    Region,
    RegionalPresence,
    Statistic,
    Tendency,
    Unit,
)
from whitepaper.records import DATA_DIR

pytestmark = pytest.mark.django_db

END_MARCH = date(2018, 3, 31)


def normalised(text):
    return re.sub(r"[ \u00a0]+", " ", text)


SOURCE = normalised((DATA_DIR / "miit-blockchain-white-paper-2018.txt").read_text(encoding="utf-8"))


def test_publication_facts(whitepaper):
    assert whitepaper.publisher_abbreviation == "MIIT"
    assert "Ministry of Industry and Information Technology" in whitepaper.publisher
    assert whitepaper.release_date == date(2018, 5, 20)
    assert whitepaper.data_as_of == date(2018, 3, 31)
    assert whitepaper.quoted_person == "Yu Jianing"
    assert "industrial economic institute" in whitepaper.quoted_person_role
    assert "first official blockchain industrial white paper" in whitepaper.source_quote
    assert whitepaper.source_url == ""


@pytest.mark.parametrize(
    ("key", "value", "unit", "qualifier", "as_of"),
    [
        ("blockchain-enterprises", Decimal(456), Unit.ENTERPRISES, Qualifier.EXACT, END_MARCH),
        ("financial-solution-startups", Decimal(86), Unit.STARTUPS, Qualifier.EXACT, END_MARCH),
        ("real-economy-startups", Decimal(109), Unit.STARTUPS, Qualifier.EXACT, END_MARCH),
        # "over 80% of the blockchain companies": the sentence gives no date.
        ("top-four-regions-share", Decimal(80), Unit.PERCENT, Qualifier.MORE_THAN, None),
    ],
)
def test_statistics(whitepaper, key, value, unit, qualifier, as_of):
    statistic = Statistic.objects.get(publication=whitepaper, key=key)
    assert (statistic.value, statistic.unit, statistic.qualifier) == (value, unit, qualifier)
    assert statistic.as_of == as_of
    assert statistic.is_published


def test_only_the_four_stated_numbers(whitepaper):
    assert Statistic.objects.count() == 4


def test_bound_is_shown_as_bound(whitepaper):
    share = Statistic.objects.get(key="top-four-regions-share")
    assert share.display_value == "over 80%"


def test_four_leading_regions_share_one_combined_figure(whitepaper):
    presences = RegionalPresence.objects.filter(publication=whitepaper).order_by("position")
    assert [p.region.code for p in presences] == ["CN-BJ", "CN-SH", "CN-GD", "CN-ZJ"]
    assert {p.combined_share.key for p in presences} == {"top-four-regions-share"}
    # The source gives neither a rank nor a count per region: none is invented.
    assert all(p.rank is None and p.company_count is None for p in presences)
    assert Region.objects.get(code="CN-GD").kind == Region.Kind.PROVINCE
    assert Region.objects.get(code="CN-BJ").name_zh == "北京"


def test_segments_and_other_industries(whitepaper):
    stages = dict(IndustrySegment.objects.values_list("slug", "stage"))
    assert stages == {
        "hardware-manufacturing": "upstream_hardware",
        "platform-services": "platform_services",
        "security": "security",
        "industrial-technology-application-services": "downstream_applications",
        "investment-and-financing": "other_industries",
        "media": "other_industries",
        "human-resources-services": "other_industries",
    }
    # Each stage in the source's words ("technology" included), verbatim from its quote.
    words = dict(IndustrySegment.objects.values_list("slug", "stage_as_stated"))
    assert words["industrial-technology-application-services"] == (
        "downstream industrial technology application services"
    )
    assert words["hardware-manufacturing"] == "upstream hardware manufacturing"
    for segment in IndustrySegment.objects.all():
        assert segment.stage_as_stated in segment.source_quote


def test_six_tendencies_verbatim_and_numbered(whitepaper):
    tendencies = list(Tendency.objects.filter(publication=whitepaper))
    assert [t.number for t in tendencies] == [1, 2, 3, 4, 5, 6]
    for tendency in tendencies:
        assert f"{tendency.number}. {tendency.text}" in SOURCE
    assert tendencies[2].text.startswith("Blockchain will be broadly applied in real economy")


def test_findings_include_focus_and_patent_note_without_number(whitepaper):
    texts = list(Finding.objects.values_list("kind", "text"))
    assert len(texts) == 4
    assert (
        "observation",
        "Most blockchain companies focus on industrial application services.",
    ) in texts
    patent = Finding.objects.get(kind=Finding.Kind.RELATED)
    assert "patents" in patent.text
    assert patent.source_quote == "China-Filed-Most-Blockchain-Patents-in-2017"


@pytest.mark.parametrize(
    "model", [Publication, Statistic, RegionalPresence, IndustrySegment, Tendency, Finding]
)
def test_every_source_quote_is_in_the_source_text_as_a_whole(whitepaper, model):
    for record in model.objects.all():
        assert normalised(record.source_quote) in SOURCE, repr(record)


def test_the_publication_holds_its_source_text_verbatim(whitepaper):
    assert whitepaper.source_text == (DATA_DIR / "miit-blockchain-white-paper-2018.txt").read_text(
        encoding="utf-8"
    )
    for line in whitepaper.source_page_lines.splitlines():
        assert line in whitepaper.source_text


@pytest.mark.parametrize(
    "model", [Publication, Statistic, Region, RegionalPresence, IndustrySegment, Tendency, Finding]
)
def test_every_translated_field_has_chinese_text(whitepaper, model):
    for record in model.objects.all():
        for field in model.TRANSLATED_FIELDS:
            if getattr(record, field):
                assert getattr(record, f"{field}_zh"), f"{record!r}: {field}_zh"


def test_every_record_says_who_states_it(whitepaper):
    for model in [Statistic, RegionalPresence, IndustrySegment, Tendency, Finding]:
        assert not model.objects.filter(stated_by="").exists(), model
    # The regional shares are in the report's own voice ("we can see"), not the white paper's.
    assert Statistic.objects.get(key="top-four-regions-share").stated_by == "report"
    first = Finding.objects.get(key="first-official-white-paper")
    assert first.stated_by == "quoted_person"


def test_loading_again_changes_nothing_staff_edited(whitepaper):
    statistic = Statistic.objects.get(key="blockchain-enterprises")
    statistic.label = "Edited by staff"
    statistic.save()
    Tendency.objects.filter(number=6).delete()

    call_command("load_whitepaper", verbosity=0)

    assert Statistic.objects.get(key="blockchain-enterprises").label == "Edited by staff"
    assert not Tendency.objects.filter(number=6).exists()
    assert Publication.objects.count() == 1


def test_loading_writes_history(whitepaper):
    statistic = Statistic.objects.get(key="blockchain-enterprises")
    entry = statistic.history.get()
    assert entry.history_type == "+"
    assert entry.history_change_reason == "Loaded from the source text"
