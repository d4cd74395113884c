"""How every answer of the API goes out: JSON, with an ETag and Cache-Control, a 304 for a
client whose copy is current, and the next page in a Link header.

The ETag is the pages' (reports.caching.freshness): it changes with the data version and the site's
release, so a client revalidates cheaply (``Cache-Control: no-cache``: keep it, but ask
first) and sees an edit at once. With the page cache on, an answer is kept per data version
like a page.
"""

import json
from functools import wraps

from django.http import HttpResponse

from reports.api.paging import BadSeekKey, page
from reports.api.problems import problem
from reports.api.representation import Links
from reports.caching.freshness import fresh_page

CACHE_CONTROL = "public, no-cache"
MEDIA_TYPE = "application/json"
BAD_CURSOR = (
    "The cursor `after` is not one of this list's for this sort order. Take it from the "
    "previous page's `next` with the same filters and sort, or start again without it."
)


def conditional(view):
    """The view's answers with the data's ETag and a 304 when it matches If-None-Match
    (checked before the parameters are read); kept in the page cache per data version."""
    checked = fresh_page(view)

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = checked(request, *args, **kwargs)
        if response.status_code in (200, 304):
            response["Cache-Control"] = CACHE_CONTROL
        return response

    return wrapper


def json_response(data, next_url=None):
    response = HttpResponse(json.dumps(data, ensure_ascii=False), content_type=MEDIA_TYPE)
    if next_url:
        response["Link"] = f'<{next_url}>; rel="next"'
    return response


def next_page_url(request, cursor):
    """This request's address with the cursor of the next page, or None on the last."""
    if cursor is None:
        return None
    query = request.GET.copy()
    query["after"] = cursor
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


def list_response(request, queryset, params, represent):
    """A page of a list: the ``params.limit`` records after the cursor ``params.after``, each
    as ``represent(record, links)`` gives it, with the next page's address in the body and
    the Link header; a problem+json 400 for a cursor that is not one."""
    try:
        found, cursor = page(queryset, params.after, params.limit)
    except BadSeekKey:
        return problem(400, BAD_CURSOR)
    links = Links(request)
    next_url = next_page_url(request, cursor)
    results = [represent(record, links) for record in found]
    return json_response({"results": results, "next": next_url}, next_url)
