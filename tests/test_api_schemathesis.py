"""Schemathesis, a tool nobody here wrote, against the API's own OpenAPI description: every
operation, every check (server errors, status codes, content types, response schemas and
headers, positive and negative data, unsupported methods), zero failures.

It calls the site in the test process (its WSGI application) on the test database with the
white paper loaded, on SQLite or on PostgreSQL as the suite runs. Slow (a few hundred
generated requests per operation): ``-m "not slow"`` leaves it out.
"""

from pathlib import Path

import pytest
import schemathesis
from django.core.management import call_command
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from whitepaper.wsgi import application

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

#: Its settings, shared with the command line (see the file).
CONFIG = schemathesis.Config.from_path(Path(__file__).parent / "schemathesis.toml")


#: The description as the site serves it (reading it needs no database).
schema = schemathesis.openapi.from_wsgi(
    "/api/v1/openapi.json", application, headers={"Host": "127.0.0.1"}, config=CONFIG
)


@pytest.fixture
def loaded(db, settings):
    """The white paper, and no rate limit: Schemathesis asks faster than a person would."""
    call_command("load_whitepaper", verbosity=0)
    settings.API_REQUESTS_PER_MINUTE = 0


@schema.parametrize()
@hypothesis_settings(
    max_examples=60, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True
)
def test_every_operation_passes_every_check(case, loaded):
    case.call_and_validate(headers={"Host": "127.0.0.1"})
