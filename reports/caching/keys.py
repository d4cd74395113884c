"""Every key of the public side's caches, built one way.

A key names what it keeps (``page``, ``table``, ``filter-form``), then always
the data version, the site's release and the language of the request, then whatever else
the caller names (a path, filters, a sort). So an edit, a deploy or the other language never
reads what was kept for another; nothing else builds a key.
"""

import hashlib

from django.conf import settings
from django.utils.translation import get_language

from whitepaper.models import DataVersion


def data_version(request=None):
    """The data's version token ('' before there is one): changed in the same transaction as
    every edit (whitepaper.models.version). Read once per request: the ETag and every cache
    key share it."""
    if request is not None and hasattr(request, "data_version"):
        return request.data_version
    version = DataVersion.current()
    if request is not None:
        request.data_version = version
    return version


def versioned_key(request, name, *parts):
    """The cache key of ``name`` for this request's data version, the site's release and
    language, and the given parts."""
    material = [data_version(request), settings.SITE_RELEASE, get_language() or "", *parts]
    digest = hashlib.sha256("|".join(str(part) for part in material).encode()).hexdigest()
    return f"{name}:{digest}"
