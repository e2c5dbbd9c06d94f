"""Cells of spreadsheets we write (organisers' exports, admin exports): text that no spreadsheet runs.

A buyer who calls their company `=HYPERLINK("http://evil","x")` must not get a live formula into an
organiser's Excel. Following OWASP's advice on CSV injection, text that a spreadsheet would read as a
formula gets a leading apostrophe, which Excel and LibreOffice show as plain text.
"""

from typing import Any

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

# What a spreadsheet may read as the start of a formula; tab and carriage return too, since some applications
# drop them and then see the next character.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
REPLACEMENT = "\ufffd"


def spreadsheet_cell(value: Any) -> Any:
    """The value to write in a cell: text made inert, anything else (numbers, dates, None) as it is."""
    if not isinstance(value, str):
        return value
    # Control characters openpyxl refuses in a cell would fail the whole Excel file; CSV gets the same text.
    value = ILLEGAL_CHARACTERS_RE.sub(REPLACEMENT, value)
    if value.startswith(FORMULA_STARTS) or value.lstrip().startswith(FORMULA_STARTS):
        return "'" + value
    return value
