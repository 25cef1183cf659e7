"""Rows written with ``executemany``, for the scale data's large tables.

``QuerySet.bulk_create`` builds a model instance per row and prepares every value through
its field: about 80 µs a row, which for 100,000 tasks and their 400,000 assignments,
entries and files is minutes. Here a row is a dict of column values with keys chosen in
advance (so children can point at parents before anything is written), values are adapted
once per field type, and each table is one ``executemany``. Only the generator uses it;
the app writes through the ORM.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

from django.core.management.color import no_style
from django.db import connection, models
from django.utils import timezone


class RowTable:
    """The new rows of one model's table; ``add`` returns the key the row will have."""

    def __init__(self, model: type[models.Model]) -> None:
        self.model = model
        self.fields = list(model._meta.concrete_fields)
        now = timezone.now()
        self.defaults = {f.attname: _default(f, now) for f in self.fields}
        self.adapters = [_adapter(f) for f in self.fields]
        last = model._base_manager.order_by("-pk").values_list("pk", flat=True).first()
        self.next_key = (last or 0) + 1
        self.rows: list[dict] = []

    def add(self, **values) -> int:
        key = self.next_key
        self.next_key += 1
        values["id"] = key
        self.rows.append(values)
        return key

    def write(self, batch: int = 5000) -> int:
        """Insert every row, then move the key sequence past them (PostgreSQL)."""
        if not self.rows:
            return 0
        table = connection.ops.quote_name(self.model._meta.db_table)
        columns = ", ".join(connection.ops.quote_name(f.column) for f in self.fields)
        marks = ", ".join(["%s"] * len(self.fields))
        sql = f"INSERT INTO {table} ({columns}) VALUES ({marks})"
        names = [f.attname for f in self.fields]
        pairs = list(zip(names, self.adapters, strict=True))
        with connection.cursor() as cursor:
            for start in range(0, len(self.rows), batch):
                chunk = self.rows[start : start + batch]
                cursor.executemany(sql, [_values(row, pairs, self.defaults) for row in chunk])
            for statement in connection.ops.sequence_reset_sql(no_style(), [self.model]):
                cursor.execute(statement)
        return len(self.rows)


def _values(row: dict, pairs, defaults: dict) -> tuple:
    return tuple(adapt(row[name] if name in row else defaults[name]) for name, adapt in pairs)


def _default(field: models.Field, now: dt.datetime):
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return now
    return field.get_default()


def _adapter(field: models.Field) -> Callable:
    ops = connection.ops
    if isinstance(field, models.DateTimeField):
        return ops.adapt_datetimefield_value
    if isinstance(field, models.DateField):
        return ops.adapt_datefield_value
    if isinstance(field, models.DecimalField):
        return lambda value: (
            None
            if value is None
            else ops.adapt_decimalfield_value(
                Decimal(value), field.max_digits, field.decimal_places
            )
        )
    if isinstance(field, models.CharField | models.TextField | models.FileField):
        # TextChoices members become plain strings, which every driver accepts.
        return lambda value: None if value is None else str(value)
    return _same


def _same(value):
    return value
