"""A second factor for staff sign-in: a code from an authenticator app (TOTP, django-otp).

Signing in to the admin is two steps: the password (Django's form, guarded by django-axes),
then a six-digit code from the staff member's authenticator app. Until the code is given,
every admin page sends them to the second step (whitepaper.admin_site). Superusers and the
members of Publishers and Administrators must have one (whitepaper.roles); anyone else who
set one up uses it too. Whoever must have one and has none (a superuser made by
`createsuperuser`, say) sets it up at that step, at their first sign-in: the page shows a QR
code and the key to type, and the first code confirms it. A wrong code counts as a failed
sign-in for the lockout.
"""

import segno
from django import forms
from django.contrib.auth.signals import user_login_failed
from django.utils.translation import gettext_lazy as _
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from whitepaper.roles import requires_second_factor

DEVICE_NAME = "Authenticator app"
WRONG_CODE = _(
    "This code is not right, or was used already. Enter the code your authenticator app "
    "shows now (it changes every 30 seconds)."
)


def needs_second_factor(user):
    """Whether this staff member signs in with a code: they must, or they set one up."""
    return requires_second_factor(user) or user_has_device(user)


def is_verified(request):
    return request.user.is_verified()


def confirmed_device(user):
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()


def device_to_set_up(user):
    """The unconfirmed device the set-up page shows, made on the first visit and kept (so
    that the QR code the staff member scanned stays valid while they type the code)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)


def qr_code_svg(device):
    """The device's otpauth:// URL as an SVG QR code, inline in the page (no script, no
    image request)."""
    return segno.make(device.config_url, error="m").svg_inline(
        scale=4, title=str(_("QR code for your authenticator app"))
    )


def readable_key(device):
    """The key in base32, in groups of four, for typing into an app by hand."""
    from base64 import b32encode

    key = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code from your authenticator app"),
        max_length=8,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def __init__(self, *args, request, device, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request
        self.device = device

    def clean_code(self):
        code = "".join(self.cleaned_data["code"].split())
        if not self.device.verify_token(code):
            user = self.request.user
            # Counted by django-axes like a wrong password.
            user_login_failed.send(
                sender=__name__,
                credentials={"username": user.get_username()},
                request=self.request,
            )
            raise forms.ValidationError(WRONG_CODE, code="wrong_code")
        return code

    def sign_in(self):
        """The code was right: confirm the device (at set-up) and mark the session."""
        if not self.device.confirmed:
            self.device.confirmed = True
            self.device.save(update_fields=["confirmed"])
            TOTPDevice.objects.filter(user=self.device.user, confirmed=False).delete()
        otp_login(self.request, self.device)
