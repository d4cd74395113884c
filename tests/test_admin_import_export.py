"""Staff import and export records as CSV in the admin, safely and all or nothing."""

import csv
import io
import re
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from whitepaper.models import PUBLICATION_RECORDS, Region, StatedBy, Statistic
from whitepaper.translation import twins

pytestmark = pytest.mark.django_db

HEADER = (
    "publication,key,label,value,qualifier,unit,category,as_of,source_quote,note,"
    "value_as_stated,position,is_published"
)
SLUG = "miit-blockchain-white-paper-2018"


#: Sentences of the source text with the numbers the rows below import (the fidelity guard
#: refuses a figure that its quote does not state).
SOURCE_SENTENCES = {
    "86": "By the end of March 2018, The number of blockchain starups that provide financial "
    "blockchain solutions hits 86 while 109 blockchain starups target the real economy.",
    "3": "3. Blockchain will be broadly applied in real economy within 3 years and may provide "
    "key supports to the establishment of Digital China.",
}


#: Where each figure stands in its sentence (value_as_stated).
PLACES = {"86": "hits 86", "3": "3 years"}


def row(key, label, value, unit="startups", quote=None, position=1):
    quote = quote or SOURCE_SENTENCES.get(value, SOURCE_SENTENCES["86"])
    # Dated only where the quote dates it (the guard refuses any other date).
    as_of = "2018-03-31" if "by the end of march 2018" in quote.lower() else ""
    place = PLACES.get(value, "hits 86")
    return (
        f'{SLUG},{key},{label},{value},exact,{unit},startups,{as_of},"{quote}",,{place},'
        f"{position},1"
    )


def upload(client, text, encoding="utf-8", **note):
    """The import form: the file, and the public note for it (public_note=...)."""
    data = text.encode(encoding)
    return client.post(
        reverse("admin:whitepaper_statistic_import"),
        {
            "resource": "0",
            "format": "0",
            "import_file": SimpleUploadedFile("statistics.csv", data, "text/csv"),
            **note,
        },
    )


def confirm(client, preview):
    form = preview.context["confirm_form"]
    return client.post(
        reverse("admin:whitepaper_statistic_process_import"), form.initial, follow=True
    )


def page_text(response):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


@pytest.fixture
def valid_file():
    return "\n".join(
        [
            HEADER,
            row("financial-solution-startups", "Financial startups (checked)", "86"),
            row("new-figure", "A new figure", "3", position=9),
        ]
    )


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig"], ids=["no-bom", "bom"])
def test_import_previews_then_saves_with_history(
    editor_client, editor, whitepaper, valid_file, encoding
):
    preview = upload(editor_client, valid_file, encoding, public_note="Label checked.")
    assert preview.status_code == 200
    text = page_text(preview)
    assert "Preview" in text
    assert "Public note for this file Label checked." in text
    assert "A new figure" in text
    assert not Statistic.objects.filter(key="new-figure").exists()  # nothing saved yet

    done = confirm(editor_client, preview)
    assert done.status_code == 200
    new = Statistic.objects.get(key="new-figure")
    assert new.value == 3
    changed = Statistic.objects.get(key="financial-solution-startups")
    assert changed.label == "Financial startups (checked)"
    assert changed.history.latest().history_user == editor
    assert new.history.get().history_user == editor


def test_import_with_chinese_text_and_bom(editor_client, whitepaper):
    text = "\n".join([HEADER, row("zh-figure", "区块链初创企业", "3")])
    confirm(editor_client, upload(editor_client, text, "utf-8-sig"))
    assert Statistic.objects.get(key="zh-figure").label == "区块链初创企业"


def test_invalid_row_is_reported_and_nothing_is_saved(editor_client, whitepaper):
    text = "\n".join(
        [
            HEADER,
            row("financial-solution-startups", "Changed label", "86"),
            row("bad-percent", "Too much", "150", unit="percent"),
            row("bad-negative", "Negative", "-4"),
        ]
    )
    preview = upload(editor_client, text, public_note="Relabelled.")
    assert preview.status_code == 200
    text = page_text(preview)
    assert "Some rows failed to validate" in text
    # Row number (data rows counted from 1), the field, the reason.
    assert " 2 value A percentage cannot be above 100. " in text
    assert " 3 value A count or share cannot be negative. " in text
    assert preview.context.get("confirm_form") is None
    assert Statistic.objects.get(key="financial-solution-startups").label != "Changed label"
    assert not Statistic.objects.filter(key__startswith="bad-").exists()


