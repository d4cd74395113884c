"""The releases in the admin: a read-only list, and "Publish a release", which shows what
changed since the last release and asks for the notes in both languages.

Here rather than in whitepaper/admin.py because publishing writes the public tables
(reports), and whitepaper never imports reports.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from reports.following import admin as following_admin  # noqa: F401 (registers its admins)
from reports.following import sending
from reports.releases import changes
from reports.releases.publish import DataMoved, find_changes, next_version, publish
from whitepaper.models import Release, ReleasedRecord
from whitepaper.translation import LANGUAGE_LIST, TRANSLATIONS, twin


class PublishForm(forms.Form):
    """The release notes in English (required) and in each translation (optional), named
    like the release's note columns."""

    notes = forms.CharField(
        label=_("Release notes"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What this release changes and why, for readers."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for lang in TRANSLATIONS:
            self.fields[twin("notes", lang)] = forms.CharField(
                label=capfirst(Release._meta.get_field(twin("notes", lang)).verbose_name),
                widget=forms.Textarea(attrs={"rows": 3}),
                required=False,
            )

    def notes_by_language(self):
        return {lang.code: self.cleaned_data[twin("notes", lang)] for lang in LANGUAGE_LIST}


def preview_rows(found):
    """The first changes, as the release's page will list them."""
    rows = [ReleasedRecord(**row) for row in found.preview]
    return [item for row in rows if (item := changes.record_change(row, row))]


@admin.register(Release)
class ReleaseAdmin(admin.ModelAdmin):
    list_display = ("__str__", "created_at", "added", "changed", "removed", "size", "sha256")
    readonly_fields = [field.name for field in Release._meta.fields]

    # Releases are made by publishing only, and never changed or deleted.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def may_publish(self, request):
        return request.user.has_perm("whitepaper.add_release")

    def get_urls(self):
        publish_url = path(
            "publish/",
            self.admin_site.admin_view(self.publish_view),
            name="whitepaper_release_publish",
        )
        return [publish_url, *super().get_urls()]

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "may_publish": self.may_publish(request)}
        return super().changelist_view(request, extra_context)

    def publish_view(self, request):
        if not self.may_publish(request):
            raise PermissionDenied
        form = PublishForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                outcome = publish(form.notes_by_language())
            except DataMoved as error:
                self.message_user(request, str(error), messages.ERROR)
            else:
                if outcome.release is None:
                    self.message_user(
                        request, gettext("Nothing changed since the last release."), messages.INFO
                    )
                else:
                    transaction.on_commit(sending.send_in_background)
                    self.message_user(
                        request,
                        gettext("Published release %(version)s.")
                        % {"version": outcome.release.version},
                        messages.SUCCESS,
                    )
                return redirect(reverse("admin:whitepaper_release_changelist"))
        found = find_changes()
        found.spool.close()
        version = next_version(Release.objects.latest_release(), found)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": gettext("Publish a release"),
            "form": form,
            "changes": found,
            "version": ".".join(map(str, version)) if version else "",
            "preview": preview_rows(found),
            "latest": Release.objects.latest_release(),
        }
        return TemplateResponse(request, "admin/whitepaper/release/publish.html", context)
