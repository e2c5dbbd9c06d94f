import os
import subprocess
import sys

import pytest
from django.conf import settings as django_settings
from django.core.exceptions import ImproperlyConfigured

from filmart.settings import kombu_url, proxy_ssl_header, redis_url_with_db, smtp_options_from_url

PRODUCTION_ENV = {
    "FILMART_ENV": "production",
    "SECRET_KEY": "x7Qp2vLm9RtY4wZs8KdN3bHc6JfG1aUe5iOo0PlMnBvCxZaSdFgHjKlQwErTyUiOp",
    "ALLOWED_HOSTS": "filmart.example.com",
    "EMAIL_URL": "smtp+tls://mailer:secret@smtp.example.com:587",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    "SITE_URL": "https://filmart.example.com",
}


def run_manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DJANGO_SETTINGS_MODULE", "FILMART_ENV", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=django_settings.BASE_DIR,
        env={**clean, "DJANGO_SETTINGS_MODULE": "filmart.settings", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_the_deployment_check():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env={
            **PRODUCTION_ENV,
            "DATABASE_URL": os.environ.get("DATABASE_URL") or django_settings.DATABASE_URL,
        },
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    ("secret", "expected"),
    [
        (None, "needs SECRET_KEY"),
        ("django-insecure-filmart-development-only-never-in-production", "needs SECRET_KEY"),
        ("short", "needs SECRET_KEY"),
    ],
)
def test_production_refuses_to_start_without_a_real_secret_key(secret, expected):
    env = {**PRODUCTION_ENV, "DATABASE_URL": "postgres://u@127.0.0.1/x"}
    env.pop("SECRET_KEY")
    if secret:
        env["SECRET_KEY"] = secret
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert expected in result.stderr


def test_production_refuses_embedded_servers():
    env = {**PRODUCTION_ENV}
    env.pop("REDIS_URL")
    result = run_manage("check", env={**env, "DATABASE_URL": "", "REDIS_URL": ""})
    assert result.returncode != 0
    assert "needs DATABASE_URL and REDIS_URL" in result.stderr


def test_production_needs_the_address_emails_link_to():
    env = {**PRODUCTION_ENV, "DATABASE_URL": "postgres://u@127.0.0.1/x", "SITE_URL": ""}
    result = run_manage("check", env=env)
    assert result.returncode != 0 and "Production mode needs SITE_URL" in result.stderr


def test_plain_http_is_for_loopback_only():
    env = {**PRODUCTION_ENV, "DATABASE_URL": "postgres://u@127.0.0.1/x", "FILMART_PLAIN_HTTP": "1"}
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert "FILMART_PLAIN_HTTP is for loopback only" in result.stderr


def test_proxy_ssl_header_from_the_environment():
    assert proxy_ssl_header("X-Forwarded-Proto: https") == ("HTTP_X_FORWARDED_PROTO", "https")
    assert proxy_ssl_header(" CloudFront-Forwarded-Proto:https ") == ("HTTP_CLOUDFRONT_FORWARDED_PROTO", "https")
    assert proxy_ssl_header("") is None  # nothing in front to trust
    with pytest.raises(ImproperlyConfigured):
        proxy_ssl_header("X-Forwarded-Proto")


def test_security_headers_on_every_page(client, db):
    response = client.get("/accounts/login/")
    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize(
    ("url", "db", "expected"),
    [
        ("redis://127.0.0.1:6379/0", 3, "redis://127.0.0.1:6379/3"),
        ("redis://:pw@cache.internal:6380", 1, "redis://:pw@cache.internal:6380/1"),
        ("unix:///srv/filmart/.data/redis/redis.sock", 2, "unix:///srv/filmart/.data/redis/redis.sock?db=2"),
        (
            "rediss://:pw@cache.example.com:6380/0?ssl_cert_reqs=required",
            1,
            "rediss://:pw@cache.example.com:6380/1?ssl_cert_reqs=required",
        ),
    ],
)
def test_redis_url_with_db(url, db, expected):
    assert redis_url_with_db(url, db) == expected


def test_kombu_url_spells_unix_sockets_its_own_way():
    assert kombu_url("unix:///run/r.sock?db=5") == "redis+socket:///run/r.sock?virtual_host=5"
    assert kombu_url("redis://h:6379/2") == "redis://h:6379/2"


def test_email_url_parsing():
    parsed = smtp_options_from_url("smtp+tls://me%40x.org:p%2Fw@smtp.x.org:2525")
    assert parsed == {
        "host": "smtp.x.org",
        "port": 2525,
        "username": "me@x.org",
        "password": "p/w",
        "use_tls": True,
        "use_ssl": False,
        "timeout": 10,
    }
    assert smtp_options_from_url("smtp+ssl://h")["port"] == 465
    with pytest.raises(ImproperlyConfigured):
        smtp_options_from_url("http://h")
