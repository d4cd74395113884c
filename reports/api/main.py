"""The API at /api/v1/: its operations, its description and how it answers errors.

Each group of operations is a router of its own module (records, publications, search, the
corrections log, the releases). Another group is one module with a router and one line in
ROUTERS.
"""

from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import ValidationError

from reports.api import changes, description, problems, publications, records, releases, search
from reports.api.docs import SiteSwagger, with_content_etag

#: The routers of the API, in the order its description lists them.
ROUTERS = (
    records.router,
    publications.router,
    search.router,
    changes.router,
    releases.router,
)


class SiteAPI(NinjaAPI):
    """ninja's API with the description completed (reports.api.description), made once per
    process: it changes only with the code and the settings."""

    _description = None

    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        if self._description is None:
            schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
            self._description = description.complete(schema)
        return self._description


api = SiteAPI(
    title="Blockchain White Paper Data API",
    version="1",
    urls_namespace="api",
    openapi_url="/openapi.json",
    docs=SiteSwagger(settings=SiteSwagger.SETTINGS),
    docs_url="/docs/",
    docs_decorator=with_content_etag,
)
for router in ROUTERS:
    api.add_router("", router)
api.add_exception_handler(ValidationError, problems.bad_parameters)
api.add_exception_handler(Http404, problems.not_found)
