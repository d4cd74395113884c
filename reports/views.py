"""Public pages: the overview, one table page per kind of record, the publication, about."""

import hashlib

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponseBadRequest, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django_filters.views import FilterView
from django_tables2 import RequestConfig, SingleTableMixin

from reports import charts, citation, exports, filters, package, structured_data, tables
from reports.freshness import conditional_on_data, data_changed_at, data_version, fresh_page
from reports.pagination import CappedPaginator
from whitepaper.models import (
    Category,
    IndustrySegment,
    Publication,
    RegionalPresence,
    Statistic,
    Tendency,
)

#: Query-string keys that change only how a table page is shown, not which rows it holds.
VIEW_ONLY_PARAMS = ("page", "per_page", "_export")
DOWNLOAD_FORMATS = ("csv", "json")


def overview_charts(publication):
    statistics = publication.headline_statistics
    startups = [s for s in statistics if s.category == Category.STARTUPS]
    presences = publication.leading_regions
    shares = {p.combined_share.pk: p.combined_share for p in presences if p.combined_share}
    regions_of = {
        pk: [p.region.name for p in presences if p.combined_share_id == pk] for pk in shares
    }
    return [
        chart
        for chart in (
            charts.bar_chart(
                "startups",
                _("Blockchain startups by business type"),
                _("Number of blockchain startups in each business type the white paper counts."),
                startups,
            ),
            charts.bar_chart(
                "regional-concentration",
                _("Regional concentration of blockchain companies"),
                _("Share of blockchain companies located in the leading regions, together."),
                shares.values(),
                label=lambda s: ", ".join(regions_of[s.pk]),
            ),
        )
        if chart
    ]


def table_links(request):
    return [
        {
            "title": page.title,
            "page_url": reverse(f"reports:{page.url_name}"),
            "csv_url": request.build_absolute_uri(reverse(f"reports:{page.url_name}_csv")),
        }
        for page in TABLE_PAGES
    ]


def last_edited(publication):
    """The newest edit to the publication or any of its published records."""
    records = [
        publication,
        *publication.statistics.all(),
        *publication.regional_presences.all(),
        *publication.segments.all(),
        *publication.tendencies.all(),
        *publication.findings.all(),
    ]
    return max(record.updated_at for record in records)


@fresh_page
def overview(request):
    publication = Publication.objects.for_overview()
    context = {"publication": publication}
    if publication:
        context["charts"] = overview_charts(publication)
        context["last_edited"] = data_changed_at(request)
        context["tables"] = table_links(request)
        context["package_url"] = request.build_absolute_uri(reverse("reports:dataset_package"))
        context["jsonld"] = structured_data.as_script(
            structured_data.dataset(request, publication, context["tables"], context["package_url"])
        )
    return render(request, "reports/overview.html", context)


@fresh_page
def publication_detail(request, slug):
    publication = Publication.objects.with_published_records().filter(slug=slug).first()
    if publication is None:
        raise Http404(_("No published publication has this address."))
    edited = last_edited(publication)
    url = request.build_absolute_uri(publication.get_absolute_url())
    context = {
        "publication": publication,
        "last_edited": edited,
        "citation_text": citation.plain_text(publication, url, edited),
        "citation_bibtex": citation.bibtex(publication, url, edited),
    }
    return render(request, "reports/publication_detail.html", context)


@conditional_on_data
def dataset_package(request):
    """Every table in one zip, described by a Frictionless datapackage.json."""
    archive, publication = package.write_package(TABLE_PAGES)
    as_of = f"_{publication.data_as_of.isoformat()}" if publication else ""
    return FileResponse(
        archive,
        as_attachment=True,
        filename=f"miit-blockchain-white-paper-dataset{as_of}.zip",
        content_type="application/zip",
    )


@fresh_page
def about(request):
    return render(request, "reports/about.html")


