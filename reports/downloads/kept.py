"""Small downloads kept like pages.

A download (a table's CSV or JSON, the dataset zip) is streamed; one no bigger than
SMALL_DOWNLOAD_BYTES is also kept in the cache as it is sent, under the data version, the
site's release, the language and its address, and later requests for it are answered from
there: the same bytes, with the pages' ETag and 304s. For PAGE_CACHE_SECONDS, like the pages
(0: every download streamed fresh).
"""

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse

from reports.caching.keys import versioned_key


def download_key(request):
    return versioned_key(request, "download", request.path, request.GET.urlencode())


def kept_download(request):
    """The response kept for this download, or None."""
    kept = cache.get(download_key(request)) if settings.PAGE_CACHE_SECONDS else None
    if kept is None:
        return None
    body, content_type, disposition = kept
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = disposition
    return response


def keep_if_small(request, response):
    """The streaming response, made to keep what it sends if that turns out small."""
    if settings.PAGE_CACHE_SECONDS:
        headers = (response["Content-Type"], response["Content-Disposition"])
        response.streaming_content = kept_as_sent(
            response.streaming_content, download_key(request), headers
        )
    return response


def kept_as_sent(chunks, key, headers):
    """Pass the chunks on, and once they are all sent, keep them in the cache under key if
    together they are no bigger than SMALL_DOWNLOAD_BYTES."""
    kept, size = [], 0
    for chunk in chunks:
        if kept is not None:
            size += len(chunk)
            if size <= settings.SMALL_DOWNLOAD_BYTES:
                kept.append(chunk)
            else:
                kept = None  # too big to keep: stream it every time
        yield chunk
    if kept is not None:
        cache.set(key, (b"".join(kept), *headers), settings.PAGE_CACHE_SECONDS)
