"""A database migrated with the migrations before they were squashed carries on."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder

pytestmark = pytest.mark.django_db

#: What a database migrated before the squash has recorded for this app.
BEFORE_THE_SQUASH = [
    "0001_initial",
    "0002_editors_group",
    "0003_import_permissions",
    "0004_editors_import",
    "0005_portable_region_code_check",
    "0006_statistic_indexes",
    "0007_statistic_public_indexes",
]


def test_a_database_migrated_before_the_squash_runs_only_what_follows():
    recorder = MigrationRecorder(connection)
    recorder.migration_qs.filter(app="whitepaper").delete()
    for name in BEFORE_THE_SQUASH:
        recorder.record_applied("whitepaper", name)

    loader = MigrationLoader(connection)
    assert ("whitepaper", "0001_squashed_0008") in loader.applied_migrations
    leaf = next(node for node in loader.graph.leaf_nodes() if node[0] == "whitepaper")
    plan = MigrationExecutor(connection).migration_plan([leaf])
    planned = [migration.name for migration, backwards in plan if not backwards]
    assert planned[0] == "0002_editors"
    assert planned[-1] == leaf[1]