def test_malformed_file_is_refused(editor_client, whitepaper):
    preview = upload(editor_client, "not,a,statistics,file\n1,2,3,4")
    assert preview.context.get("confirm_form") is None
    assert Statistic.objects.count() == 4


def test_import_needs_the_import_permission(client, whitepaper):
    staff = User.objects.create_user("viewer", password="x" * 20, is_staff=True)
    client.force_login(staff)
    assert client.get(reverse("admin:whitepaper_statistic_import")).status_code == 403


def test_editor_and_superuser_can_open_import(editor_client, client, superuser):
    assert editor_client.get(reverse("admin:whitepaper_statistic_import")).status_code == 200
    client.force_login(superuser)
    assert client.get(reverse("admin:whitepaper_statistic_import")).status_code == 200


def test_export_selected_records_is_neutralised_csv(editor_client, whitepaper):
    statistic = Statistic.objects.get(key="blockchain-enterprises")
    statistic.label = "=HYPERLINK(1)"
    statistic.save()
    other = Statistic.objects.get(key="real-economy-startups")
    response = editor_client.post(
        reverse("admin:whitepaper_statistic_changelist"),
        {"action": "export_admin_action", "_selected_action": [statistic.pk, other.pk]},
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert {r["key"] for r in rows} == {"blockchain-enterprises", "real-economy-startups"}
    exported = next(r for r in rows if r["key"] == "blockchain-enterprises")
    assert exported["label"] == "'=HYPERLINK(1)"
    assert Decimal(exported["value"]) == 456  # a plain number, never prefixed


@pytest.mark.parametrize("model", ["statistic", "industrysegment", "tendency"])
def test_every_import_page_opens_for_editors(editor_client, whitepaper, model):
    response = editor_client.get(reverse(f"admin:whitepaper_{model}_import"))
    assert response.status_code == 200
    assert "This importer will import the following fields" in response.content.decode()


def test_region_export_uses_the_codes_as_keys(editor_client, whitepaper):
    from whitepaper.models import Region

    response = editor_client.post(
        reverse("admin:whitepaper_region_changelist"),
        {
            "action": "export_admin_action",
            "_selected_action": list(Region.objects.values_list("pk", flat=True)),
        },
    )
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert {row["code"]: row["name_zh"] for row in rows}["CN-GD"] == "广东"


def admin_export(client, model):
    """Every record of a kind as the admin's export action writes it."""
    name = model._meta.model_name
    response = client.post(
        reverse(f"admin:whitepaper_{name}_changelist"),
        {
            "action": "export_admin_action",
            "_selected_action": list(model.objects.values_list("pk", flat=True)),
        },
    )
    assert response.status_code == 200, name
    return response.content.decode("utf-8-sig")


def admin_import(client, model, text):
    """Import a CSV file through the admin's preview and confirmation."""
    name = model._meta.model_name
    preview = client.post(
        reverse(f"admin:whitepaper_{name}_import"),
        {
            "resource": "0",
            "format": "0",
            "import_file": SimpleUploadedFile(f"{name}.csv", text.encode(), "text/csv"),
        },
    )
    form = preview.context.get("confirm_form")
    assert form is not None, page_text(preview)[:2000]
    done = client.post(
        reverse(f"admin:whitepaper_{name}_process_import"), form.initial, follow=True
    )
    assert done.status_code == 200


def snapshot(model):
    """Every record of a kind by natural key: each public field (translations included), its
    position and published flag, as stored (a related record by its name)."""
    names = [
        name
        for name in (*model.public_fields(), "position", "is_published")
        if any(field.name == name for field in model._meta.fields)
    ]
    return {
        record.natural_key(): {name: str(getattr(record, name)) for name in names}
        for record in model.objects.all()
    }


#: Kinds in an order that imports a record after the records it names (a presence after the
#: statistic it is a share of and its region).
IMPORT_ORDER = [Region, *PUBLICATION_RECORDS]


def test_every_kind_survives_an_admin_export_and_import_field_by_field(
    publisher_client, whitepaper
):
    # A Publisher: the regions are among the kinds, and they keep the shared lists.
    editor_client = publisher_client
    for model in PUBLICATION_RECORDS:
        for record in model.objects.all():
            for field in model.TRANSLATED_FIELDS:
                for twin_name in twins(field):
                    if not getattr(record, twin_name) and getattr(record, field):
                        setattr(record, twin_name, f"译文：{getattr(record, field)}"[:100])
            record.stated_by = record.stated_by or StatedBy.REPORT
            record.save()
    before = {model: snapshot(model) for model in IMPORT_ORDER}
    files = {model: admin_export(editor_client, model) for model in IMPORT_ORDER}
    for model in reversed(IMPORT_ORDER):
        model.objects.all().delete()
        # As into a new database: an import refuses to bring back what staff deleted.
        model.history.all().delete()

    for model in IMPORT_ORDER:
        admin_import(editor_client, model, files[model])

    for model in IMPORT_ORDER:
        after = snapshot(model)
        assert after.keys() == before[model].keys(), model
        for key, fields in before[model].items():
            assert after[key] == fields, (model, key)
    chinese = [
        getattr(record, twin_name)
        for model in PUBLICATION_RECORDS
        for record in model.objects.all()
        for field in model.TRANSLATED_FIELDS
        for twin_name in twins(field)
    ]
    assert any(chinese) and all(
        record.stated_by for model in PUBLICATION_RECORDS for record in model.objects.all()
    )


def test_a_changed_published_figure_needs_the_files_note_and_is_listed(
    editor_client, client, whitepaper
):
    startups = Statistic.objects.get(key="financial-solution-startups")
    text = "\n".join([HEADER, row(startups.key, startups.label, "87")])
    refused = page_text(upload(editor_client, text))
    assert "This row changes a published record: write a public note for the file" in refused
    # 87 is in no place of the sentence: the note must also confirm the mismatch.
    refused = page_text(upload(editor_client, text, public_note="Recounted."))
    assert "87 does not appear as a number in this record’s source quote" in refused
    preview = upload(
        editor_client,
        text,
        public_note="The white paper table gives 87.",
        public_note_zh="白皮书的表格给出87。",
        confirm_mismatch="on",
    )
    shown = page_text(preview)
    assert "Public note for this file The white paper table gives 87. 白皮书的表格给出87。" in shown
    assert re.search(r" Value 86(\.00)? 87 ", shown)  # old and new, one line
    assert Statistic.objects.get(pk=startups.pk).value == 86  # only a preview
    confirm(editor_client, preview)
    assert Statistic.objects.get(pk=startups.pk).value == 87
    log = page_text(client.get("/changes/"))
    assert "86 → 87" in log or ("86" in log and "87" in log)
    assert "The white paper table gives 87." in log
    assert "白皮书的表格给出87。" in page_text(client.get("/zh-hans/changes/"))


def test_another_number_of_the_sentence_is_refused_in_an_import(editor_client, whitepaper):
    text = "\n".join([HEADER, row("financial-solution-startups", "Financial", "109")])
    refused = page_text(upload(editor_client, text, public_note="Recounted."))
    assert "109 is not this record’s figure: where it stands, the source quote says “hits 86”" in (
        refused
    )
    assert Statistic.objects.get(key="financial-solution-startups").value == 86


def test_an_old_export_does_not_bring_back_a_deleted_record(editor_client, whitepaper):
    text = admin_export(editor_client, Statistic)
    figure = Statistic.objects.get(key="real-economy-startups")
    figure._change_reason = "Counted twice."
    figure.delete()
    refused = page_text(upload(editor_client, text))
    assert "A record with this key was deleted on" in refused
    assert "(note: “Counted twice.”)" in refused
    assert not Statistic.objects.filter(key="real-economy-startups").exists()


def test_the_preview_lists_changes_in_four_columns(editor_client, whitepaper, valid_file):
    html = upload(editor_client, valid_file, public_note="Checked.").content.decode()
    table = re.search(r'<table class="import-changes">.*?</table>', html, re.S).group(0)
    header = re.search(r"<thead>.*?</thead>", table, re.S).group(0)
    assert header.count("<th ") == 4
    assert "<del>Blockchain startups providing financial blockchain solutions</del>" in table
    assert "<ins>Financial startups (checked)</ins>" in table


def test_the_admin_export_starts_with_a_byte_order_mark(editor_client, whitepaper):
    response = editor_client.post(
        reverse("admin:whitepaper_statistic_changelist"),
        {
            "action": "export_admin_action",
            "_selected_action": list(Statistic.objects.values_list("pk", flat=True)),
        },
    )
    assert response.content.startswith("\ufeff".encode())
    assert "以区块链为主营业务的企业" in response.content.decode("utf-8-sig")
