"""The staff admin: every record editable, with history of who changed what and when."""

from django import forms
from django.contrib import admin, messages
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from import_export.admin import ExportActionMixin, ImportExportMixin
from simple_history.admin import SimpleHistoryAdmin

from whitepaper import resources
from whitepaper.deletion_note import DeletionNoteAdmin
from whitepaper.models import (
    Finding,
    HotKeyword,
    IndustrySegment,
    Publication,
    Region,
    RegionalPresence,
    SearchCount,
    Statistic,
    Tendency,
)
from whitepaper.models.correction import PUBLISHED_REASON, UNPUBLISHED_REASON
from whitepaper.public_note import PublicNoteForm, PublicNoteInlineFormSet

admin.site.site_header = _("White paper records")
admin.site.site_title = _("White paper admin")
admin.site.index_title = _("Records")


def set_published(modeladmin, request, queryset, published):
    """Save each record so that the change is in its history (queryset.update() writes none)."""
    changed = 0
    for record in queryset.filter(is_published=not published):
        record.is_published = published
        record._change_reason = PUBLISHED_REASON if published else UNPUBLISHED_REASON
        record.save(update_fields=["is_published", "updated_at"])
        changed += 1
    message = (
        ngettext("%d record published.", "%d records published.", changed)
        if published
        else ngettext("%d record unpublished.", "%d records unpublished.", changed)
    )
    modeladmin.message_user(request, message % changed, messages.SUCCESS)


@admin.action(description=_("Publish the selected records"), permissions=["change"])
def publish(modeladmin, request, queryset):
    set_published(modeladmin, request, queryset, published=True)


@admin.action(description=_("Unpublish the selected records"), permissions=["change"])
def unpublish(modeladmin, request, queryset):
    set_published(modeladmin, request, queryset, published=False)


class PublishableAdmin(DeletionNoteAdmin, SimpleHistoryAdmin):
    form = PublicNoteForm
    actions = [publish, unpublish]
    list_select_related = ["publication"]
    readonly_fields = ["created_at", "updated_at"]


class ImportExportAdmin(ImportExportMixin, ExportActionMixin):
    """CSV import with a preview, and export of the selected records as safe CSV."""


class LockedInline:
    """An inline whose rows are saved only if unchanged since the page was opened: each row
    carries the version it was loaded at (whitepaper.optimistic_lock). Changes to published
    rows need the page's public note (whitepaper.public_note)."""

    form = PublicNoteForm
    formset = PublicNoteInlineFormSet

    def get_fields(self, request, obj=None):
        return [*super().get_fields(request, obj), "loaded_version"]


class StatisticInline(LockedInline, admin.StackedInline):
    model = Statistic
    extra = 0
    fields = [
        ("key", "position", "is_published"),
        ("label", "label_zh"),
        ("qualifier", "value", "unit"),
        ("category", "as_of", "stated_by"),
        "source_quote",
        ("note", "note_zh"),
    ]


class RegionalPresenceInline(LockedInline, admin.TabularInline):
    model = RegionalPresence
    extra = 0
    autocomplete_fields = ["region"]
    fields = [
        "region",
        "position",
        "rank",
        "company_count",
        "combined_share",
        "as_of",
        "stated_by",
        "is_published",
    ]


class IndustrySegmentInline(LockedInline, admin.TabularInline):
    model = IndustrySegment
    extra = 0
    fields = [
        "name",
        "name_zh",
        "slug",
        "stage",
        "stage_as_stated",
        "stage_as_stated_zh",
        "as_of",
        "stated_by",
        "position",
        "is_published",
    ]
    prepopulated_fields = {"slug": ["name"]}


class TendencyInline(LockedInline, admin.StackedInline):
    model = Tendency
    extra = 0
    fields = [
        ("number", "is_published"),
        ("title", "title_zh"),
        ("text", "text_zh"),
        ("source_quote", "stated_by", "as_of"),
    ]


class FindingInline(LockedInline, admin.StackedInline):
    model = Finding
    extra = 0
    fields = [
        ("key", "kind", "position", "is_published"),
        ("text", "text_zh"),
        ("source_quote", "stated_by", "as_of"),
        ("note", "note_zh"),
    ]


