"""Settings for the minutes archive: one module, driven by environment variables (see .env.example)."""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default):
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default):
    return [v.strip() for v in os.environ.get(name, default).split(",") if v.strip()]


DEBUG = env_bool("DJANGO_DEBUG", True)
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise RuntimeError("DJANGO_SECRET_KEY must be set when DJANGO_DEBUG=0")
    SECRET_KEY = "django-insecure-local-development-only"
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost" if not DEBUG else "*")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django.contrib.sitemaps",
    "django_filters",
    "rest_framework",
    "drf_spectacular",
    "csp",
    "axes",
    "meetings",
    "agenda_items",
    "attachments",
    "imports",
    "search",
    "api",
    "alerts",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "minutes_site.locale.AddressLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout response.
    "axes.middleware.AxesMiddleware",
    # Lets the public pages' reads go to the read replica, when there is one (db_router.py).
    "minutes_site.db_router.replica_for_public_pages",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "minutes_site.urls"
WSGI_APPLICATION = "minutes_site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# SQLite at var/db.sqlite3 unless DATABASE_URL says otherwise (postgres://user@host:5432/name).
# Connections stay open between requests (CONN_MAX_AGE) and are checked before reuse, so a
# restarted database costs one failed check per connection, not an error page (PITFALLS.md).
CONN_MAX_AGE = int(os.environ.get("DJANGO_CONN_MAX_AGE", "60"))
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}",
        conn_max_age=CONN_MAX_AGE,
        conn_health_checks=True,
    )
}
# A read replica (a streaming-replication standby) for the public pages; see db_router.py and
# docs/SCALING.md. Unset: there is no "replica" alias and everything reads the default database.
if os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(
        os.environ["DATABASE_REPLICA_URL"], conn_max_age=CONN_MAX_AGE, conn_health_checks=True
    )
    # Tests run against one test database; the replica alias reads that same database.
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
DATABASE_ROUTERS = ["minutes_site.db_router.ReplicaRouter"]

