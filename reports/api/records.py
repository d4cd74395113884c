"""The records of every kind with a page: a list with the table's filters and sorts, paged
by cursor, and one record by its natural key (the publication's slug and the record's key in
its page's address). Made from reports.records.kinds.KINDS and their tables: a kind added
there has its endpoints here.
"""

from django.db.backends.base.operations import BaseDatabaseOperations
from django.db.models import IntegerField
from ninja import Path, Query, Router
from ninja.decorators import decorate_view

from reports.api import representation
from reports.api.http import conditional, json_response, list_response
from reports.api.parameters import SLUG_PATTERN, list_parameters
from reports.api.problems import LIST_ANSWERS, RECORD_ANSWERS
from reports.api.schemas import english, list_schema, record_schemas
from reports.records.kinds import KINDS
from reports.tables import filters
from reports.tables.catalogue import TABLE_OF_MODEL
from whitepaper.lookups import field_at

router = Router(tags=["Records"])


def filtered(kind, params, request):
    """The kind's published records with the table's filters and sort, as its table page
    lists them (a filter the table page cannot apply lists nothing there, nor here)."""
    table = TABLE_OF_MODEL.get(kind.model)
    if table is None:
        queryset = kind.model.objects.published_rows()
        if params.publication:
            queryset = queryset.filter(publication__slug=params.publication)
        return queryset
    known = table.filterset_class.base_filters
    data = {name: getattr(params, name) for name in known if getattr(params, name) is not None}
    filterset = table.filterset_class(data or None, queryset=table.queryset(), request=request)
    if filterset.is_bound and not filterset.is_valid():
        return table.queryset().none()
    shown = table.table_class(filterset.qs)
    if params.sort:
        shown.order_by = params.sort
    return shown.data.data


def key_parameter(kind):
    """The record's key in its address, as a path parameter: a number or a slug."""
    field = field_at(kind.model, kind.model.URL_KEY)
    described = (
        f"{english(field.verbose_name).capitalize()} of the record, as in its page's address."
    )
    if isinstance(field, IntegerField):
        largest = BaseDatabaseOperations.integer_field_ranges[field.get_internal_type()][1]
        return int, Path(..., ge=1, le=largest, description=described)
    return str, Path(..., pattern=SLUG_PATTERN, max_length=field.max_length, description=described)


PUBLICATION_SLUG = Path(
    ..., pattern=SLUG_PATTERN, max_length=100, description="The publication's slug."
)


def add_list(kind):
    model = kind.model
    plural = english(model._meta.verbose_name_plural)
    item, _detail = record_schemas(kind)
    publication_filter = filters.RecordFilter.base_filters["publication"]
    parameters = list_parameters(model.__name__, TABLE_OF_MODEL.get(model), publication_filter)

    def list_records(request, params: Query[parameters]):
        return list_response(
            request,
            filtered(kind, params, request),
            params,
            lambda record, links: representation.record(kind, record, links),
        )

    table = TABLE_OF_MODEL.get(kind.model)
    router.get(
        f"/{kind.slug}",
        response={200: list_schema(item), **LIST_ANSWERS},
        url_name=kind.slug,
        operation_id=f"list_{kind.slug}",
        summary=f"List {plural}",
        description=f"The {plural}"
        + (f", with the filters and sort orders of the table page /{table.slug}/" if table else "")
        + ", in pages of `limit` records; `next` (and the Link header) gives the next page.",
    )(decorate_view(conditional)(list_records))


def add_record(kind):
    model = kind.model
    _item, detail = record_schemas(kind)
    key_type, key_path = key_parameter(kind)

    def get_record(request, slug: str = PUBLICATION_SLUG, key: key_type = key_path):
        found = kind.find(slug, key)
        links = representation.Links(request)
        return json_response(representation.record_detail(kind, found, links))

    router.get(
        f"/{kind.slug}/{{slug}}/{{key}}",
        response={200: detail, **RECORD_ANSWERS},
        url_name=kind.url_name,
        operation_id=f"get_{kind.url_name}",
        summary=f"One {english(model._meta.verbose_name)}",
        description=f"One of the {english(model._meta.verbose_name_plural)}, by its "
        "publication's slug and its key, as in its page's address; with its public changes.",
    )(decorate_view(conditional)(get_record))


for each in KINDS:
    add_list(each)
    add_record(each)
