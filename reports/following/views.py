"""The pages of following by e-mail: asking (for a record, a table or every release),
confirming, and unsubscribing. None is cached: each carries a form of its own."""

from django import forms
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from reports.following import subscribing, targets, tokens
from reports.records.kinds import NO_RECORD
from whitepaper.security import client_ip
from whitepaper.translation import language


class AskForm(forms.Form):
    email = forms.EmailField(
        label=_("Your e-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


def page(request, template, status=200, **context):
    response = render(request, f"following/{template}.html", context, status=status)
    response["X-Robots-Tag"] = "noindex"
    return response


def ask(request, followed, back_url):
    """The form; on a valid address, the same answer whatever the address already follows."""
    form = AskForm(request.POST or None)
    context = {"form": form, "followed_name": followed.name(), "back_url": back_url}
    if request.method == "POST" and form.is_valid():
        try:
            subscribing.ask(
                form.cleaned_data["email"], followed, language().code, client_ip(request)
            )
        except subscribing.TooManyRequests as refused:
            response = page(request, "too_many", status=429, **context)
            response["Retry-After"] = str(refused.retry_after)
            return response
        except subscribing.MailNotSent:
            return page(request, "not_sent", status=503, **context)
        return page(request, "asked", days=tokens.CONFIRM_DAYS, **context)
    return page(request, "ask", status=400 if form.errors else 200, **context)


@never_cache
def follow_record(request, kind, slug, key):
    record = kind.model.objects.for_record_page(slug, key)
    if record is None:
        raise Http404(NO_RECORD)
    return ask(request, targets.of_record(record), record.get_absolute_url())


@never_cache
def follow_table(request, table):
    return ask(request, targets.of_table(table), table.page_url())


@never_cache
def follow_releases(request):
    followed = targets.every_release()
    return ask(request, followed, followed.page_url())


@never_cache
def confirm(request, token):
    """A button, not the link itself, confirms: a mail program that opens links to check
    them must not confirm for the reader."""
    try:
        if request.method == "POST":
            subscription = subscribing.confirm(token)
            followed = targets.of_subscription(subscription)
            return page(
                request,
                "confirmed",
                followed_name=followed.name(),
                back_url=followed.page_url(),
                unsubscribe_token=tokens.make(subscription, tokens.UNSUBSCRIBE_SALT),
            )
        tokens.read(token, tokens.CONFIRM_SALT, max_age=tokens.CONFIRM_DAYS * subscribing.DAY)
    except tokens.ExpiredToken:
        return page(request, "link_expired", status=410)
    except tokens.InvalidToken:
        return page(request, "link_invalid", status=404)
    return page(request, "confirm")


@csrf_exempt  # the link's signed token is the proof; mail programs POST without a form
@never_cache
def unsubscribe(request, token):
    """GET: a page with the buttons. POST: one click (RFC 8058's
    "List-Unsubscribe=One-Click" from a mail program, or the page's button) deletes the
    subscription and its address."""
    try:
        subscription = subscribing.subscription_of(token)
    except tokens.InvalidToken:
        return page(request, "link_invalid", status=404)
    if subscription is None:
        return page(request, "unsubscribed")
    followed = targets.of_subscription(subscription)
    if request.method == "POST":
        everything = request.POST.get("everything") == "1"
        subscribing.unsubscribe(subscription, everything=everything)
        return page(request, "unsubscribed", followed_name=followed.name(), everything=everything)
    return page(request, "unsubscribe", followed_name=followed.name())
