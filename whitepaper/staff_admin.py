"""Staff accounts in the admin: Administrators manage them (whitepaper.roles), but only a
superuser makes a superuser or gives a permission outside the groups."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User


class StaffUserAdmin(UserAdmin):
    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            readonly += ["is_superuser", "user_permissions"]
        return readonly


admin.site.unregister(User)
admin.site.register(User, StaffUserAdmin)
