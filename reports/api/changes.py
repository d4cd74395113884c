"""The corrections log (/changes/): every change to a published record after its first
publication, newest first, paged by cursor."""

from ninja import Query, Router
from ninja.decorators import decorate_view

from reports.api import representation
from reports.api.http import conditional, json_response, next_page_url
from reports.api.paging import BadSeekKey, page
from reports.api.parameters import list_parameters
from reports.api.problems import LIST_ANSWERS, problem
from reports.api.records import BAD_CURSOR
from reports.api.schemas import LoggedChange, list_schema
from whitepaper.models import Correction

router = Router(tags=["Corrections"])


@router.get(
    "/changes",
    response={200: list_schema(LoggedChange), **LIST_ANSWERS},
    url_name="changes",
    operation_id="list_changes",
    summary="The corrections log",
    description="Every change to a published record after its first publication, newest "
    "first, with the editors' public note (the page /changes/).",
)
@decorate_view(conditional)
def list_changes(request, params: Query[list_parameters("Change")]):
    try:
        found, cursor = page(Correction.objects.public_log(), params.after, params.limit)
    except BadSeekKey:
        return problem(400, BAD_CURSOR)
    links = representation.Links(request)
    next_url = next_page_url(request, cursor)
    results = [representation.logged_change(change, links) for change in found]
    return json_response({"results": results, "next": next_url}, next_url)
