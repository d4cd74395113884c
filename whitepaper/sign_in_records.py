"""The sign-in records in the admin (django-axes): every sign-in and every failure, kept and
read only. Nobody deletes or edits them from the admin, a superuser included; a lock is
lifted by the password reset or `manage.py axes_reset` (docs/operations.md)."""

from axes.admin import AccessAttemptAdmin, AccessFailureLogAdmin, AccessLogAdmin
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin


class ReadOnly:
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


for model, model_admin in (
    (AccessAttempt, AccessAttemptAdmin),
    (AccessLog, AccessLogAdmin),
    (AccessFailureLog, AccessFailureLogAdmin),
):
    admin.site.register(model, type(model_admin.__name__, (ReadOnly, model_admin), {}))
