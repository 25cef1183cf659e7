"""The job travels through a real Redis broker (skipped unless REDIS_URL is set)."""

from __future__ import annotations

import pytest
from kombu import Queue

from cchc.celery import app
from reminders.jobs import send_deadline_reminders

pytestmark = pytest.mark.redis


def test_job_message_reaches_the_redis_queue():
    queue_name = "reminders-test"
    queue = Queue(queue_name, routing_key=queue_name)
    with app.connection_for_write() as conn:
        queue(conn.default_channel).declare()
        queue(conn.default_channel).purge()
        send_deadline_reminders.apply_async(queue=queue, connection=conn)
    with app.connection_for_read() as conn:
        message = queue(conn.default_channel).get(no_ack=True)
        queue(conn.default_channel).delete()
    assert message is not None
    assert message.headers["task"] == "reminders.send_deadline_reminders"
