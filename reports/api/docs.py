"""The API's human page (Swagger UI) and its OpenAPI description, as files of this site.

Swagger UI comes from django-ninja's own static files (``ninja`` is an installed app, so
ninja never reaches for a CDN), under the site's Content-Security-Policy unchanged: its
start-up is ninja's static swagger-ui-init.js, which reads its settings from a JSON block,
so the page runs no inline script and needs no nonce. Both answers have an ETag made from
their content and answer 304 to a client that has them.
"""

from functools import wraps

from django.utils.cache import get_conditional_response, set_response_etag
from ninja.openapi.docs import Swagger

CACHE_CONTROL = "public, no-cache"


class SiteSwagger(Swagger):
    """ninja's Swagger page in this site's template (its language, title and a way back)."""

    template = "api/docs.html"
    #: Try-it-out for GET (the only method). No deep links: Swagger UI puts them inside the
    #: operation's button, which nests one control in another (axe: nested-interactive).
    SETTINGS = {"tryItOutEnabled": True, "supportedSubmitMethods": ["get"], "deepLinking": False}


def with_content_etag(view):
    """An ETag from the answer's bytes, and a 304 when the client has them."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if response.status_code != 200:
            return response
        set_response_etag(response)
        response["Cache-Control"] = CACHE_CONTROL
        return get_conditional_response(request, etag=response["ETag"], response=response)

    return wrapper
