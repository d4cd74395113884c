"""The Chinese edition: every public page at the same path under /zh-hans/, in Chinese, with
the records' Chinese text, Chinese conventions for numbers and dates, and links between the
two languages."""

import csv
import gettext
import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import polib
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.test_pages import text_of
from tests.test_queries import PAGES
from whitepaper.models import Statistic, Tendency

pytestmark = pytest.mark.django_db

LOCALE = Path(__file__).resolve().parent.parent / "locale" / "zh_Hans" / "LC_MESSAGES"
ENGLISH_PAGES = [
    "/",
    "/statistics/",
    "/regions/",
    "/segments/",
    "/tendencies/",
    "/about/",
    "/publications/miit-blockchain-white-paper-2018/",
]


def chinese(path):
    return f"/zh-hans{path}"


@pytest.mark.parametrize("path", ENGLISH_PAGES)
def test_every_page_has_a_chinese_twin(client, whitepaper, path):
    response = client.get(chinese(path))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="zh-Hans">' in html
    assert response["Content-Language"] == "zh-hans"
    title = re.search(r"<title>(.*?)</title>", html).group(1)
    assert title.endswith(" · 区块链白皮书数据")
    assert '<nav aria-label="主导航">' in html or "概览" in html
    assert f'href="{chinese("/statistics/")}"' in html


@pytest.mark.parametrize("path", ENGLISH_PAGES)
def test_the_switcher_and_hreflang_lead_to_the_twin_and_back(client, whitepaper, path):
    query = "?sort=-value&page=1" if path == "/statistics/" else ""
    english = client.get(path + query).content.decode()
    twin = chinese(path) + query
    escaped = lambda url: url.replace("&", "&amp;")  # noqa: E731
    assert f'<a href="{escaped(twin)}" hreflang="zh-Hans" lang="zh-Hans">简体中文</a>' in english
    assert f'rel="alternate" hreflang="zh-Hans" href="http://testserver{escaped(twin)}"' in english
    assert (
        f'rel="alternate" hreflang="x-default" href="http://testserver{escaped(path + query)}"'
        in english
    )
    page = client.get(twin).content.decode()
    assert f'<a href="{escaped(path + query)}" hreflang="en" lang="en">English</a>' in page
    assert f'rel="alternate" hreflang="en" href="http://testserver{escaped(path + query)}"' in page


