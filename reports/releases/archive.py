"""A release's zip: the same tables as the dataset download (reports.downloads.package), written so
that the same data gives the same bytes.

Entries are written in order of name, each with a fixed date and mode, and hold no time of
their own: no "last edited" column (a release is dated as a whole, in datapackage.json and
CITATION.cff). Every table is there as CSV and as JSON, each translated column followed by its
Chinese twin; the README in each language of the site.
"""

import json
import tempfile
import zipfile

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation

from reports.downloads import exports, package
from reports.records.licence import RECORDS_LICENCE
from reports.records.structured_data import dataset_title
from reports.tables import catalogue
from whitepaper.attribution import white_paper_of
from whitepaper.models import Publication
from whitepaper.public import typed
from whitepaper.translation import SOURCE_LANGUAGE, in_source_language

#: The date every entry carries (the earliest a zip can hold): the bytes depend on the data
#: only. The release's own date is in datapackage.json and CITATION.cff.
ENTRY_DATE = (1980, 1, 1, 0, 0, 0)
#: zlib's fastest level. At 100,000 synthetic statistics (113 MB of CSV and JSON) it took
#: 0.6 s of CPU for 19.7 MB, where the default level (6) took 2.4 s for 13.8 MB: publishing
#: at a million records saves about 20 s. The same data gives the same bytes at any level (with the same zlib).
COMPRESS_LEVEL = 1
#: How much of a spooled JSON entry is read at a time.
SPOOL_BLOCK = 1024 * 1024
#: Columns a release leaves out: a record's own edit time is not part of its data.
UNDATED = ("updated_at",)


def release_resources():
    """The dataset's tables without their edit times (in English: titles are data here)."""
    with in_source_language():
        return [
            package.Resource(
                resource.name,
                resource.title,
                resource.queryset,
                [column for column in resource.columns if column.value.name not in UNDATED],
            )
            for resource in package.resources(catalogue.TABLES)
        ]


def entry(name):
    info = zipfile.ZipInfo(name, date_time=ENTRY_DATE)
    info.compress_type = zipfile.ZIP_DEFLATED
    # What ZipFile.open gives a ZipInfo it makes itself (Python 3.13 calls it compress_level
    # and keeps this name as an alias).
    info._compresslevel = COMPRESS_LEVEL
    info.create_system = 3  # Unix, whatever machine writes it
    info.external_attr = 0o644 << 16
    return info


def write_text(archive, name, pieces):
    """Write an entry from its pieces (UTF-8 bytes)."""
    with archive.open(entry(name), "w", force_zip64=True) as member:
        for piece in pieces:
            member.write(piece)


def table_entries(resource, version):
    """{name: pieces} of a table's CSV and JSON entries, from one read of its rows. A zip is
    written one entry at a time, so while the CSV's pieces are written the JSON goes to an
    unnamed temporary file, which the JSON's pieces then read back: "x.csv" sorts before
    "x.json", so it is complete by then."""
    spool = tempfile.TemporaryFile()  # noqa: SIM115 (closed once read, or when collected)
    meta = {
        "table": resource.name,
        "release": version,
        "site_translation": exports.site_translation(resource.columns, SOURCE_LANGUAGE.code),
    }

    def csv_pieces():
        for csv_text, json_text in exports.csv_and_json(
            resource.queryset, resource.columns, meta, SOURCE_LANGUAGE.code
        ):
            spool.write(json_text.encode("utf-8"))
            yield csv_text.encode("utf-8")

    def json_pieces():
        with spool:
            spool.seek(0)
            while block := spool.read(SPOOL_BLOCK):
                yield block

    return {f"{resource.name}.csv": csv_pieces(), f"{resource.name}.json": json_pieces()}


def release_url(version):
    return settings.SITE_URL.rstrip("/") + f"/releases/{version}/"


def citation_cff(publication, version, created_at):
    """CITATION.cff (version 1.2.0), which GitHub, Zenodo and reference managers read: this
    site made and publishes the records; the white paper, as the article reports it, is what
    they are based on (a reference)."""
    title = dataset_title(publication) if publication else settings.SITE_NAME
    lines = [
        "cff-version: 1.2.0",
        'message: "If you use these data, please cite this release."',
        "type: dataset",
        f"title: {json.dumps(title, ensure_ascii=False)}",
        "authors:",
        f"  - name: {json.dumps(settings.SITE_NAME, ensure_ascii=False)}",
        f"version: {version}",
        f"date-released: {timezone.localtime(created_at).date().isoformat()}",
        f"url: {json.dumps(release_url(version))}",
        f"license: {RECORDS_LICENCE.name}",
    ]
    if publication:
        lines += [
            "references:",
            "  - type: report",
            f"    title: {json.dumps(f'[{publication.title}]', ensure_ascii=False)}",
            "    authors:",
            f"      - name: {json.dumps(publication.publisher, ensure_ascii=False)}",
            "    notes: "
            + json.dumps(
                f"{white_paper_of(publication)}, as reported in “{publication.source_title}”",
                ensure_ascii=False,
            ),
        ]
    return "\n".join(lines) + "\n"


def readme(publication, resources, version, created_at, language):
    with translation.override(language):
        return render_to_string(
            "reports/dataset_readme.md",
            {
                "publication": publication,
                "resources": resources,
                "licence": RECORDS_LICENCE,
                "release": {"version": version, "created_at": created_at},
                "release_url": release_url(version),
                "site_name": settings.SITE_NAME,
                "site_url": settings.SITE_URL,
                "time_zone": settings.TIME_ZONE,
            },
        )


def entries(version, created_at):
    """(name, pieces of text) of every entry."""
    publication = Publication.objects.newest()
    resources = release_resources()
    with in_source_language():
        descriptor = package.descriptor(publication, resources, settings.SITE_URL)
    descriptor.update(
        {
            "version": version,
            "created": typed(created_at),
            "homepage": release_url(version),
        }
    )
    texts = {
        "datapackage.json": json.dumps(descriptor, ensure_ascii=False, indent=2),
        "CITATION.cff": citation_cff(publication, version, created_at),
    }
    for language, _name in settings.LANGUAGES:
        suffix = "" if language == settings.LANGUAGE_CODE else f".{language}"
        texts[f"README{suffix}.md"] = readme(publication, resources, version, created_at, language)
    files = {name: [text.encode("utf-8")] for name, text in texts.items()}
    for resource in resources:
        files.update(table_entries(resource, version))
    return sorted(files.items())


def write_release_zip(target, version, created_at):
    """Write the release's zip into the open binary file ``target``."""
    with zipfile.ZipFile(target, "w") as archive:
        for name, pieces in entries(version, created_at):
            write_text(archive, name, pieces)
