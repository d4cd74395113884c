"""The language of a request: from the URL on the public site, from the browser in the admin.

English pages live at their paths, each translation's pages at the same paths under the
language's code (/<code>/…)
(i18n_patterns with prefix_default_language=False). A public page's language comes from its
URL only, never from a cookie or the Accept-Language header, so that every URL has one
meaning and every cache (the page cache, a browser's, a proxy's) stays correct. The admin
is not translated by URL: it follows the browser, as Django's LocaleMiddleware does.
"""

from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers

ADMIN_PATH = "/admin/"


def prefix_of(path):
    """The language whose prefix the path starts with ("/<code>/…"), or None. Only the
    prefixes the site uses count: Django would also read a related code (a bare language
    without its script, say) as the same language."""
    for code, _name in settings.LANGUAGES:
        if code != settings.LANGUAGE_CODE and (path == f"/{code}" or path.startswith(f"/{code}/")):
            return code
    return None


def language_of_path(path):
    """The language a public path is in: its prefix, else the default (English)."""
    return prefix_of(path) or settings.LANGUAGE_CODE


def path_in(path, language):
    """The same public page in another language: /statistics/ <-> /<code>/statistics/.

    Every public path is the same below the language prefix, so this needs no URL lookup
    (and works for a page that does not exist, such as a 404)."""
    current = prefix_of(path)
    if current:
        path = path[len(current) + 1 :] or "/"
    if language == settings.LANGUAGE_CODE:
        return path
    return f"/{language}{path}"


class LanguageMiddleware:
    """Activate the request's language (see the module's docstring) and say it in
    Content-Language. Takes the place of Django's LocaleMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        is_admin = request.path_info.startswith(ADMIN_PATH)
        if is_admin:
            language = translation.get_language_from_request(request)
        else:
            language = language_of_path(request.path_info)
        # For this request only: the thread's language is restored afterwards.
        with translation.override(language):
            request.LANGUAGE_CODE = translation.get_language()
            response = self.get_response(request)
        if is_admin:
            patch_vary_headers(response, ("Accept-Language",))
        response.headers.setdefault("Content-Language", request.LANGUAGE_CODE)
        return response
