from django.apps import AppConfig


class ParConfig(AppConfig):
    name = "par"
    verbose_name = "Chỉ số CCHC"
