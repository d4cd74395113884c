"""Site search for programs: the same results as /search.json (reports.views.search), in
either language of the site."""

from typing import Literal

from django.http import Http404
from django.utils import translation
from ninja import Query, Router
from ninja.decorators import decorate_view
from pydantic import BaseModel, Field

from reports.api.http import conditional, json_response
from reports.api.problems import answers, problem
from reports.api.schemas import SearchResults
from reports.search.query import SearchRequest, results_data
from whitepaper.models import HTML_LANG, QUERY_MAX_LENGTH
from whitepaper.search.engine import KINDS

router = Router(tags=["Search"])
LANGUAGE_OF_TAG = {tag: code for code, tag in HTML_LANG.items()}


class SearchParameters(BaseModel):
    q: str = Field(
        "",
        max_length=QUERY_MAX_LENGTH,
        description="Words to find, in English or Chinese; always searched as words, never "
        "as syntax. Empty: no results.",
    )
    kind: Literal[tuple(KINDS)] = Field(None, description="Only results of this kind.")
    language: Literal[tuple(LANGUAGE_OF_TAG)] = Field(
        next(iter(LANGUAGE_OF_TAG)),
        description="The language of the titles, snippets and page addresses of the results.",
    )
    page: int = Field(1, ge=1, le=10_000, description="The page of results, 20 to a page.")


@router.get(
    "/search",
    response={200: SearchResults, **answers(304, 400, 404, 429)},
    url_name="search",
    operation_id="search",
    summary="Search",
    description="Every published record and every paragraph of a source text, ranked, as the "
    "search page finds them: those with every word first, then (for two to four words) those "
    "with all of them but one. A page past the last is a 404.",
)
@decorate_view(conditional)
def search(request, params: Query[SearchParameters]):
    with translation.override(LANGUAGE_OF_TAG[params.language]):
        try:
            return json_response(results_data(request, SearchRequest(request)))
        except Http404 as error:
            return problem(404, str(error))
