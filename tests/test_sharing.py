"""Sharing a figure (issue 29): every page's preview card is a 1,200 × 630 PNG in the page's
language, drawn with fonts that cover its text; the head says what link previews and reference
managers read; chart images stand alone; only the embeds may be framed; oEmbed 1.0."""

import re
import struct
from urllib.parse import urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.translation import override as override_language

from reports.records import citation
from reports.records.kinds import KIND_OF_MODEL, KINDS
from reports.sharing import fonts, lines, previews
from reports.sharing import render as draw
from whitepaper.models import Statistic

pytestmark = pytest.mark.django_db

PUBLICATION = "/publications/miit-blockchain-white-paper-2018"
STATISTIC = f"{PUBLICATION}/statistics/blockchain-enterprises/"
REGION = f"{PUBLICATION}/regions/CN-BJ/"
TENDENCY = f"{PUBLICATION}/tendencies/4/"
#: A page of each kind the issue names, in both languages, and what its og:title must say.
PAGES = {
    STATISTIC: "456 enterprises · Enterprises with blockchain as their main business",
    f"/zh-hans{STATISTIC}": "456家企业 · 以区块链为主营业务的企业",
    REGION: "Beijing · Together with the other listed regions: over 80%",
    f"/zh-hans{REGION}": "北京",
    TENDENCY: "4. A new platform economy",
    f"/zh-hans{TENDENCY}": "4. 新型平台经济",
    "/statistics/": "Statistics · 4 records",
    "/zh-hans/statistics/": "统计数据 · 4 条记录",
}


def head_of(response):
    return response.content.decode().split("</head>", 1)[0]


def meta(head, key):
    """The content of every <meta> whose property or name is ``key``."""
    pattern = rf'<meta (?:property|name)="{re.escape(key)}" content="([^"]*)">'
    return [unescape(value) for value in re.findall(pattern, head)]


def unescape(text):
    return text.replace("&amp;", "&").replace("&quot;", '"').replace("&#x27;", "'")


