"""Settings for the participation platform: one module, one typed environment schema.

Every variable is declared once in ``env`` below with its type and development default and
is listed in ``.env.example``. Test-only overrides live in ``tests/conftest.py``.
"""

from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urlsplit

import environ
from csp import constants as csp
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env(
    DEBUG=(bool, True),
    SECRET_KEY=(str, ""),
    ALLOWED_HOSTS=(list, ["127.0.0.1", "localhost", "[::1]"]),
    CSRF_TRUSTED_ORIGINS=(list, []),
    DATABASE_URL=(str, "postgis://postgres@127.0.0.1:5432/seinajoki"),
    REDIS_URL=(str, "redis://127.0.0.1:6379/0"),
    SECURE_SSL_REDIRECT=(bool, True),
    SECURE_HSTS_SECONDS=(int, 31536000),
    SECURE_HSTS_PRELOAD=(bool, True),
    SECURE_PROXY_SSL_HEADER_ENABLED=(bool, False),
    HEALTH_CHECK_TIMEOUT=(float, 2.0),
    MAP_TILE_URL=(str, "https://tile.openstreetmap.org/{z}/{x}/{y}.png"),
    MAP_TILE_ATTRIBUTION=(
        str,
        '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors',
    ),
    STATIC_ROOT=(str, str(BASE_DIR / ".local" / "static")),
    MEDIA_ROOT=(str, str(BASE_DIR / ".local" / "media")),
    EMAIL_URL=(str, "consolemail://"),
    DEFAULT_FROM_EMAIL=(str, "palaute@seinajoki.invalid"),
    LOG_LEVEL=(str, "INFO"),
    SITE_URL=(str, "http://127.0.0.1:8000"),
    FEEDBACK_NUMBER_PREFIX=(str, "SJK"),
    OPEN311_JURISDICTION=(str, "seinajoki.fi"),
    FEEDBACK_CREATE_RATE=(str, "20/hour"),
    PLAN_COMMENT_RATE=(str, "30/hour"),
    BUDGET_PROPOSAL_RATE=(str, "20/hour"),
    OPEN311_KEY_RATE=(str, "1000/hour"),
    OPEN311_ADDRESS_RATE=(str, "200/hour"),
    GEOCODER=(str, "offline"),
    DIGITRANSIT_API_KEY=(str, ""),
    DIGITRANSIT_GEOCODING_URL=(str, "https://api.digitransit.fi/geocoding/v1/search"),
    DIGITRANSIT_BOUNDARY=(str, "22.30,62.45,23.50,63.10"),
    NUM_PROXIES=(int, 0),
    DEMO_DATA=(str, ""),  # true/false; empty: on with DEBUG, off without it
)
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env("DEBUG")
SECRET_KEY = env("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. With DEBUG=false the platform refuses to start without one: "
            "set SECRET_KEY in the environment or in .env (for example: "
            "python -c 'import secrets; print(secrets.token_urlsafe(50))')."
        )
    SECRET_KEY = "development-only-insecure-key-do-not-use-in-production-0123456789"

# The demo city (areas, demo reports, demo staff) loads only when this is on: by default in
# development (make run), never by default in production. Demo logins, whose password the README
# publishes, are never created with DEBUG off, whatever this says.
DEMO_DATA = env.bool("DEMO_DATA") if env("DEMO_DATA").strip() else DEBUG

ALLOWED_HOSTS = env("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.gis",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "rest_framework",
    "rest_framework_gis",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Swagger UI's files served from our own static files, no CDN
    "django_rq",
    "axes",  # locks out repeated failed sign-ins (staff pages and the admin)
    # One-way doors: city imports neither half; geo_feedback imports city; planning may import both.
    "city",
    "geo_feedback",
    "planning",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "config.middleware.ContentSecurityPolicy",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "config.middleware.RefuseNulBytes",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Late, so that it is the first to see a view's exception: a database that is down is a 503.
    "config.middleware.DatabaseUnavailable",
    "axes.middleware.AxesMiddleware",  # last, as django-axes asks
]

# Failed sign-ins (django-axes): five wrong passwords for one username from one address pause that
# pair for 15 minutes (an attacker elsewhere cannot lock a staff member out). A correct sign-in
# clears the count; an administrator lifts a lockout in the admin (Axes → access attempts) or with
# `manage.py axes_reset_username NAME`.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_HTTP_RESPONSE_CODE = 429
AXES_CLIENT_IP_CALLABLE = "config.browser.client_address"  # the address the rate limits use
AXES_LOCKOUT_CALLABLE = "config.lockout.lockout_response"
AXES_SENSITIVE_PARAMETERS = ["password"]
AXES_VERBOSE = False  # no banner on every command; attempts and lockouts are in the admin

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "config" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "config.context_processors.language_links",
                "config.context_processors.staff_areas",
                "csp.context_processors.nonce",  # CSP_NONCE for the few inline scripts
            ],
        },
    },
]

