"""What is public is said once (whitepaper.public), and every public field of every kind, in
every language, keeps the site's promises: changed in the admin without a public note it is
refused with a message on the note field; with a note it is saved, listed on /changes/, and the
next release is a patch whose zip holds the new value and whose changes list the record."""

import io
import json
import re
import zipfile
from datetime import date

import pytest
from django.core.management import call_command
from django.utils import translation

from reports.downloads import package
from reports.releases.publish import storage
from reports.tables import catalogue
from tests.test_admin import admin_url, change_form_data
from whitepaper import public
from whitepaper.models import (
    RECORD_MODELS,
    Publication,
    Region,
    RegionalPresence,
    Release,
    Statistic,
)

pytestmark = pytest.mark.django_db

#: Every public field, the publication's source text included (staff paste it in the admin).
CASES = [(model, name) for model in RECORD_MODELS for name in model.public_fields()]
#: Where the release's zip holds each kind: its table, and the path from the table's records.
TABLE_OF = {Region: ("regions", "region__"), Publication: ("publications", "")}


@pytest.fixture(autouse=True)
def english():
    translation.activate("en")


def record_of(model, whitepaper):
    """A published record of the kind: the regions' share (a percentage), Beijing."""
    if model is Publication:
        return whitepaper
    if model is Region:
        return Region.objects.get(code="CN-BJ")
    if model is Statistic:
        return Statistic.objects.get(key="top-four-regions-share")
    if model is RegionalPresence:
        return RegionalPresence.objects.get(region__code="CN-BJ")
    return model.objects.published().filter(publication=whitepaper).first()


def new_value(record, name):
    """A value of the field that differs from the record's and passes its field's own
    checks (a mismatch with the source is confirmed in the note)."""
    field = type(record)._meta.get_field(name)
    current = getattr(record, name)
    if field.is_relation:
        if name == "region":
            return Region.objects.create(code="CN-XZ", name="Tibet", kind="autonomous_region").pk
        return ""
    if field.choices:
        return next(value for value, _label in field.choices if value and value != current)
    if isinstance(current, date) or field.get_internal_type() == "DateField":
        return "2018-03-30" if name != "release_date" else "2018-05-21"
    if name == "value":
        return "81"
    if name in ("rank", "company_count", "number"):
        return "7"
    if name == "code":
        return "CN-QQ"
    if name == "source_url":
        return "https://example.org/the-article"
    if field.get_internal_type() == "SlugField":
        return f"{current}-corrected"
    corrected = "（更正）" if name.endswith("_zh") else " (corrected)"
    return f"{current}{corrected}"


def form_for(client, record, name, value):
    url = admin_url(type(record), "change", record.pk)
    data = change_form_data(client.get(url))
    data[name] = value
    return url, data


def released(version, resource_name):
    release = Release.objects.by_version(version)
    with storage().open(release.file_name, "rb") as file:
        archive = zipfile.ZipFile(io.BytesIO(file.read()))
    return json.loads(archive.read(f"{resource_name}.json"))["rows"]


@pytest.mark.parametrize(
    ("model", "name"), CASES, ids=lambda value: getattr(value, "__name__", value)
)
def test_a_public_field_needs_a_note_and_reaches_the_next_release(
    client, superuser, whitepaper, model, name
):
    client.force_login(superuser)
    record = record_of(model, whitepaper)
    value = new_value(record, name)

    url, data = form_for(client, record, name, value)
    response = client.post(url, {**data, "public_note": ""})
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["public_note"]
    record.refresh_from_db()
    assert str(getattr(record, type(record)._meta.get_field(name).attname)) != str(value)

    note = f"Corrected the {name} of this {model._meta.model_name}."
    # The refused form changed nothing: the same form, now with a note, is saved.
    response = client.post(url, {**data, "public_note": note, "confirm_mismatch": "on"})
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert note in client.get("/changes/").content.decode()

    call_command("publish_release", notes="Corrections.", stdout=io.StringIO())
    assert Release.objects.latest_release().version == "1.0.1"

    resource_name, path = TABLE_OF.get(model) or (model.URL_SEGMENT, "")
    (resource,) = [r for r in package.resources(catalogue.TABLES) if r.name == resource_name]
    if model is Region:
        row_record = RegionalPresence.objects.get(region=record)
    else:
        row_record = model.objects.get(pk=record.pk)
    index = list(resource.queryset.values_list("pk", flat=True)).index(row_record.pk)
    columns = [
        column
        for column in resource.columns
        if re.fullmatch(rf"{path}{name}(__.*)?", column.value.name)
    ]
    assert columns, f"the release holds no column of {model.__name__}.{name}"
    before, after = released("1.0.0", resource_name)[index], released("1.0.1", resource_name)[index]
    for column in columns:
        assert after[column.name] == public.value_of(resource.queryset.model, column.value.name).of(
            row_record
        )
    assert any(before[column.name] != after[column.name] for column in columns)

    changes = client.get("/api/v1/releases/1.0.1/changes").json()["results"]
    changed = {
        (change["record_kind"], field) for change in changes for field in change["changed_fields"]
    }
    kind = row_record._meta.model_name
    assert any(
        (kind, column.value.name) in changed or (kind, column.value.name.split("__")[0]) in changed
        for column in columns
    )


def test_public_fields_are_read_through_one_definition():
    """PUBLIC_FIELDS is declared on the models and read by public_fields() alone."""
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    readers = [
        path.relative_to(root).as_posix()
        for package_name in ("whitepaper", "reports")
        for path in (root / package_name).rglob("*.py")
        if "migrations" not in path.parts
        and re.search(r"(?<!def )\b\w+\.PUBLIC_FIELDS\b", path.read_text())
    ]
    assert readers == ["whitepaper/models/base.py"]
