"""The rows `load_whitepaper` writes, kept once per test worker and inserted again for each
test that asks for the white paper (tests/conftest.py's ``whitepaper`` fixture).

Loading runs every record's checks against the source, writes history and search documents
and publishes release 1.0.0: about 0.3 s, in some nine hundred tests. Inserting the same rows
again takes a few milliseconds. What a test sees is the same: the same rows (ids included),
the same data version (release 1.0.0 is the live data) and the same release files.
"""

from dataclasses import dataclass

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.management.color import no_style
from django.db import connection, transaction

from whitepaper.models import DataVersion


def whitepaper_models():
    """Every table of the whitepaper app but the data version's, whose one row is there
    before a load."""
    return [
        model
        for model in apps.get_app_config("whitepaper").get_models(include_auto_created=True)
        if model is not DataVersion and model._meta.managed
    ]


def stored_files(storage, folder=""):
    folders, files = storage.listdir(folder)
    found = {}
    for name in files:
        path = f"{folder}/{name}" if folder else name
        with storage.open(path) as file:
            found[path] = file.read()
    for name in folders:
        found.update(stored_files(storage, f"{folder}/{name}" if folder else name))
    return found


def content_type_keys():
    return {
        pk: (app_label, model)
        for pk, app_label, model in ContentType.objects.values_list("pk", "app_label", "model")
    }


@dataclass(frozen=True)
class WhitepaperSnapshot:
    #: (model, each row's column values by attribute name), in the order of the app's models.
    rows: tuple
    #: The data version's row.
    version: dict
    #: {content type id: (app label, model)} when the snapshot was taken. A test that empties
    #: the database (a flush) makes the content types again, perhaps under other ids.
    content_types: dict
    #: The releases storage's files, by name.
    files: dict

    @classmethod
    def take(cls):
        rows = []
        for model in whitepaper_models():
            names = [field.attname for field in model._meta.concrete_fields]
            values = list(model._base_manager.values(*names))
            if values:
                rows.append((model, values))
        version = DataVersion.objects.values().get()
        files = stored_files(storages["releases"])
        return cls(tuple(rows), version, content_type_keys(), files)

    def content_type_ids(self):
        """{content type id in the snapshot: its id now}."""
        now = {key: pk for pk, key in content_type_keys().items()}
        return {pk: now[key] for pk, key in self.content_types.items()}

    def rows_now(self, model, values):
        """The rows of a model, their content types under today's ids."""
        columns = [
            field.attname
            for field in model._meta.concrete_fields
            if field.is_relation and field.related_model is ContentType
        ]
        if not columns:
            return values
        ids = self.content_type_ids()
        return [{**row, **{name: ids[row[name]] for name in columns}} for row in values]

    def restore(self):
        """The rows again, in one transaction (the foreign keys are checked at its end, so the
        order of the tables does not matter), the sequences moved past them, the data
        version the load left and the files."""
        with transaction.atomic():
            for model, values in self.rows:
                rows = self.rows_now(model, values)
                model._base_manager.bulk_create([model(**row) for row in rows])
            models = [model for model, _values in self.rows]
            with connection.cursor() as cursor:
                for statement in connection.ops.sequence_reset_sql(no_style(), models):
                    cursor.execute(statement)
            DataVersion.objects.update_or_create(pk=self.version["id"], defaults=self.version)
        for name, content in self.files.items():
            storages["releases"].save(name, ContentFile(content))
