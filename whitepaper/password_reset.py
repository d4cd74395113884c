"""Password reset by e-mail for staff, under /admin/ (where sessions are kept).

Django's own views and the admin's templates; the message goes through the site's mail
server (EMAIL_URL). Setting a new password also lifts a sign-in lock on that account
(django-axes), so that a locked-out editor does not wait for an administrator. The second
factor is still asked for at the next sign-in.
"""

from axes.utils import reset as reset_lockout
from django.contrib import admin
from django.contrib.auth import views
from django.urls import path


def site_context():
    return {"site_header": admin.site.site_header, "site_title": admin.site.site_title}


class ResetConfirmView(views.PasswordResetConfirmView):
    def form_valid(self, form):
        response = super().form_valid(form)
        reset_lockout(username=form.user.get_username())
        return response


urlpatterns = [
    path(
        "admin/password_reset/",
        views.PasswordResetView.as_view(extra_context=site_context()),
        name="admin_password_reset",
    ),
    path(
        "admin/password_reset/done/",
        views.PasswordResetDoneView.as_view(extra_context=site_context()),
        name="password_reset_done",
    ),
    path(
        "admin/reset/<uidb64>/<token>/",
        ResetConfirmView.as_view(extra_context=site_context()),
        name="password_reset_confirm",
    ),
    path(
        "admin/reset/done/",
        views.PasswordResetCompleteView.as_view(extra_context=site_context()),
        name="password_reset_complete",
    ),
]
