"""The staff admin: every record editable, with history of who changed what and when."""

from django import forms
from django.contrib import admin, messages
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from import_export.admin import ExportActionMixin, ImportExportMixin
from simple_history.admin import SimpleHistoryAdmin

from whitepaper import resources, sign_in_records, staff_admin  # noqa: F401 (they register)
from whitepaper.deletion_note import DeletionNoteAdmin
from whitepaper.import_note import ImportNoteAdmin
from whitepaper.models import (
    Finding,
    HotKeyword,
    IndustrySegment,
    Publication,
    PublicationRecord,
    Region,
    RegionalPresence,
    SearchCount,
    Statistic,
    Tendency,
    record_models,
)
from whitepaper.public_note import NOTE_TWINS, PublicNoteForm, PublicNoteInlineFormSet
from whitepaper.revert import RevertAdmin, UnchangedNotSaved
from whitepaper.text_input import NormalisedTextAdmin
from whitepaper.translation import side_by_side, twin_of, with_twins
from whitepaper.withdrawal import publish, unpublish

admin.site.site_header = _("White paper records")
admin.site.site_title = _("White paper admin")
admin.site.index_title = _("Records")


#: The fieldset of a record's public note: at the end of its form, after what it covers.
NOTE_FIELDSET = (
    _("Public note"),
    {
        "description": _(
            "Required when you change what the public sees of a published record; the "
            "translation is optional."
        ),
        "fields": ["public_note", *NOTE_TWINS, ("minor_change", "confirm_mismatch")],
    },
)


class NotedAdmin(
    NormalisedTextAdmin, RevertAdmin, UnchangedNotSaved, DeletionNoteAdmin, SimpleHistoryAdmin
):
    """The admin of records the public sees: edits with a public note, history, revert,
    deletion with a note, texts with one kind of line ending."""

    form = PublicNoteForm


class PublishableAdmin(NotedAdmin):
    actions = [publish, unpublish]
    list_select_related = ["publication"]
    readonly_fields = ["created_at", "updated_at"]


class ImportExportAdmin(ImportNoteAdmin, ImportExportMixin, ExportActionMixin):
    """CSV import with a public note and a preview, and export of the selected records as
    safe CSV, in the kind's columns (whitepaper.resources). The export starts with a
    byte-order mark, as the public CSV files do, so that spreadsheets read its Chinese."""

    to_encoding = "utf-8-sig"

    def get_resource_classes(self, request):
        return [resources.RESOURCES[self.model]]


def own_fields(model):
    """The fields of a kind its editors set, each translated one beside its twins
    (("label", "label_zh")): the kind's own first, in its order, then those every kind has
    (the quote, who states it, published)."""
    shared = {field.name for field in PublicationRecord._meta.local_fields}
    names = [
        field.name
        for field in model._meta.fields
        if field.editable and not field.primary_key and twin_of(model, field.name) is None
    ]
    names.sort(key=lambda name: name in shared)
    return side_by_side(names, model)


class RecordAdmin(ImportExportAdmin, PublishableAdmin):
    """A kind of a publication's records: the admin every kind gets unless it has its own.
    A kind's own admin sets its list's columns and filters; its form has its fields, the
    English and the translation of each side by side, then the public note."""

    ordering = ["publication", "pk"]
    list_display = ["__str__", "publication", "is_published"]
    list_filter = ["is_published", "publication"]

    def get_fieldsets(self, request, obj=None):
        return [
            (None, {"fields": own_fields(self.model)}),
            (_("Record"), {"fields": ["created_at", "updated_at", "loaded_version"]}),
            NOTE_FIELDSET,
        ]


class LockedInline(NormalisedTextAdmin):
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
        with_twins(["label"], Statistic),
        ("qualifier", "value", "unit"),
        "value_as_stated",
        ("category", "as_of", "stated_by"),
        "source_quote",
        with_twins(["note"], Statistic),
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
        *with_twins(["name"], IndustrySegment),
        "slug",
        "stage",
        *with_twins(["stage_as_stated"], IndustrySegment),
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
        *side_by_side(["title", "text"], Tendency),
        ("source_quote", "stated_by", "as_of"),
    ]


class FindingInline(LockedInline, admin.StackedInline):
    model = Finding
    extra = 0
    fields = [
        ("key", "kind", "position", "is_published"),
        with_twins(["text"], Finding),
        ("source_quote", "stated_by", "as_of"),
        with_twins(["note"], Finding),
    ]


