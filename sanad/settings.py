"""Sanad's settings: one module, every value read from the environment.

Each SANAD_* variable is documented in docs/configuration.md (a test checks it).
"""

import os
from pathlib import Path
from typing import Literal

from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from sanad.lib import helplines
from sanad.lib.env import (
    database_from_url,
    env_bool,
    env_int,
    env_list,
    env_mapping,
    env_secret,
    env_str,
    parse_duration,
)

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("SANAD_VAR_DIR", str(BASE_DIR / "var")))
SECRETS_DIR = VAR_DIR / "secrets"


def _secret_from_var(name: str, filename: str) -> str | None:
    """NAME, NAME_FILE, or the file `make demo` / `manage.py generate_keys` wrote under var/."""
    value = env_secret(name)
    if value is None and (SECRETS_DIR / filename).is_file():
        value = (SECRETS_DIR / filename).read_text().strip()
    return value


DEBUG = env_bool("SANAD_DEBUG", False)
SECRET_KEY = _secret_from_var("SANAD_SECRET_KEY", "secret_key") or ""
ALLOWED_HOSTS = env_list("SANAD_ALLOWED_HOSTS", ["127.0.0.1", "localhost"])

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_tasks",
    "django_tasks_db",
    # django-ninja's Swagger page and its assets, served from our own static files (no CDN).
    "ninja",
    # Django's admin, without autodiscovery: only the reference-data site of sanad.operations.
    "django.contrib.admin.apps.SimpleAdminConfig",
    "sanad.reference",
    "sanad.accounts",
    "sanad.evidence",
    "sanad.audit",
    "sanad.triage",
    "sanad.intake",
    "sanad.schools",
    "sanad.cases",
    "sanad.training",
    "sanad.operations",
    "sanad.stats",
    "sanad.api",
]
AUTH_USER_MODEL = "accounts.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:sign_in"
# Staff sign-in throttling (sanad/accounts/throttle.py): delays that grow per account name and
# per address group (keyed hashes, never the address), a lock by name only much later.
SANAD_SIGNIN_FREE_FAILURES = env_int("SANAD_SIGNIN_FREE_FAILURES", 5, minimum=1)
SANAD_SIGNIN_NAME_DELAY_CAP = env_int("SANAD_SIGNIN_NAME_DELAY_CAP", 30, minimum=1)
SANAD_SIGNIN_ADDRESS_DELAY_CAP = env_int("SANAD_SIGNIN_ADDRESS_DELAY_CAP", 3600, minimum=1)
SANAD_SIGNIN_NOTIFY_AFTER = env_int("SANAD_SIGNIN_NOTIFY_AFTER", 20, minimum=1)
SANAD_SIGNIN_LOCK_AFTER = env_int("SANAD_SIGNIN_LOCK_AFTER", 100, minimum=1)
# Staff sessions end after this long without a request.
SANAD_STAFF_IDLE_SECONDS = env_int("SANAD_STAFF_IDLE_SECONDS", 30 * 60, minimum=60)
OTP_TOTP_ISSUER = env_str("SANAD_OTP_ISSUER", "Sanad")

MIDDLEWARE = [
    "sanad.operations.metrics.RequestMetrics",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Below WhiteNoise: every response but a static file's is no-store.
    "sanad.lib.caching.PagesNotStored",
    # Below WhiteNoise, which serves static files already compressed; above all that writes a body.
    "sanad.lib.compression.TextGZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "sanad.lib.errors.DomainErrorMiddleware",
    # After the error middleware: its process_exception runs first, records, and lets the page through.
    "sanad.accounts.middleware.AuditRefusals",
]

ROOT_URLCONF = "sanad.urls"
WSGI_APPLICATION = "sanad.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "sanad" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",  # `user` in the back-office templates
                "django.contrib.messages.context_processors.messages",
                "sanad.reference.context.portal",
                "sanad.stats.context.pilot_todo",  # the pilot periods a resource team is asked to review
            ],
            "builtins": ["sanad.lib.template_filters"],
        },
    }
]