@admin.register(Publication)
class PublicationAdmin(DeletionNoteAdmin, SimpleHistoryAdmin):
    form = PublicNoteForm
    list_display = ["title", "publisher_abbreviation", "release_date", "data_as_of", "is_published"]
    list_filter = ["is_published", "publisher_abbreviation"]
    search_fields = ["title", "title_zh", "publisher", "summary", "quoted_person"]
    ordering = ["-release_date"]
    date_hierarchy = "release_date"
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["source_text", "created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": [("title", "title_zh"), "slug", "is_published"]}),
        (
            _("Publisher and dates"),
            {
                "fields": [
                    ("publisher", "publisher_zh"),
                    ("publisher_abbreviation", "publisher_abbreviation_zh"),
                    ("release_date", "data_as_of"),
                    ("dates_note", "dates_note_zh"),
                ]
            },
        ),
        (
            _("Person quoted"),
            {"fields": ["quoted_person", ("quoted_person_role", "quoted_person_role_zh")]},
        ),
        (_("Summary (this site's words)"), {"fields": [("summary", "summary_zh")]}),
        (
            _("Source"),
            {
                "fields": [
                    "source_title",
                    ("source_url", "source_site"),
                    "source_quote",
                    "source_page_lines",
                    "source_text",
                ]
            },
        ),
        (_("Record"), {"fields": ["created_at", "updated_at"]}),
        (
            _("Public note"),
            {
                "description": _(
                    "One note for this page: it covers the publication and the records "
                    "edited below."
                ),
                "fields": ["public_note", ("minor_change", "confirm_mismatch"), "loaded_version"],
            },
        ),
    ]
    actions = [publish, unpublish]
    formfield_overrides = {
        models.URLField: {"form_class": forms.URLField, "assume_scheme": "https"},
    }
    inlines = [
        StatisticInline,
        RegionalPresenceInline,
        IndustrySegmentInline,
        TendencyInline,
        FindingInline,
    ]


@admin.register(Statistic)
class StatisticAdmin(ImportExportAdmin, PublishableAdmin):
    resource_classes = [resources.StatisticResource]
    list_display = [
        "label",
        "display_value",
        "qualifier",
        "value",
        "unit",
        "category",
        "as_of",
        "publication",
        "is_published",
    ]
    list_filter = ["is_published", "category", "unit", "qualifier", "publication"]
    search_fields = ["label", "key", "source_quote", "note"]
    ordering = ["publication", "position"]
    prepopulated_fields = {"key": ["label"]}

    @admin.display(description=_("as shown"))
    def display_value(self, obj):
        return obj.display_value


@admin.register(Region)
class RegionAdmin(ImportExportAdmin, DeletionNoteAdmin, SimpleHistoryAdmin):
    form = PublicNoteForm
    resource_classes = [resources.RegionResource]
    list_display = ["name", "name_zh", "code", "kind"]
    list_filter = ["kind"]
    search_fields = ["name", "name_zh", "code"]
    ordering = ["name"]
    readonly_fields = ["created_at", "updated_at"]


@admin.register(RegionalPresence)
class RegionalPresenceAdmin(PublishableAdmin):
    list_display = ["region", "publication", "position", "rank", "combined_share", "is_published"]
    list_filter = ["is_published", "publication", "region__kind"]
    search_fields = ["region__name", "region__name_zh", "region__code", "source_quote"]
    ordering = ["publication", "position"]
    list_select_related = ["publication", "region", "combined_share"]
    autocomplete_fields = ["region"]


@admin.register(IndustrySegment)
class IndustrySegmentAdmin(ImportExportAdmin, PublishableAdmin):
    resource_classes = [resources.IndustrySegmentResource]
    list_display = ["name", "stage", "publication", "position", "is_published"]
    list_filter = ["is_published", "stage", "publication"]
    search_fields = ["name", "description", "source_quote"]
    ordering = ["publication", "position"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Tendency)
class TendencyAdmin(ImportExportAdmin, PublishableAdmin):
    resource_classes = [resources.TendencyResource]
    list_display = ["number", "title", "publication", "is_published"]
    list_display_links = ["number", "title"]
    list_filter = ["is_published", "publication"]
    search_fields = ["title", "text", "source_quote"]
    ordering = ["publication", "number"]


@admin.register(Finding)
class FindingAdmin(PublishableAdmin):
    list_display = ["text", "kind", "publication", "position", "is_published"]
    list_filter = ["is_published", "kind", "publication"]
    search_fields = ["text", "source_quote", "note"]
    ordering = ["publication", "position"]


@admin.register(HotKeyword)
class HotKeywordAdmin(SimpleHistoryAdmin):
    list_display = ["keyword", "language", "position", "shown"]
    list_editable = ["position", "shown"]
    list_filter = ["language", "shown"]
    search_fields = ["keyword"]
    readonly_fields = ["created_at", "updated_at"]


@admin.action(description=_("Hide from the hot search keywords"), permissions=["hide"])
def hide_from_hot_keywords(modeladmin, request, queryset):
    hidden = 0
    for query, language in queryset.order_by().values_list("query", "language").distinct():
        HotKeyword.objects.update_or_create(
            keyword=query, language=language, defaults={"shown": False}
        )
        hidden += 1
    message = ngettext(
        "%d query hidden from the hot search keywords.",
        "%d queries hidden from the hot search keywords.",
        hidden,
    )
    modeladmin.message_user(request, message % hidden, messages.SUCCESS)


@admin.register(SearchCount)
class SearchCountAdmin(admin.ModelAdmin):
    """What readers searched for, per day: read only, and nothing but the words."""

    list_display = ["query", "language", "day", "count"]
    list_filter = ["language"]
    search_fields = ["query"]
    date_hierarchy = "day"
    actions = [hide_from_hot_keywords]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_hide_permission(self, request):
        return request.user.has_perms(["whitepaper.add_hotkeyword", "whitepaper.change_hotkeyword"])