# Public pages are cached whole for readers without a session (meetings.views.public_page): the
# minutes change a few times a day, and rendering a long meeting page costs tens of milliseconds.
# DJANGO_CACHE_URL=redis://host:6379/1 shares one cache between all workers (production);
# unset, each worker keeps its own in memory. DJANGO_PAGE_CACHE_SECONDS=0 turns page caching off.
# A change that makes anything less public withdraws every cached page at once (meetings/cache.py);
# that needs a cache shared by all processes, so without DJANGO_CACHE_URL the default is no page cache.
PAGE_CACHE_SECONDS = int(
    os.environ.get("DJANGO_PAGE_CACHE_SECONDS") or ("60" if os.environ.get("DJANGO_CACHE_URL") else "0")
)
# How long a proxy or CDN in front may serve a public page or file without asking again (s-maxage):
# the longest a withdrawn page can still be seen there. 0: it must revalidate (an ETag, 304) each time.
PROXY_CACHE_SECONDS = int(os.environ.get("DJANGO_PROXY_CACHE_SECONDS") or "0")
# Rendered agenda items each worker keeps (about 4 KB each; a meeting page shows 5-25 items).
ITEM_CACHE_ENTRIES = int(os.environ.get("DJANGO_ITEM_CACHE_ENTRIES") or "5000")
CACHES = {
    "default": (
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["DJANGO_CACHE_URL"],
            # A cache that does not answer at once is skipped (meetings.views.public_page).
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
        if os.environ.get("DJANGO_CACHE_URL")
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    ),
    # Rendered agenda items ({% cache %} in _item.html), keyed by a digest of their content
    # (agenda_items/templatetags/fragments.py), so no copy can be stale and none needs withdrawing:
    # kept in each process, where a hit costs microseconds instead of a round trip to Redis, and
    # gone with the process when a deploy changes the templates. 0 entries: not cached.
    "template_fragments": (
        {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "item-fragments",
            "TIMEOUT": 24 * 3600,
            "OPTIONS": {"MAX_ENTRIES": ITEM_CACHE_ENTRIES},
        }
        if ITEM_CACHE_ENTRIES
        else {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    ),
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "da"
LANGUAGES = [("da", _("Dansk")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "var" / "media"))
# Nothing serves MEDIA_ROOT: a file's URL is /files/<name>, a view that applies the closed-item
# rule (attachments/views.py) and hands the bytes to the web server when one is configured:
# MINUTES_FILE_ACCEL=x-accel (nginx: X-Accel-Redirect to MINUTES_FILE_ACCEL_PREFIX, an internal
# location aliased to MEDIA_ROOT) or x-sendfile (Apache, lighttpd: the absolute path); unset, Django
# streams the file itself.
MINUTES_FILES_URL = "/files/"
MINUTES_FILE_ACCEL = os.environ.get("MINUTES_FILE_ACCEL", "").strip().lower()
if MINUTES_FILE_ACCEL not in {"", "x-accel", "x-sendfile"}:
    raise RuntimeError("MINUTES_FILE_ACCEL must be x-accel, x-sendfile or empty")
MINUTES_FILE_ACCEL_PREFIX = os.environ.get("MINUTES_FILE_ACCEL_PREFIX", "/protected-media/")
STORAGES = {
    "default": {"BACKEND": "attachments.files.ProtectedStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# A search query running longer than this is cancelled and the page says so (PostgreSQL only).
SEARCH_TIMEOUT_SECONDS = float(os.environ.get("MINUTES_SEARCH_TIMEOUT", "3"))
# Uploaded minutes and Bilag: size and page limits checked by the importer, not by Django.
MINUTES_MAX_UPLOAD_BYTES = int(os.environ.get("MINUTES_MAX_UPLOAD_BYTES", str(25 * 1024 * 1024)))
MINUTES_MAX_PDF_PAGES = int(os.environ.get("MINUTES_MAX_PDF_PAGES", "500"))
# Seconds a PDF may take to read in the admin; below the web server's timeout (gunicorn: 60).
MINUTES_PDF_TIMEOUT = int(os.environ.get("MINUTES_PDF_TIMEOUT", "45"))
# What one compressed stream and a whole PDF may decompress to before it is refused (imports/pdf.py).
MINUTES_PDF_MAX_STREAM_BYTES = int(os.environ.get("MINUTES_PDF_MAX_STREAM_BYTES", str(64 * 1024 * 1024)))
MINUTES_PDF_MAX_TOTAL_BYTES = int(os.environ.get("MINUTES_PDF_MAX_TOTAL_BYTES", str(512 * 1024 * 1024)))

# Harvesting FirstAgenda Publication sites (manage.py harvest, imports/harvest.py): who we say we
# are (a contact address the site's operators can write to), and how patiently we ask.
MINUTES_HARVEST_CONTACT = os.environ.get("DJANGO_HARVEST_CONTACT", "").strip()
MINUTES_HARVEST_USER_AGENT = os.environ.get("MINUTES_HARVEST_USER_AGENT", "").strip() or (
    "minutes-archive/0.1 (Danish municipal minutes archive"
    + (f"; {MINUTES_HARVEST_CONTACT}" if MINUTES_HARVEST_CONTACT else "")
    + ")"
)
MINUTES_HARVEST_TIMEOUT = float(os.environ.get("MINUTES_HARVEST_TIMEOUT", "30"))
MINUTES_HARVEST_RETRIES = int(os.environ.get("MINUTES_HARVEST_RETRIES", "3"))
MINUTES_HARVEST_BACKOFF = float(os.environ.get("MINUTES_HARVEST_BACKOFF", "2"))
# The Redis that `harvest --all` queues one job per site on (RQ; workers: `rq worker harvest`).
MINUTES_HARVEST_REDIS_URL = os.environ.get("MINUTES_HARVEST_REDIS_URL", "redis://127.0.0.1:6379/0")

# --- E-mail (alerts/: follow a case, committee or search by e-mail) ---------------------------
# Without DJANGO_EMAIL_HOST, mails are written to the console (development); with it, sent by SMTP.
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_PORT = int(os.environ.get("DJANGO_EMAIL_PORT") or "25")
EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = 30
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL") or "Referatarkivet <noreply@localhost>"
# The site's own address for links in mails (no trailing slash), e.g. https://referater.example.dk.
SITE_URL = (os.environ.get("DJANGO_SITE_URL") or "http://127.0.0.1:8000").rstrip("/")
# Confirmation mails a day, per address and per client address (alerts/throttle.py).
ALERTS_CONFIRMATIONS_PER_ADDRESS = int(os.environ.get("MINUTES_ALERTS_PER_ADDRESS") or "3")
ALERTS_CONFIRMATIONS_PER_CLIENT = int(os.environ.get("MINUTES_ALERTS_PER_CLIENT") or "10")
# send_alerts mails meetings changed at least this long ago (an import commits after saving the meeting).
ALERTS_SETTLE_SECONDS = int(os.environ.get("MINUTES_ALERTS_SETTLE_SECONDS") or "300")

# --- Read-only JSON API (/api/, see api/) --------------------------------------------------
# Public and read-only: no authentication, JSON only, the meeting list's own filters (django-filter).
REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "UNAUTHENTICATED_USER": None,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "api.schema.ApiSchema",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Referatarkivet API",
    "DESCRIPTION": (
        "Read-only access to the archive's municipalities, committees, meetings, agenda items, cases and "
        "search. Ids are stable across re-imports. Closed items (lukket punkt) show only their number, "
        "their meeting and closed=true."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
}

# Logs: plain lines on stderr by default; DJANGO_LOG_FORMAT=json writes one JSON object per line
# to stdout (python-json-logger) for a log collector: timestamp, level, logger, message and the
# record's extra fields (Django's request log adds status_code and request).
LOG_FORMAT = os.environ.get("DJANGO_LOG_FORMAT", "plain").strip().lower()
LOG_FORMATTERS = {
    "plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
    "json": {
        "()": "pythonjsonlogger.json.JsonFormatter",
        "fmt": ["levelname", "name", "message"],
        "rename_fields": {"levelname": "level", "name": "logger"},
        "timestamp": True,
    },
}
if LOG_FORMAT not in LOG_FORMATTERS:
    raise RuntimeError("DJANGO_LOG_FORMAT must be plain or json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # Only the formatter in use: the JSON one is imported only when it is chosen.
    "formatters": {LOG_FORMAT: LOG_FORMATTERS[LOG_FORMAT]},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": LOG_FORMAT,
            "stream": "ext://sys.stdout" if LOG_FORMAT == "json" else "ext://sys.stderr",
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
}

# In development whitenoise serves files straight from the finders; in production from STATIC_ROOT.
WHITENOISE_AUTOREFRESH = DEBUG
# Hashed file names never change, so browsers may keep them for a year.
WHITENOISE_MAX_AGE = 0 if DEBUG else 365 * 24 * 3600

# --- Security --------------------------------------------------------------------------------
# Content-Security-Policy (django-csp; Django 5.2 has none of its own): no inline scripts or
# styles anywhere, no third-party origins. In force in development too, so a violation shows early.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_AGE = int(os.environ.get("DJANGO_SESSION_SECONDS", str(8 * 3600)))  # a working day
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True

# Admin login lockout (django-axes, minutes_site/login_guard.py), for a while (axes never unlocks
# by default). Two limits: AXES_FAILURE_LIMIT failures for one user name from one address lock that
# pair, so a stranger elsewhere cannot lock a clerk out; MINUTES_LOGIN_ADDRESS_LIMIT failures from
# one address, whatever the user names, lock the address, so it cannot try a few passwords on every
# user. The address is the client's, read from X-Forwarded-For as far as DJANGO_TRUSTED_PROXIES
# (addresses or networks of the proxies in front) vouch for it; else the connection's.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
MINUTES_LOGIN_ADDRESS_LIMIT = int(os.environ.get("MINUTES_LOGIN_ADDRESS_LIMIT", "20"))
AXES_COOLOFF_TIME = float(os.environ.get("AXES_COOLOFF_HOURS", "0.5"))  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_HANDLER = "minutes_site.login_guard.AddressAndUserHandler"
AXES_CLIENT_IP_CALLABLE = "minutes_site.login_guard.client_address"
TRUSTED_PROXIES = env_list("DJANGO_TRUSTED_PROXIES", "") or ["127.0.0.1", "::1"]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False  # keep management commands' stderr for their own messages

if not DEBUG:
    # Behind a TLS-terminating proxy that sets X-Forwarded-Proto.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", "")
