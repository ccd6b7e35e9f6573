"""Dates as receipts print them: 2026-03-14, 14/03/2026, 03/14/26, 14.03.2026,
14 Mar 2026, March 14, 2026, 14-Mar-26, 14. März 2026.

Day and month in "03/04/2026" are ambiguous: a part above 12 settles it, else the currency
does (dollars in North America put the month first), and the reading is marked unsure.
"""

from __future__ import annotations

import re
from datetime import date

__all__ = ["date_in"]

_MONTHS = {
    "jan": 1, "january": 1, "janv": 1, "januar": 1, "janvier": 1, "ene": 1,
    "feb": 2, "february": 2, "fev": 2, "févr": 2, "fevr": 2, "februar": 2,
    "mar": 3, "march": 3, "mär": 3, "märz": 3, "maerz": 3, "mars": 3,
    "apr": 4, "april": 4, "avr": 4, "avril": 4,
    "may": 5, "mai": 5,
    "jun": 6, "june": 6, "juin": 6, "juni": 6,
    "jul": 7, "july": 7, "juil": 7, "juillet": 7, "juli": 7,
    "aug": 8, "august": 8, "août": 8, "aout": 8,
    "sep": 9, "sept": 9, "september": 9, "septembre": 9,
    "oct": 10, "october": 10, "okt": 10, "oktober": 10, "octobre": 10,
    "nov": 11, "november": 11, "novembre": 11,
    "dec": 12, "december": 12, "dez": 12, "dezember": 12, "déc": 12, "décembre": 12,
}  # fmt: skip
_MONTH = r"([0A-Za-zÀ-ÿ][A-Za-zÀ-ÿ]{2,8})\.?"
_YEAR = r"(\d{4}|\d{2})"
_ISO = re.compile(r"(?<!\d)(20\d{2})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)")
_NUMERIC = re.compile(r"(?<![\d.])(\d{1,2})\s?([/.-])\s?(\d{1,2})\s?\2\s?" + _YEAR + r"(?![\d])")
_DAY_MONTH = re.compile(r"(?<!\d)(\d{1,2})\.?[\s-]" + _MONTH + r"[\s,-]+" + _YEAR + r"(?!\d)")
_MONTH_DAY = re.compile(_MONTH + r"\s(\d{1,2}),?\s" + _YEAR + r"(?!\d)")
_MONTH_FIRST = ("USD", "CAD", None)


def _year(text: str) -> int:
    value = int(text)
    return value + 2000 if value < 100 else value


def _make(year: int, month: int, day: int) -> date | None:
    try:
        made = date(year, month, day)
    except ValueError:
        return None
    return made if 2000 <= made.year <= 2099 else None


def _month(word: str) -> int | None:
    # OCR reads the O of "Oct" as a zero at times.
    return _MONTHS.get(word.lower().rstrip(".").replace("0", "o"))


def _numeric(m: re.Match[str], currency: str | None) -> tuple[date | None, float]:
    a, sep, b, year = int(m.group(1)), m.group(2), int(m.group(3)), _year(m.group(4))
    if a > 12 or sep == ".":
        return _make(year, b, a), 0.95
    if b > 12:
        return _make(year, a, b), 0.95
    if a == b:
        return _make(year, a, b), 0.95
    if currency in _MONTH_FIRST:
        return _make(year, a, b), 0.6
    return _make(year, b, a), 0.6


def _on_line(line: str, currency: str | None) -> tuple[date | None, float]:
    if m := _ISO.search(line):
        return _make(int(m.group(1)), int(m.group(2)), int(m.group(3))), 0.95
    if (m := _DAY_MONTH.search(line)) and (month := _month(m.group(2))):
        return _make(_year(m.group(3)), month, int(m.group(1))), 0.95
    if (m := _MONTH_DAY.search(line)) and (month := _month(m.group(1))):
        return _make(_year(m.group(3)), month, int(m.group(2))), 0.95
    if m := _NUMERIC.search(line):
        return _numeric(m, currency)
    return None, 0.0


def date_in(lines: list[str], currency: str | None) -> tuple[date | None, float, str | None]:
    """The receipt's date (a line labelled as the date first), how sure, and its line."""
    labelled = [line for line in lines if re.search(r"\b(date|datum)\b", line, re.IGNORECASE)]
    for line in labelled + lines:
        found, confidence = _on_line(line, currency)
        if found is not None:
            return found, confidence, line
    return None, 0.0, None
