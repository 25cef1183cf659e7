"""Room on CPython's frame stack, against a slowdown of CPython 3.11–3.13 (gh-142183).

CPython 3.11 keeps Python frames in chunks of 16 KiB (the thread's "data stack"). When a
call does not fit in the current chunk, a new chunk is mapped (``mmap``); when that call
returns, the chunk is unmapped at once. So a loop whose body calls a function right at a
chunk's edge pays two system calls and a page fault per call. Where the edge falls depends
only on how deep the loop runs: the template ``{% for %}`` over 300 tasks of the Văn phòng's
plan page hit it (15,601 ``mmap``/``munmap`` calls in one request, measured with
``strace -c``; the staff member's, at another depth, made 2). CPython 3.14
keeps a spare chunk per thread, the fix of gh-142183, and does not have the problem.

:func:`call_with_room` calls a function from a frame that reserves a large value stack
(``co_stacksize``): a ~313 KiB frame. It does not fit in the current chunk, so CPython maps
one chunk big enough for it (sizes double from 16 KiB: 512 KiB), and every frame the call
pushes afterwards lands in the rest of that chunk, about 200 KiB, far from any edge. The
reserved slots are never written (a frame's value stack is not initialised), so the cost is
one ``mmap`` and one ``munmap`` per call. ``RoomyStackMiddleware`` (cchc/middleware.py) runs
each request through it; docs/performance.md has the figures.
"""

import sys
from collections.abc import Callable
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")

# 40,000 slots of 8 bytes: a ~313 KiB frame, so CPython maps a 512 KiB chunk for it.
ROOMY_STACK_SLOTS = 40_000

# CPython from 3.11 (frames in chunks) until 3.14 (one spare chunk kept).
NEEDS_ROOM = sys.implementation.name == "cpython" and (3, 11) <= sys.version_info[:2] < (3, 14)


def call_with_room(function: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> R:
    """``function(*args, **kwargs)``, called from a frame with room above it (see module)."""
    return function(*args, **kwargs)


if NEEDS_ROOM:
    # A larger value stack than the code needs is only reserved space: CPython sizes the
    # frame from it and never reads the slots the code does not use.
    call_with_room.__code__ = call_with_room.__code__.replace(co_stacksize=ROOMY_STACK_SLOTS)
