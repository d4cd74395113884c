from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from reports.catalogue import TABLES
from whitepaper.models import Publication


class LanguageSitemap(Sitemap):
    """Every page in English and in Chinese, each listing the other as its alternate."""

    i18n = True
    alternates = True
    x_default = True


class PageSitemap(LanguageSitemap):
    changefreq = "monthly"

    def items(self):
        return [
            "reports:overview",
            *(f"reports:{table.slug}" for table in TABLES),
            "reports:about",
        ]

    def location(self, item):
        return reverse(item)


class PublicationSitemap(LanguageSitemap):
    changefreq = "monthly"

    def items(self):
        return Publication.objects.newest_first()

    def lastmod(self, publication):
        return publication.updated_at


SITEMAPS = {"pages": PageSitemap, "publications": PublicationSitemap}
