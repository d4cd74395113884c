"""Freshness of public pages: one data version drives both the ETag and the page cache.

Every edit, import, publish or delete writes a history row (django-simple-history), and each
history row gives the data a new version token in the same transaction
(whitepaper.models.version), read in one query. Cached pages, row counts, bookmarks and
downloads are keyed by that token, so after any edit no app server can serve a stale page,
whether its cache is shared (Redis) or its own (local memory), whatever order concurrent
edits commit in. Changes that bypass model saves (queryset.update(), raw SQL) write no history
and are not seen: use simple-history's bulk helpers for those.
"""

from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.views.decorators.http import condition, require_safe

from reports.caching.keys import versioned_key
from reports.tables.catalogue import TABLES


def data_etag(request, *args, **kwargs):
    """Varies with the data, the site's release and the language of the page."""
    return '"' + versioned_key(request, "etag").removeprefix("etag:")[:32] + '"'


def page_cache_key(request):
    return versioned_key(
        request, "page", request.scheme, request.get_host(), request.get_full_path()
    )


#: The query-string parameters that public pages and the API read (pagination, sorting, the
#: tables' filters; the API's limit and search options). A page asked for with any other
#: parameter (?utm_source=…, ?x=<random>) is rendered but not cached, so that made-up
#: addresses cannot push real pages out of it.
PAGE_PARAMETERS = {"page", "per_page", "sort", "after", "before", "q", "limit", "kind", "language"}


def cacheable(request):
    known = PAGE_PARAMETERS.union(*(table.filterset_class.base_filters for table in TABLES))
    return all(name in known for name in request.GET)


def cached_by_data_version(view):
    """Serve a page rendered for the current data version from the cache when there is one.

    A page missing from the cache is rendered by whichever request asks for it, without
    waiting for another request rendering the same page: with no lock, a slow render never
    holds up others (rendering costs milliseconds; two requests may both render a page once).
    """

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if (
            request.method not in ("GET", "HEAD")
            or not settings.PAGE_CACHE_SECONDS
            or not cacheable(request)
        ):
            return view(request, *args, **kwargs)
        key = page_cache_key(request)
        response = cache.get(key)
        if response is not None:
            return response
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.streaming and not response.cookies:
            if hasattr(response, "render"):
                response.render()
            cache.set(key, response, settings.PAGE_CACHE_SECONDS)
        return response

    return wrapper


def conditional_on_data(view):
    """GET and HEAD only (the public site is read-only; other methods get a 405), with
    conditional GET: a 304 when the data has not changed since the client's copy."""
    return require_safe(condition(etag_func=data_etag)(view))


def fresh_page(view):
    """Conditional GET (304 when the data has not changed), then the versioned page cache."""
    return conditional_on_data(cached_by_data_version(view))
