"""Settings for the white paper site, read from the environment.

Every setting an operator may change is an environment variable, read through whitepaper.env
(a value that cannot be read stops start-up); the README has the table.
"""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from import_export.formats.base_formats import CSV
from whitenoise.compress import Compressor

from whitepaper import translation
from whitepaper.env import (
    env_bool,
    env_email_address,
    env_email_url,
    env_int,
    env_list,
    env_str,
)
from whitepaper.translation import SOURCE_LANGUAGE

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DJANGO_DEBUG", False)

SECRET_KEY_FILE = Path(env_str("DJANGO_SECRET_KEY_FILE", BASE_DIR / ".secret_key"))


def read_secret_key():
    """The key from DJANGO_SECRET_KEY, else from the untracked key file `make` creates."""
    key = env_str("DJANGO_SECRET_KEY", "")
    if not key and SECRET_KEY_FILE.is_file():
        key = SECRET_KEY_FILE.read_text().strip()
    return key


def is_insecure_key(key):
    """Django's own test for a weak key (see its security.W009 check)."""
    return len(key) < 50 or len(set(key)) < 5 or key.startswith("django-insecure")


SECRET_KEY = read_secret_key()
if not DEBUG and is_insecure_key(SECRET_KEY):
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY is missing or insecure (it needs at least 50 characters, "
        "5 of them distinct, and no 'django-insecure' prefix). Set DJANGO_SECRET_KEY, "
        "or run `make run`, which writes a random key to the untracked file .secret_key."
    )
if not SECRET_KEY:
    SECRET_KEY = "django-insecure-debug-only-key"

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    # Django's admin on the site that asks for a second factor (whitepaper.admin_site).
    "whitepaper.admin_config.StaffAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitepaper.static_files.SiteStaticFilesConfig",
    "django.contrib.sitemaps",
    "django_filters",
    "django_tables2",
    "simple_history",
    "import_export",
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    # The API (reports.api): its Swagger UI from its own static files, and CORS.
    "ninja",
    "corsheaders",
    "whitepaper",
    "reports",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # CORS headers under /api/ only (CORS_URLS_REGEX), on every answer there, a 429 too.
    "corsheaders.middleware.CorsMiddleware",
    "reports.api.rate_limit.RateLimitMiddleware",
    # Sessions, users, messages and edit history serve the admin only: public requests
    # (read-only GET pages) skip them (whitepaper.middleware).
    "whitepaper.middleware.SessionMiddleware",
    "whitepaper.language.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "whitepaper.middleware.AuthenticationMiddleware",
    # Whether the staff member gave their second factor (django-otp).
    "whitepaper.middleware.OTPMiddleware",
    "whitepaper.middleware.MessageMiddleware",
    # Staff sessions end when idle (after the messages: it says why).
    "whitepaper.idle_timeout.idle_timeout",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "whitepaper.middleware.HistoryRequestMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "whitepaper.urls"
WSGI_APPLICATION = "whitepaper.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "reports.context_processors.site",
            ],
        },
    },
]

SQLITE_PATH = Path(env_str("DJANGO_SQLITE_PATH", BASE_DIR / "data" / "whitepaper.sqlite3"))

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{SQLITE_PATH}"),
        conn_max_age=env_int("DJANGO_CONN_MAX_AGE", 60, minimum=0),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers run beside the one writer; synchronous=FULL makes every commit
    # durable across a power loss; IMMEDIATE takes the write lock at BEGIN so two writers
    # queue on the busy timeout instead of failing with "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }

# "default" holds rendered pages, keyed by the data's version (reports.caching.freshness), so a
# cache of each server's own is never stale; "shared" must be the same for every app server
# (the admin import keeps its uploaded file there between preview and confirm); "paging"
# holds the large tables' bookmarks (reports.tables.pagination), found once for every app server
# and worker. Without Redis, the last two are tables in the database.
REDIS_URL = env_str("REDIS_URL", "")
if REDIS_URL:
    REDIS_CACHE = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    CACHES = {"default": REDIS_CACHE, "shared": REDIS_CACHE, "paging": REDIS_CACHE}
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "shared": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "django_cache",
        },
        # Apart from "shared", so that many views' bookmarks never cull an import's upload.
        "paging": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "paging_cache",
            "OPTIONS": {"MAX_ENTRIES": 5000},
        },
    }
