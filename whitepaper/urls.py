"""The site's URLs. Public pages are in English at their paths and in Chinese under
/<language code>/ (whitepaper.language); the admin and the files for machines have one address."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.views.generic import TemplateView

from reports.views import health, sharing
from reports.views.sitemaps import SITEMAPS
from whitepaper import password_reset
from whitepaper.translation import TRANSLATIONS

urlpatterns = [
    # Before the admin, whose last pattern catches every path under /admin/.
    *password_reset.urlpatterns,
    path("admin/i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("", include("reports.api.urls")),
    path("healthz", health.healthz, name="healthz"),
    path("oembed", sharing.oembed, name="oembed"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path(
        "robots.txt",
        TemplateView.as_view(
            template_name="robots.txt",
            content_type="text/plain",
            extra_context={"translations": TRANSLATIONS},
        ),
        name="robots",
    ),
    path(
        "opensearch.xml",
        TemplateView.as_view(
            template_name="opensearch.xml",
            content_type="application/opensearchdescription+xml",
        ),
        name="opensearch",
    ),
    *i18n_patterns(path("", include("reports.urls")), prefix_default_language=False),
]
