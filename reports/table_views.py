"""A table page of one catalogue entry, and the downloads of the same rows."""

import hashlib

from django.conf import settings
from django.http import HttpResponseBadRequest, HttpResponseRedirect
from django.utils.decorators import method_decorator
from django.views import View
from django_filters.views import FilterView
from django_tables2 import RequestConfig, SingleTableMixin

from reports import exports
from reports.freshness import conditional_on_data, data_version, fresh_page
from reports.pagination import CappedPaginator
from whitepaper.models import Publication

#: Query-string keys that change only how a table page is shown, not which rows it holds.
VIEW_ONLY_PARAMS = ("page", "per_page", "_export")
DOWNLOAD_FORMATS = ("csv", "json")


def download_query(request):
    """The query string of a table view without what only changes how a page is shown."""
    query = request.GET.copy()
    for key in VIEW_ONLY_PARAMS:
        query.pop(key, None)
    return query.urlencode()


def download_url(request, table, fmt):
    url = table.download_url(fmt)
    query = download_query(request)
    return f"{url}?{query}" if query else url


@method_decorator(fresh_page, name="dispatch")
class TableView(SingleTableMixin, FilterView):
    """A sortable, filterable, paginated table of one kind of record."""

    template_name = "reports/record_table.html"
    paginator_class = CappedPaginator
    table_pagination = {"per_page": settings.TABLE_DEFAULT_PER_PAGE}
    #: The catalogue entry (reports.catalogue) this view shows.
    table = None

    def get_queryset(self):
        return self.table.queryset()

    def get_table_class(self):
        return self.table.table_class

    def get_filterset_class(self):
        return self.table.filterset_class

    def get_table_pagination(self, table):
        """Pagination options, with a cache key for the row count and bookmarks of this
        filtered view."""
        pagination = super().get_table_pagination(table)
        # Only the filters' own parameters: any other would make a new key for the same rows.
        known = self.table.filterset_class.base_filters
        filters = sorted(
            (name, values) for name, values in self.request.GET.lists() if name in known
        )
        key = f"{data_version(self.request)}|{self.table.slug}|{filters}"
        pagination["cache_key"] = "table:" + hashlib.sha256(key.encode()).hexdigest()
        return pagination

    def get(self, request, *args, **kwargs):
        export = request.GET.get("_export")
        if export is not None:
            if export not in DOWNLOAD_FORMATS:
                return HttpResponseBadRequest(
                    f"Unsupported format. Downloads are {', '.join(DOWNLOAD_FORMATS)}."
                )
            return HttpResponseRedirect(download_url(request, self.table, export))
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            title=self.table.title,
            intro=self.table.intro,
            csv_url=download_url(self.request, self.table, "csv"),
            json_url=download_url(self.request, self.table, "json"),
            max_per_page=settings.TABLE_MAX_PER_PAGE,
        )
        return context


@method_decorator(conditional_on_data, name="dispatch")
class DownloadView(View):
    """The rows of a table view (same filters, same sort, all pages) as CSV or JSON."""

    table = None
    format = "csv"

    def get(self, request):
        bom = request.GET.get("bom", "1")
        if bom not in ("0", "1"):
            return HttpResponseBadRequest("bom must be 0 (plain RFC 4180) or 1 (for Excel).")
        filterset = self.table.filterset_class(request.GET or None, queryset=self.table.queryset())
        if filterset.is_bound and not filterset.is_valid():
            return HttpResponseBadRequest(
                "Invalid filter: "
                + "; ".join(
                    f"{field}: {' '.join(errors)}" for field, errors in filterset.errors.items()
                )
            )
        table = self.table.table_class(filterset.qs)
        RequestConfig(request, paginate=False).configure(table)
        queryset = table.data.data
        fields = self.table.export_fields
        chosen = filterset.form.cleaned_data if filterset.is_bound else {}
        publication = chosen.get("publication") or Publication.objects.newest()
        as_of = publication.data_as_of if publication else None
        filename = exports.download_filename(self.table.slug, chosen, as_of, self.format)
        if self.format == "json":
            meta = {
                "table": self.table.slug,
                "filters": download_query(request),
                "as_of": exports.plain(as_of),
            }
            return exports.json_response(queryset, fields, filename, meta)
        return exports.csv_response(queryset, fields, filename, bom=bom == "1")
