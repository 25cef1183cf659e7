"""Celery really registers each job under the name beat and callers use.

A job whose module autodiscovery misses, or whose ``name=`` drifts from the beat schedule,
is silently never run: beat sends a name no worker knows.
"""

import pytest
from django_celery_beat.models import PeriodicTask

from cchc.celery import app

JOBS = {"reminders.send_deadline_reminders", "audit.purge_audit_log"}


@pytest.fixture(scope="module")
def registered() -> set[str]:
    app.loader.import_default_modules()
    return {name for name in app.tasks if not name.startswith("celery.")}


def test_every_job_is_registered_by_name(registered):
    assert registered >= JOBS


@pytest.mark.django_db
def test_every_scheduled_job_is_a_registered_one(registered):
    # The schedules come from data migrations, so the test database holds them.
    scheduled = set(PeriodicTask.objects.values_list("task", flat=True))
    assert scheduled >= JOBS
    assert scheduled <= registered


def test_registered_jobs_are_the_project_functions(registered):
    # Imported here, not at the top: a top-level import would register the jobs itself and
    # hide an autodiscovery that misses them.
    from audit.jobs import purge_audit_log
    from reminders.jobs import send_deadline_reminders

    assert app.tasks["reminders.send_deadline_reminders"].run is send_deadline_reminders.run
    assert app.tasks["audit.purge_audit_log"].run is purge_audit_log.run