def png_size(data):
    """(width, height) of a PNG, from its IHDR chunk."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def local(url):
    return urlsplit(url).path


@pytest.mark.parametrize("path", PAGES)
def test_og_image_answers_a_card_of_1200_by_630(client, whitepaper, path):
    head = head_of(client.get(path))
    (image,) = meta(head, "og:image")
    response = client.get(local(image))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert png_size(response.content) == (1200, 630)
    assert meta(head, "og:image:width") == ["1200"]
    assert meta(head, "og:image:height") == ["630"]
    language = "/zh-hans/" if path.startswith("/zh-hans/") else "/"
    assert local(image).startswith(language)


@pytest.mark.parametrize(("path", "title"), PAGES.items())
def test_og_title_says_the_figure(client, whitepaper, path, title):
    head = head_of(client.get(path))
    assert meta(head, "og:title")[0].startswith(title)
    assert "本站译文" not in meta(head, "og:title")[0]


@pytest.mark.parametrize("path", PAGES)
def test_the_head_has_what_link_previews_read(client, whitepaper, path):
    head = head_of(client.get(path))
    chinese = path.startswith("/zh-hans/")
    assert meta(head, "og:locale") == (["zh_CN"] if chinese else ["en_GB"])
    assert meta(head, "og:locale:alternate") == (["en_GB"] if chinese else ["zh_CN"])
    assert meta(head, "twitter:card") == ["summary_large_image"]
    (alt,) = meta(head, "og:image:alt")
    assert meta(head, "og:title")[0].split(" · ")[0] in alt
    (description,) = meta(head, "og:description")
    assert (
        description
        != "What a news report says of a blockchain industrial white paper, each figure with its source sentence."
    )


def test_a_record_page_describes_itself_by_its_source_sentence(client, whitepaper):
    head = head_of(client.get(STATISTIC))
    (description,) = meta(head, "og:description")
    assert description.startswith("From the source: “The white paper indicated that, by the end")
    long_quote = "word " * 100
    Statistic.objects.filter(key="blockchain-enterprises").update(source_quote=long_quote)
    record = Statistic.objects.get(key="blockchain-enterprises")
    shortened = previews.og_description(record)
    assert shortened.endswith("…”") and len(shortened) < 240


@pytest.mark.parametrize("path", [STATISTIC, REGION, TENDENCY])
def test_record_pages_carry_citation_tags_as_the_citation_names_them(client, whitepaper, path):
    response = client.get(path)
    head = head_of(response)
    (title,) = meta(head, "citation_title")
    assert title.startswith("[") and title.endswith("]")  # a title this site supplies
    (author,) = meta(head, "citation_author")
    citation_text = response.context["citation"].text
    assert citation_text.startswith(author)
    assert meta(head, "citation_publisher") == ["Blockchain White Paper Data"]
    assert meta(head, "citation_public_url") == [f"http://testserver{path}"]
    # A date only where the record's own source sentence gives one (the regions' has none).
    assert meta(head, "citation_date") == (["2018/03/31"] if path == STATISTIC else [])


def test_the_oembed_discovery_link_is_in_a_record_page(client, whitepaper):
    head = head_of(client.get(STATISTIC))
    link = re.search(r'<link rel="alternate" type="application/json\+oembed" href="([^"]+)"', head)
    answer = client.get(unescape(link.group(1)).removeprefix("http://testserver")).json()
    assert "/embed/publications/miit-blockchain-white-paper-2018/statistics/" in answer["html"]


def test_a_chinese_card_has_its_text_in_the_fonts_that_travel_with_it(whitepaper):
    """Every record's Chinese card (and the English one) is drawn only with the fonts in
    reports/sharing/fonts/, and their character maps cover every character it draws."""
    for kind in KINDS:
        for record in kind.model.objects.select_related(*kind.model.RECORD_PAGE_RELATED):
            for code, tag in (("zh-hans", "zh-Hans"), ("en", "en")):
                with override_language(code):
                    card = previews.record_card(kind, record, address="127.0.0.1:8000/x/")
                assert card.lang == tag
                assert fonts.missing(card.text, tag) == "", (kind.slug, record, tag)
    with override_language("zh-hans"):
        statistic = Statistic.objects.get(key="blockchain-enterprises")
        card = previews.record_card(KIND_OF_MODEL[Statistic], statistic)
    assert "以区块链为主营业务的企业" in card.text
    assert set("以区块链为主营业务的企业") <= set(fonts.characters(fonts.CJK))


def test_the_fonts_are_the_projects_own_and_licensed(settings):
    for font in fonts.FONTS:
        assert font.path.is_file() and font.path.is_relative_to(settings.BASE_DIR)
    assert "SIL OPEN FONT LICENSE Version 1.1" in (fonts.FONT_DIR / "OFL.txt").read_text()
    assert fonts.missing("北京 abc 𠀀", "zh-Hans") == "𠀀"


def test_the_rasteriser_reads_no_system_font(monkeypatch):
    """Without the project's fonts the card's text is not drawn at all: the machine's own
    fonts are never used (so a card looks the same on a fresh machine)."""
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="60">'
        '<text x="10" y="40" font-size="30" font-family="sans-serif">北京 Beijing</text></svg>'
    )
    with_fonts = draw.png(svg)
    monkeypatch.setattr(draw, "font_files", lambda: [])
    blank = draw.png('<svg xmlns="http://www.w3.org/2000/svg" width="200" height="60"/>')
    assert draw.png(svg) == blank
    assert with_fonts != blank


def test_the_card_and_the_citation_agree(client, whitepaper):
    response = client.get(STATISTIC)
    credit = response.context["credit"]
    card = previews.record_card(KIND_OF_MODEL[Statistic], response.context["record"])
    parts = citation.credit_parts(response.context["record"])
    assert credit.startswith(parts.source) and card.source == parts.source
    assert parts.as_of in credit and card.as_of == "Figures as of end of March 2018"


def test_a_cached_card_is_served_without_drawing_it_again(client, whitepaper, monkeypatch):
    drawn = []
    real = draw.png
    monkeypatch.setattr(draw, "png", lambda *a, **k: drawn.append(1) or real(*a, **k))
    first = client.get(f"{STATISTIC}card.png")
    assert first.status_code == 200 and drawn == [1]
    with CaptureQueriesContext(connection) as queries:
        again = client.get(f"{STATISTIC}card.png")
    assert again.content == first.content and drawn == [1]
    assert len(queries) == 1  # the data version, for the ETag and the cache key
    not_modified = client.get(f"{STATISTIC}card.png", HTTP_IF_NONE_MATCH=first["ETag"])
    assert not_modified.status_code == 304 and drawn == [1]
    client.get(f"/zh-hans{STATISTIC}card.png")
    assert drawn == [1, 1]  # each language has its own card


def test_an_edit_draws_the_card_again(client, whitepaper):
    before = client.get(f"{STATISTIC}card.png").content
    statistic = Statistic.objects.get(key="blockchain-enterprises")
    statistic.label = "Enterprises whose main business is blockchain"
    statistic.save()
    assert client.get(f"{STATISTIC}card.png").content != before


def test_a_release_card_may_be_kept_for_a_year(client, whitepaper):
    for path in (
        f"/releases/1.0.0{STATISTIC}card.png",
        "/releases/1.0.0/card.png",
        "/releases/1.0.0/charts/startups.png",
    ):
        response = client.get(path)
        assert response.status_code == 200, path
        assert response["Cache-Control"] == "public, max-age=31536000, immutable"
    assert "immutable" not in client.get(f"{STATISTIC}card.png").get("Cache-Control", "")
    assert client.get("/releases/9.9.9/card.png").status_code == 404


@pytest.mark.parametrize("prefix", ["", "/zh-hans"])
def test_a_chart_image_stands_alone(client, whitepaper, prefix):
    svg = client.get(f"{prefix}/charts/startups.svg")
    assert svg["Content-Type"].startswith("image/svg+xml")
    text = svg.content.decode()
    if prefix:
        assert "各业务类型的区块链创业公司" in text and "创业公司数量" in text
        assert "来源：工业和信息化部区块链产业发展白皮书（2018），据新闻报道" in text
        assert "区块链白皮书数据，版本1.0.0" in text and "本站译文" in text
    else:
        assert "Blockchain startups by business type" in text and "Number of startups" in text
        assert "Source: MIIT white paper on blockchain industrial development (2018)" in text
        assert "Figures as of end of March 2018" in text
        assert "Blockchain White Paper Data, release 1.0.0" in text
    png = client.get(f"{prefix}/charts/startups.png")
    width, height = png_size(png.content)
    assert width == 2 * 408 and height > 400
    assert client.get("/charts/no-such-chart.png").status_code == 404


def test_a_chart_as_of_a_release_keeps_its_figures(client, whitepaper):
    statistic = Statistic.objects.get(key="real-economy-startups")
    statistic.value = 110
    statistic.source_quote = statistic.source_quote.replace("109", "110")
    statistic.save()
    assert "110 startups" in client.get("/charts/startups.svg").content.decode()
    pinned = client.get("/releases/1.0.0/charts/startups.svg").content.decode()
    assert "109 startups" in pinned and "110 startups" not in pinned


EMBEDS = [
    f"/embed{STATISTIC}",
    f"/zh-hans/embed{STATISTIC}",
    f"/embed/releases/1.0.0{STATISTIC}",
    "/embed/charts/startups/",
    "/embed/releases/1.0.0/charts/regional-concentration/",
]


@pytest.mark.parametrize("path", EMBEDS)
def test_only_embeds_may_be_framed(client, whitepaper, path):
    embed = client.get(path)
    assert embed.status_code == 200
    assert "X-Frame-Options" not in embed
    assert "frame-ancestors *" in embed["Content-Security-Policy"]
    assert not embed.cookies
    html = embed.content.decode()
    assert re.search(r"<title>[^<]+</title>", html)
    assert 'target="_blank"' in html and "noopener" in html
    ordinary = client.get(STATISTIC)
    assert ordinary["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in ordinary["Content-Security-Policy"]


def test_an_embed_carries_its_credit_and_a_link_back(client, whitepaper):
    html = client.get(f"/embed{STATISTIC}").content.decode()
    assert "456 enterprises" in html
    assert "Source: MIIT white paper on blockchain industrial development (2018)" in html
    assert f'href="{STATISTIC}"' in html
    pinned = client.get(f"/embed/releases/1.0.0{STATISTIC}").content.decode()
    assert f'href="/releases/1.0.0{STATISTIC}"' in pinned


def test_a_record_page_offers_live_and_pinned_embed_codes(client, whitepaper):
    embeds = client.get(STATISTIC).context["share"].embeds
    assert [label for label, _embed in embeds] == ["Live", "Pinned to release 1.0.0"]
    assert embeds[0][1].url == f"http://testserver/embed{STATISTIC}"
    assert embeds[1][1].url == f"http://testserver/embed/releases/1.0.0{STATISTIC}"
    overview = client.get("/").content.decode()
    assert (
        "/embed/charts/startups/" in overview
        and "/embed/releases/1.0.0/charts/startups/" in overview
    )


OEMBED_REQUIRED = {"version", "type", "html", "width", "height"}


@pytest.mark.parametrize(
    ("url", "embed"),
    [
        (STATISTIC, f"/embed{STATISTIC}"),
        (f"/zh-hans{STATISTIC}", f"/zh-hans/embed{STATISTIC}"),
        (f"/releases/1.0.0{STATISTIC}", f"/embed/releases/1.0.0{STATISTIC}"),
        ("/charts/startups.png", "/embed/charts/startups/"),
        ("/embed/charts/startups/", "/embed/charts/startups/"),
    ],
)
def test_oembed_answers_with_the_embed_code(client, whitepaper, url, embed):
    response = client.get("/oembed", {"url": f"http://testserver{url}", "format": "json"})
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    answer = response.json()
    # oEmbed 1.0, section 2.3.4: the type "rich" needs html, width and height.
    assert answer.keys() >= OEMBED_REQUIRED
    assert answer["version"] == "1.0" and answer["type"] == "rich"
    assert isinstance(answer["width"], int) and isinstance(answer["height"], int)
    assert answer["title"] and answer["provider_name"]
    assert answer["provider_url"] == "http://testserver/"
    assert f'<iframe src="http://testserver{embed}"' in answer["html"]
    assert f'title="{answer["title"]}"' in answer["html"].replace("&#x27;", "'")


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ({"url": "http://testserver/statistics/"}, 404),
        ({"url": "http://elsewhere.example/publications/x/statistics/y/"}, 404),
        ({"url": "javascript:alert(1)"}, 404),
        ({"url": f"http://testserver{PUBLICATION}/statistics/no-such-figure/"}, 404),
        ({}, 404),
        ({"url": f"http://testserver{STATISTIC}", "format": "xml"}, 501),
        ({"url": f"http://testserver{STATISTIC}", "maxwidth": "wide"}, 400),
    ],
)
def test_oembed_refuses_what_it_cannot_embed(client, whitepaper, query, status):
    assert client.get("/oembed", query).status_code == status


def test_oembed_keeps_within_the_consumers_size(client, whitepaper):
    query = {"url": f"http://testserver{STATISTIC}", "maxwidth": "400", "maxheight": "200"}
    answer = client.get("/oembed", query).json()
    assert answer["width"] == 400 and answer["height"] == 200


def test_a_cached_embed_may_still_be_framed(client, whitepaper):
    first, again = client.get(f"/embed{STATISTIC}"), client.get(f"/embed{STATISTIC}")
    assert again.content == first.content
    assert "X-Frame-Options" not in again
    assert "frame-ancestors *" in again["Content-Security-Policy"]


def test_card_lines_wrap_as_their_fonts_measure_them():
    style = lines.Style(40)
    chinese = lines.wrap("以区块链为主营业务的企业，共四百五十六家", style, "zh-Hans", 40 * 6, 2)
    assert chinese == ["以区块链为主", "营业务的企…"]
    # "，" stays with the character before it: never at the start of a line.
    assert lines.all_lines("一二三四五六，七八", style, "zh-Hans", 40 * 6) == [
        "一二三四五",
        "六，七八",
    ]
    english = lines.wrap("Enterprises with blockchain as their main business", style, "en", 500, 3)
    assert all(fonts.width(line, 40, "en") <= 500 for line in english)
    assert " ".join(english) == "Enterprises with blockchain as their main business"
