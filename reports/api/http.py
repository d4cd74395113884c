"""How every answer of the API goes out: JSON, with an ETag and Cache-Control, a 304 for a
client whose copy is current, and the next page in a Link header.

The ETag is the pages' (reports.freshness): it changes with the data version and the site's
release, so a client revalidates cheaply (``Cache-Control: no-cache``: keep it, but ask
first) and sees an edit at once. With the page cache on, an answer is kept per data version
like a page.
"""

import json
from functools import wraps

from django.http import HttpResponse

from reports.freshness import fresh_page

CACHE_CONTROL = "public, no-cache"
MEDIA_TYPE = "application/json"


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