def test_the_switcher_works_on_a_page_that_does_not_exist(client, db):
    response = client.get("/zh-hans/no/such/page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="zh-Hans">' in html
    assert 'href="/no/such/page/" hreflang="en"' in html


def test_the_sitemap_lists_both_languages_with_alternates(client, whitepaper):
    root = ET.fromstring(client.get("/sitemap.xml").content)
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    locations = [url.findtext("s:loc", namespaces=ns) for url in root.findall("s:url", ns)]
    for path in ENGLISH_PAGES:
        assert f"http://testserver{path}" in locations
        assert f"http://testserver{chinese(path)}" in locations
    first = root.find("s:url", ns)
    languages = {link.get("hreflang") for link in first.findall("x:link", ns)}
    assert {"en", "zh-hans", "x-default"} <= languages


def test_figures_dates_and_bounds_follow_chinese_conventions(client, whitepaper):
    page = text_of(client.get("/zh-hans/"))
    for figure in ["456家企业", "86家创业公司", "109家创业公司", "超过80%"]:
        assert figure in page
    assert "2018年5月20日" in page
    # As a reader sees it: the date is in a <time> element right after 截至.
    assert "数据截至2018年3月底" in re.sub(r"<[^>]+>", "", client.get("/zh-hans/").content.decode())
    html = client.get("/zh-hans/").content.decode()
    assert '<span class="figure big">超过80%</span>' in html
    assert '<span class="figure big">over' not in html  # (the English quote keeps its words)
    table = text_of(client.get("/zh-hans/statistics/"))
    assert "超过80%" in table and "456家企业" in table


def test_the_tendencies_are_in_chinese_labelled_as_translation_beside_the_english(
    client, whitepaper
):
    html = client.get("/zh-hans/").content.decode()
    for tendency in Tendency.objects.all():
        assert tendency.text_zh in html
        assert f'<q lang="en">{tendency.text}' in html
    assert html.count("本站译文") >= 6


def test_english_source_sentences_carry_their_language(client, whitepaper):
    html = client.get("/zh-hans/statistics/").content.decode()
    quote = Statistic.objects.get(key="blockchain-enterprises").source_quote
    assert f'<blockquote class="source-quote" lang="en">“{quote}”</blockquote>' in html


def test_a_record_without_chinese_text_falls_back_to_english_visibly(client, whitepaper):
    Statistic.objects.filter(key="blockchain-enterprises").update(label_zh="")
    statistic = Statistic.objects.get(key="blockchain-enterprises")
    statistic.save()  # a new data version
    html = client.get("/zh-hans/statistics/").content.decode()
    assert f'<span lang="en">{statistic.label}</span>' in html
    assert "（英文：尚未翻译）" in html
    assert "（英文：尚未翻译）" not in client.get("/statistics/").content.decode()


@pytest.mark.parametrize("table", ["statistics", "regions", "segments", "tendencies"])
def test_downloads_have_the_same_columns_in_both_languages(client, whitepaper, table):
    english = client.get(f"/{table}.csv?bom=0")
    chinese_download = client.get(f"/zh-hans/{table}.csv?bom=0")
    assert 'filename="' in chinese_download["Content-Disposition"]
    assert "_zh-Hans.csv" in chinese_download["Content-Disposition"]
    assert "_zh-Hans" not in english["Content-Disposition"]
    rows = [
        list(csv.reader(io.StringIO(b"".join(r.streaming_content).decode())))
        for r in (english, chinese_download)
    ]
    assert rows[0][0] == rows[1][0]
    assert len(rows[0]) == len(rows[1])
    json_rows = [
        json.loads(b"".join(client.get(f"{prefix}/{table}.json").streaming_content))
        for prefix in ("", "/zh-hans")
    ]
    assert [list(row) for row in json_rows[0]["rows"]] == [
        list(row) for row in json_rows[1]["rows"]
    ]
    assert json_rows[1]["meta"]["language"] == "zh-Hans"


def test_a_chinese_download_has_the_chinese_text_and_the_english_quote(client, whitepaper):
    body = b"".join(client.get("/zh-hans/statistics.csv?bom=0").streaming_content).decode()
    rows = {row["key"]: row for row in csv.DictReader(io.StringIO(body))}
    statistic = Statistic.objects.get(key="top-four-regions-share")
    assert rows[statistic.key]["label"] == statistic.label_zh
    assert rows[statistic.key]["source_quote"] == statistic.source_quote
    assert rows[statistic.key]["value"] == "80"


@pytest.mark.parametrize(
    ("url", "expected"),
    # The sitemap has one address for both languages.
    [(url, expected) for url, expected in PAGES.items() if url != "/sitemap.xml"],
)
def test_chinese_pages_cost_the_queries_english_pages_cost(client, whitepaper, url, expected):
    with CaptureQueriesContext(connection) as context:
        response = client.get(chinese(url))
        if response.streaming:
            b"".join(response.streaming_content)
    assert response.status_code == 200
    assert len(context.captured_queries) == expected


def test_an_edit_to_a_chinese_field_shows_at_once_on_the_chinese_page_and_download(
    admin_client, whitepaper
):
    assert "以区块链为主营业务的企业" in client_text(admin_client, "/zh-hans/")
    statistic = Statistic.objects.get(key="blockchain-enterprises")
    url = f"/admin/whitepaper/statistic/{statistic.pk}/change/"
    form = admin_client.get(url).context["adminform"].form
    data = {field.html_name: field.value() if field.value() is not None else "" for field in form}
    data["label_zh"] = "主营区块链业务的企业"
    data["public_note"] = "Clearer Chinese label."
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert "主营区块链业务的企业" in client_text(admin_client, "/zh-hans/")
    body = b"".join(admin_client.get("/zh-hans/statistics.csv").streaming_content).decode()
    assert "主营区块链业务的企业" in body
    assert "主营区块链业务的企业" not in client_text(admin_client, "/")


def client_text(client, url):
    return text_of(client.get(url))


def test_the_admin_follows_the_browser_language(client, superuser):
    client.force_login(superuser)
    chinese_admin = client.get("/admin/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "站点管理" in chinese_admin or "管理" in chinese_admin
    english_admin = client.get("/admin/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Site administration" in english_admin or "Records" in english_admin


def test_the_admin_offers_both_languages_side_by_side(admin_client, whitepaper):
    statistic = Statistic.objects.get(key="blockchain-enterprises")
    html = admin_client.get(f"/admin/whitepaper/statistic/{statistic.pk}/change/").content
    assert b'name="label"' in html and b'name="label_zh"' in html
    assert b'name="note_zh"' in html


def test_every_message_is_translated_and_none_is_fuzzy():
    catalogue = polib.pofile(str(LOCALE / "django.po"))
    untranslated = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    assert untranslated == []
    assert fuzzy == []


def test_the_compiled_catalogue_matches_the_source():
    """The .mo is committed so that a machine without GNU gettext serves Chinese; it must
    hold exactly what the .po says (run `manage.py compilemessages` after editing it)."""
    source = polib.pofile(str(LOCALE / "django.po"))
    with open(LOCALE / "django.mo", "rb") as compiled_file:
        compiled = gettext.GNUTranslations(compiled_file)
    for entry in source.translated_entries():
        if entry.msgid_plural:
            assert compiled.ngettext(entry.msgid, entry.msgid_plural, 1) == entry.msgstr_plural[0]
        elif entry.msgctxt:
            assert compiled.pgettext(entry.msgctxt, entry.msgid) == entry.msgstr
        else:
            assert compiled.gettext(entry.msgid) == entry.msgstr, entry.msgid
    assert len(compiled._catalog) - 1 == len(source.translated_entries())


def test_the_dataset_zip_has_both_languages_and_a_readme_in_the_pages_language(client, whitepaper):
    import zipfile

    def archive(url):
        response = client.get(url)
        assert response.status_code == 200
        return response, zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))

    _, english = archive("/downloads/dataset.zip")
    chinese_response, chinese_zip = archive("/zh-hans/downloads/dataset.zip")
    assert "_zh-Hans.zip" in chinese_response["Content-Disposition"]
    assert english.read("statistics.csv") == chinese_zip.read("statistics.csv")
    header = english.read("statistics.csv").decode().splitlines()[0].split(",")
    assert header[header.index("label") + 1] == "label_zh"
    statistics = csv.DictReader(io.StringIO(english.read("statistics.csv").decode()))
    row = next(r for r in statistics if r["key"] == "blockchain-enterprises")
    assert row["label_zh"] == Statistic.objects.get(key="blockchain-enterprises").label_zh
    descriptor = json.loads(english.read("datapackage.json"))
    fields = {f["name"]: f for r in descriptor["resources"] for f in r["schema"]["fields"]}
    assert "translation of label into Simplified Chinese" in fields["label_zh"]["description"]
    assert "## Conventions" in english.read("README.md").decode()
    assert "## 约定" in chinese_zip.read("README.md").decode()


@pytest.mark.parametrize("path", ["/zh/statistics/", "/zh-cn/statistics/", "/zh-hansx/"])
def test_a_language_prefix_the_site_does_not_use_is_a_plain_404(client, db, path):
    response = client.get(path)
    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert f'href="/zh-hans{path}" hreflang="zh-Hans"' in html
    assert f'href="{path}" hreflang="en"' in html
