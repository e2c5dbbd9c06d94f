"""Answers kept in the cache (Redis) for a while, and worked out afresh when the cache is down."""

import contextlib
from collections.abc import Callable

import redis
from django.core.cache import cache

# What a cache that is down or hung raises: the answer is then worked out, never an error page.
CACHE_ERRORS = (redis.RedisError, OSError)


def cached[T](key: str, compute: Callable[[], T], timeout: float | None) -> T:
    """The answer stored under `key`, else compute() stored there for `timeout` seconds."""
    try:
        found = cache.get(key)
    except CACHE_ERRORS:
        return compute()
    if found is None:
        found = compute()
        with contextlib.suppress(*CACHE_ERRORS):
            cache.set(key, found, timeout)
    return found
