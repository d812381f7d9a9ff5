"""Settings for flevojeugd, read from the environment only (contract.md).

Development defaults are safe: SQLite in the project and tasks in process, so a fresh
checkout runs with `make run`. Production sets DATABASE_URL, CELERY_BROKER_URL,
SECRET_KEY, DEBUG=0 and ALLOWED_HOSTS (see docker-compose.yml).
"""

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name: str, default: str) -> bool:
    return os.getenv(name, default).lower() in ("1", "true", "yes", "on")


def envint(name: str, default: str) -> int:
    return int(os.getenv(name, default))


def envsecret(name: str, default: str = "") -> str:
    """A secret from NAME, or from the file named by NAME_FILE (docker secrets)."""
    path = os.getenv(f"{name}_FILE")
    if path:
        return Path(path).read_text().strip()
    return os.getenv(name, default)


DEBUG = envbool("DEBUG", "0")
SECRET_KEY = envsecret("SECRET_KEY", "alleen-voor-ontwikkeling-niet-in-productie-gebruiken")
ALLOWED_HOSTS = [h.strip() for h in os.getenv("ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h.strip()]
CSRF_TRUSTED_ORIGINS = [o for o in os.getenv("CSRF_TRUSTED_ORIGINS", "").split(",") if o]

INSTALLED_APPS = [
    "flevojeugd.beheer.BeheerAdminConfig",  # django.contrib.admin with the site of /beheer/
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "flevojeugd.beheer.AxesConfig",  # axes, named in Dutch in /beheer/
    "rules",
    "django_htmx",
    "simple_history",
    # Shared concerns
    "kern",
    "accounts",
    "audit",
    # The four regional functions
    "crisis",
    "experttafel",
    "perspectiefregie",
    "servicepunt",
    # Quarterly reports across the functions
    "rapportage",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages compressed (static files come precompressed from WhiteNoise, which answers before
    # this). BREACH needs a secret in a compressed body beside text an attacker chooses, read
    # over many requests that carry the victim's cookies: Django masks the CSRF token anew in
    # every response, this middleware pads each body with random bytes ("Heal the Breach",
    # Django 4.2+), and the Lax session cookie is not sent on cross-site subrequests. Placed
    # before (outside) everything that writes the body.
    "django.middleware.gzip.GZipMiddleware",
    "flevojeugd.middleware.WeigerNulTekens",
    "flevojeugd.middleware.NietBewaren",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Who made a change, for the history of a record (django-simple-history).
    "simple_history.middleware.HistoryRequestMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "accounts.middleware.TweestapsMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "flevojeugd.urls"
WSGI_APPLICATION = "flevojeugd.wsgi.application"

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
                "accounts.context_processors.navigatie",
                "flevojeugd.context_processors.crisislijn",
            ],
            # {% tabel %}: the scrolling region every data table stands in.
            "builtins": ["kern.templatetags.tabel"],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=envint("DB_CONN_MAX_AGE", "0"),
    )
}
# PostgreSQL's JIT compiles every query whose estimated cost passes jit_above_cost; at national
# scale the lists' need-to-know queries and the figures pass it and then spend most of their time
# compiling (a provider's decision list: 782 of 967 ms), for queries that run in milliseconds.
# Off for the app's connections; a DBA can still set it per role for ad-hoc analysis.
PG_OPTIONS = {"connect_timeout": 5, "options": "-c jit=off"}  # fail fast when the database goes away
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("OPTIONS", {}).update(PG_OPTIONS)

# A read replica for the figures and reports (flevojeugd/routers.py): DATABASE_REPLICA_URL.
# Without it the alias is the primary's own settings and the router keeps every read there;
# the test suite runs it as a TEST MIRROR of the primary.
_REPLICA_URL = envsecret("DATABASE_REPLICA_URL")
REPLICA_GEBRUIKEN = bool(_REPLICA_URL)
DATABASES["replica"] = (
    dj_database_url.parse(_REPLICA_URL, conn_max_age=envint("DB_CONN_MAX_AGE", "0"))
    if _REPLICA_URL
    else {**DATABASES["default"], "OPTIONS": dict(DATABASES["default"].get("OPTIONS", {}))}
)
if DATABASES["replica"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["replica"].setdefault("OPTIONS", {}).update(PG_OPTIONS)
DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
DATABASE_ROUTERS = ["flevojeugd.routers.ReplicaRouter"]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.Gebruiker"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands")]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
# Dutch for third-party apps without a Dutch translation of their own (axes, simple-history).
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Generated reports and uploads through Django's storage API: a local folder by default, or an
# S3-compatible object store (MinIO, an S3 bucket) with S3_BUCKET, so web and worker keep no
# local state and scale out (`docker compose up --scale web=3 --scale worker=4`).
_S3_BUCKET = os.getenv("S3_BUCKET", "")
STORAGES = {
    "default": {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": _S3_BUCKET,
            "endpoint_url": os.getenv("S3_ENDPOINT_URL") or None,
            "access_key": envsecret("S3_ACCESS_KEY") or None,
            "secret_key": envsecret("S3_SECRET_KEY") or None,
            "region_name": os.getenv("S3_REGION") or None,
            "default_acl": None,
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
    if _S3_BUCKET
    else {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = True

# No local state in web or worker (#14.5: `docker compose up --scale web=3 --scale worker=4`):
# sessions live in the database (Django's default engine), the login lockout counts in the
# database (django-axes' database handler, named here so nobody swaps in a per-process one),
# task results and progress in Redis (CELERY_RESULT_BACKEND), files in the storage above, and
# the cache in Redis when CACHE_URL is set (production); only `make run` and the suite use a
# per-process memory cache, where there is one process.
_CACHE_URL = os.getenv("CACHE_URL", "")
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": _CACHE_URL}
    if _CACHE_URL
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
}
SESSION_ENGINE = "django.contrib.sessions.backends.db"
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
MEDIA_ROOT = Path(os.getenv("MEDIA_ROOT", BASE_DIR / "media"))

LOGIN_URL = "accounts:inloggen"
LOGIN_REDIRECT_URL = "start"
LOGOUT_REDIRECT_URL = "accounts:inloggen"

# Two-factor (TOTP) for every browser session of a role that sees personal data. Only
# `make run`'s demo may switch it off (TWEESTAPS_VERPLICHT=0).
TWEESTAPS_VERPLICHT = envbool("TWEESTAPS_VERPLICHT", "1")
OTP_TOTP_ISSUER = "Jeugdhulp Flevoland"

# Sessions expire after 30 minutes of inactivity.
SESSION_COOKIE_AGE = envint("SESSION_COOKIE_AGE", "1800")
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
SECURE_COOKIES = envbool("SECURE_COOKIES", "0" if DEBUG else "1")
SESSION_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SECURE = SECURE_COOKIES
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", "0")
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Proxies whose X-Forwarded-For is believed (addresses or networks, comma-separated). Empty: the
# audit trail and the login lockout use the connecting address only (flevojeugd/netwerk.py).
TRUSTED_PROXIES = [p.strip() for p in os.getenv("TRUSTED_PROXIES", "").split(",") if p.strip()]
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", "0")
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_SECONDS > 0
SECURE_HSTS_PRELOAD = SECURE_HSTS_SECONDS > 0
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SILENCED_SYSTEM_CHECKS = [
    # TLS ends at the proxy in front of gunicorn; the redirect and HSTS are set there
    # (or through SECURE_SSL_REDIRECT / SECURE_HSTS_SECONDS where there is none).
    "security.W004",
    "security.W008",
]

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "style-src": ["'self'"],
        "script-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
    }
}

