"""Room on the frame stack for each request, language choice (Vietnamese unless the user
picked another), the Permissions-Policy, the project's 404 page in development, and a busy
SQLite database answered with a 503."""

import logging

from django.conf import settings
from django.db import OperationalError
from django.http import Http404, HttpResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.views.defaults import page_not_found

from cchc.frame_stack import call_with_room

logger = logging.getLogger(__name__)


class ChosenLanguageMiddleware:
    """Activate the language from the set_language cookie, else ``LANGUAGE_CODE``.

    Django's LocaleMiddleware also follows the browser's Accept-Language header; many
    civil servants' browsers are set to English, and they would get English labels
    and comma-grouped money. Here the UI stays Vietnamese until someone chooses.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.available = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in self.available else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


# The app needs none of the browser's powerful features; an injected script gets none either.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
)


class PermissionsPolicyMiddleware:
    """Send ``Permissions-Policy`` (Django 5.2 has no setting for it)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


class ProjectNotFoundPageMiddleware:
    """With DEBUG on, show ordinary users the project's 404 page; staff keep Django's.

    Django answers a 404 with its technical page (URL patterns, settings hints) whenever
    DEBUG is on, and ``make run`` runs with DEBUG on: a demo user following a stale link
    would meet an English developer page. Turned off, Django renders 404.html itself.
    Sits inside every other middleware except axes, so headers, audit and the slash
    redirect still apply to the page it returns.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if settings.DEBUG and response.status_code == 404 and not _is_staff(request):
            return page_not_found(request, Http404())
        return response


def _is_staff(request) -> bool:
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_staff)


def is_database_busy(error: BaseException) -> bool:
    """SQLite's "database is locked": a writer held the lock past the busy timeout."""
    return isinstance(error, OperationalError) and "database is locked" in str(error)


class DatabaseBusyMiddleware:
    """A write that waited out SQLite's 30 s busy timeout becomes a Vietnamese 503, not a 500.

    The busy timeout (cchc/settings.py) already makes a request wait while the worker
    writes; this is what is left when a long import or backup holds the lock longer.
    The page asks the user to try again; ``Retry-After`` tells a client when.
    """

    RETRY_AFTER_SECONDS = 10

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not is_database_busy(exception):
            return None
        logger.warning("Database busy on %s %s: answered 503", request.method, request.path)
        # No context processors: they would read the very database that is busy.
        page = render_to_string("database_busy.html", {"path": request.get_full_path()})
        response = HttpResponse(page, status=503)
        response["Retry-After"] = str(self.RETRY_AFTER_SECONDS)
        return response


class RoomyStackMiddleware:
    """First in MIDDLEWARE: the rest of the request runs with room on the frame stack.

    On CPython 3.11–3.13 a page whose template loop runs at a frame-chunk edge maps and
    unmaps memory on every call (cchc/frame_stack.py); above this frame the request's
    frames share one large chunk.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return call_with_room(self.get_response, request)