#: How long a rendered page is kept; 0 turns the page cache off (benchmarks of rendering).
PAGE_CACHE_SECONDS = env_int("DJANGO_PAGE_CACHE_SECONDS", 600, minimum=0)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 15},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = SOURCE_LANGUAGE.code
LANGUAGES = translation.LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
#: The site's own date formats per language (20 May 2018, 2018年5月20日).
FORMAT_MODULE_PATH = ["whitepaper.formats"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
#: Where collectstatic writes the files WhiteNoise serves.
STATIC_ROOT = Path(env_str("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
#: Source maps are for browsers' developer tools: served as they are, not compressed (brotli
#: on Swagger UI's 2 MB map was most of collectstatic's time).
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = (*Compressor.SKIP_COMPRESS_EXTENSIONS, "map")
#: Another storage backend for the releases' files, e.g. storages.backends.s3.S3Storage
#: (django-storages, configured by its own AWS_* variables; see docs/releases.md).
RELEASE_STORAGE = env_str("DJANGO_RELEASE_STORAGE", "")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    # The files of releases (reports.releases.publish): written once, never rewritten.
    "releases": (
        {"BACKEND": RELEASE_STORAGE}
        if RELEASE_STORAGE
        else {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": SQLITE_PATH.parent / "releases", "base_url": None},
        }
    ),
}
#: The site's address, for the links a release's files carry (CITATION.cff, datapackage.json).
SITE_URL = env_str("DJANGO_SITE_URL", "http://127.0.0.1:8000")

# Security. DJANGO_HTTPS=1 in production: HTTPS redirect, secure cookies and HSTS.
HTTPS = env_bool("DJANGO_HTTPS", False)
SECURE_SSL_REDIRECT = HTTPS
# Load balancers check health over plain HTTP on the private network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 31536000 if HTTPS else 0, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", HTTPS)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", HTTPS)
# An operator who turns these off on purpose has answered the deploy check's question.
SILENCED_SYSTEM_CHECKS = [
    check
    for check, chosen_off in (
        ("security.W005", HTTPS and not SECURE_HSTS_INCLUDE_SUBDOMAINS),
        ("security.W021", HTTPS and not SECURE_HSTS_PRELOAD),
    )
    if chosen_off
]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_SECURE = HTTPS
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
#: A staff session ends 8 hours after signing in, and after DJANGO_IDLE_MINUTES without a
#: request (whitepaper.idle_timeout).
SESSION_COOKIE_AGE = 60 * 60 * 8
STAFF_IDLE_SECONDS = 60 * env_int("DJANGO_IDLE_MINUTES", 30, minimum=1)
CSRF_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SAMESITE = "Lax"

#: Reverse proxies in front of the app that set X-Forwarded-For and X-Forwarded-Proto.
TRUSTED_PROXY_COUNT = env_int("DJANGO_TRUSTED_PROXIES", 0, minimum=0)
if TRUSTED_PROXY_COUNT:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [NONE],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "manifest-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
    }
}

# Admin login lockout (django-axes), see whitepaper.security.LockoutHandler.
AXES_HANDLER = "whitepaper.security.LockoutHandler"
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_FAILURE_LIMIT = 5
ADDRESS_FAILURE_LIMIT = 20
AXES_COOLOFF_TIME = timedelta(minutes=env_int("DJANGO_LOCKOUT_MINUTES", 15, minimum=1))
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "whitepaper.security.client_ip"
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"
AXES_VERBOSE = False
# Sign-in records are kept (every sign-in and every failure) and read only in the admin
# (whitepaper.sign_in_records, which registers them).
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_ENABLE_ADMIN = False
# Log who was locked out (username and address); passwords are never logged.
AXES_SENSITIVE_PARAMETERS = []

# Admin CSV import and export (django-import-export): CSV only, all or nothing, import for
# those with the import_<model> permission (Editors and superusers).
IMPORT_EXPORT_FORMATS = [CSV]
IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "import"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "view"
IMPORT_EXPORT_SKIP_ADMIN_ACTION_EXPORT_UI = True
IMPORT_EXPORT_TMP_STORAGE_CLASS = "whitepaper.import_storage.SharedCacheStorage"

DJANGO_TABLES2_TEMPLATE = "includes/_table.html"
DJANGO_TABLES2_TABLE_ATTRS = {"class": "data-table cards"}

#: The largest page a reader may ask for with ?per_page=.
TABLE_MAX_PER_PAGE = 100
#: A deep page number is sought from bookmarks (reports.tables.pagination), found by a thread of
#: their own so that no request waits for them (the tests find them in the request).
FIND_BOOKMARKS_IN_BACKGROUND = True
#: A download of at most this size is kept in the cache as it streams and served from there
#: for the rest of the data version; a larger one is streamed fresh from the database.
SMALL_DOWNLOAD_BYTES = 2 * 1024 * 1024
TABLE_DEFAULT_PER_PAGE = 25

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("DJANGO_LOG_LEVEL", "INFO")},
}

# The API (reports.api) is open data: any site's scripts may read it, without credentials.
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_CREDENTIALS = False
CORS_ALLOW_METHODS = ["GET", "OPTIONS"]
CORS_EXPOSE_HEADERS = ["ETag", "Link", "Retry-After"]
#: Requests one client may make to the API in a minute (reports.api.rate_limit); 0: no limit.
API_REQUESTS_PER_MINUTE = env_int("DJANGO_API_REQUESTS_PER_MINUTE", 600, minimum=0)

#: Part of every page's ETag, so that a new release of the site is never served as a 304.
SITE_RELEASE = env_str("SITE_RELEASE", "0.1.0")
#: This site's name where it names itself as the creator and publisher of its records: in
#: citations, the overview's schema.org Dataset and the dataset's datapackage.json.
SITE_NAME = env_str("SITE_NAME", "Blockchain White Paper Data")

# Mail: the server from EMAIL_URL (django-environ reads the URL); without one, each message
# is written to the log (whitepaper.mail). Password resets use it.
MAIL_SERVER = env_email_url("EMAIL_URL") or {"EMAIL_BACKEND": "whitepaper.mail.LogBackend"}
EMAIL_BACKEND = MAIL_SERVER["EMAIL_BACKEND"]
EMAIL_HOST = MAIL_SERVER.get("EMAIL_HOST") or "localhost"
EMAIL_PORT = MAIL_SERVER.get("EMAIL_PORT") or 25
EMAIL_HOST_USER = MAIL_SERVER.get("EMAIL_HOST_USER") or ""
EMAIL_HOST_PASSWORD = MAIL_SERVER.get("EMAIL_HOST_PASSWORD") or ""
EMAIL_USE_TLS = MAIL_SERVER.get("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = MAIL_SERVER.get("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = 20
DEFAULT_FROM_EMAIL = env_email_address("EMAIL_FROM", f"{SITE_NAME} <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

#: Two-factor sign-in (django-otp, TOTP): the name authenticator apps show for this site.
OTP_TOTP_ISSUER = SITE_NAME
