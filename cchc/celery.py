"""Celery application.

Jobs live in each app's ``jobs.py`` (not ``tasks.py``) because ``tasks`` is the name
of a domain app here; autodiscovery looks for that module name.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cchc.settings")

app = Celery("cchc")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks(related_name="jobs")
