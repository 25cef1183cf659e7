"""Language choice: Vietnamese unless the user picked another language on purpose."""

from django.conf import settings
from django.utils import translation


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
