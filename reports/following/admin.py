"""Followers in the admin: how many follow what (counts, never the addresses), and the
outbox, where a message the mail server kept refusing is shown and can be tried again."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from reports.following import targets
from whitepaper.models import Notification, Subscription


class ReadOnly:
    """Rows written by readers and by publishing only; staff read them."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Subscription)
class SubscriptionAdmin(ReadOnly, admin.ModelAdmin):
    def changelist_view(self, request, extra_context=None):
        """One row per thing followed: confirmed and waiting counts."""
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        rows = (
            Subscription.objects.values("target", "content_type", "object_id", "table")
            .annotate(
                confirmed=Count("pk", filter=Q(confirmed_at__isnull=False)),
                waiting=Count("pk", filter=Q(confirmed_at__isnull=True)),
            )
            .order_by("target", "table", "content_type", "object_id")
        )
        counts = [
            {
                "name": targets.Followed(
                    row["target"],
                    targets.content_type_of(row["content_type"]),
                    row["object_id"],
                    row["table"],
                ).name(),
                "confirmed": row["confirmed"],
                "waiting": row["waiting"],
            }
            for row in rows
        ]
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": gettext("Who follows what by e-mail"),
            "counts": counts,
            "confirmed": sum(row["confirmed"] for row in counts),
            "waiting": sum(row["waiting"] for row in counts),
            **(extra_context or {}),
        }
        return TemplateResponse(request, "admin/whitepaper/subscription/counts.html", context)


@admin.action(description=_("Try the selected messages again now"), permissions=["change"])
def try_again(modeladmin, request, queryset):
    count = queryset.exclude(state=Notification.State.SENT).update(
        state=Notification.State.PENDING, attempts=0, next_attempt_at=timezone.now()
    )
    modeladmin.message_user(
        request,
        ngettext(
            "%(count)d message will be sent by the next send_notifications run.",
            "%(count)d messages will be sent by the next send_notifications run.",
            count,
        )
        % {"count": count},
        messages.SUCCESS,
    )


@admin.register(Notification)
class NotificationAdmin(ReadOnly, admin.ModelAdmin):
    list_display = (
        "release",
        "followed",
        "state",
        "attempts",
        "next_attempt_at",
        "sent_at",
        "last_error",
    )
    list_filter = ("state", "release")
    list_select_related = ("release", "subscription", "subscription__content_type")
    actions = [try_again]

    def has_change_permission(self, request, obj=None):
        """Trying a message again is a change: for those who may change messages."""
        return request.user.has_perm("whitepaper.change_notification")

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in Notification._meta.fields]

    @admin.display(description=_("follows"))
    def followed(self, notification):
        return targets.of_subscription(notification.subscription).name()