@method_decorator(fresh_page, name="dispatch")
class RecordTableView(SingleTableMixin, FilterView):
    """A sortable, filterable, paginated table of one kind of record."""

    template_name = "reports/record_table.html"
    paginator_class = CappedPaginator
    table_pagination = {"per_page": settings.TABLE_DEFAULT_PER_PAGE}
    model = None
    url_name = ""
    title = ""
    intro = ""

    def get_queryset(self):
        return self.model.objects.for_table()

    def get_table_pagination(self, table):
        """Pagination options, with a cache key for the row count and bookmarks of this
        filtered view."""
        pagination = super().get_table_pagination(table)
        # Only the filters' own parameters: any other would make a new key for the same rows.
        known = self.filterset_class.base_filters
        filters = sorted(
            (name, values) for name, values in self.request.GET.lists() if name in known
        )
        key = f"{data_version(self.request)}|{self.url_name}|{filters}"
        pagination["cache_key"] = "table:" + hashlib.sha256(key.encode()).hexdigest()
        return pagination

    def get(self, request, *args, **kwargs):
        export = request.GET.get("_export")
        if export is not None:
            if export not in DOWNLOAD_FORMATS:
                return HttpResponseBadRequest(
                    f"Unsupported format. Downloads are {', '.join(DOWNLOAD_FORMATS)}."
                )
            return HttpResponseRedirect(self.download_url(export))
        return super().get(request, *args, **kwargs)

    def download_query(self):
        query = self.request.GET.copy()
        for key in VIEW_ONLY_PARAMS:
            query.pop(key, None)
        return query.urlencode()

    def download_url(self, fmt):
        url = reverse(f"reports:{self.url_name}_{fmt}")
        query = self.download_query()
        return f"{url}?{query}" if query else url

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            title=self.title,
            intro=self.intro,
            csv_url=self.download_url("csv"),
            json_url=self.download_url("json"),
            max_per_page=settings.TABLE_MAX_PER_PAGE,
        )
        return context


class RecordDownloadView(RecordTableView):
    """The rows of a table view (same filters, same sort, all pages) as CSV or JSON."""

    format = "csv"

    def get(self, request, *args, **kwargs):
        bom = request.GET.get("bom", "1")
        if bom not in ("0", "1"):
            return HttpResponseBadRequest("bom must be 0 (plain RFC 4180) or 1 (for Excel).")
        filterset = self.get_filterset(self.get_filterset_class())
        if filterset.is_bound and not filterset.is_valid():
            return HttpResponseBadRequest(
                "Invalid filter: "
                + "; ".join(
                    f"{field}: {' '.join(errors)}" for field, errors in filterset.errors.items()
                )
            )
        table = self.table_class(filterset.qs)
        RequestConfig(request, paginate=False).configure(table)
        queryset = table.data.data
        fields = self.table_class.export_fields
        chosen = filterset.form.cleaned_data if filterset.is_bound else {}
        as_of = self.as_of(chosen.get("publication"))
        filename = exports.download_filename(self.url_name, chosen, as_of, self.format)
        if self.format == "json":
            meta = {"table": self.url_name, "filters": self.download_query(), "as_of": as_of}
            meta["as_of"] = exports.plain(as_of)
            return exports.json_response(queryset, fields, filename, meta)
        return exports.csv_response(queryset, fields, filename, bom=bom == "1")

    def as_of(self, publication):
        """The data date for the file name: the chosen publication's, else the newest."""
        if publication is None:
            publication = Publication.objects.published().order_by("-release_date").first()
        return publication.data_as_of if publication else None


class StatisticTableView(RecordTableView):
    model = Statistic
    table_class = tables.StatisticTable
    filterset_class = filters.StatisticFilter
    url_name = "statistics"
    title = _("Statistics")
    intro = _(
        "Every figure the white paper states, with its unit, its qualifier and the sentence "
        "it comes from. A figure given as a bound (“over 80%”) is stored and shown as a bound."
    )


class RegionTableView(RecordTableView):
    model = RegionalPresence
    table_class = tables.RegionalPresenceTable
    filterset_class = filters.RegionalPresenceFilter
    url_name = "regions"
    title = _("Regions")
    intro = _(
        "The regions the white paper names as leading, in the order it lists them. The source "
        "gives one share for the regions together, not a share or a rank for each."
    )


class SegmentTableView(RecordTableView):
    model = IndustrySegment
    table_class = tables.IndustrySegmentTable
    filterset_class = filters.IndustrySegmentFilter
    url_name = "segments"
    title = _("Industry segments")
    intro = _(
        "Where blockchain is used along the industry chain, from upstream hardware "
        "manufacturing to downstream application services, and the other industries named."
    )


class TendencyTableView(RecordTableView):
    model = Tendency
    table_class = tables.TendencyTable
    filterset_class = filters.TendencyFilter
    url_name = "tendencies"
    title = _("Development tendencies")
    intro = _("The six development tendencies of China’s blockchain industry, as stated.")


TABLE_PAGES = [StatisticTableView, RegionTableView, SegmentTableView, TendencyTableView]


def download_view(page, fmt):
    return type(f"{page.__name__}{fmt.title()}", (RecordDownloadView, page), {"format": fmt})
