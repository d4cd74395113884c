"""Site search: the search page and its JSON twin (the query logic is whitepaper.search).

A query is always text: whatever a reader types is searched as words, never as syntax. A
query longer than QUERY_MAX_LENGTH characters is refused with a 400; a page number past the
end is a 404. A search of the first page that found something, answered with a 200, adds
one to its query's count for the day (whitepaper.search.popular), and nothing else is kept.
Result pages are not for search engines (noindex, and robots.txt).
"""

from urllib.parse import urlencode

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import formats
from django.utils.translation import get_language, gettext, ngettext
from django.views.decorators.http import require_safe

from reports import catalogue
from reports.search_display import KIND_LABELS, grouped, result
from whitepaper.models import QUERY_MAX_LENGTH
from whitepaper.search.engine import COUNT_CAP, KINDS, records_of, search
from whitepaper.search.popular import count_search
from whitepaper.search.text import MAX_QUERY_WORDS, parse_query

RESULTS_PER_PAGE = 20
NOINDEX = "noindex"


def too_long_message():
    return gettext(
        "Your search is longer than %(limit)s characters. Shorten it to a few words and "
        "search again."
    ) % {"limit": QUERY_MAX_LENGTH}


class SearchRequest:
    """The query, kind and page a request asks for, and their results."""

    def __init__(self, request):
        raw = request.GET.get("q", "")
        self.too_long = len(raw) > QUERY_MAX_LENGTH
        self.query = parse_query(raw[:QUERY_MAX_LENGTH])
        kind = request.GET.get("kind", "")
        self.kind = kind if kind in KINDS else None
        self.page_number = request.GET.get("page", "1")
        self.method = request.method
        self.results = None
        self.page = None

    def run(self):
        """Search, and take the page asked for (Http404 past the end or not a number)."""
        self.results = search(self.query, self.kind)
        paginator = Paginator(self.results.hits, RESULTS_PER_PAGE)
        try:
            self.page = paginator.page(self.page_number)
        except (EmptyPage, PageNotAnInteger) as error:
            raise Http404(gettext("There is no such page of results.")) from error
        phrases = self.query.phrases
        language = get_language()
        self.shown = [
            result(hit, record, phrases, language) for hit, record in records_of(self.page)
        ]
        return self.shown

    @property
    def counts_as_a_search(self):
        """Only a reader's GET of a first page of every kind that found something is a
        search to count."""
        found = bool(self.results and self.results.hits and self.page.number == 1)
        return found and not self.kind and self.method == "GET"


def count_text(results):
    if results.is_capped:
        total = formats.number_format(results.total, force_grouping=True)
        return gettext("More than %(count)s results") % {"count": total}
    return ngettext("%(count)s result", "%(count)s results", results.total) % {
        "count": formats.number_format(results.total, force_grouping=True)
    }


def kind_links(search_request):
    """Links to the results of each kind that has any, with their counts, and to all."""
    base = reverse("reports:search")
    query = search_request.query.text
    links = [
        {
            "label": gettext("All kinds"),
            "url": f"{base}?{urlencode({'q': query})}",
            "count": "",
            "is_current": search_request.kind is None,
        }
    ]
    for kind, count in search_request.results.counts.items():
        if count:
            shown = formats.number_format(min(count, COUNT_CAP), force_grouping=True)
            links.append(
                {
                    "label": KIND_LABELS[kind],
                    "url": f"{base}?{urlencode({'q': query, 'kind': kind})}",
                    "count": f"{shown}+" if count > COUNT_CAP else shown,
                    "is_current": search_request.kind == kind,
                }
            )
    return links if search_request.kind or len(links) > 2 else []


@require_safe
def search_page(request):
    search_request = SearchRequest(request)
    context = {"search_query": search_request.query, "tables": catalogue.TABLES}
    if search_request.too_long:
        context["error"] = too_long_message()
        return render(request, "reports/search.html", context, status=400)
    if not search_request.query.is_empty:
        shown = search_request.run()
        results = search_request.results
        context.update(
            results=results,
            page=search_request.page,
            paginator=search_request.page.paginator,
            groups=grouped(shown),
            count_text=count_text(results),
            listed=len(results.hits),
            kind_links=kind_links(search_request),
            word_limit=MAX_QUERY_WORDS,
        )
    response = render(request, "reports/search.html", context)
    if search_request.counts_as_a_search:
        count_search(search_request.query.normalised, get_language())
    return response


def results_data(request, search_request):
    """The results of a search for programs, as /search.json and the API (reports.api.search)
    give them: {query, count, count_is_lower_bound, page, pages, results: [{kind, title,
    value, url, snippet, snippet_site_translation, score}]}. Http404 for a page past the end."""
    results = []
    page = pages = 1
    total = 0
    capped = False
    if not search_request.query.is_empty:
        shown = search_request.run()
        page, pages = search_request.page.number, search_request.page.paginator.num_pages
        total, capped = search_request.results.total, search_request.results.is_capped
        results = [
            {
                "kind": item.kind,
                "title": item.title,
                "value": item.value or None,
                "url": request.build_absolute_uri(item.url),
                "snippet": item.snippet,
                "snippet_site_translation": item.snippet_is_translation,
                "score": round(item.score, 4),
            }
            for item in shown
        ]
    return {
        "query": search_request.query.text,
        "count": total,
        "count_is_lower_bound": capped,
        "page": page,
        "pages": pages,
        "results": results,
    }


@require_safe
def search_json(request):
    """The same results for programs (results_data)."""
    search_request = SearchRequest(request)
    if search_request.too_long:
        return JsonResponse({"error": too_long_message()}, status=400)
    try:
        data = results_data(request, search_request)
    except Http404 as error:
        return JsonResponse({"error": str(error)}, status=404)
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False})
    response["X-Robots-Tag"] = NOINDEX
    return response
