"""Redis shared by the pytest-xdist workers: each worker empties only its own keys.

With REDIS_URL set, every cache alias is one Redis database, and the tests empty it before
each test (tests/conftest.py). Django's RedisCache.clear() runs FLUSHDB, which would also
drop the keys of a test running at that moment in the other worker (a page it has just
cached, a bookmark it counts on). So each worker keeps its keys under its own prefix (its id,
``gw0``, ``gw1``) and its clear() deletes the keys under that prefix only.
"""

from django.core.cache.backends.redis import RedisCache


class WorkerRedisCache(RedisCache):
    def clear(self):
        client = self._cache.get_client(write=True)
        keys = list(client.scan_iter(match=f"{self.key_prefix}:*", count=1000))
        return bool(client.delete(*keys)) if keys else False


def caches_of_worker(caches, worker):
    """The CACHES setting with each Redis alias given the worker's prefix and clear()."""
    return {
        alias: {**config, "BACKEND": f"{__name__}.WorkerRedisCache", "KEY_PREFIX": worker}
        if config["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
        else config
        for alias, config in caches.items()
    }
