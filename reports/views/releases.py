"""The releases: the list, one release and its changes, a comparison of two, the newest, a
record as a release holds it, and each release's zip (served as the unchanging file it is)."""

from functools import wraps

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponseBadRequest, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import condition, require_safe

from reports.caching.freshness import fresh_page
from reports.releases import changes, status
from reports.releases.publish import storage
from reports.views import feeds, share
from reports.views.records import record_context
from whitepaper.models import Release
from whitepaper.models.release import version_parts
from whitepaper.public import typed

NO_RELEASE = _("There is no release with this version.")
#: "<older>...<newer>", as GitHub and GitLab write a comparison.
COMPARISON_SEPARATOR = "..."
#: A release's file never changes: any cache may keep it for a year, without asking again.
IMMUTABLE = "public, max-age=31536000, immutable"


def find_release(version):
    release = Release.objects.by_version(version)
    if release is None:
        raise Http404(NO_RELEASE)
    return release


@fresh_page
def release_list(request):
    context = {"releases": Release.objects.newest_first(), "follow": feeds.follow_releases()}
    return render(request, "reports/releases.html", context)


@fresh_page
def latest_release(request):
    release = Release.objects.latest_release()
    if release is None:
        raise Http404(NO_RELEASE)
    return redirect(release)


@fresh_page
def release_or_comparison(request, spec):
    """/releases/<version>/ or /releases/<older>...<newer>/."""
    if COMPARISON_SEPARATOR in spec:
        return comparison(request, *spec.split(COMPARISON_SEPARATOR, 1))
    release = find_release(spec)
    previous = Release.objects.filter(sequence__lt=release.sequence).newest_first().first()
    context = {
        "release": release,
        "previous": previous,
        "page": changes.release_page(release, request.GET.get("page")),
        "share": share.list_share(
            request,
            reverse("reports:release_card", kwargs={"version": release.version}),
            share.release_card_of(request, release),
            release.text_in("notes").text,
        ),
    }
    return render(request, "reports/release.html", context)


def comparison(request, older, newer):
    try:
        version_parts(older)
        version_parts(newer)
    except ValueError:
        return HttpResponseBadRequest(
            gettext("Compare two versions as /releases/1.0.0...1.0.1/."),
            content_type="text/plain; charset=utf-8",
        )
    older, newer = find_release(older), find_release(newer)
    if older.sequence > newer.sequence:
        return redirect("reports:release", spec=f"{newer}{COMPARISON_SEPARATOR}{older}")
    context = {
        "older": older,
        "newer": newer,
        "page": changes.comparison_page(older, newer, request.GET.get("page")),
    }
    return render(request, "reports/release_comparison.html", context)


def immutable(view):
    """Cache-Control for a file that never changes, on the file and on a 304 for it."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if response.status_code in (200, 304):
            response["Cache-Control"] = IMMUTABLE
        return response

    return wrapper


def release_etag(request, version):
    release = Release.objects.by_version(version)
    return f'"{release.sha256}"' if release else None


@immutable
@require_safe
@condition(etag_func=release_etag)
def release_download(request, version):
    """The release's zip, from the release storage, as it was written."""
    release = find_release(version)
    return FileResponse(
        storage().open(release.file_name, "rb"),
        as_attachment=True,
        filename=f"blockchain-white-paper-data-{release.version}.zip",
        content_type="application/zip",
    )


@fresh_page
def record_as_of_release(request, kind, version, slug, key):
    """A record exactly as a release holds it (read from what the release stored), and one
    line on what became of it after that release."""
    held = status.record_as_of(kind, find_release(version), slug, key)
    context = record_context(request, kind, held.record, held.release, held.live_url)
    context.update(
        held=held,
        json_url=request.path.rstrip("/") + ".json",
        share=share.record_share(
            request,
            kind,
            held.record,
            request.path + "card.png",
            request.build_absolute_uri(request.path),
            held.release,
            held.release,
            live=False,
        ),
    )
    return render(request, "reports/record_page.html", context)


@fresh_page
def record_as_of_release_json(request, kind, version, slug, key):
    """The record's values as the release stored them, and what became of it after."""
    held = status.record_as_of(kind, find_release(version), slug, key)
    later = held.later
    data = {
        "kind": kind.url_name,
        "release": {
            "version": held.release.version,
            "url": request.build_absolute_uri(held.release.get_absolute_url()),
            "published_at": typed(held.release.created_at),
        },
        "url": request.build_absolute_uri(request.path.removesuffix(".json") + "/"),
        "live_url": request.build_absolute_uri(held.live_url) if held.live_url else None,
        "publication": held.row.publication_slug,
        "values": held.row.new,
        "after": {
            "changed_in_release": later.release.version if later else None,
            "change": later.change if later else None,
            "changed_since_not_released": held.unreleased,
        },
        "time_zone": settings.TIME_ZONE,
    }
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})
