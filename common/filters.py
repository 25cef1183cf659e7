"""django-filter filters shared by the list and dashboard filter sets."""

from __future__ import annotations

import django_filters
from django_filters.fields import ModelMultipleChoiceField

from common.forms import KeyRangeMixin


class KeyRangeModelMultipleChoiceField(KeyRangeMixin, ModelMultipleChoiceField):
    pass


class ModelMultipleChoiceFilter(django_filters.ModelMultipleChoiceFilter):
    """django-filter's, refusing an id out of a key's range as an invalid choice."""

    field_class = KeyRangeModelMultipleChoiceField
