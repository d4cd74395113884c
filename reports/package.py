"""The whole dataset as one zip: a CSV per table, a Frictionless datapackage.json and a README.

The CSVs are written by the same code as the table downloads (plain UTF-8, no BOM, formula
cells neutralised), into a spooled temporary file so that memory stays bounded.
"""

import json
import tempfile
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.db.models.fields import (
    BooleanField,
    DateField,
    DateTimeField,
    DecimalField,
    IntegerField,
)
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from reports import exports
from reports.licence import RECORDS_LICENCE
from reports.record_kinds import KINDS
from reports.structured_data import dataset_description, dataset_title
from whitepaper.models import Publication
from whitepaper.translation import TRANSLATIONS, is_translated, twin, twin_of

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
    fields: list


PUBLICATION_FIELDS = [
    ("slug", "slug"),
    ("title", "title"),
    ("publisher", "publisher"),
    ("publisher_abbreviation", "publisher_abbreviation"),
    ("release_date", "release_date"),
    ("data_as_of", "data_as_of"),
    ("quoted_person", "quoted_person"),
    ("quoted_person_role", "quoted_person_role"),
    ("summary", "summary"),
    ("source_title", "source_title"),
    ("source_url", "source_url"),
    ("source_quote", "source_quote"),
    ("dates_note", "dates_note"),
    ("last_edited", "updated_at"),
]

#: The columns after its own public fields of a kind that has no table of its own.
RECORD_TAIL = [
    ("publication", "publication__title"),
    ("as_of", "as_of"),
    ("published_on", "publication__release_date"),
    ("last_edited", "updated_at"),
]
TAIL_NAMES = {name for name, _lookup in RECORD_TAIL}


def package_url():
    return reverse("reports:dataset_package")


def with_translations(model, fields):
    """The fields, each translated one followed by its twins (whitepaper.translation),
    unless a twin is listed already."""
    listed = {lookup for _, lookup in fields}
    result = []
    for name, lookup in fields:
        result.append((name, lookup))
        field = exports.model_field(model, lookup)
        if is_translated(field.model, field.name):
            for lang in TRANSLATIONS:
                if twin(lookup, lang) not in listed:
                    result.append((twin(name, lang), twin(lookup, lang)))
    return result


def resources(tables):
    """What goes into the package: the publications, each public table, and the records of
    each kind that has no table, each with the English text of every translated field and
    each of its translations."""
    return [
        Resource(resource.name, resource.title, resource.queryset, fields)
        for resource in english_resources(tables)
        for fields in [with_translations(resource.queryset.model, resource.fields)]
    ]


def english_resources(tables):
    return [
        Resource(
            "publications",
            gettext("Publications"),
            Publication.objects.newest_first(),
            PUBLICATION_FIELDS,
        ),
        *(
            Resource(
                table.slug,
                str(table.title),
                table.queryset().order_by("publication", "pk"),
                table.export_fields,
            )
            for table in tables
        ),
        *(
            Resource(
                kind.slug,
                str(kind.section_title),
                kind.model.objects.published().order_by("publication", *kind.model.LIST_ORDER),
                [(name, name) for name in kind.model.PUBLIC_FIELDS if name not in TAIL_NAMES]
                + RECORD_TAIL,
            )
            for kind in KINDS
            if kind.table_class is None
        ),
    ]


def frictionless_type(field):
    if isinstance(field, DateTimeField):
        return "datetime"
    if isinstance(field, DateField):
        return "date"
    if isinstance(field, DecimalField):
        return "number"
    if isinstance(field, IntegerField):
        return "integer"
    if isinstance(field, BooleanField):
        return "boolean"
    return "string"


def schema(resource):
    fields = []
    for name, lookup in resource.fields:
        field = exports.model_field(resource.queryset.model, lookup)
        description = str(field.help_text or field.verbose_name)
        translated = twin_of(field.model, field.name)
        if translated is not None:
            lang = translated[1]
            description = gettext(
                "This site's translation of %(field)s into %(language)s; empty where there is "
                "none yet."
            ) % {"field": name.removesuffix(lang.suffix), "language": lang.name}
        descriptor = {"name": name, "type": frictionless_type(field), "description": description}
        if field.choices:
            descriptor["constraints"] = {"enum": [str(value) for value, _ in field.choices]}
        if (resource.name, name) in UNITS:
            descriptor["unit"] = str(UNITS[(resource.name, name)])
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
            f"{publication.title}, by {publication.publisher} "
            f"({publication.publisher_abbreviation}), as reported by "
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
                # English columns, each followed by its Chinese twin (with_chinese), in both
                # languages of the site.
                lines = exports.csv_lines(resource.queryset, resource.fields, False, "en")
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
