"""Downloads hold exactly the rows of the table view, safely, as CSV and JSON."""

import csv
import io
import json
import re
import zipfile
from pathlib import Path

import pytest
from django.utils import timezone

from reports.downloads import exports, package
from reports.tables import catalogue
from tests.factories import add_statistics
from whitepaper.models import Statistic
from whitepaper.spreadsheet_safety import neutralise

pytestmark = pytest.mark.django_db


def download(client, url):
    """The response and its body, streamed or kept (small downloads are served from the
    cache once streamed)."""
    response = client.get(url)
    assert response.status_code == 200
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response, body


def csv_rows(body, encoding="utf-8-sig"):
    return list(csv.DictReader(io.StringIO(body.decode(encoding), newline="")))


def table_keys(client, query, pages):
    """The statistic keys of every page of the table view, in order."""
    keys = []
    for page in range(1, pages + 1):
        html = client.get(f"/statistics/?{query}&page={page}").content.decode()
        keys += re.findall(r'<tr id="statistic-([\w-]+)"', html)
    return keys


@pytest.mark.parametrize(
    "query",
    [
        "",
        "sort=-value",
        "sort=label",
        "category=startups&sort=-label",
        "q=figure+00&sort=value",
        "unit=startups&qualifier=exact&sort=-as_of",
    ],
)
def test_csv_holds_the_rows_of_the_view_across_all_pages(client, whitepaper, query):
    add_statistics(whitepaper, 55)  # more rows than one page
    expected = table_keys(client, query, pages=3)
    _, body = download(client, f"/statistics.csv?{query}")
    assert [row["key"] for row in csv_rows(body)] == expected
    assert len(expected) > 0


def test_download_link_on_the_page_carries_the_view(client, whitepaper):
    html = client.get("/statistics/?category=startups&sort=-value&page=1").content.decode()
    assert 'href="/statistics.csv?category=startups&amp;sort=-value"' in html


def test_csv_headers_and_filename(client, whitepaper):
    response, _ = download(client, "/statistics.csv?category=startups")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        'attachment; filename="statistics_category-startups.csv"'
    )


def test_csv_values_are_plain(client, whitepaper):
    _, body = download(client, "/statistics.csv?qualifier=more_than")
    (row,) = csv_rows(body)
    assert row["value"] == "80"
    assert row["qualifier"] == "more_than"
    assert row["unit"] == "percent"
    assert row["as_of"] == ""  # "over 80%": its sentence gives no date
    assert row["published_on"] == "2018-05-20"
    # On the site's clock, with its offset, as every page and citation gives it.
    edited = timezone.localtime(Statistic.objects.get(key=row["key"]).updated_at)
    assert row["last_edited"] == edited.isoformat(timespec="seconds")
    assert row["last_edited"].endswith("+08:00")
    assert "<" not in body.decode("utf-8-sig")


def test_person_link_has_bom_and_program_flavour_does_not(client, whitepaper):
    _, with_bom = download(client, "/regions.csv")
    _, without = download(client, "/regions.csv?bom=0")
    assert with_bom.startswith(b"\xef\xbb\xbf")
    assert not without.startswith(b"\xef\xbb\xbf")
    assert without.startswith(b"region,name_zh,code")
    assert b"\r\n" in without


def test_chinese_text_round_trips(client, whitepaper):
    _, body = download(client, "/regions.csv")
    names = {row["code"]: row["name_zh"] for row in csv_rows(body, "utf-8-sig")}
    assert names == {"CN-BJ": "北京", "CN-SH": "上海", "CN-GD": "广东", "CN-ZJ": "浙江"}


@pytest.mark.parametrize("trigger", ["=", "+", "-", "@", "\t", "\r", "\n", "\0"])
def test_neutralise_prefixes_every_trigger(trigger):
    assert neutralise(f"{trigger}1+1") == f"'{trigger}1+1"


# NUL cannot be stored (PostgreSQL refuses it, Django's form fields reject it), so the
# round trip through the database covers the other triggers.
@pytest.mark.parametrize("trigger", ["=", "+", "-", "@", "\t", "\r", "\n"])
def test_formula_cells_are_neutralised_in_every_text_column(client, whitepaper, trigger):
    statistic = Statistic.objects.get(key="blockchain-enterprises")
    statistic.label = f"{trigger}HYPERLINK(1)"
    statistic.source_quote = f"{trigger}cmd"
    statistic.note = f"{trigger}note"
    statistic.save()
    _, body = download(client, "/statistics.csv?qualifier=exact&unit=enterprises")
    (row,) = csv_rows(body)
    assert row["label"] == f"'{trigger}HYPERLINK(1)"
    assert row["source_quote"] == f"'{trigger}cmd"
    assert row["value"] == "456"


