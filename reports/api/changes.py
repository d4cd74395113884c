"""The corrections log (/changes/): every change to a published record after its first
publication, newest first, paged by cursor."""

from ninja import Query, Router
from ninja.decorators import decorate_view

from reports.api import representation
from reports.api.http import conditional, list_response
from reports.api.parameters import list_parameters
from reports.api.problems import LIST_ANSWERS
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
    return list_response(
        request, Correction.objects.public_log(), params, representation.logged_change
    )
