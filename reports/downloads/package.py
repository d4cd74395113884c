"""The whole dataset as one zip: a CSV per table, a Frictionless datapackage.json and a README.

The CSVs are written by the same code as the table downloads (plain UTF-8, no BOM, formula
cells neutralised), into a spooled temporary file so that memory stays bounded.
"""

import json
import tempfile
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from reports.downloads import exports
from reports.records.kinds import KINDS
from reports.records.licence import RECORDS_LICENCE
from reports.records.structured_data import dataset_description, dataset_title
from reports.tables.tables import RECORD_TAIL
from whitepaper.attribution import white_paper_of
from whitepaper.models import Publication
from whitepaper.public import values_of
from whitepaper.translation import SOURCE_LANGUAGE, TRANSLATIONS, twin

SPOOL_MAX_BYTES = 8 * 1024 * 1024

#: Units of numeric columns whose unit is fixed; a statistic's unit is in its own column.
UNITS = {
    ("statistics", "value"): _("given in the unit column"),
    ("regions", "combined_share"): _("given in the combined_share_unit column"),
    ("regions", "company_count"): _("companies"),
}


@dataclass
class Resource:
    name: str
    title: str
    queryset: object
    columns: list  # exports.Column


def package_url():
    return reverse("reports:dataset_package")


def public_columns(model, tail):
    """Every public value of the kind under its own name (whitepaper.public), those of the
    tail last, then the tail's columns."""
    names = {column if isinstance(column, str) else column[0] for column in tail}
    own = [value.name for value in values_of(model) if value.name not in names]
    return exports.columns(model, own + tail)


def with_translations(columns):
    """The columns, each translated text followed by its translation in each of the site's
    languages (unless one is listed already)."""
    listed = {column.value.name for column in columns}
    result = []
    for column in columns:
        result.append(column)
        if column.value.is_translated:
            for lang in TRANSLATIONS:
                translated = column.value.in_language(lang)
                if translated.name not in listed:
                    result.append(exports.Column(twin(column.name, lang), translated))
    return result


def resources(tables):
    """What goes into the package: the publications, each public table, and the records of
    each kind that has no table, each with the English text of every translated field and
    each of its translations."""
    tabled = {table.model for table in tables}
    english = [
        Resource(
            "publications",
            gettext("Publications"),
            Publication.objects.newest_first(),
            public_columns(Publication, [("last_edited", "updated_at")]),
        ),
        *(
            Resource(
                table.slug,
                str(table.title),
                table.queryset().order_by("publication", "pk"),
                exports.columns(table.model, table.table_class.export_fields),
            )
            for table in tables
        ),
        *(
            Resource(
                kind.slug,
                str(kind.title),
                kind.model.objects.published().order_by("publication", *kind.model.LIST_ORDER),
                public_columns(kind.model, RECORD_TAIL),
            )
            for kind in KINDS
            if kind.model not in tabled
        ),
    ]
    return [
        Resource(
            resource.name, resource.title, resource.queryset, with_translations(resource.columns)
        )
        for resource in english
    ]


def schema(resource):
    fields = []
    for column in resource.columns:
        value, field = column.value, column.value.field
        description = str(field.help_text or field.verbose_name)
        if value.is_translation:
            description = gettext(
                "This site's translation of %(field)s into %(language)s; empty where there is "
                "none yet."
            ) % {
                "field": column.name.removesuffix(value.language.suffix),
                "language": value.language.name,
            }
        descriptor = {"name": column.name, "type": value.type, "description": description}
        if field.choices:
            descriptor["constraints"] = {"enum": [str(choice) for choice, _ in field.choices]}
        if (resource.name, column.name) in UNITS:
            descriptor["unit"] = str(UNITS[(resource.name, column.name)])
        fields.append(descriptor)
    return {"fields": fields}


def descriptor(publication, package_resources, site_url):
    """The Data Package: this site's records (the site is their author and publisher),
    with the white paper, as the article reports it, as their source."""
    site = [
        {"title": settings.SITE_NAME, "path": site_url, "role": role}
        for role in ("author", "publisher")
    ]
    return {
        "name": publication.slug if publication else "blockchain-white-paper-data",
        "title": dataset_title(publication) if publication else settings.SITE_NAME,
        "description": dataset_description(publication) if publication else "",
        "contributors": site,
        "licenses": [
            {
                "name": RECORDS_LICENCE.name,
                "title": RECORDS_LICENCE.title,
                "path": RECORDS_LICENCE.url,
            }
        ],
        "sources": [source(publication)] if publication else [],
        "time_zone": settings.TIME_ZONE,
        "resources": [
            {
                "name": resource.name,
                "title": resource.title,
                "path": f"{resource.name}.csv",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": schema(resource),
            }
            for resource in package_resources
        ],
    }


def source(publication):
    """The white paper, as the article reports it: the records' source."""
    described = {
        "title": (
            f"{white_paper_of(publication)}, by {publication.publisher} "
            f"({publication.publisher_abbreviation}), as reported in "
            f"“{publication.source_title}”"
        ),
    }
    if publication.source_url:
        described["path"] = publication.source_url
    return described


def write_package(tables, site_url):
    """The zip in a temporary file, rewound and ready to send."""
    publication = Publication.objects.newest()
    package_resources = resources(tables)
    # Returned open: the FileResponse that sends it closes it.
    spool = tempfile.SpooledTemporaryFile(max_size=SPOOL_MAX_BYTES)  # noqa: SIM115
    with zipfile.ZipFile(spool, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for resource in package_resources:
            with archive.open(f"{resource.name}.csv", "w") as member:
                # English columns, each followed by its translations: both languages of the
                # site in one file.
                lines = exports.csv_lines(
                    resource.queryset, resource.columns, False, SOURCE_LANGUAGE.code
                )
                for line in lines:
                    member.write(line.encode("utf-8"))
        archive.writestr(
            "datapackage.json",
            json.dumps(
                descriptor(publication, package_resources, site_url), ensure_ascii=False, indent=2
            ),
        )
        archive.writestr(
            "README.md",
            render_to_string(
                "reports/dataset_readme.md",
                {
                    "publication": publication,
                    "resources": package_resources,
                    "licence": RECORDS_LICENCE,
                    "site_name": settings.SITE_NAME,
                    "site_url": site_url,
                    "time_zone": settings.TIME_ZONE,
                },
            ),
        )
    spool.seek(0)
    return spool, publication
