"""Backup and restore: dump, wipe, restore gives the same records and history."""

import io
import re

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command

from whitepaper.models import Publication, Statistic
from whitepaper.roles import grant_roles

#: docs/operations.md's two backup commands, as arguments to dumpdata: the groups by their
#: names (a fresh database has made the Editors group already, under an id of its own), then
#: everything else by id (the history keeps each record's id) with users' groups by name.
BACKUP_ARGS = {
    "groups.json": ["auth.group", "--natural-primary", "--natural-foreign", "--indent", "2"],
    "backup.json": ["whitepaper", "auth.user", "--natural-foreign", "--indent", "2"],
}


def dump(name):
    """A backup file's text. Django writes timestamps to the millisecond: a time less than a
    millisecond past the second is written "…:40.000Z" before a restore (its microseconds
    dropped) and "…:40Z" after it. Both are the same instant, written one way here."""
    out = io.StringIO()
    call_command("dumpdata", *BACKUP_ARGS[name], stdout=out)
    return re.sub(r'(T\d\d:\d\d:\d\d)\.000(Z|[+-]\d\d:\d\d)"', r'\1\2"', out.getvalue())


@pytest.mark.django_db(transaction=True)
def test_dump_wipe_restore_round_trip(tmp_path):
    call_command("load_whitepaper", verbosity=0)
    # The groups under ids the wipe will not give them again (a flush starts the ids from 1,
    # and makes them again in the same order): the restore finds each group by its name.
    Group.objects.all().delete()
    grant_roles(sender=None)
    editor = User.objects.create_user("editor", password="a-long-enough-password")
    editor.groups.add(Group.objects.get(name="Editors"))
    statistic = Statistic.objects.get(key="blockchain-enterprises")
    statistic.note = "Checked against the source."
    statistic._history_user = editor
    statistic.save()

    before = {name: dump(name) for name in BACKUP_ARGS}
    for name, text in before.items():
        (tmp_path / name).write_text(text, encoding="utf-8")

    call_command("flush", "--noinput", verbosity=0)
    assert not Publication.objects.exists()
    # The wipe leaves no account; the Editors group comes back with its permissions, as the
    # permissions themselves do, and the backup gives it its members again.
    assert not User.objects.exists()
    assert not Group.objects.get(name="Editors").user_set.exists()

    call_command("loaddata", *(str(tmp_path / name) for name in BACKUP_ARGS), verbosity=0)

    assert {name: dump(name) for name in BACKUP_ARGS} == before  # the same text
    restored = Statistic.objects.get(key="blockchain-enterprises")
    assert restored.note == "Checked against the source."
    history = list(restored.history.order_by("history_date"))
    assert [h.history_type for h in history] == ["+", "~"]
    assert history[-1].history_user.username == "editor"
    assert User.objects.get(username="editor").groups.get().name == "Editors"
    assert Group.objects.get(name="Editors").permissions.filter(codename="change_statistic")


def test_records_have_natural_keys(whitepaper):
    statistic = Statistic.objects.get(key="top-four-regions-share")
    key = statistic.natural_key()
    assert key == ("miit-blockchain-white-paper-2018", "top-four-regions-share")
    assert Statistic.objects.get_by_natural_key(*key) == statistic
    presence = statistic.regions.get(region__code="CN-BJ")
    assert type(presence).objects.get_by_natural_key(*presence.natural_key()) == presence
