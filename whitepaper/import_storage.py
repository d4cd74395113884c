"""Where the admin import keeps an uploaded file between its preview and its confirmation.

In the "shared" cache, which every app server reads (Redis, or a table in the database), so
the confirmation may land on another server than the preview did.
"""

from uuid import uuid4

from django.core.cache import caches
from import_export.tmp_storages import CacheStorage


class SharedCacheStorage(CacheStorage):
    def save(self, data):
        if not self.name:
            self.name = uuid4().hex
        caches["shared"].set(self.CACHE_PREFIX + self.name, data, self.CACHE_LIFETIME)

    def read(self):
        return caches["shared"].get(self.CACHE_PREFIX + self.name)

    def remove(self):
        caches["shared"].delete(self.CACHE_PREFIX + self.name)
