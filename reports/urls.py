from django.contrib.sitemaps.views import sitemap
from django.urls import path
from django.views.generic import TemplateView

from reports import health, views
from reports.sitemaps import SITEMAPS

app_name = "reports"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("about/", views.about, name="about"),
    path("healthz", health.healthz, name="healthz"),
    path("publications/<slug:slug>/", views.publication_detail, name="publication"),
    path("downloads/dataset.zip", views.dataset_package, name="dataset_package"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain"),
        name="robots",
    ),
]

for page in views.TABLE_PAGES:
    urlpatterns += [
        path(f"{page.url_name}/", page.as_view(), name=page.url_name),
        *(
            path(
                f"{page.url_name}.{fmt}",
                views.download_view(page, fmt).as_view(),
                name=f"{page.url_name}_{fmt}",
            )
            for fmt in views.DOWNLOAD_FORMATS
        ),
    ]