#: The kinds' own inlines on the publication's page.
INLINES = {
    inline.model: inline
    for inline in (
        StatisticInline,
        RegionalPresenceInline,
        IndustrySegmentInline,
        TendencyInline,
        FindingInline,
    )
}


def default_inline(model):
    """An inline with every field a kind's editors set, each translated one beside its
    twins."""
    own = [
        field.name
        for field in model._meta.fields
        if field.editable and not field.primary_key and field.name != "publication"
    ]
    lines = side_by_side([name for name in own if twin_of(model, name) is None], model)
    return type(
        f"{model.__name__}Inline",
        (LockedInline, admin.StackedInline),
        {"model": model, "extra": 0, "fields": lines},
    )


@admin.register(Publication)
class PublicationAdmin(NotedAdmin):
    list_display = ["title", "publisher_abbreviation", "release_date", "data_as_of", "is_published"]
    list_filter = ["is_published", "publisher_abbreviation"]
    search_fields = with_twins(["title", "publisher", "summary", "quoted_person"], Publication)
    ordering = ["-release_date"]
    date_hierarchy = "release_date"
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["created_at", "updated_at"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    *side_by_side(["title", "described_as"], Publication),
                    "slug",
                    "is_published",
                ]
            },
        ),
        (
            _("Publisher and dates"),
            {
                "fields": [
                    *side_by_side(["publisher", "publisher_abbreviation"], Publication),
                    ("release_date", "data_as_of"),
                    *side_by_side(["dates_note"], Publication),
                ]
            },
        ),
        (
            _("Person quoted"),
            {"fields": side_by_side(["quoted_person", "quoted_person_role"], Publication)},
        ),
        (_("Summary (this site's words)"), {"fields": side_by_side(["summary"], Publication)}),
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
                "classes": ["public-note"],
                "description": _(
                    "One note for this page: it covers the publication and the records "
                    "edited above."
                ),
                "fields": [
                    "public_note",
                    *NOTE_TWINS,
                    ("minor_change", "confirm_mismatch"),
                    "loaded_version",
                ],
            },
        ),
    ]
    actions = [publish, unpublish]
    formfield_overrides = {
        models.URLField: {"form_class": forms.URLField, "assume_scheme": "https"},
    }

    def get_inline_instances(self, request, obj=None):
        """One inline per kind of record, in the site's order: the kind's own, or one with
        every field it has."""
        return [
            INLINES.get(model, default_inline(model))(self.model, self.admin_site)
            for model in record_models()
        ]


@admin.register(Statistic)
class StatisticAdmin(RecordAdmin):
    list_display = [
        "label",
        "display_value",
        "value",
        "unit",
        "category",
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
class RegionAdmin(ImportExportAdmin, NotedAdmin):
    list_display = [*with_twins(["name"], Region), "code", "kind"]
    list_filter = ["kind"]
    search_fields = [*with_twins(["name"], Region), "code"]
    ordering = ["name"]
    readonly_fields = ["created_at", "updated_at"]


@admin.register(RegionalPresence)
class RegionalPresenceAdmin(RecordAdmin):
    list_display = ["region", "publication", "position", "rank", "combined_share", "is_published"]
    list_filter = ["is_published", "publication", "region__kind"]
    search_fields = [
        *with_twins(["region__name"], RegionalPresence),
        "region__code",
        "source_quote",
    ]
    ordering = ["publication", "position"]
    list_select_related = ["publication", "region", "combined_share"]
    autocomplete_fields = ["region"]


@admin.register(IndustrySegment)
class IndustrySegmentAdmin(RecordAdmin):
    list_display = ["name", "stage", "publication", "position", "is_published"]
    list_filter = ["is_published", "stage", "publication"]
    search_fields = ["name", "description", "source_quote"]
    ordering = ["publication", "position"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Tendency)
class TendencyAdmin(RecordAdmin):
    list_display = ["number", "title", "publication", "is_published"]
    list_display_links = ["number", "title"]
    list_filter = ["is_published", "publication"]
    search_fields = ["title", "text", "source_quote"]
    ordering = ["publication", "number"]


@admin.register(Finding)
class FindingAdmin(RecordAdmin):
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


for model in record_models():
    if not admin.site.is_registered(model):
        admin.site.register(model, RecordAdmin)
