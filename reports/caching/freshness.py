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
from django.http import HttpResponse
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
PAGE_PARAMETERS = {
    *("page", "per_page", "sort", "after", "before", "q", "limit", "kind", "language", "bom"),
}


#: What a kept download keeps of its headers (the ETag is added to every answer).
KEPT_HEADERS = ("Content-Type", "Content-Disposition")


def cacheable(request):
    known = PAGE_PARAMETERS.union(*(table.filterset_class.base_filters for table in TABLES))
    return all(name in known for name in request.GET)


def cached_by_data_version(view):
    """Serve a page rendered for the current data version from the cache when there is one.

    A page missing from the cache is rendered by whichever request asks for it, without
    waiting for another request rendering the same page: with no lock, a slow render never
    holds up others (rendering costs milliseconds; two requests may both render a page once).
    A streamed answer (a download) is kept as it is sent, if it comes to no more than
    SMALL_DOWNLOAD_BYTES: later requests get the same bytes from the cache.
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
        if response.status_code != 200 or response.cookies:
            return response
        if response.streaming:
            headers = {name: response[name] for name in KEPT_HEADERS if response.has_header(name)}
            response.streaming_content = kept_as_sent(response.streaming_content, key, headers)
            return response
        if hasattr(response, "render"):
            response.render()
        cache.set(key, response, settings.PAGE_CACHE_SECONDS)
        return response

    return wrapper


def kept_as_sent(pieces, key, headers):
    """A streamed answer's pieces, passed on as they are sent; once all are sent, kept under
    key as an ordinary answer with the same bytes and headers if they come to no more than
    SMALL_DOWNLOAD_BYTES (a bigger one is streamed every time)."""
    kept, size = [], 0
    for piece in pieces:
        if kept is not None:
            size += len(piece)
            if size <= settings.SMALL_DOWNLOAD_BYTES:
                kept.append(piece)
            else:
                kept = None  # too big to keep: streamed every time
        yield piece
    if kept is not None:
        cache.set(key, HttpResponse(b"".join(kept), headers=headers), settings.PAGE_CACHE_SECONDS)


def conditional_on_data(view):
    """GET and HEAD only (the public site is read-only; other methods get a 405), with
    conditional GET: a 304 when the data has not changed since the client's copy."""
    return require_safe(condition(etag_func=data_etag)(view))


def fresh_page(view):
    """Conditional GET (304 when the data has not changed), then the versioned page cache."""
    return conditional_on_data(cached_by_data_version(view))
