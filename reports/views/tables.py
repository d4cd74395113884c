"""A table page of one catalogue entry, and the downloads of the same rows."""

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponseBadRequest, HttpResponseRedirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import get_language, gettext
from django.views import View
from django_filters.views import FilterView
from django_tables2 import RequestConfig, SingleTableMixin

from reports.caching.freshness import fresh_page
from reports.caching.keys import versioned_key
from reports.downloads import exports
from reports.releases import status
from reports.tables import html, layout
from reports.tables.pagination import CACHE_SECONDS, BadSeekKey, CappedPaginator
from reports.views import feeds, share
from whitepaper.models import html_lang

#: Query-string keys that change only how a table page is shown, not which rows it holds.
VIEW_ONLY_PARAMS = ("page", "per_page", "_export", "after", "before")
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


def filter_params(request, filterset_class):
    """The filters' own parameters in the query string, in a stable order: any other
    parameter would make a new cache key for the same rows."""
    known = filterset_class.base_filters
    return sorted((name, values) for name, values in request.GET.lists() if name in known)


def rows_cache_key(request, table):
    """Names the rows of a filtered view: its row count and bookmarks are cached under it,
    shared by the table's pages and its downloads."""
    return versioned_key(
        request, "table", table.slug, filter_params(request, table.filterset_class)
    )


@method_decorator(fresh_page, name="dispatch")
class TableView(SingleTableMixin, FilterView):
    """A sortable, filterable, paginated table of one kind of record."""

    template_name = "reports/record_table.html"
    paginator_class = CappedPaginator
    table_pagination = {"per_page": settings.TABLE_DEFAULT_PER_PAGE}
    #: The catalogue entry (reports.tables.catalogue) this view shows.
    table = None

    def get_queryset(self):
        return self.table.queryset()

    def get_table_class(self):
        return self.table.table_class

    def get_filterset_class(self):
        return self.table.filterset_class

    def get_table_pagination(self, table):
        """Pagination options: a cache key for the row count and bookmarks of this filtered
        view, and the seek key if the page was asked for by one."""
        pagination = super().get_table_pagination(table)
        pagination["cache_key"] = rows_cache_key(self.request, self.table)
        for direction in ("after", "before"):
            token = self.request.GET.get(direction)
            if token:
                pagination["seek"] = (direction, token)
                break
        return pagination

    def get_table(self, **kwargs):
        """The table with the columns this view shows: those that say something in some row
        of the whole view, but for those every row shares (reports.tables.layout)."""
        table = super().get_table(**kwargs)
        self.layout = layout.view_layout(
            self.object_list, table, f"{rows_cache_key(self.request, self.table)}|layout"
        )
        layout.apply(table, self.layout)
        return table

    def get(self, request, *args, **kwargs):
        export = request.GET.get("_export")
        if export is not None:
            if export not in DOWNLOAD_FORMATS:
                return HttpResponseBadRequest(
                    f"Unsupported format. Downloads are {', '.join(DOWNLOAD_FORMATS)}."
                )
            return HttpResponseRedirect(download_url(request, self.table, export))
        try:
            return super().get(request, *args, **kwargs)
        except BadSeekKey:
            return HttpResponseBadRequest(
                gettext(
                    "This link's position in the table is not valid for this sort order. "
                    "Start again from the first page."
                )
            )

    def filter_form_html(self, context):
        """The filter form, rendered once per data version, language and set of filter
        values (its menus cost more to render than the rest of the page)."""
        key = versioned_key(
            self.request,
            "filter-form",
            self.request.path,
            filter_params(self.request, self.table.filterset_class),
            self.request.GET.get("sort", ""),
        )
        form = cache.get(key)
        if form is None:
            form = render_to_string("includes/_filter_form.html", context, self.request)
            cache.set(key, form, CACHE_SECONDS)
        return form

    def share(self, context, records):
        """The table's card (its first rows are drawn by the card's own view) and titles."""
        live = context["release_status"]
        release = live.release if live.matches else None
        count = context["table"].paginator.count
        card = share.table_card_of(self.request, self.table, records, count, release)
        card_url = reverse(f"reports:{self.table.slug}_card")
        return share.list_share(self.request, card_url, card, self.table.intro)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        table = context["table"]
        records = [row.record for row in table.page.object_list]
        context.update(
            title=self.table.title,
            intro=self.table.intro,
            csv_url=download_url(self.request, self.table, "csv"),
            json_url=download_url(self.request, self.table, "json"),
            max_per_page=settings.TABLE_MAX_PER_PAGE,
            table_headings=html.headings(table, self.request),
            table_runs=html.runs(table, records),
            shared_values=html.shared_values(table, self.layout.shared, records),
            not_stated=layout.not_stated(table, self.layout),
            sort_note=html.sort_note(table),
            table_count=html.count_text(table.paginator, table.page.number),
            table_pages=html.page_links(table, self.request, records),
            release_status=status.live_status(self.request),
            follow=feeds.follow_table(self.table),
        )
        context["share"] = self.share(context, records)
        context["filter_form"] = self.filter_form_html(context)
        return context


@method_decorator(fresh_page, name="dispatch")
class DownloadView(View):
    """The rows of a table view (same filters, same sort, all pages) as CSV or JSON.

    Streamed from the database; a small one is kept like a page (reports.caching.freshness).
    """

    table = None
    format = "csv"

    def get(self, request):
        bom = request.GET.get("bom", "1")
        if bom not in ("0", "1"):
            return HttpResponseBadRequest("bom must be 0 (plain RFC 4180) or 1 (for Excel).")
        filterset = self.table.filterset_class(
            request.GET or None, queryset=self.table.queryset(), request=request
        )
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
        columns = exports.columns(queryset.model, self.table.table_class.export_fields)
        chosen = filterset.form.cleaned_data if filterset.is_bound else {}
        language = get_language()
        filename = exports.download_filename(self.table.slug, chosen, self.format, language)
        if self.format == "json":
            meta = {
                "table": self.table.slug,
                "language": html_lang(language),
                "filters": download_query(request),
                # Each row has its own as_of, given only where its source sentence dates it.
                "as_of": None,
                "time_zone": settings.TIME_ZONE,
                "site_translation": exports.site_translation(columns, language),
            }
            response = exports.json_response(queryset, columns, filename, meta, language)
        else:
            response = exports.csv_response(
                queryset, columns, filename, bom=bom == "1", code=language
            )
        return response