DATABASES = {
    "default": database_from_url(
        env_str("SANAD_DATABASE_URL", f"sqlite:///{VAR_DIR / 'sanad.sqlite3'}"),
        name="SANAD_DATABASE_URL",
    )
}
DATABASES["default"]["CONN_MAX_AGE"] = env_int("SANAD_DB_CONN_MAX_AGE", 60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # WAL lets the demo's web server and task worker use one file at the same time.
    # IMMEDIATE: a writing transaction takes the lock at its start, so concurrent requests wait
    # for it instead of failing with "database is locked" half-way.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL;",
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Sanad keeps nothing in a cache: rate limits count in the database (intake.RateBucket), sessions
# live in the database, reference data in each process's memory (reference/current.py). Django's
# own default, a per-process memory cache, stays for whatever library asks for one.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# What set_cookie() accepts for SameSite (typed, for the pages that set cookies themselves).
SameSite = Literal["Lax", "Strict", "None", False]

SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_AGE = env_int("SANAD_SESSION_SECONDS", 2 * 3600, minimum=60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool("SANAD_SECURE_COOKIES", not DEBUG)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE: SameSite = "Lax"
CSRF_COOKIE_SAMESITE: SameSite = "Lax"
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
LANGUAGE_COOKIE_SAMESITE: SameSite = "Lax"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
SECURE_CONTENT_TYPE_NOSNIFF = True
# Never "no-referrer": Chromium then sends "Origin: null" on our own forms and the CSRF check
# refuses them. "same-origin" still sends nothing to other sites (quick exit included).
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_SSL_REDIRECT = env_bool("SANAD_SSL_REDIRECT", False)
SECURE_HSTS_SECONDS = env_int("SANAD_HSTS_SECONDS", 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SANAD_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("SANAD_HSTS_PRELOAD", False)
_proxy_header = env_str("SANAD_PROXY_SSL_HEADER", "")
if _proxy_header:
    SECURE_PROXY_SSL_HEADER = (_proxy_header, "https")
# Monitors call these over plain HTTP on the app's own address, behind the proxy.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^metrics$"]

# No inline script or style anywhere: everything is served from our own static files.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        "object-src": [NONE],
    }
}

LANGUAGES = [("ar", "العربية"), ("fr", "Français"), ("en", "English")]
LANGUAGE_CODE = env_str("SANAD_DEFAULT_LANGUAGE", "ar")
LOCALE_PATHS = [BASE_DIR / "sanad" / "locale"]
FORMAT_MODULE_PATH = ["sanad.formats"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = env_str("SANAD_TIME_ZONE", "Africa/Casablanca")

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "sanad" / "static"]
# Evidence files and packs are sealed (encrypted) before they reach this storage, and their keys
# stay in the database: see evidence/storage.py. Local disk, or any S3-compatible object store.
_evidence_storage = env_str("SANAD_EVIDENCE_STORAGE", "file")
if _evidence_storage == "file":
    EVIDENCE_STORAGE = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(Path(env_str("SANAD_EVIDENCE_DIR", str(VAR_DIR / "evidence"))))},
    }
elif _evidence_storage == "s3":
    _bucket = env_str("SANAD_S3_BUCKET", "")
    if not _bucket:
        raise ImproperlyConfigured("SANAD_EVIDENCE_STORAGE=s3 needs SANAD_S3_BUCKET")
    _endpoint = env_str("SANAD_S3_ENDPOINT_URL", "")
    EVIDENCE_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": _bucket,
            "endpoint_url": _endpoint or None,
            "region_name": env_str("SANAD_S3_REGION", "") or None,
            # Empty: boto3 finds credentials itself (instance role, its own environment variables).
            "access_key": env_secret("SANAD_S3_ACCESS_KEY"),
            "secret_key": env_secret("SANAD_S3_SECRET_KEY"),
            "location": env_str("SANAD_S3_PREFIX", ""),
            "file_overwrite": False,
            "default_acl": None,  # private, as the bucket is
            "signature_version": "s3v4",
            # Self-hosted stores (MinIO, Ceph, Garage) answer at their own address, by path.
            "addressing_style": "path" if _endpoint else None,
        },
    }
