"""The publications: a list (newest release first, as the site lists them) and one by its
slug, with every public field (the whole source text included)."""

from ninja import Path, Query, Router
from ninja.decorators import decorate_view

from reports.api import representation
from reports.api.http import conditional, json_response, list_response
from reports.api.parameters import SLUG_PATTERN, list_parameters
from reports.api.problems import LIST_ANSWERS, RECORD_ANSWERS, problem
from reports.api.schemas import list_schema, publication_schema
from whitepaper.models import Publication

router = Router(tags=["Publications"])
PublicationSchema = publication_schema()
NO_PUBLICATION = "No published publication has this slug."


@router.get(
    "/publications",
    response={200: list_schema(PublicationSchema), **LIST_ANSWERS},
    url_name="publications",
    operation_id="list_publications",
    summary="List publications",
    description="The published publications, newest release first, in pages of `limit`.",
)
@decorate_view(conditional)
def list_publications(request, params: Query[list_parameters("Publication")]):
    return list_response(
        request, Publication.objects.published(), params, representation.publication
    )


@router.get(
    "/publications/{slug}",
    response={200: PublicationSchema, **RECORD_ANSWERS},
    url_name="publication",
    operation_id="get_publication",
    summary="One publication",
    description="A published publication by its slug, as in its page's address.",
)
@decorate_view(conditional)
def get_publication(
    request,
    slug: str = Path(..., pattern=SLUG_PATTERN, max_length=100, description="Its slug."),
):
    found = Publication.objects.published().filter(slug=slug).first()
    if found is None:
        return problem(404, NO_PUBLICATION)
    return json_response(representation.publication(found, representation.Links(request)))
