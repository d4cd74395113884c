from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from reports.records.kinds import KINDS
from reports.tables.catalogue import TABLES
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
            "reports:changes",
        ]

    def location(self, item):
        return reverse(item)


class PublicationSitemap(LanguageSitemap):
    changefreq = "monthly"

    def items(self):
        return Publication.objects.newest_first()

    def lastmod(self, publication):
        return publication.updated_at


class SourceSitemap(LanguageSitemap):
    """Each publication's source reader."""

    changefreq = "monthly"

    def items(self):
        return Publication.objects.newest_first().only("slug", "updated_at")

    def location(self, publication):
        return reverse("reports:source", kwargs={"slug": publication.slug})

    def lastmod(self, publication):
        return publication.updated_at


class RecordSitemap(LanguageSitemap):
    """The page of every published record of one kind (reports.records.kinds)."""

    changefreq = "monthly"
    kind = None

    def items(self):
        related = getattr(self.kind.model, "RECORD_PAGE_RELATED", ("publication",))
        return (
            self.kind.model.objects.published()
            .select_related(*related)
            .order_by("publication_id", "pk")
        )

    def lastmod(self, record):
        return record.updated_at


SITEMAPS = {
    "pages": PageSitemap,
    "publications": PublicationSitemap,
    "sources": SourceSitemap,
    **{
        kind.slug: type(f"{kind.model.__name__}Sitemap", (RecordSitemap,), {"kind": kind})
        for kind in KINDS
    },
}
