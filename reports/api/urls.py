"""The API's addresses: /api/v1/ and its operations (reports.api.main); /api/v1/ itself
leads to the human page, and any other address under /api/ is a problem+json 404."""

from django.urls import path, re_path
from django.views.generic import RedirectView

from reports.api.main import api
from reports.api.problems import problem


def no_such_operation(request, rest=""):
    return problem(404, "There is no such operation: see /api/v1/docs/ for those there are.")


urlpatterns = [
    path("api/v1/", RedirectView.as_view(pattern_name="api:openapi-view")),
    path("api/v1/", api.urls),
    re_path(r"^api/(?P<rest>.*)$", no_such_operation),
]
