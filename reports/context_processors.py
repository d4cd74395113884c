"""What every public page's frame needs: the navigation, the licence, and the page's twin in
the other language (its link and its Open Graph locale)."""

from django.conf import settings
from django.utils.translation import get_language, get_language_info

from reports.records.licence import RECORDS_LICENCE
from reports.tables.catalogue import TABLES
from whitepaper.language import path_in
from whitepaper.models import QUERY_MAX_LENGTH, html_lang
from whitepaper.translation import LANGUAGE_LIST, language


def language_versions(request):
    """This page in every language: its URL (with the same query string), the language's
    own name and lang tag, and whether it is the page being shown."""
    current = get_language()
    query = request.META.get("QUERY_STRING", "")
    versions = []
    for code, _name in settings.LANGUAGES:
        path = path_in(request.path, code)
        versions.append(
            {
                "code": code,
                "lang": html_lang(code),
                "name": get_language_info(code)["name_local"],
                "url": request.build_absolute_uri(f"{path}?{query}" if query else path),
                "path": f"{path}?{query}" if query else path,
                "is_current": code == current,
            }
        )
    return versions


def site(request):
    return {
        "query_max_length": QUERY_MAX_LENGTH,
        "nav_tables": TABLES,
        "licence": RECORDS_LICENCE,
        "page_lang": html_lang(),
        "language_versions": language_versions(request),
        "og_locale": language().locale,
        "og_locale_alternates": [lang.locale for lang in LANGUAGE_LIST if lang is not language()],
    }
