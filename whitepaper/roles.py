"""Who may do what in the admin: three groups, each said once here.

- **Editors** edit the records of the publications and their translations, import them from
  CSV and view their history; they see the releases and the regions but change neither.
- **Publishers** do what Editors do, publish releases, and keep the lists the publications
  share: the regions and the hot search keywords (with what readers searched for); they see
  how many readers follow what by e-mail (never the addresses) and the messages a release
  owes them, and may try a refused one again.
- **Administrators** do what Publishers do, and manage staff accounts and groups, their
  second factors, and view the sign-in records (which nobody can change or delete).

A superuser may do everything. Publishers, Administrators and superusers must sign in with
a second factor (whitepaper.two_factor). The groups are made by migrations (0002, and
0020_roles) and their permissions set here after every migrate (whitepaper.apps), derived
from the models, so that a new kind of record needs no migration for them.
"""

EDITORS = "Editors"
PUBLISHERS = "Publishers"
ADMINISTRATORS = "Administrators"
#: The groups whose members must sign in with a second factor, with superusers.
SECOND_FACTOR_ROLES = (PUBLISHERS, ADMINISTRATORS)


def model_codenames(model, actions=None):
    """("app_label", codename) of each action on a model, its history's view included."""
    meta = model._meta
    names = [
        (meta.app_label, f"{action}_{meta.model_name}")
        for action in actions or meta.default_permissions
    ]
    history = getattr(model, "history", None)
    if history is not None and actions is None:
        names.append((meta.app_label, f"view_historical{meta.model_name}"))
    return names


def editor_permissions():
    from whitepaper.models import PUBLICATION_RECORDS, Publication, Region, Release

    return [
        *(name for model in (Publication, *PUBLICATION_RECORDS) for name in model_codenames(model)),
        *model_codenames(Region, ["view"]),
        *model_codenames(Release, ["view"]),
    ]


def publisher_permissions():
    from whitepaper.models import (
        HotKeyword,
        Notification,
        Region,
        Release,
        SearchCount,
        Subscription,
    )

    return [
        *editor_permissions(),
        *model_codenames(Region),
        *model_codenames(Release, ["add", "view"]),
        *model_codenames(HotKeyword),
        *model_codenames(SearchCount, ["view"]),
        *model_codenames(Subscription, ["view"]),
        *model_codenames(Notification, ["change", "view"]),
    ]


def administrator_permissions():
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog
    from django.contrib.auth.models import Group, Permission, User
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return [
        *publisher_permissions(),
        *model_codenames(User, ["add", "change", "delete", "view"]),
        *model_codenames(Group, ["add", "change", "delete", "view"]),
        *model_codenames(Permission, ["view"]),
        *model_codenames(TOTPDevice, ["change", "delete", "view"]),
        *(
            name
            for model in (AccessAttempt, AccessLog, AccessFailureLog)
            for name in model_codenames(model, ["view"])
        ),
    ]


ROLES = {
    EDITORS: editor_permissions,
    PUBLISHERS: publisher_permissions,
    ADMINISTRATORS: administrator_permissions,
}


def grant_roles(sender, **kwargs):
    """post_migrate: each group has exactly its role's permissions (made again after a
    database is emptied, a test's flush)."""
    from django.contrib.auth.models import Group, Permission
    from django.db.models import Q

    for name, permissions in ROLES.items():
        group, _created = Group.objects.get_or_create(name=name)
        wanted = Q(pk__in=[])
        for app_label, codename in permissions():
            wanted |= Q(content_type__app_label=app_label, codename=codename)
        group.permissions.set(Permission.objects.filter(wanted))


def requires_second_factor(user):
    """Superusers and the members of SECOND_FACTOR_ROLES."""
    return user.is_superuser or user.groups.filter(name__in=SECOND_FACTOR_ROLES).exists()