def test_numbers_are_never_neutralised_and_text_always_is(whitepaper):
    statistic = Statistic.objects.get(key="blockchain-enterprises")
    Statistic.objects.filter(pk=statistic.pk).update(label="-5", note="plain")
    columns = exports.columns(
        Statistic, [("label", "label"), ("note", "note"), ("value", "value"), ("at", "position")]
    )
    queryset = Statistic.objects.filter(pk=statistic.pk)
    (row,) = exports.rows(queryset, columns, "en", spreadsheet=True)
    assert list(row) == ["'-5", "plain", 456, statistic.position]
    (row,) = exports.rows(queryset, columns, "en", spreadsheet=False)
    assert list(row) == ["-5", "plain", 456, statistic.position]


def test_json_has_typed_values_quotes_and_dates(client, whitepaper):
    response, body = download(client, "/statistics.json?sort=value")
    assert response["Content-Type"] == "application/json; charset=utf-8"
    data = json.loads(body)
    assert data["meta"]["as_of"] is None
    first = data["rows"][0]
    assert first["value"] == 80
    assert first["qualifier"] == "more_than"
    assert first["as_of"] is None
    assert data["rows"][1]["as_of"] == "2018-03-31"
    assert "over 80% of the blockchain companies" in first["source_quote"]
    assert [row["value"] for row in data["rows"]] == [80, 86, 109, 456]


def test_json_is_not_neutralised(client, whitepaper):
    Statistic.objects.filter(key="blockchain-enterprises").update(label="=SUM(A1)")
    _, body = download(client, "/statistics.json")
    assert "=SUM(A1)" in [row["label"] for row in json.loads(body)["rows"]]


@pytest.mark.parametrize("url", ["/regions.csv", "/segments.csv", "/tendencies.csv"])
def test_every_table_downloads(client, whitepaper, url):
    _, body = download(client, url)
    rows = csv_rows(body)
    assert rows
    # No region, segment or tendency sentence gives a date: none is invented.
    assert all(row["as_of"] == "" for row in rows)
    assert all(row["source_quote"] for row in rows)


@pytest.mark.parametrize("query", ["bom=2", "category=zzz", "publication=nope", "q=" + "x" * 500])
def test_bad_download_parameters_are_400(client, whitepaper, query):
    response = client.get(f"/statistics.csv?{query}")
    assert response.status_code == 400


def test_unknown_download_extension_is_404(client, whitepaper):
    assert client.get("/statistics.yaml").status_code == 404
    assert client.get("/statistics.xlsx").status_code == 404


@pytest.mark.parametrize("url", ["/statistics.csv?category=startups", "/regions.json"])
def test_a_small_download_is_kept_and_served_with_the_same_bytes(client, whitepaper, url):
    streamed = client.get(url)
    assert streamed.streaming
    streamed_body = b"".join(streamed.streaming_content)
    kept = client.get(url)
    assert not kept.streaming
    assert kept.content == streamed_body
    assert kept["Content-Disposition"] == streamed["Content-Disposition"]
    assert kept["ETag"] == streamed["ETag"]
    assert client.get(url, HTTP_IF_NONE_MATCH=kept["ETag"]).status_code == 304


