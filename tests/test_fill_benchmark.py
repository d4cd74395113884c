"""The benchmark filler refuses the site's real data and fills a benchmark database."""

import pytest
from django.core.management import CommandError, call_command

from whitepaper.models import Publication, Statistic

pytestmark = pytest.mark.django_db


def test_refuses_a_database_with_real_records(whitepaper):
    with pytest.raises(CommandError, match="holds real records"):
        call_command("fill_benchmark", statistics=10, verbosity=0)
    assert Statistic.objects.count() == 4


def test_fills_synthetic_statistics_that_pages_can_show(client, db):
    call_command("fill_benchmark", statistics=123, publications=3, verbosity=0)
    assert Publication.objects.count() == 3
    assert Statistic.objects.count() == 123
    assert Statistic.objects.published().count() == 123
    assert "123 rows" in client.get("/statistics/").content.decode()


def test_force_fills_beside_real_records(whitepaper):
    call_command("fill_benchmark", statistics=5, publications=1, force=True, verbosity=0)
    assert Statistic.objects.count() == 9


def test_one_publication_and_one_qualifier_select_an_exact_slice(db):
    call_command("fill_benchmark", statistics=100, publications=4, verbosity=0)
    publication = Publication.objects.get(slug="synthetic-00001")
    rows = Statistic.objects.filter(publication=publication)
    assert rows.count() == 25
    assert rows.filter(qualifier="about").count() == 5
    assert sorted(rows.values_list("position", flat=True)) == list(range(25))
