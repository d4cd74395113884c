"""Site search: the search page and its JSON twin (reports.search.query runs the search).

A search of the first page that found something, answered with a 200, adds one to its query's
count for the day (whitepaper.search.popular), and nothing else is kept. Result pages are not
for search engines (noindex, and robots.txt).
"""

from urllib.parse import urlencode

from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import formats
from django.utils.translation import get_language, gettext, ngettext
from django.views.decorators.http import require_safe

from reports.search.display import KIND_LABELS, grouped
from reports.search.query import SearchRequest, results_data, too_long_message
from reports.tables import catalogue
from whitepaper.search.engine import COUNT_CAP
from whitepaper.search.popular import count_search
from whitepaper.search.words import MAX_QUERY_WORDS

NOINDEX = "noindex"


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
            # Words no record has, where others were searched (else "no record matches" says it).
            left_out=gettext(", ").join(f"“{word}”" for word in results.missing),
            left_out_count=len(results.missing) if results.counts else 0,
        )
    response = render(request, "reports/search.html", context)
    if search_request.counts_as_a_search:
        count_search(search_request.query.normalised, get_language())
    return response


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