else:
    raise ImproperlyConfigured("SANAD_EVIDENCE_STORAGE must be file or s3")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": VAR_DIR / "media"}},
    "evidence": EVIDENCE_STORAGE,
    # Hashed names (portal.3f2a9c1b.css) cached for a year as immutable, compressed ahead of time:
    # a phone downloads the CSS and script once. Needs `manage.py collectstatic` (deployments,
    # scripts/pytest.sh, the benchmarks); with SANAD_DEBUG the plain names are used.
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

# Uploads stay in memory until they are encrypted: plaintext evidence never touches disk.
FILE_UPLOAD_HANDLERS = ["sanad.evidence.uploads.MemoryOnlyUploadHandler"]
UPLOAD_MAX_BYTES = env_int("SANAD_UPLOAD_MAX_BYTES", 20 * 1024 * 1024, minimum=1024)
UPLOAD_MAX_FILES = env_int("SANAD_UPLOAD_MAX_FILES", 10, minimum=1)
UPLOAD_MAX_PIXELS = env_int("SANAD_UPLOAD_MAX_PIXELS", 40_000_000, minimum=10_000)
DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 200

TASKS = {
    "default": {
        "BACKEND": env_str("SANAD_TASK_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

_email_backend = env_str("SANAD_EMAIL_BACKEND", "console")
EMAIL_BACKEND = {
    "console": "django.core.mail.backends.console.EmailBackend",
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
    "memory": "django.core.mail.backends.locmem.EmailBackend",
}.get(_email_backend, _email_backend)
EMAIL_HOST = env_str("SANAD_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("SANAD_EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("SANAD_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = env_secret("SANAD_EMAIL_PASSWORD", "") or ""
EMAIL_USE_TLS = env_bool("SANAD_EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("SANAD_FROM_EMAIL", "Sanad <no-reply@sanad.invalid>")
# Where people open the site: links in e-mails (a new account's set-password link) start with it.
SANAD_SITE_URL = env_str("SANAD_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("SANAD_LOG_LEVEL", "INFO")},
    # pikepdf says at INFO that it loaded, on every start: not news.
    "loggers": {"pikepdf": {"level": "WARNING"}},
}

# --- Sanad's own settings -------------------------------------------------------------

# Key-encryption keys, "id:base64key,id:base64key": the first wraps new data keys, the
# others only unwrap older ones (rotation without re-encrypting every file).
SANAD_KEK = _secret_from_var("SANAD_KEK", "kek")
# Keyed-hash (HMAC) key for receipts, identifier search and rate-limit buckets. Unlike the
# key-encryption key it cannot rotate without re-hashing, so it is separate.
SANAD_INDEX_KEY = _secret_from_var("SANAD_INDEX_KEY", "index_key")
# The audit log's key: it links the hash chain (HMAC) and signs its checkpoints (audit/keys.py).
SANAD_AUDIT_KEY = _secret_from_var("SANAD_AUDIT_KEY", "audit_key")
# Where signed checkpoints of the audit chain's head are appended, outside the database:
# "file:/path" (append-only file, read back by verify_audit), "syslog" or "syslog:/dev/log",
# "email:address" (the oversight body). Several, comma-separated.
SANAD_AUDIT_CHECKPOINTS = env_list("SANAD_AUDIT_CHECKPOINTS", [f"file:{VAR_DIR / 'audit' / 'checkpoints.jsonl'}"])
if not all(sink.startswith(("file:/", "syslog", "email:")) for sink in SANAD_AUDIT_CHECKPOINTS):
    raise ImproperlyConfigured(
        "SANAD_AUDIT_CHECKPOINTS: each sink is file:/absolute/path, syslog[:address] or email:address"
    )

SANAD_ONCALL_EMAIL = env_list("SANAD_ONCALL_EMAIL", ["oncall@sanad.invalid"])
# Who is told when a reporter writes on a case nobody is assigned to (the team on duty).
SANAD_DUTY_EMAIL = env_list("SANAD_DUTY_EMAIL", SANAD_ONCALL_EMAIL)
# Kinds of notification turned off (docs/notifications.md), comma-separated.
SANAD_NOTIFICATIONS_OFF = set(env_list("SANAD_NOTIFICATIONS_OFF", []))
# Text messages to reporters who asked to be contacted by phone (sanad/lib/sms.py).
SANAD_SMS_BACKEND = env_str("SANAD_SMS_BACKEND", "none")
if SANAD_SMS_BACKEND not in {"none", "console", "memory", "http"}:
    raise ImproperlyConfigured("SANAD_SMS_BACKEND must be none, console, memory or http")
SANAD_SMS_URL = env_str("SANAD_SMS_URL", "")
SANAD_SMS_TOKEN = env_secret("SANAD_SMS_TOKEN", "") or ""
if SANAD_SMS_BACKEND == "http" and not SANAD_SMS_URL.startswith("https://"):
    raise ImproperlyConfigured("SANAD_SMS_BACKEND=http needs SANAD_SMS_URL, an https:// address")
SANAD_QUICK_EXIT_URL = env_str("SANAD_QUICK_EXIT_URL", "https://www.google.com/search?q=weather")
# Where a child gets an intimate image removed without sending it to anyone (a hash made on their
# own phone): NCMEC's Take It Down for images taken under 18. "none" shows no such link.
SANAD_IMAGE_REMOVAL_URL = env_str("SANAD_IMAGE_REMOVAL_URL", "https://takeitdown.ncmec.org/")
if SANAD_IMAGE_REMOVAL_URL == "none":
    SANAD_IMAGE_REMOVAL_URL = ""
# The installation profile's reference data: the first `migrate` copies these numbers and
# deadlines into the reference tables, which administrators then change (sanad/reference).
# Shown on every public page: "label-key:number".
SANAD_EMERGENCY_NUMBERS = env_mapping("SANAD_EMERGENCY_NUMBERS", "police:19,gendarmerie:177,civil_protection:15")
# People a child can talk to, in order, "kind:number|HH:MM-HH:MM" (no hours: day and night); a
# `listening` line comes first for self-harm (sanad/lib/helplines.py). Morocco: the national
# child helpline 2511 (free, confidential), whose published hours are 8:30 to 18:00 every day.
SANAD_HELP_LINES = helplines.parse(
    env_mapping("SANAD_HELP_LINES", "child_helpline:2511|08:30-18:00"), name="SANAD_HELP_LINES"
)
SANAD_URGENCY_DEADLINES = {
    level: parse_duration(text, name="SANAD_URGENCY_DEADLINES")
    for level, text in env_mapping("SANAD_URGENCY_DEADLINES", "P0:1h,P1:24h,P2:72h,P3:7d").items()
}
if set(SANAD_URGENCY_DEADLINES) != {"P0", "P1", "P2", "P3"}:
    raise ImproperlyConfigured("SANAD_URGENCY_DEADLINES must give exactly P0, P1, P2 and P3")
# How long a case may wait on someone before it must be chased (case status "waiting").
SANAD_WAITING_DEADLINES = {
    who: parse_duration(text, name="SANAD_WAITING_DEADLINES")
    for who, text in env_mapping("SANAD_WAITING_DEADLINES", "reporter:7d,authority:14d,platform:48h").items()
}
if set(SANAD_WAITING_DEADLINES) != {"reporter", "authority", "platform"}:
    raise ImproperlyConfigured("SANAD_WAITING_DEADLINES must give exactly reporter, authority and platform")
# A reporter's message or file is answered within this (never later than the urgency's own deadline).
SANAD_REPLY_DEADLINE = parse_duration(env_str("SANAD_REPLY_DEADLINE", "24h"), name="SANAD_REPLY_DEADLINE")
# How long a referral's recipient has to answer, per target ("default" for the others).
SANAD_REFERRAL_DEADLINES = {
    target: parse_duration(text, name="SANAD_REFERRAL_DEADLINES")
    for target, text in env_mapping(
        "SANAD_REFERRAL_DEADLINES", "platform:48h,police:72h,gendarmerie:72h,prosecutor:7d,school:72h,default:72h"
    ).items()
}
if "default" not in SANAD_REFERRAL_DEADLINES:
    raise ImproperlyConfigured("SANAD_REFERRAL_DEADLINES must include default:DURATION")
# A platform referral is one notice per item of content, each with its legal clock: how long the
# platform has to act, by kind of content ("sexual_minor": sexual content involving a minor; a
# category code; "other" for the rest). The Morocco profile's values (docs/notices.md).
SANAD_NOTICE_CLOCKS = {
    kind: parse_duration(text, name="SANAD_NOTICE_CLOCKS")
    for kind, text in env_mapping("SANAD_NOTICE_CLOCKS", "sexual_minor:24h,other:48h").items()
}
if "other" not in SANAD_NOTICE_CLOCKS:
    raise ImproperlyConfigured("SANAD_NOTICE_CLOCKS must include other:DURATION")
# A platform is reminded this long before a notice's clock runs out (once per notice).
SANAD_NOTICE_REMINDER_BEFORE = parse_duration(
    env_str("SANAD_NOTICE_REMINDER_BEFORE", "6h"), name="SANAD_NOTICE_REMINDER_BEFORE"
)
# School protocol: a reminder is e-mailed to the resource team this long before a step is due.
SANAD_SCHOOL_REMINDER_BEFORE = parse_duration(
    env_str("SANAD_SCHOOL_REMINDER_BEFORE", "24h"), name="SANAD_SCHOOL_REMINDER_BEFORE"
)
# How often the scheduler (manage.py run_schedule) enqueues the periodic tasks.
SANAD_SCHEDULE_SECONDS = env_int("SANAD_SCHEDULE_SECONDS", 900, minimum=10)
# How soon what a reporter wrote on a case is picked up (ranked, a closed case reopened, the assignee told).
SANAD_PICKUP_SECONDS = env_int("SANAD_PICKUP_SECONDS", 60, minimum=10)
# The scheduler's tasks and how often each runs: named here, in the project's wiring, so that no
# app imports another's tasks to schedule them.
SANAD_PERIODIC_TASKS = {
    "sanad.schools.tasks.send_step_reminders": SANAD_SCHEDULE_SECONDS,
    "sanad.audit.tasks.checkpoint_audit_chain": SANAD_SCHEDULE_SECONDS,
    "sanad.cases.tasks.remind_of_referrals": SANAD_SCHEDULE_SECONDS,
    "sanad.stats.tasks.refresh_recent_figures": SANAD_SCHEDULE_SECONDS,
    "sanad.stats.tasks.refresh_all_figures": 24 * 3600,
    "sanad.stats.tasks.ask_for_period_reviews": SANAD_SCHEDULE_SECONDS,
    "sanad.cases.reporter_activity.pick_up_reporter_activity": SANAD_PICKUP_SECONDS,
    "sanad.cases.notices.watch_notice_clocks": SANAD_PICKUP_SECONDS,
    "sanad.api.tasks.pick_up_events": SANAD_PICKUP_SECONDS,
    "sanad.api.tasks.retry_deliveries": SANAD_PICKUP_SECONDS,
    "sanad.api.tasks.forget_idempotency_keys": SANAD_SCHEDULE_SECONDS,
    "sanad.cases.school_requests.pick_up_school_requests": SANAD_PICKUP_SECONDS,
    "sanad.cases.known_content.escalate_known_content": SANAD_PICKUP_SECONDS,
    # Sweeps that do the work of tasks whose queueing a killed server lost.
    "sanad.evidence.tasks.verify_forgotten": SANAD_PICKUP_SECONDS,
    "sanad.intake.tasks.notify_forgotten": SANAD_PICKUP_SECONDS,
}
# Statistics that leave the centre: counts under the threshold are shown as "< threshold", every
# other count is rounded to a multiple of the base (docs/indicators.md, "Small numbers").
SANAD_STATS_THRESHOLD = env_int("SANAD_STATS_THRESHOLD", 5, minimum=2)
SANAD_STATS_ROUNDING = env_int("SANAD_STATS_ROUNDING", 5, minimum=1)
if SANAD_STATS_ROUNDING > SANAD_STATS_THRESHOLD:
    raise ImproperlyConfigured("SANAD_STATS_ROUNDING may not exceed SANAD_STATS_THRESHOLD")
# How long each app process keeps its copy of the reference data before reading it again.
SANAD_REFERENCE_SECONDS = env_int("SANAD_REFERENCE_SECONDS", 60, minimum=0)
SANAD_DRAFT_LIFETIME = parse_duration(env_str("SANAD_DRAFT_LIFETIME", "24h"), name="SANAD_DRAFT_LIFETIME")
SANAD_FOLLOWUP_SECONDS = env_int("SANAD_FOLLOWUP_SECONDS", 30 * 60, minimum=60)
# Abuse limits, "count/seconds" in a sliding window: per client network (receipt, report,
# upload, message), per draft (draft_*) and per report reached by its receipt (report_*).
# What each limit does when met: docs/portal.md. Scopes left out keep their default.
_RATE_LIMIT_DEFAULTS = {
    "receipt": "10/900",
    "report": "20/3600",
    "upload": "60/3600",
    "message": "30/3600",
    "draft_upload": "30/3600",
    "draft_resume": "5/86400",
    "report_message": "20/3600",
    "report_upload": "30/3600",
    # Requests of one partner API token (sanad/api): counted per token, never per address.
    "api_token": "120/60",
}
SANAD_RATE_LIMITS = {
    **_RATE_LIMIT_DEFAULTS,
    **env_mapping("SANAD_RATE_LIMITS", ",".join(f"{k}:{v}" for k, v in _RATE_LIMIT_DEFAULTS.items())),
}
if set(SANAD_RATE_LIMITS) != set(_RATE_LIMIT_DEFAULTS) or not all(
    count.isdigit() and seconds.isdigit() and int(seconds) > 0
    for count, _sep, seconds in (rule.partition("/") for rule in SANAD_RATE_LIMITS.values())
):
    raise ImproperlyConfigured(
        "SANAD_RATE_LIMITS takes scope:count/seconds for " + ", ".join(_RATE_LIMIT_DEFAULTS) + " (no other scope)"
    )
# How many reverse proxies in front of the app append to X-Forwarded-For (0: none).
SANAD_TRUSTED_PROXIES = env_int("SANAD_TRUSTED_PROXIES", 0)

# Evidence intelligence (docs/evidence.md). Two PDQ hashes at most this many bits apart are the
# same picture (31 is PDQ's own recommendation); PDQ's quality under the minimum means a flat
# picture whose hash is noise, never matched.
SANAD_PDQ_THRESHOLD = env_int("SANAD_PDQ_THRESHOLD", 31, minimum=0)
if SANAD_PDQ_THRESHOLD > 32:
    raise ImproperlyConfigured("SANAD_PDQ_THRESHOLD must be at most 32 (the PDQ index finds nothing farther)")
SANAD_PDQ_MIN_QUALITY = env_int("SANAD_PDQ_MIN_QUALITY", 50, minimum=0)
SANAD_VIDEO_KEYFRAMES = env_int("SANAD_VIDEO_KEYFRAMES", 16, minimum=1)
SANAD_OCR_LANGUAGES = env_str("SANAD_OCR_LANGUAGES", "ara+fra+eng")
# A file on a known-content hash list raises its report (and case) to at least this urgency; "" leaves it.
SANAD_KNOWN_CONTENT_URGENCY = env_str("SANAD_KNOWN_CONTENT_URGENCY", "P1")
if SANAD_KNOWN_CONTENT_URGENCY not in {"", "P0", "P1", "P2", "P3"}:
    raise ImproperlyConfigured("SANAD_KNOWN_CONTENT_URGENCY must be P0, P1, P2, P3 or empty")
# Past this many reveals in a day, the exposure page suggests a break (to the person and their supervisor).
SANAD_EXPOSURE_DAILY_THRESHOLD = env_int("SANAD_EXPOSURE_DAILY_THRESHOLD", 30, minimum=1)

# The country (ISO 3166 code) whose local phone numbers (06…) reporters type: libphonenumber reads them.
SANAD_PHONE_REGION = env_str("SANAD_PHONE_REGION", "MA").upper()

# Retention (docs/retention.md): "kind:duration" and "kind.outcome:duration", counted from the
# day a case or school case was closed. Outcomes are checked against the models (sanad.E005).
SANAD_RETENTION = {
    key: parse_duration(text, name="SANAD_RETENTION")
    for key, text in env_mapping(
        "SANAD_RETENTION",
        "report:730d,report.unfounded:365d,report.duplicate:365d,report.referred_to_justice:3650d,"
        "evidence:365d,evidence.referred_to_justice:3650d,"
        "message:365d,message.referred_to_justice:3650d,"
        "school_case:1095d,school_case.authorities:3650d",
    ).items()
}
_RETENTION_KINDS = {"report", "evidence", "message", "school_case"}
if {key.partition(".")[0] for key in SANAD_RETENTION} != _RETENTION_KINDS or not set(
    SANAD_RETENTION
) >= _RETENTION_KINDS:
    raise ImproperlyConfigured("SANAD_RETENTION must give report, evidence, message and school_case, and only those")

# Health and metrics: a worker silent this long is dead; a queue this late makes /healthz "degraded".
SANAD_WORKER_STALE_SECONDS = env_int("SANAD_WORKER_STALE_SECONDS", 60, minimum=4)
SANAD_QUEUE_LAG_ALERT_SECONDS = env_int("SANAD_QUEUE_LAG_ALERT_SECONDS", 300, minimum=1)
# /metrics answers only with this token (Authorization: Bearer ...); unset, it is not served.
SANAD_METRICS_TOKEN = env_secret("SANAD_METRICS_TOKEN") or ""
# Several server processes share their request metrics through files in this folder.
SANAD_METRICS_DIR = env_str("SANAD_METRICS_DIR", "")
if SANAD_METRICS_DIR:
    os.environ.setdefault("PROMETHEUS_MULTIPROC_DIR", SANAD_METRICS_DIR)
# Partner API (docs/api.md): signed webhook deliveries, their retries and the idempotency window.
SANAD_WEBHOOK_MAX_ATTEMPTS = env_int("SANAD_WEBHOOK_MAX_ATTEMPTS", 8, minimum=1)
SANAD_WEBHOOK_BACKOFF_SECONDS = env_int("SANAD_WEBHOOK_BACKOFF_SECONDS", 30, minimum=1)
SANAD_WEBHOOK_TIMEOUT_SECONDS = env_int("SANAD_WEBHOOK_TIMEOUT_SECONDS", 10, minimum=1)
SANAD_IDEMPOTENCY_SECONDS = env_int("SANAD_IDEMPOTENCY_SECONDS", 24 * 3600, minimum=60)
CSRF_FAILURE_VIEW = "sanad.lib.pages.csrf_failure"
