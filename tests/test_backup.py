"""Backup and restore: dump, wipe, restore gives the same records and history."""

import io
import re

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command

from whitepaper.models import Publication, Statistic

#: The README's backup command, as arguments to dumpdata.
BACKUP_ARGS = ["whitepaper", "auth.group", "auth.user", "--natural-foreign", "--indent", "2"]


def dump():
    """The backup's text. Django writes timestamps to the millisecond: a time less than a
    millisecond past the second is written "…:40.000Z" before a restore (its microseconds
    dropped) and "…:40Z" after it. Both are the same instant, written one way here."""
    out = io.StringIO()
    call_command("dumpdata", *BACKUP_ARGS, stdout=out)
    return re.sub(r'(T\d\d:\d\d:\d\d)\.000(Z|[+-]\d\d:\d\d)"', r'\1\2"', out.getvalue())


@pytest.mark.django_db(transaction=True)
def test_dump_wipe_restore_round_trip(tmp_path):
    call_command("load_whitepaper", verbosity=0)
    editor = User.objects.create_user("editor", password="a-long-enough-password")
    editor.groups.add(Group.objects.get(name="Editors"))
    statistic = Statistic.objects.get(key="blockchain-enterprises")
    statistic.note = "Checked against the source."
    statistic._history_user = editor
    statistic.save()

    before = dump()
    backup = tmp_path / "backup.json"
    backup.write_text(before, encoding="utf-8")

    call_command("flush", "--noinput", verbosity=0)
    assert not Publication.objects.exists()
    # The wipe leaves no account; the Editors group comes back with its permissions, as the
    # permissions themselves do, and the backup gives it its members again.
    assert not User.objects.exists()
    assert not Group.objects.get(name="Editors").user_set.exists()

    call_command("loaddata", str(backup), verbosity=0)

    assert dump() == before  # the same text
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