# Lockout after repeated failed logins (per username and address).
AXES_FAILURE_LIMIT = envint("AXES_FAILURE_LIMIT", "5")
AXES_COOLOFF_TIME = 1  # hour
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "accounts/geblokkeerd.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False  # never log usernames with failed attempts beyond the axes table
AXES_CLIENT_IP_CALLABLE = "flevojeugd.netwerk.clientadres"  # the same address as the audit trail

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "accounts.authentication.TweestapsSessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "flevojeugd.schema.Schema",
    "EXCEPTION_HANDLER": "flevojeugd.api.exception_handler",
    # JSON is the API's only body type: one schema per body, so a generated client works (#15.7).
    "DEFAULT_PARSER_CLASSES": ["flevojeugd.api.JSONParser"],
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DATETIME_FORMAT": "iso-8601",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Jeugdhulp Flevoland API",
    "DESCRIPTION": (
        "Regionale samenwerking jeugdhulp Flevoland: CCP, experttafel, perspectiefregie, servicepunt en "
        "rapportage.\n\nInloggen: `Authorization: Token <sleutel>`. Bodies zijn altijd JSON. Ongeldige "
        "invoer geeft 400 met per veld een Nederlandse melding; een botsing met de huidige stand 409; een "
        "actie die uw rol niet mag 403; gegevens die u niet mag zien 404. Codevelden (gemeente, hulpvorm, "
        "voorzieningtype, vervolg, ...) nemen een code uit de codelijsten onder /api/v1/codelijsten/."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": ["drf_spectacular.hooks.postprocess_schema_enums", "flevojeugd.schema.postprocess"],
    "ENUM_NAME_OVERRIDES": {
        "TriageErnstEnum": "crisis.models.Aanmelding.Ernst",
        "ToewijzingStatusEnum": "crisis.models.Toewijzing.Status",
        "MatchingErnstEnum": [("licht", "licht"), ("matig", "matig"), ("zwaar", "zwaar")],
    },
    "REDOC_DIST": "SIDECAR",
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
}

# Celery: without a broker tasks run in process (make run); production sets Redis.
CELERY_BROKER_URL = os.getenv("CELERY_BROKER_URL", "")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_RESULT_BACKEND = os.getenv("CELERY_RESULT_BACKEND", CELERY_BROKER_URL or None)
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 600
CELERY_TASK_SOFT_TIME_LIMIT = 540
# Must exceed the slowest task, or Redis redelivers a running report build.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
# A broker that is down must not hold a request for long: the report waits visibly instead.
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 2, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.5}

EMAIL_BACKEND = os.getenv("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.getenv("DEFAULT_FROM_EMAIL", "experttafel@jeugdhulp-flevoland.example")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # The formatter blanks what PostgreSQL puts in its messages (a duplicate key's value, a
    # failing row) and anything shaped like a BSN: no BSN or name reaches the log.
    "formatters": {
        "plain": {
            "()": "flevojeugd.logboek.ZonderPersoonsgegevens",
            "format": "%(asctime)s %(levelname)s %(name)s %(message)s",
        }
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.getenv("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
