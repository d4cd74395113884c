"""Errors as RFC 9457 problem details: ``application/problem+json`` with a ``detail`` that
says what was wrong and what to do instead.

Every error the API answers goes through ``problem``: a parameter it cannot read (400), a
cursor that is not one (400), a record it does not have (404), too many requests (429).
"""

import json
from http import HTTPStatus

from django.http import HttpResponse

MEDIA_TYPE = "application/problem+json"


def problem(status, detail, **headers):
    body = {
        "type": "about:blank",
        "title": HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
    }
    response = HttpResponse(
        json.dumps(body, ensure_ascii=False),
        status=status,
        content_type=MEDIA_TYPE,
        headers=headers,
    )
    return response


def parameter_errors(errors):
    """ninja's validation errors ([{loc, msg}, ...]) as one sentence per parameter."""
    sentences = []
    for error in errors:
        location = [str(part) for part in error.get("loc", ()) if part not in ("query", "path")]
        name = location[-1] if location else "request"
        sentences.append(f"{name}: {error.get('msg', 'not valid')}.")
    return " ".join(sentences)


def bad_parameters(request, error):
    """The handler of ninja.errors.ValidationError: a 400 naming each parameter."""
    return problem(400, f"Invalid parameters. {parameter_errors(error.errors)}")


def not_found(request, error):
    """The handler of Http404: the view's own message."""
    detail = str(error) or "There is nothing at this address."
    return problem(404, detail)


def answers(*statuses):
    """The error statuses an operation may answer besides 200, for its description: each a
    Problem, and 304 with no body."""
    from reports.api.schemas import Problem

    return {status: None if status == 304 else Problem for status in statuses}


#: What a list and a record may answer besides 200.
LIST_ANSWERS = answers(304, 400, 429)
RECORD_ANSWERS = answers(304, 400, 404, 429)
