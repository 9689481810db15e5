"""Settings promises the issue makes: Argon2 hashing, and the production cache on real Redis."""

import os
import uuid

import pytest
from django.contrib.auth.hashers import check_password, make_password
from django.core.cache.backends.redis import RedisCache

from config.settings import base


def test_passwords_are_hashed_with_argon2_outside_the_test_suite(settings):
    assert base.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    settings.PASSWORD_HASHERS = base.PASSWORD_HASHERS
    encoded = make_password("cinebridge-demo")
    assert encoded.startswith("argon2$argon2id$")
    assert check_password("cinebridge-demo", encoded)


def test_the_redis_cache_of_production_round_trips_on_a_real_server():
    import redis

    url = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.exceptions.ConnectionError as exc:
        if os.environ.get("CI") == "true":
            pytest.fail(f"Redis is required under CI: {exc}")
        pytest.skip(f"Redis not reachable at {url}: {exc}")
    cache = RedisCache(url, {})
    key = f"cinebridge-test-{uuid.uuid4()}"
    cache.set(key, {"title": "بچه‌های آسمان"}, timeout=30)
    assert cache.get(key) == {"title": "بچه‌های آسمان"}
    cache.delete(key)
    assert cache.get(key) is None
