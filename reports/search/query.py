"""A reader's search as the site runs it, for the search page, /search.json and the API: the
query, kind and page a request asks for, and the results of programs (the query logic is
whitepaper.search).

A query is always text: whatever a reader types is searched as words, never as syntax. A
query longer than QUERY_MAX_LENGTH characters is refused; a page number past the end is a 404.
"""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import Http404
from django.utils.translation import get_language, gettext

from reports.search.display import result
from whitepaper.models import QUERY_MAX_LENGTH
from whitepaper.search.engine import KINDS, records_of, search
from whitepaper.search.words import parse_query

RESULTS_PER_PAGE = 20


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
        groups, language = self.query.groups, get_language()
        self.shown = [
            result(hit, record, groups, language) for hit, record in records_of(self.page)
        ]
        return self.shown

    @property
    def counts_as_a_search(self):
        """Only a reader's GET of a first page of every kind that found something is a
        search to count."""
        found = bool(self.results and self.results.hits and self.page.number == 1)
        return found and not self.kind and self.method == "GET"


def results_data(request, search_request):
    """The results of a search for programs, as /search.json and the API (reports.api.search)
    give them: {query, count, count_is_lower_bound, page, pages, words_not_found, results:
    [{kind, title, value, url, snippet, snippet_site_translation, score}]}. Http404 for a page
    past the end."""
    results, missing = [], []
    page = pages = 1
    total = 0
    capped = False
    if not search_request.query.is_empty:
        shown = search_request.run()
        page, pages = search_request.page.number, search_request.page.paginator.num_pages
        total, capped = search_request.results.total, search_request.results.is_capped
        missing = search_request.results.missing
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
        "words_not_found": missing,
        "results": results,
    }