# GeoDjango's PostGIS backend with a health check that asks the server only when the socket says
# something happened (config/postgis/base.py): Django's own check is a round trip on every request.
DATABASES = {"default": env.db_url("DATABASE_URL", engine="config.postgis")}
DATABASES["default"]["CONN_MAX_AGE"] = 60
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# The platform's queries are short: JIT compilation only adds 15-20 ms to each once a plan's cost
# estimate crosses jit_above_cost (seen on the Open311 list after a bulk load), and parallel workers
# cost more to start than they save: the map's newest 500 in a box took 18 ms with two workers and
# 1 ms without, and under load the workers' start-up queued behind every other request.
DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off -c max_parallel_workers_per_gather=0"
# The test database is UTF-8 even in a cluster made without a locale (SQL_ASCII); template0 allows that.
DATABASES["default"]["TEST"] = {"CHARSET": "UTF8", "TEMPLATE": "template0"}

REDIS_URL = env("REDIS_URL")
RQ_QUEUES = {
    "default": {"URL": REDIS_URL, "DEFAULT_TIMEOUT": 600},
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Finnish first, then Swedish and English (the city's official languages and the common third).
LANGUAGE_CODE = "fi"
# English dates with the day first and a 24-hour clock (config/formats/en/formats.py).
FORMAT_MODULE_PATH = ["config.formats"]
LANGUAGES = [("fi", _("Finnish")), ("sv", _("Swedish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Helsinki"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = env("STATIC_ROOT")
if DEBUG:  # WhiteNoise warns on every request while collectstatic has never run
    Path(STATIC_ROOT).mkdir(parents=True, exist_ok=True)
MEDIA_URL = "/media/"
MEDIA_ROOT = env("MEDIA_ROOT")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

vars().update(env.email_url("EMAIL_URL"))
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL")

# Geometry: stored in ETRS-TM35FIN (metres); the APIs speak WGS84 GeoJSON (RFC 7946).
STORAGE_SRID = 3067
API_SRID = 4326

MAP_TILE_URL = env("MAP_TILE_URL")
MAP_TILE_ATTRIBUTION = env("MAP_TILE_ATTRIBUTION")


def _tile_origin(url: str) -> str:
    """The origin the background tiles come from, for the CSP: {s} subdomains become a wildcard."""
    parts = urlsplit(url.replace("{s}", "*"))
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""


# Content Security Policy: scripts only from our own files, or inline with this response's nonce
# (the API docs' start-up, folium's map); nothing from other sites but the background tiles.
# Inline styles stay allowed: Leaflet, folium and the summary's bars set them.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [csp.SELF],
        "script-src": [csp.SELF, csp.NONCE],
        "style-src": [csp.SELF, csp.UNSAFE_INLINE],
        "img-src": [csp.SELF, "data:", "blob:", *filter(None, [_tile_origin(MAP_TILE_URL)])],
        "font-src": [csp.SELF, "data:"],
        "connect-src": [csp.SELF],
        "frame-src": [csp.SELF],
        "object-src": [csp.NONE],
        "base-uri": [csp.SELF],
        "form-action": [csp.SELF],
        "frame-ancestors": [csp.SELF],
    },
}
# Django's admin map widget and the RQ dashboard write inline scripts without a nonce: there
# (staff only) inline scripts may run; see config.middleware.ContentSecurityPolicy.
CSP_INLINE_SCRIPT_PREFIXES = ("/admin/", "/django-rq/")
HEALTH_CHECK_TIMEOUT = env("HEALTH_CHECK_TIMEOUT")
# The accessibility statement (config/templates/pages/accessibility_*.html): its feedback channel is
# this feedback category (seeded, to group services), and the day it was last reviewed.
ACCESSIBILITY_FEEDBACK_CATEGORY = "901"
ACCESSIBILITY_REVIEWED = date(2026, 11, 30)
# Absolute links in emails (the follow link) start with this; no trailing slash.
SITE_URL = env("SITE_URL").rstrip("/")
FEEDBACK_NUMBER_PREFIX = env("FEEDBACK_NUMBER_PREFIX")
# Open311 jurisdiction_id of this city (GeoReport v2: the website's root without www).
OPEN311_JURISDICTION = env("OPEN311_JURISDICTION")

REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["config.bodies.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["config.bodies.JSONParser"],
    "EXCEPTION_HANDLER": "config.bodies.api_exception_handler",
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.SessionAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "UNAUTHENTICATED_USER": None,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    # How many reverse proxies set X-Forwarded-For; 0 trusts only the socket's address.
    "NUM_PROXIES": env("NUM_PROXIES"),
}
# The OpenAPI 3 schema of /api/v1/ (served at /api/v1/schema/, browsable at /api/v1/docs/).
SPECTACULAR_SETTINGS = {
    "TITLE": "Osallistu Seinäjoella API",
    "DESCRIPTION": (
        "The REST API of the City of Seinäjoki's participation platform: residential areas, map "
        "feedback (reports, \"me too\", place search), zoning plans and service projects with residents' "
        "comments, and, for signed-in staff, tickets and figures.\n\n"
        "* **Coordinates** are WGS84 (EPSG:4326) longitude, latitude; maps come as GeoJSON (RFC 7946).\n"
        "* **Language**: names, labels and messages follow `?lang=fi|sv|en`, then `Accept-Language`; "
        "Finnish by default.\n"
        "* **Errors**: a refused input is a 400 naming each field, `{\"field\": [\"message\"]}`; "
        "other errors are `{\"detail\": \"message\"}`.\n"
        "* **Privacy**: a reporter's name, email and phone are never in a public response.\n"
        "* **Staff endpoints** use the session cookie of the staff sign-in page (`/henkilosto/kirjaudu/`)."
    ),
    "VERSION": "1.0.0",
    "LICENSE": {
        "name": "EUPL-1.2",
        "url": "https://interoperable-europe.ec.europa.eu/collection/eupl/eupl-text-eupl-12",
    },
    "SERVERS": [{"url": "/", "description": "The server this schema came from"}],
    "SCHEMA_PATH_PREFIX": r"/api/v1/",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # No deep links: Swagger UI puts them inside each operation's button, which screen readers cannot announce.
    "SWAGGER_UI_SETTINGS": {"deepLinking": False, "displayOperationId": True, "defaultModelsExpandDepth": 0},
    "TAGS": [
        {"name": "areas", "description": "Residential areas, budget areas and the city, as GeoJSON, and what "
                                          "concerns each area (plans, groups, budget, feedback)."},
        {"name": "budgets", "description": "The resident budget: rounds, their money by area, residents' "
                                            "proposals, a signed-in voter's ballot and the results."},
        {"name": "feedback", "description": "Residents' map feedback: reports, their map and \"me too\"."},
        {"name": "initiatives", "description": "Municipal initiatives addressed to the city, imported from "
                                                "kuntalaisaloite.fi, with their state and the city's decision."},
        {"name": "panels", "description": "Resident panels, developer groups, experience-expert groups and councils "
                                           "with their topics, areas and member counts (never a member's address)."},
        {"name": "places", "description": "Place search for putting a report on the map."},
        {"name": "plans", "description": "Zoning plans and service development projects in six participation "
                                          "phases, and residents' comments on them drawn on the map."},
        {"name": "reports", "description": "The yearly participation report's figures for the city or a department."},
        {"name": "staff", "description": "For the city's staff, signed in: tickets with private fields, figures."},
    ],
    # Open311 has its own specification: only the platform's own API is described here.
    "PREPROCESSING_HOOKS": ["config.openapi.only_platform_api"],
    # The GeoJSON shapes built in SQL are written by hand (config/openapi.py, */api/schema.py).
    "POSTPROCESSING_HOOKS": ["drf_spectacular.hooks.postprocess_schema_enums", "config.openapi.add_components"],
}
# New reports per client address (staff exempt); DRF's "N/period" with s, m, h or d.
FEEDBACK_CREATE_RATE = env("FEEDBACK_CREATE_RATE")
# Residents' comments on plans per client address (staff exempt), counted apart from the reports.
PLAN_COMMENT_RATE = env("PLAN_COMMENT_RATE")
# Residents' budget proposals per client address (the form and the API), counted apart from the rest.
BUDGET_PROPOSAL_RATE = env("BUDGET_PROPOSAL_RATE")
# An Open311 client sends for many residents: its key's limit (a key may have its own in the admin),
# and each address sending through any key.
OPEN311_KEY_RATE = env("OPEN311_KEY_RATE")
OPEN311_ADDRESS_RATE = env("OPEN311_ADDRESS_RATE")
# Place search behind the report page; "offline" searches our own places, areas and postal codes,
# "digitransit" Digitransit's geocoding API (all of Finland's addresses and places; a subscription
# key from digitransit.fi, kept on the server) within DIGITRANSIT_BOUNDARY (west,south,east,north).
GEOCODER = env("GEOCODER")
DIGITRANSIT_API_KEY = env("DIGITRANSIT_API_KEY")
DIGITRANSIT_GEOCODING_URL = env("DIGITRANSIT_GEOCODING_URL")
DIGITRANSIT_BOUNDARY = tuple(float(part) for part in env("DIGITRANSIT_BOUNDARY").split(","))
if GEOCODER == "digitransit" and not DIGITRANSIT_API_KEY:
    raise ImproperlyConfigured("GEOCODER=digitransit needs DIGITRANSIT_API_KEY (a subscription key from "
                               "https://portal-api.digitransit.fi/); or set GEOCODER=offline.")

CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    # Shared between web processes, so a limit holds whichever process answers.
    "throttle": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": "throttle",
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
    },
}

LOGIN_URL = "staff:login"

# Production hardening: on whenever DEBUG is off, so `manage.py check --deploy` stays clean.
if not DEBUG:
    SECURE_SSL_REDIRECT = env("SECURE_SSL_REDIRECT")
    # The container's health check asks over plain http inside the host: it must not be redirected.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_HSTS_SECONDS = env("SECURE_HSTS_SECONDS")
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env("SECURE_HSTS_PRELOAD")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_CONTENT_TYPE_NOSNIFF = True
    SECURE_REFERRER_POLICY = "same-origin"
    if env("SECURE_PROXY_SSL_HEADER_ENABLED"):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL")},
}