def test_a_kept_download_changes_after_an_admin_edit(admin_client, whitepaper):
    url = "/statistics.csv?bom=0"
    _, before = download(admin_client, url)
    kept, body = download(admin_client, url)
    assert not kept.streaming and body == before
    statistic = Statistic.objects.get(key="blockchain-enterprises")
    form = admin_client.get(f"/admin/whitepaper/statistic/{statistic.pk}/change/")
    data = {
        field.html_name: field.value() if field.value() is not None else ""
        for field in form.context["adminform"].form
    }
    data["label"] = "Enterprises whose main business is blockchain"
    data["public_note"] = "Clearer label."
    response = admin_client.post(f"/admin/whitepaper/statistic/{statistic.pk}/change/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    _, after = download(admin_client, url)
    assert "Enterprises whose main business is blockchain" in after.decode()
    assert after != before


def test_a_download_too_big_to_keep_is_streamed_every_time(client, whitepaper, settings):
    settings.SMALL_DOWNLOAD_BYTES = 100
    first = client.get("/statistics.csv")
    assert first.streaming
    body = b"".join(first.streaming_content)
    second = client.get("/statistics.csv")
    assert second.streaming
    assert b"".join(second.streaming_content) == body


def test_with_the_page_cache_off_every_download_is_streamed(client, whitepaper, settings):
    settings.PAGE_CACHE_SECONDS = 0
    first = client.get("/regions.json")
    body = b"".join(first.streaming_content)
    second = client.get("/regions.json")
    assert second.streaming
    assert b"".join(second.streaming_content) == body


def test_a_new_release_does_not_serve_the_downloads_the_last_one_kept(client, whitepaper, settings):
    """Like a page: a release may change what a download holds."""
    url = "/statistics.csv?category=startups"
    assert download(client, url)[0].streaming  # sent, and kept
    assert not download(client, url)[0].streaming
    settings.SITE_RELEASE = settings.SITE_RELEASE + "-next"
    assert download(client, url)[0].streaming


#: The columns of every download before the tables' pages learnt to leave columns out.
DOWNLOAD_COLUMNS = json.loads(
    (Path(__file__).parent / "download_columns.json").read_text(encoding="utf-8")
)


@pytest.mark.parametrize("url", DOWNLOAD_COLUMNS["csv"])
def test_csv_columns_are_unchanged_whatever_the_page_leaves_out(client, whitepaper, url):
    """Programs read the CSV by its header: the same columns in the same order, also where
    the page leaves a column out (no rank, one publication)."""
    _, body = download(client, f"{url}?bom=0")
    header = body.decode().split("\r\n", 1)[0]
    assert header.split(",") == DOWNLOAD_COLUMNS["csv"][url]


@pytest.mark.parametrize("url", DOWNLOAD_COLUMNS["json"])
def test_json_keys_are_unchanged_whatever_the_page_leaves_out(client, whitepaper, url):
    _, body = download(client, url)
    data = json.loads(body)
    expected = DOWNLOAD_COLUMNS["json"][url]
    assert list(data) == expected["top"]
    assert list(data["meta"]) == expected["meta"]
    assert all(list(row) == expected["row"] for row in data["rows"])


def test_dataset_zip_columns_are_unchanged(client, whitepaper):
    _, body = download(client, "/downloads/dataset.zip")
    archive = zipfile.ZipFile(io.BytesIO(body))
    expected = DOWNLOAD_COLUMNS["dataset.zip"]
    assert archive.namelist() == expected["files"]
    headers = {
        name: archive.read(name).decode("utf-8-sig").split("\r\n", 1)[0].split(",")
        for name in archive.namelist()
        if name.endswith(".csv")
    }
    assert headers == expected["csv"]
    package = json.loads(archive.read("datapackage.json"))
    fields = {
        resource["name"]: [field["name"] for field in resource["schema"]["fields"]]
        for resource in package["resources"]
    }
    assert fields == expected["datapackage"]


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_csv_and_json_from_one_read_are_the_downloads_bytes(whitepaper, monkeypatch, language):
    """A release writes each table's CSV and JSON from one read of its rows: the same text
    as the CSV and JSON downloads (a formula cell neutralised in the CSV only, a moment on
    the site's clock in both), across pieces."""
    monkeypatch.setattr(exports, "ROWS_PER_WRITE", 2)
    Statistic.objects.filter(key="blockchain-enterprises").update(note="=SUM(A1)")
    written = {}
    for resource in package.resources(catalogue.TABLES):
        meta = {"table": resource.name}
        pieces = list(exports.csv_and_json(resource.queryset, resource.columns, meta, language))
        written[resource.name] = (
            "".join(csv_piece for csv_piece, _ in pieces),
            "".join(json_piece for _, json_piece in pieces),
        )
        assert written[resource.name] == (
            "".join(exports.csv_lines(resource.queryset, resource.columns, False, language)),
            "".join(exports.json_chunks(resource.queryset, resource.columns, meta, language)),
        ), resource.name
    csv_text, json_text = written["statistics"]
    assert "'=SUM(A1)" in csv_text
    assert '"note": "=SUM(A1)"' in json_text
    assert json.loads(written["publications"][1])["rows"][0]["last_edited"].endswith("+08:00")
