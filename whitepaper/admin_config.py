"""Django's admin app, on the site that asks for a second factor (whitepaper.admin_site)."""

from django.contrib.admin.apps import AdminConfig


class StaffAdminConfig(AdminConfig):
    default_site = "whitepaper.admin_site.StaffAdminSite"
