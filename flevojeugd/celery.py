import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "flevojeugd.settings")

app = Celery("flevojeugd")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# The region-wide report of the previous quarter, on the first working day of a quarter at
# 07:00 Amsterdam time: beat fires on the first days of the quarter's first week and the
# task itself decides (one working-day calendar) whether today is that day.
app.conf.beat_schedule = {
    "kwartaalrapportage": {
        "task": "rapportage.tasks.plan_kwartaalrapportage",
        "schedule": crontab(hour=7, minute=0, day_of_month="1-7", month_of_year="1,4,7,10"),
    },
    "wachtende-rapporten": {"task": "rapportage.tasks.herbied_wachtende_rapporten", "schedule": crontab(minute="*/5")},
    # One-time keys of double clicks and retries (kern/idempotentie.py) expire after 24 hours.
    "verzoeksleutels": {"task": "kern.tasks.verzoeksleutels_opruimen", "schedule": crontab(minute=17)},
}
