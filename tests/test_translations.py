"""The Chinese follows docs/glossary.md, and every translation is labelled where it shows:
one word for the source's "companies" (公司) and another for its "enterprises" (企业), in the
records, the interface strings and the charts; the source's words (a tendency, a stage) in
the site's Chinese are always marked as the site's translation."""

import json
import re
from pathlib import Path

import polib
import pytest

from reports.releases import archive

ROOT = Path(__file__).resolve().parent.parent
DATA = json.loads((ROOT / "whitepaper" / "data" / "miit-2018.json").read_text(encoding="utf-8"))
CATALOGUE = polib.pofile(str(ROOT / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"))


def pairs():
    """(English, Chinese) of every translated text of the records and the interface."""
    for rows in DATA.values():
        for row in rows if isinstance(rows, list) else [rows]:
            if not isinstance(row, dict):
                continue
            for field, chinese in row.items():
                if field.endswith("_zh") and chinese:
                    yield row[field.removesuffix("_zh")], chinese
    for entry in CATALOGUE.translated_entries():
        yield entry.msgid, entry.msgstr or entry.msgstr_plural[0]


PAIRS = list(pairs())


@pytest.mark.parametrize(("english", "chinese"), PAIRS, ids=[str(n) for n in range(len(PAIRS))])
def test_companies_and_enterprises_keep_their_own_words(english, chinese):
    words = set(re.findall(r"[a-z]+", english.lower()))
    # "startups" is 创业公司, a word of its own.
    other = chinese.replace("创业公司", "")
    if words & {"company", "companies"}:
        assert "公司" in other, (english, chinese)
        if not words & {"enterprise", "enterprises"}:
            assert "企业" not in chinese, (english, chinese)
    if words & {"enterprise", "enterprises"}:
        assert "企业" in chinese, (english, chinese)
        if not words & {"company", "companies"}:
            assert "公司" not in other, (english, chinese)


def test_substantive_is_not_pragmatic():
    [tendency] = [t for t in DATA["tendencies"] if "substantive" in t["text"]]
    assert "务实" not in tendency["text_zh"] and "实质" in tendency["text_zh"]


def test_no_chinese_quotation_of_words_the_source_does_not_have():
    """A site-made Chinese phrase in quotation marks would read as the source's words: in
    the Chinese notes, only the source's own English words, or its own quoted terms
    translated, are quoted."""
    source = (ROOT / "whitepaper" / "data" / DATA["source_text_file"]).read_text(encoding="utf-8")
    translated_terms = {"平台经济", "可信数字化"}  # "platform economy", "credible digitization"
    for rows in DATA.values():
        for row in rows if isinstance(rows, list) else [rows]:
            if not isinstance(row, dict):
                continue
            for field, chinese in row.items():
                if field.endswith("_zh") and chinese:
                    for quoted in re.findall(r"“(.*?)”", chinese):
                        assert quoted in source or quoted in translated_terms, (field, quoted)


def quoted_english(text):
    """The phrases a message quotes, “so” or "so", with "…" left out."""
    return [
        q.replace("…", "").strip() for q in re.findall(r"“(.*?)”|\"(.*?)\"", text) for q in q if q
    ]


def test_the_interface_quotes_the_sources_words_in_english():
    """Where an English message quotes the source's words (“over”, “by the end of”), the
    Chinese quotes the same English words: a Chinese phrase in quotation marks would read as
    the source's, which is English."""
    source = (ROOT / "whitepaper" / "data" / DATA["source_text_file"]).read_text(encoding="utf-8")
    squeezed_source = " ".join(source.split()).lower()
    checked = 0
    for entry in CATALOGUE.translated_entries():
        for phrase in quoted_english(entry.msgid):
            if phrase and phrase.lower() in squeezed_source:
                checked += 1
                assert f"“{phrase}" in entry.msgstr or f'"{phrase}' in entry.msgstr, (
                    entry.msgid,
                    entry.msgstr,
                )
    assert checked >= 5


def assert_each_labelled(pieces):
    """Each piece of HTML (there is at least one) carries the site's translation label."""
    assert pieces
    for piece in pieces:
        assert '<span class="translation-label">（本站译文）</span>' in piece


@pytest.mark.django_db
def test_search_results_label_a_chinese_tendency_as_the_sites_translation(client, whitepaper):
    html = client.get("/zh-hans/search/", {"q": "实体经济"}).content.decode()
    tendencies = re.search(
        r'<section aria-labelledby="results-tendency">(.*?)</section>', html, re.S
    )
    assert_each_labelled(re.findall(r'<p class="snippet">(.*?)</p>', tendencies.group(1), re.S))


@pytest.mark.django_db
def test_a_stage_in_chinese_is_labelled_with_the_source_words_beside_it(client, whitepaper):
    url = "/zh-hans/publications/miit-blockchain-white-paper-2018/segments/"
    html = client.get(url + "industrial-technology-application-services/").content.decode()
    assert "下游产业技术应用服务" in html
    assert "（本站译文）" in html
    assert '<q lang="en">downstream industrial technology application services</q>' in html


@pytest.mark.django_db
def test_chinese_tables_charts_and_downloads_say_what_is_translated(client, whitepaper):
    assert "本表中的中文文字为本站译文" in client.get("/zh-hans/statistics/").content.decode()
    overview = client.get("/zh-hans/").content.decode()
    assert "图表中的文字为本站译文" in overview
    assert "区块链公司的地区集中度" in overview
    meta = json.loads(b"".join(client.get("/zh-hans/statistics.json").streaming_content))["meta"]
    assert meta["site_translation"]["columns"] == ["label", "note", "publication"]
    record = client.get("/publications/miit-blockchain-white-paper-2018/tendencies/5.json").json()
    assert record["site_translation"]["keys"] == ["title_zh", "text_zh"]


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/zh-hans/search.json", "/api/v1/search"])
def test_search_json_says_which_snippets_are_the_sites_translation(client, whitepaper, url):
    params = {"q": "实体经济", "kind": "tendency"}
    if url.startswith("/api/"):
        params["language"] = "zh-Hans"
    results = client.get(url, params).json()["results"]
    assert results
    for result in results:
        assert result["snippet_site_translation"] is True
    english = client.get("/search.json", {"q": "real economy", "kind": "tendency"}).json()
    assert english["results"]
    assert not any(result["snippet_site_translation"] for result in english["results"])


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url", ["/zh-hans/", "/zh-hans/publications/miit-blockchain-white-paper-2018/"]
)
def test_findings_in_chinese_are_labelled_as_the_sites_translation(client, whitepaper, url):
    html = client.get(url).content.decode()
    findings = re.search(r'<section aria-labelledby="findings">(.*?)</section>', html, re.S)
    # A line of the web page is shown apart, in its own English words: not a translation.
    shown, page_lines = findings.group(1).split('<div class="page-lines">')
    assert_each_labelled(re.findall(r"<li id=.*?</li>", shown, re.S))
    assert '“<span lang="en">China-Filed-Most-Blockchain-Patents-in-2017</span>”' in page_lines
    assert "本站译文" not in page_lines


@pytest.mark.django_db
def test_the_translation_columns_beside_the_english_are_named_in_every_json(client, whitepaper):
    meta = json.loads(b"".join(client.get("/regions.json").streaming_content))["meta"]
    assert meta["site_translation"]["columns"] == ["name_zh"]
    english = json.loads(b"".join(client.get("/statistics.json").streaming_content))["meta"]
    assert english["site_translation"]["columns"] == []


def test_a_release_names_its_translation_columns(whitepaper):
    resource = next(r for r in archive.release_resources() if r.name == "regions")
    pieces = archive.table_entries(resource, "9.9.9")
    for _ in pieces["regions.csv"]:
        pass
    data = json.loads(b"".join(pieces["regions.json"]).decode())
    columns = data["meta"]["site_translation"]["columns"]
    assert "name_zh" in columns
    assert columns == [key for key in data["rows"][0] if key.endswith("_zh")]


def test_numbers_are_written_as_the_source_writes_them():
    """The glossary: "within 3 years" is 3年, in the records' every Chinese text."""
    for rows in DATA.values():
        for row in rows if isinstance(rows, list) else [rows]:
            if isinstance(row, dict):
                for field, chinese in row.items():
                    if field.endswith("_zh") and chinese:
                        assert not re.search("[一二三四五六七八九十]年", chinese), (field, chinese)


@pytest.mark.django_db
def test_a_figure_written_in_chinese_is_labelled_as_the_sites_translation(client, whitepaper):
    html = client.get(
        "/zh-hans/publications/miit-blockchain-white-paper-2018/statistics/top-four-regions-share/"
    ).content.decode()
    assert re.search(
        r'<span class="figure">超过80%</span> <span class="translation-label">（本站译文）</span>',
        html,
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url", ["/zh-hans/", "/zh-hans/publications/miit-blockchain-white-paper-2018/"]
)
def test_pages_of_many_records_say_their_chinese_is_the_sites_translation(client, whitepaper, url):
    html = client.get(url).content.decode()
    assert '<p class="translation-note">本页中的中文文字为本站译文；来源原文为英文。</p>' in html
    english = client.get(url.removeprefix("/zh-hans")).content.decode()
    assert "translation-note" not in english


@pytest.mark.django_db
def test_a_regions_chinese_page_labels_the_share_it_links_to(client, whitepaper):
    url = "/zh-hans/publications/miit-blockchain-white-paper-2018/regions/CN-GD/"
    html = client.get(url).content.decode()
    share = re.search(r"位于北京、上海、广东、浙江的区块链公司所占比例(.{0,80})", html).group(1)
    assert share.lstrip().startswith('<span class="translation-label">（本站译文）</span>')
