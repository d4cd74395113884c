"""`manage.py audit_records` checks the whole database as the admin's guard checks one record:
silent and exit 0 on the white paper as loaded; one line naming the record and the rule, and
a non-zero exit, for each record that no longer agrees with its source."""

from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, ManagementUtility, call_command

from whitepaper.models import Finding, Publication, Statistic, Tendency

pytestmark = pytest.mark.django_db


def audit():
    """(exit code, lines printed)."""
    out = StringIO()
    try:
        call_command("audit_records", stdout=out)
    except CommandError as error:
        return error.returncode, out.getvalue().splitlines()
    return 0, out.getvalue().splitlines()


def test_the_loaded_white_paper_passes(whitepaper):
    assert audit() == (0, ["Every record agrees with its source."])


def test_the_command_line_exits_non_zero_on_a_problem(whitepaper, capsys):
    Statistic.objects.filter(key="blockchain-enterprises").update(value=457)
    with pytest.raises(SystemExit) as exited:
        ManagementUtility(["manage.py", "audit_records"]).execute()
    assert exited.value.code == 1
    assert "blockchain-enterprises: figure-in-quote" in capsys.readouterr().out


def test_a_changed_quote_is_named_with_its_rule(whitepaper):
    Statistic.objects.filter(key="real-economy-startups").update(
        source_quote="By the end of March 2018, 109 blockchain startups target the real economy."
    )
    code, lines = audit()
    assert code == 1
    assert lines == [
        "statistic miit-blockchain-white-paper-2018/real-economy-startups: quote-verbatim: "
        "This quote does not appear verbatim in the publication’s source text (spacing aside; "
        "“…” marks an omission). Copy it from the source, or tick “confirm mismatch” and say "
        "why in the public note.",
        # The words that placed its figure were the old quote's ("starups", sic).
        "statistic miit-blockchain-white-paper-2018/real-economy-startups: figure-place: "
        "These words do not appear verbatim in this record’s source quote. Copy the words that "
        "give this record’s figure from the quote, for example “456 enterprises”.",
    ]


def test_a_changed_figure_is_named_with_its_rule(whitepaper):
    Statistic.objects.filter(key="financial-solution-startups").update(value=68)
    code, lines = audit()
    assert code == 1
    assert len(lines) == 1
    assert lines[0].startswith(
        "statistic miit-blockchain-white-paper-2018/financial-solution-startups: "
        "figure-in-quote: 68 does not appear"
    )


def test_a_date_the_quote_does_not_give_is_named_with_its_rule(whitepaper):
    Statistic.objects.filter(key="top-four-regions-share").update(as_of=date(2018, 3, 31))
    Statistic.objects.filter(key="blockchain-enterprises").update(as_of=date(2018, 3, 30))
    code, lines = audit()
    assert code == 1
    assert [line.split(": ")[:2] for line in lines] == [
        ["statistic miit-blockchain-white-paper-2018/blockchain-enterprises", "date-in-quote"],
        ["statistic miit-blockchain-white-paper-2018/top-four-regions-share", "date-in-quote"],
    ]


def test_words_given_as_the_sources_must_be_in_the_quote(whitepaper):
    Tendency.objects.filter(number=5).update(text="Blockchain will drive finance.")
    code, lines = audit()
    assert code == 1
    assert lines[0].startswith("tendency miit-blockchain-white-paper-2018/5: words-in-quote: ")


def test_who_states_it_must_be_recorded_and_supported(whitepaper):
    Finding.objects.filter(key="industrial-application-focus").update(stated_by="")
    Finding.objects.filter(key="other-industries-apply-blockchain").update(
        stated_by="quoted_person"
    )
    code, lines = audit()
    assert code == 1
    assert [line.split(": ")[:2] for line in lines] == [
        ["finding miit-blockchain-white-paper-2018/industrial-application-focus", "who-states-it"],
        [
            "finding miit-blockchain-white-paper-2018/other-industries-apply-blockchain",
            "who-states-it",
        ],
    ]


def test_a_page_line_credited_to_the_white_paper_is_named(whitepaper):
    """The site's first mistake: the link title cited as the white paper's finding."""
    finding = Finding.objects.get(stated_by="web_page")
    Finding.objects.filter(pk=finding.pk).update(stated_by="white_paper")
    code, lines = audit()
    assert code == 1
    assert [line.split(": ")[:2] for line in lines] == [
        [f"finding miit-blockchain-white-paper-2018/{finding.key}", "who-states-it"]
    ]


def test_a_paraphrase_in_quotation_marks_in_a_citation_fails_the_audit(whitepaper):
    """A label that quotes words the source does not have puts them, in quotation marks, into
    every citation of the record: the audit names each format and language."""
    Statistic.objects.filter(key="blockchain-enterprises").update(
        label="Enterprises “that live by blockchain alone”"
    )
    code, lines = audit()
    assert code == 1
    planted = [line for line in lines if "quoted-words" in line]
    assert len(planted) == 6  # plain text, BibTeX and CSL-JSON, on pages of both languages
    assert all("blockchain-enterprises" in line for line in planted)
    assert "“that live by blockchain alone”" in planted[0]


def test_words_of_the_source_in_quotation_marks_pass_the_audit(whitepaper):
    Statistic.objects.filter(key="blockchain-enterprises").update(
        label="Enterprises that “take blockchain as their main business”"
    )
    assert audit() == (0, ["Every record agrees with its source."])


def test_a_quote_in_no_source_planted_in_the_database_fails_the_audit(whitepaper):
    publication = Publication.objects.create(
        slug="planted",
        title="Planted",
        publisher=whitepaper.publisher,
        publisher_abbreviation="X",
        release_date=whitepaper.release_date,
        data_as_of=whitepaper.data_as_of,
        summary="A publication whose text was never pasted.",
        source_title="Nothing",
        source_quote="Nothing.",
        is_published=True,
    )
    Statistic.objects.create(
        publication=publication,
        key="planted",
        label="Planted",
        value=999,
        value_as_stated="999 blockchain startups",
        unit="startups",
        category="startups",
        source_quote="The white paper found 999 blockchain startups in finance.",
        stated_by="white_paper",
    )
    code, lines = audit()
    assert code == 1
    assert "statistic planted/planted: quote-verbatim: its publication has no source text" in (
        "\n".join(lines)
    )


def test_a_figure_moved_to_another_number_of_its_sentence_fails_the_audit(whitepaper):
    Statistic.objects.filter(key="financial-solution-startups").update(value=109)
    code, lines = audit()
    assert code == 1
    assert lines[0].startswith(
        "statistic miit-blockchain-white-paper-2018/financial-solution-startups: "
        "figure-in-quote: 109 is not this record’s figure: where it stands, the source quote "
        "says “hits 86” (86)."
    )
