"""Room on the frame stack (cchc/frame_stack.py): the chunk-edge slowdown and its remedy.

The slowdown is seen through page faults: a call at a chunk's edge maps a fresh chunk and
touches it, one minor page fault per call; above the roomy frame, no depth faults.
"""

import resource
import sys

import pytest
from django.conf import settings
from django.http import HttpResponse
from django.test import RequestFactory
from django.test.signals import template_rendered
from django.urls import reverse

from cchc.celery import RoomyTask
from cchc.frame_stack import NEEDS_ROOM, ROOMY_STACK_SLOTS, call_with_room
from cchc.middleware import RoomyStackMiddleware

CALLS = 300
DEPTHS = 400  # a 16 KiB chunk holds ~130 frames of ``_faults_at_depth``: three edges

needs_room = pytest.mark.skipif(
    not (NEEDS_ROOM and sys.platform == "linux"),
    reason="CPython 3.11–3.13 on Linux (page faults read from getrusage)",
)


def _leaf(a=0, b=0, c=0, d=0, e=0, f=0, g=0, h=0, i=0, j=0, k=0, m=0, n=0, p=0, q=0, r=0):
    """A frame larger than ``_faults_at_depth``'s, so it misses the room left at every edge.

    (A smaller one misses it only where the chunk's last free slots happen to be fewer
    than its size, which depends on both frames' sizes.)
    """
    return None


def _minor_faults() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_minflt


def _faults_at_depth(depth: int) -> int:
    """Page faults of ``CALLS`` calls to a leaf function, ``depth`` frames further down."""
    if depth:
        return _faults_at_depth(depth - 1)
    before = _minor_faults()
    for _ in range(CALLS):
        _leaf()
    return _minor_faults() - before


def _thrashing_depths() -> list[int]:
    """Depths where (nearly) every call faulted: the call sat at a chunk's edge."""
    faults = [_faults_at_depth(depth) for depth in range(DEPTHS)]
    return [depth for depth, count in enumerate(faults) if count >= CALLS * 0.9]


@needs_room
def test_a_call_at_a_chunk_edge_maps_a_fresh_chunk_each_time():
    # The control: without room, some depths fault on every call (this is what to fix).
    assert _thrashing_depths()


@needs_room
def test_above_the_roomy_frame_no_depth_thrashes():
    assert call_with_room(_thrashing_depths) == []


def test_call_with_room_passes_arguments_results_and_errors():
    assert call_with_room(divmod, 17, 5) == (3, 2)
    assert call_with_room(dict, a=1) == {"a": 1}
    with pytest.raises(ZeroDivisionError):
        call_with_room(divmod, 1, 0)


def _roomy_frames_above() -> int:
    frame = sys._getframe(1)
    count = 0
    while frame is not None:
        count += frame.f_code.co_stacksize >= ROOMY_STACK_SLOTS
        frame = frame.f_back
    return count


@needs_room
def test_the_middleware_runs_the_response_above_a_roomy_frame():
    seen = []

    def get_response(request):
        seen.append(_roomy_frames_above())
        return HttpResponse("ok")

    response = RoomyStackMiddleware(get_response)(RequestFactory().get("/"))

    assert response.content == b"ok"
    assert seen == [1]


def test_the_middleware_comes_first_so_every_other_runs_above_it():
    assert settings.MIDDLEWARE[0] == "cchc.middleware.RoomyStackMiddleware"


@needs_room
def test_a_page_renders_above_one_roomy_frame(client):
    seen = []

    def look(sender, **kwargs):
        seen.append(_roomy_frames_above())

    template_rendered.connect(look)
    try:
        response = client.get(reverse("login"))
    finally:
        template_rendered.disconnect(look)

    assert response.status_code == 200
    assert seen and set(seen) == {1}


@needs_room
def test_every_job_runs_above_a_roomy_frame():
    from cchc.celery import app

    app.loader.import_default_modules()
    jobs = [task for name, task in app.tasks.items() if not name.startswith("celery.")]
    probe = app.task(name="tests.roomy_probe", shared=False)(_roomy_frames_above)
    try:
        assert jobs and all(isinstance(task, RoomyTask) for task in jobs)
        assert probe.apply().get() == 1
    finally:
        app.tasks.unregister(probe.name)


@needs_room
def test_management_commands_run_above_a_roomy_frame(monkeypatch):
    import manage

    seen = []
    # main() sets DEBUG by default; set here, pytest restores the environment afterwards.
    monkeypatch.setenv("DEBUG", "true")
    monkeypatch.setattr(
        "django.core.management.execute_from_command_line",
        lambda argv: seen.append(_roomy_frames_above()),
    )
    manage.main()

    assert seen == [1]
