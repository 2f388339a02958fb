"""Django settings. Everything deployment-specific comes from the environment."""

import importlib.util
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured


def _env_int(name: str, default: int, low: int = 1) -> int:
    """A whole-number setting from the environment; a bad value stops start-up naming the variable."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r}: expected a whole number") from None
    if value < low:
        raise ImproperlyConfigured(f"{name}={raw!r}: expected a number of at least {low}")
    return value


BASE_DIR = Path(__file__).resolve().parent

# Set below, after the database: without G287_SECRET_KEY a random key is kept beside the database.
SECRET_KEY = os.environ.get("G287_SECRET_KEY", "")
DEBUG = os.environ.get("G287_DEBUG", "") == "1"
ALLOWED_HOSTS = os.environ.get("G287_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")

INSTALLED_APPS = [
    # Without autodiscovery at start-up: g287/urls.py runs it, so that commands that do not serve do not
    # import every app's admin (and its forms).
    "django.contrib.admin.apps.SimpleAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "g287.core",
    "g287.registry",
    "g287.portal",
    "g287.accounts",
    "g287.officers",
    "g287.geo",
    "g287.oversight",
    "g287.funding",
    "g287.sources",
    "g287.alerts",
    "g287.office",
    "g287.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "g287.core.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "g287.core.middleware.RequestIdMiddleware",
    "g287.core.middleware.PageMethodsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "g287.accounts.actor.ActorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "g287.office.middleware.MethodNotAllowedPage",
]

ROOT_URLCONF = "g287.urls"
WSGI_APPLICATION = "g287.wsgi.application"

# /api/docs: Swagger UI from django-ninja's own templates and static files, never from a CDN. Found by
# path rather than by listing "ninja" in INSTALLED_APPS, which would import django-ninja and pydantic
# (~0.1 s) in every command, also in those that never serve the API.
_NINJA = Path(importlib.util.find_spec("ninja").origin or "").parent  # type: ignore[union-attr]

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": False,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "g287.demo.banner.demo_data",
            ],
            # The apps' templates first, then django-ninja's (for /api/docs), as APP_DIRS would.
            "loaders": [
                (
                    "django.template.loaders.cached.Loader",
                    [
                        "django.template.loaders.app_directories.Loader",
                        ("django.template.loaders.filesystem.Loader", [_NINJA / "templates"]),
                    ],
                )
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{Path.cwd() / 'g287.sqlite3'}"),
        conn_max_age=60,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the portal read while an import writes; a busy timeout avoids spurious "locked" errors.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }

# No shared default key: when G287_SECRET_KEY is unset, one is made at random once and kept, mode 0600,
# beside the SQLite file (or in the working directory, or at G287_SECRET_KEY_FILE). `check --deploy`
# flags a missing or weak key (g287.core.checks).
G287_SECRET_KEY_FILE: Path | None = None
if not SECRET_KEY:
    from g287.core.secret_key import key_file_for, load_or_create

    G287_SECRET_KEY_FILE = Path(
        os.environ.get("G287_SECRET_KEY_FILE") or key_file_for(DATABASES["default"], Path.cwd())
    )
    SECRET_KEY = load_or_create(G287_SECRET_KEY_FILE)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]

LANGUAGE_CODE = "en"
# A reader who picks Spanish keeps it for a year, not just until the browser closes.
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LANGUAGES = [("en", "English"), ("es", "Español")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "America/New_York"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [_NINJA / "static"]
# Only for `collectstatic` deployments; otherwise whitenoise serves straight from the app folders.
STATIC_ROOT = os.environ.get("G287_STATIC_ROOT") or None
# ICE's files and MOA PDFs as fetched, content-addressed by SHA-256 (g287.sources.archive). A folder beside
# the SQLite database by default; set G287_ARCHIVE_DIR (a disk every server shares) or swap the backend for
# object storage in a deployment with several servers.
G287_ARCHIVE_DIR = os.environ.get("G287_ARCHIVE_DIR") or str(
    Path(DATABASES["default"]["NAME"]).parent / "g287-archive"
    if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3"
    else Path.cwd() / "g287-archive"
)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "archive": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": G287_ARCHIVE_DIR, "base_url": None},
    },
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# Serve straight from the app folders, so the portal works without a collectstatic step.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

# Accounts (g287.accounts): staff sign in under /office/; the public portal needs no account.
LOGIN_URL = "office:login"
LOGIN_REDIRECT_URL = "office:home"
# One lockout for every sign-in door (accounts.throttle): a locked username is refused before its password
# is checked, whether at /office/login/, /admin/login/ or anywhere calling authenticate().
AUTHENTICATION_BACKENDS = ["g287.accounts.backends.LockoutModelBackend"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Lockout: this many failed sign-ins for one username within the window lock it for the window.
G287_LOGIN_FAILURE_LIMIT = _env_int("G287_LOGIN_FAILURE_LIMIT", 5)
G287_LOGIN_LOCKOUT_MINUTES = _env_int("G287_LOGIN_LOCKOUT_MINUTES", 15)
# The public complaint form and status check (g287.oversight.throttle): uses per client address per window.
G287_COMPLAINT_LIMIT = _env_int("G287_COMPLAINT_LIMIT", 5)
G287_STATUS_LIMIT = _env_int("G287_STATUS_LIMIT", 30)
G287_FORM_WINDOW_MINUTES = _env_int("G287_FORM_WINDOW_MINUTES", 60)
SESSION_COOKIE_AGE = 8 * 3600  # a working day
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
PASSWORD_RESET_TIMEOUT = 3 * 3600

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# G287_HTTPS=1: the site is served over HTTPS only: Secure cookies, HSTS, plain HTTP redirected.
G287_HTTPS = os.environ.get("G287_HTTPS", "") == "1"
SESSION_COOKIE_SECURE = G287_HTTPS or os.environ.get("G287_SECURE_COOKIES", "") == "1"
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
if G287_HTTPS:
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = int(os.environ.get("G287_HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True

EMAIL_BACKEND = os.environ.get("G287_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("G287_FROM_EMAIL", "g287 <no-reply@localhost>")

# Fetching ICE's lists (g287.sources): the page that links them, and how patiently to ask.
G287_ICE_PAGE = os.environ.get("G287_ICE_PAGE", "https://www.ice.gov/identify-and-arrest/287g")
G287_FETCH_TIMEOUT = float(os.environ.get("G287_FETCH_TIMEOUT", "30"))  # seconds, per request
G287_FETCH_RETRIES = int(os.environ.get("G287_FETCH_RETRIES", "3"))  # attempts per address
G287_FETCH_BACKOFF = float(os.environ.get("G287_FETCH_BACKOFF", "2"))  # seconds, doubled per retry
G287_FETCH_MAX_BYTES = int(os.environ.get("G287_FETCH_MAX_BYTES", str(50 * 1024 * 1024)))
G287_FETCH_MOA_DELAY = float(os.environ.get("G287_FETCH_MOA_DELAY", "1"))  # seconds between MOA downloads
# Webhooks (g287.alerts): attempts per delivery, and the first wait between them (doubled each time).
G287_WEBHOOK_ATTEMPTS = int(os.environ.get("G287_WEBHOOK_ATTEMPTS", "6"))
G287_WEBHOOK_BACKOFF = float(os.environ.get("G287_WEBHOOK_BACKOFF", "60"))
# An e-mail subscription not confirmed within this many days is deleted, address and all.
G287_SUBSCRIPTION_CONFIRM_DAYS = int(os.environ.get("G287_SUBSCRIPTION_CONFIRM_DAYS", "7"))
# The public address of the portal, for links in e-mails and feeds sent outside a request.
G287_SITE_URL = os.environ.get("G287_SITE_URL", "http://127.0.0.1:8000")
# Where the public SQLite download is built (default: the system temp folder).
G287_DOWNLOADS_DIR = os.environ.get("G287_DOWNLOADS_DIR", "")

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "TIMEOUT": 3600}}
# G287_CACHE_URL=redis://host:6379/N: the cache and the throttles (sign-in lockout, public forms) live in
# Redis, shared by every `g287 serve` process and surviving restarts (g287.core.ratelimit).
G287_CACHE_URL = os.environ.get("G287_CACHE_URL", "")
if G287_CACHE_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": G287_CACHE_URL,
            "TIMEOUT": 3600,
            "KEY_PREFIX": "g287",
        }
    }
# G287_TRUSTED_PROXIES: addresses or networks (comma-separated) of the reverse proxies in front of g287;
# a request from one of them names its client in X-Forwarded-For (g287.core.clientip).
G287_TRUSTED_PROXIES = [p.strip() for p in os.environ.get("G287_TRUSTED_PROXIES", "").split(",") if p.strip()]
if G287_HTTPS and G287_TRUSTED_PROXIES:
    # TLS ends at the proxy, which says so in X-Forwarded-Proto (else the SSL redirect would loop).
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("G287_LOG_LEVEL", "WARNING")},
}

# The MOAs' 48-hour complaint notice excludes weekends only; skipping federal holidays as well is a
# deployment's stated choice (shown on every case page), off by default.
G287_NOTICE_SKIPS_FEDERAL_HOLIDAYS = os.environ.get("G287_NOTICE_SKIPS_FEDERAL_HOLIDAYS", "") == "1"
