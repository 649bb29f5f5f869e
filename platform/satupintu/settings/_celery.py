"""Celery settings and the beat schedule, imported by `satupintu.settings.base`.

Split out of base.py (issue #10); every name here is a setting of base. Schema: both.
"""

import environ

env = environ.Env()

# --- Celery: tasks carry the schema (tenant-schemas-celery) -------------------------------------
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="")
# Without a broker, tasks run in-process (the local demo and most tests).
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = env.str("CELERY_RESULT_BACKEND", default="") or None
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_BEAT_SCHEDULE: dict = {
    "billing-grace-check": {"task": "billing.grace_check", "schedule": 60 * 60},
    # Per-regency jobs: one entry here, one task per active regency (satupintu/fanout.py).
    "page-views-flush": {
        "task": "satupintu.fanout",
        "args": ["billing.page_views_flush"],
        "schedule": 60 * 60,
    },
    "regencies-stuck-recover": {"task": "regencies.stuck_recover", "schedule": 5 * 60},
    # The operators' console reads each regency's figures kept (regencies/usage.py).
    "regencies-console-figures": {
        "task": "satupintu.fanout",
        "args": ["regencies.console_figures_keep"],
        "schedule": 10 * 60,
    },
    # Spare copies of the base schema a refill after a take lost (docs/adr/0050).
    "regencies-spares-refill": {"task": "regencies.spares_refill", "schedule": 5 * 60},
    # Notification retries, lost enqueues and dead workers' claims (tenants_app/notify).
    "notify-outbox-sweep": {
        "task": "satupintu.fanout",
        "args": ["notify.outbox_sweep"],
        "schedule": 60,
    },
    "complaints-reminders": {
        "task": "satupintu.fanout",
        "args": ["complaints.reminders_send"],
        "schedule": 15 * 60,
    },
    "complaints-autoclose": {
        "task": "satupintu.fanout",
        "args": ["complaints.autoclose"],
        "schedule": 60 * 60,
    },
    # Catalogue drafts scheduled to go live ("this fee applies from 1 January").
    "catalogue-publish-scheduled": {
        "task": "satupintu.fanout",
        "args": ["catalogue.publish_scheduled"],
        "schedule": 5 * 60,
    },
    # Closes each regency's past queue days and erases their phone numbers; hourly so it runs
    # soon after every regency's own midnight (WIB, WITA, WIT); a run that finds nothing is cheap.
    "queueing-day-close": {
        "task": "satupintu.fanout",
        "args": ["queueing.day_close"],
        "schedule": 60 * 60,
    },
    # The dashboard's daily rollup of the queue's finished days (tenants_app/surveys/rollup/).
    "surveys-queue-rollup": {
        "task": "satupintu.fanout",
        "args": ["surveys.queue_rollup"],
        "schedule": 60 * 60,
    },
    "complaints-contacts-erase": {
        "task": "satupintu.fanout",
        "args": ["complaints.contacts_erase"],
        "schedule": 24 * 60 * 60,
    },
}
# Regencies' WhatsApp/SMS tokens are Fernet-encrypted with this key, or with one derived from
# SECRET_KEY when empty (tenants_app/notify/crypto.py, docs/adr/0029). Other NOTIFY_* settings:
# tenants_app/notify/conf.py.
NOTIFY_ENCRYPTION_KEY = env.str("NOTIFY_ENCRYPTION_KEY", default="")
# A regency still `provisioning` with no live builder and no progress for this long is resumed
# by the sweep above, or marked `failed` after this many automatic resumes in a row.
REGENCY_STUCK_AFTER_SECONDS = env.int("REGENCY_STUCK_AFTER_SECONDS", default=15 * 60)
REGENCY_STUCK_RESUME_ATTEMPTS = env.int("REGENCY_STUCK_RESUME_ATTEMPTS", default=2)
