"""The admin site: Django's, with the second step of signing in (whitepaper.two_factor), the
language switch (English / 简体中文) and the password reset by e-mail.

Every admin page but signing out and the second step itself asks for the second factor first,
from whoever needs one and has not given it in this session.
"""

from functools import update_wrapper

from django.contrib import admin
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext

from whitepaper.two_factor import (
    CodeForm,
    confirmed_device,
    device_to_set_up,
    is_verified,
    needs_second_factor,
    qr_code_svg,
    readable_key,
)

#: The admin views a signed-in staff member reaches before the second factor.
BEFORE_SECOND_FACTOR = {"logout", "second_factor"}


class StaffAdminSite(admin.AdminSite):
    def admin_view(self, view, cacheable=False):
        inner = super().admin_view(view, cacheable)

        def guarded(request, *args, **kwargs):
            user = request.user
            name = request.resolver_match.url_name if request.resolver_match else None
            if (
                user.is_active
                and user.is_staff
                and name not in BEFORE_SECOND_FACTOR
                and needs_second_factor(user)
                and not is_verified(request)
            ):
                query = urlencode({"next": request.get_full_path()})
                return redirect(f"{reverse('admin:second_factor')}?{query}")
            return inner(request, *args, **kwargs)

        return update_wrapper(guarded, inner)

    def get_urls(self):
        return [
            path(
                "second-factor/",
                super().admin_view(self.second_factor_view),
                name="second_factor",
            ),
            *super().get_urls(),
        ]

    def second_factor_view(self, request):
        """The code from the staff member's app; at their first sign-in, setting the app up."""
        user = request.user
        next_url = request.POST.get("next") or request.GET.get("next") or reverse("admin:index")
        if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}):
            next_url = reverse("admin:index")
        if not needs_second_factor(user) or is_verified(request):
            return redirect(next_url)
        device = confirmed_device(user) or device_to_set_up(user)
        form = CodeForm(request.POST or None, request=request, device=device)
        if request.method == "POST" and form.is_valid():
            form.sign_in()
            return redirect(next_url)
        setting_up = not device.confirmed
        context = {
            **self.each_context(request),
            "title": gettext("Set up two-factor sign-in")
            if setting_up
            else gettext("Two-factor sign-in"),
            "form": form,
            "next": next_url,
            "setting_up": setting_up,
            "qr_code": qr_code_svg(device) if setting_up else "",
            "key": readable_key(device) if setting_up else "",
        }
        return TemplateResponse(request, "admin/second_factor.html", context)
