from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from whitepaper.models import Publication


class PageSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return [
            "reports:overview",
            "reports:statistics",
            "reports:regions",
            "reports:segments",
            "reports:tendencies",
            "reports:about",
        ]

    def location(self, item):
        return reverse(item)


class PublicationSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return Publication.objects.published().order_by("-release_date", "pk")

    def lastmod(self, publication):
        return publication.updated_at


SITEMAPS = {"pages": PageSitemap, "publications": PublicationSitemap}
