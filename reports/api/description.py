"""The OpenAPI description's own words, and what ninja does not write by itself.

ninja writes each operation's parameters and answers from the views and their schemas; this
module adds the headers every answer carries (ETag and Cache-Control, Link on a list,
Retry-After on a 429), marks errors as ``application/problem+json``, and writes the
description's introduction: how to page, cache and stay within the rate, and every other
address of the site that a program may read (the downloads, record pages' JSON, the feed),
each with the operation of this API that gives the same data.
"""

from django.conf import settings
from django.urls import reverse

from reports.api.problems import MEDIA_TYPE as PROBLEM_MEDIA_TYPE
from reports.records.kinds import KINDS
from reports.records.licence import RECORDS_LICENCE
from reports.tables.catalogue import TABLES
from whitepaper.translation import TRANSLATIONS

HEADERS = {
    "ETag": "The data's version: send it back in If-None-Match to get a 304 while the data "
    "has not changed.",
    "Cache-Control": "`public, no-cache`: keep the answer, but ask again (with If-None-Match) "
    "before using it.",
}
LINK = 'The next page, `<…>; rel="next"`, as in `next` (absent on the last page).'
RETRY_AFTER = "Seconds until this address may ask again."


#: Where the files for programs are in the site's translations: "in Simplified Chinese under
#: /<code>/", for each.
IN_TRANSLATIONS = "; ".join(f"in {lang.name} under /{lang.code}/" for lang in TRANSLATIONS)


def machine_readable_urls():
    """[(address, what it gives, the operation of this API with the same data)] for every
    address of the site a program may read besides the API."""
    urls = []
    for table in TABLES:
        for fmt in ("csv", "json"):
            urls.append(
                (
                    table.download_url(fmt),
                    f"the rows of the table {table.page_url()} as {fmt.upper()}, with its "
                    f"filters and sort (every page); {IN_TRANSLATIONS}",
                    f"list_{table.slug}",
                )
            )
    for kind in KINDS:
        urls += [
            (
                f"/publications/<slug>/{kind.slug}/<key>.json",
                "a record's public fields and dates, typed",
                f"get_{kind.url_name}",
            ),
            (
                f"/releases/<version>/publications/<slug>/{kind.slug}/<key>.json",
                "a record's public values as a release stored them, and what became of it after",
                "list_release_changes",
            ),
            (
                f"/publications/<slug>/{kind.slug}/<key>/feed/",
                "a record's corrections and the releases that changed it, as an Atom feed",
                "get_" + kind.url_name,
            ),
        ]
    urls += [
        (reverse("reports:search_json"), f"search results; {IN_TRANSLATIONS}", "search"),
        (reverse("reports:changes_feed"), "the corrections log as an Atom feed", "list_changes"),
        *(
            (
                reverse(f"reports:{table.slug}_feed"),
                f"the corrections and releases of the table {table.page_url()}, as an Atom feed",
                f"list_{table.slug}",
            )
            for table in TABLES
        ),
        (
            "/publications/<slug>/feed/",
            "a publication's corrections and releases, as an Atom feed",
            "get_publication",
        ),
        (
            reverse("reports:releases_feed"),
            "every release of the data as an Atom feed",
            "list_releases",
        ),
        ("/releases/<version>/zip/", "a release's zip, which never changes", "get_release"),
        (reverse("reports:dataset_package"), "every table as CSV with datapackage.json", ""),
        (reverse("sitemap"), "every page, for search engines", ""),
        (reverse("opensearch"), "the site search, for browsers", "search"),
    ]
    return urls


def introduction():
    limit = settings.API_REQUESTS_PER_MINUTE
    lines = [
        "The records of the white papers this site holds, for programs: every kind of record "
        "and the publications, each record in both languages of the site (the source is in "
        "English; the Chinese texts are this site's translation, marked `site_translation`), "
        "with who states it, its source sentence, its dates (ISO 8601) and its pages. "
        f"The records are open data under {RECORDS_LICENCE.title} ({RECORDS_LICENCE.url}).",
        "",
        "**Paging.** A list answers `limit` records (at most 1,000) and the address of the "
        'next page in `next` and in a `Link: <…>; rel="next"` header. Follow it to the end: '
        "each record comes once, in order, even while the data is edited. Lists take the "
        "filters and `sort` of their table pages, with the same names.",
        "",
        "**Caching.** Every answer has an `ETag` that changes with the data; send it in "
        "`If-None-Match` and an unchanged answer is a 304 with no body.",
        "",
        "**Errors** are `application/problem+json` (RFC 9457), with a `detail` that says "
        "what to change.",
        "",
        "**Rate.** "
        + (
            f"At most {limit} requests a minute from one address; past it, 429 with `Retry-After`."
            if limit
            else "No limit on this server."
        )
        + " Any site's scripts may read the API (CORS `Access-Control-Allow-Origin: *`).",
        "",
        "**Other addresses for programs.** The site's downloads give the same data as these "
        "operations (a test holds them equal):",
        "",
        "| address | what | the same data here |",
        "| --- | --- | --- |",
    ]
    for address, what, operation in machine_readable_urls():
        lines.append(f"| `{address}` | {what} | {f'`{operation}`' if operation else '—'} |")
    return "\n".join(lines)


def header(text, required=True):
    return {"description": text, "required": required, "schema": {"type": "string"}}


def complete(schema):
    """Add to ninja's description what it does not write (see the module's docstring)."""
    schema["info"]["description"] = introduction()
    for operations in schema["paths"].values():
        for operation in operations.values():
            # ninja keys the answers by number until the description is written as JSON.
            responses = {str(status): answer for status, answer in operation["responses"].items()}
            operation["responses"] = responses
            is_list = any(parameter["name"] == "after" for parameter in operation["parameters"])
            headers = {name: header(text) for name, text in HEADERS.items()}
            if is_list:
                headers["Link"] = header(LINK, required=False)
            responses["200"]["headers"] = headers
            if "304" in responses:
                responses["304"] = {
                    "description": "Not modified: the copy whose ETag was sent is current.",
                    "headers": {"ETag": header(HEADERS["ETag"])},
                }
            for status, response in responses.items():
                if status.startswith(("4", "5")) and "content" in response:
                    response["content"] = {
                        PROBLEM_MEDIA_TYPE: response["content"].pop("application/json")
                    }
            # gunicorn refuses a request line longer than it reads before the site sees it.
            responses["414"] = {
                "description": "URI too long: the address is longer than the "
                "server reads (a first line of 4,094 bytes)."
            }
            if "429" in responses:
                responses["429"]["description"] = "Too many requests from this address."
                responses["429"]["headers"] = {"Retry-After": header(RETRY_AFTER)}
    return schema