# Debian 12 ships GDAL 3.6, which cannot block file and network access from spatial references.
# The platform never hands a user-supplied spatial reference to Django's GDAL: API inputs are
# plain coordinates and every SRID is a constant; imports read files through pyogrio's own GDAL.
SILENCED_SYSTEM_CHECKS = ["gis.W001"]

# Residents' identity for the resident budget (planning.identity). The hash key turns a person's
# identifier into the key stored with their ballot; set IDENTITY_HASH_KEY in production and never
# change it during a round (derived from SECRET_KEY when empty). The development identity provider
# lets anyone type a test identity: on with the demo data, off otherwise unless asked for.
IDENTITY_HASH_KEY = env.str("IDENTITY_HASH_KEY", default="")
IDENTITY_DEV_PROVIDER = (env.bool("IDENTITY_DEV_PROVIDER") if env.str("IDENTITY_DEV_PROVIDER", default="").strip()
                         else DEMO_DATA)

# Residents' OpenID Connect sign-in (planning.identity_oidc, mozilla-django-oidc), on when
# OIDC_RP_CLIENT_ID is set. Suomi.fi comes through an OIDC broker: set OIDC_IDENTIFIER_CLAIM to the
# broker's claim of the personal identity code, so that online and paper ballots of one person meet.
# Only a keyed hash of that claim is kept; no other claim, email or token.
OIDC_RP_CLIENT_ID = env.str("OIDC_RP_CLIENT_ID", default="")
OIDC_RP_CLIENT_SECRET = env.str("OIDC_RP_CLIENT_SECRET", default="")
OIDC_OP_AUTHORIZATION_ENDPOINT = env.str("OIDC_OP_AUTHORIZATION_ENDPOINT", default="")
OIDC_OP_TOKEN_ENDPOINT = env.str("OIDC_OP_TOKEN_ENDPOINT", default="")
OIDC_OP_USER_ENDPOINT = env.str("OIDC_OP_USER_ENDPOINT", default="")
OIDC_OP_JWKS_ENDPOINT = env.str("OIDC_OP_JWKS_ENDPOINT", default="") or None
OIDC_RP_SIGN_ALGO = env.str("OIDC_RP_SIGN_ALGO", default="RS256")
OIDC_RP_SCOPES = env.str("OIDC_RP_SCOPES", default="openid")
OIDC_IDENTIFIER_CLAIM = env.str("OIDC_IDENTIFIER_CLAIM", default="sub")
OIDC_DISPLAY_NAME = env.str("OIDC_DISPLAY_NAME", default="")
OIDC_USE_PKCE = True
OIDC_TIMEOUT = 10
OIDC_AUTHENTICATE_CLASS = "planning.identity_oidc.ResidentOIDCStart"
OIDC_CALLBACK_CLASS = "planning.identity_oidc.ResidentOIDCCallback"
if OIDC_RP_CLIENT_ID:
    AUTHENTICATION_BACKENDS = [*AUTHENTICATION_BACKENDS, "planning.identity_oidc.ResidentOIDCBackend"]
