"""The django-import-export base every downloadable resource derives from (no live formulas)."""

from __future__ import annotations

from import_export import resources

from common.spreadsheets import escape_cell, unescape_cell


class FormulaSafeResource(resources.ModelResource):
    """A ModelResource whose exports are escaped and whose imports undo the escaping.

    Every resource the admin offers for download derives from this class (a test walks
    them all), so a new resource is safe by inheriting it.
    """

    def export_field(self, field, instance, **kwargs):
        value = super().export_field(field, instance, **kwargs)
        # IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT turns every cell into str(cell): an empty
        # value of a native-typed (.xlsx) export would become the text "None", which the
        # import then cannot read back. An empty cell is the same thing to a spreadsheet.
        return "" if value is None else escape_cell(value)

    def before_import_row(self, row, **kwargs):
        super().before_import_row(row, **kwargs)
        for key, value in list(row.items()):
            row[key] = unescape_cell(value)
