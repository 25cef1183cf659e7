"""View glue shared by the apps: a service call whose outcome becomes a flash message."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest


def run_with_messages(request: HttpRequest, action: Callable[[], object], *, success: str) -> bool:
    """Run ``action``; say ``success``, or the ValidationError's messages, to the user.

    For POST-then-redirect actions whose refusal is a sentence, not a form to show again.
    """
    try:
        action()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return False
    messages.success(request, success)
    return True
