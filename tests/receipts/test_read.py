"""Reading one receipt: formats, the way up it was taken, and the printed forms of money
and dates."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import pytest
from PIL import Image

from harvestkit.receipts import DEFAULT_CATEGORIES, propose_category, read
from harvestkit.receipts._amounts import amounts_in, currency_in
from harvestkit.receipts._dates import date_in

from .corpus import receipt

TAXI = receipt(0)  # a flat PNG from City Cab Co, in dollars


def _image() -> Image.Image:
    return Image.open(io.BytesIO(TAXI.data))


def _saved(image: Image.Image, fmt: str, **options: object) -> bytes:
    out = io.BytesIO()
    image.save(out, fmt, **options)
    return out.getvalue()


def _heic() -> bytes:
    from pillow_heif import register_heif_opener

    register_heif_opener()
    return _saved(_image().convert("RGB"), "HEIF", quality=90)


def _exif_rotated() -> bytes:
    """A JPEG stored sideways with the EXIF tag that tells viewers to turn it upright."""
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90° clockwise to display
    stored = _image().convert("RGB").transpose(Image.Transpose.ROTATE_90)
    return _saved(stored, "JPEG", quality=90, exif=exif.tobytes())


VARIANTS = {
    "HEIC from a phone": _heic,
    "JPEG turned by its EXIF tag": _exif_rotated,
    "upside down": lambda: _saved(_image().rotate(180), "PNG"),
    "sideways, no EXIF": lambda: _saved(_image().transpose(Image.Transpose.ROTATE_270), "PNG"),
}


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_the_same_receipt_whatever_way_it_came(variant: str) -> None:
    got = read(VARIANTS[variant](), "taxi")
    assert got.total.value == TAXI.total
    assert got.date.value == TAXI.spent
    assert got.vendor.value == TAXI.vendor
    assert got.source == "ocr"


def test_a_reading_says_how_sure_it_is() -> None:
    got = read(TAXI.data, "taxi.png")
    assert got.total.confidence >= 0.9 and got.total.line and "TOTAL" in got.total.line.upper()
    assert got.currency.value == "USD" and got.currency.confidence < 0.9  # a bare "$"
    assert got.tax.value == TAXI.tax
    assert propose_category(got.vendor.value, got.lines, DEFAULT_CATEGORIES).name == "Travel"


@pytest.mark.parametrize(
    ("line", "amounts"),
    [
        ("TOTAL $1,234.56", ["1234.56"]),
        ("Summe 1.234,56 €", ["1234.56"]),
        ("Total 1 234,56 EUR", ["1234.56"]),
        ("Tax 8.25% $1.47", ["1.47"]),
        ("CHF 12.50  CHF 3.00", ["12.50", "3.00"]),
        ("Table 12  Guests 4", []),
    ],
)
def test_amounts(line: str, amounts: list[str]) -> None:
    assert amounts_in(line) == [Decimal(a) for a in amounts]


@pytest.mark.parametrize(
    ("line", "currency", "expected", "sure"),
    [
        ("Date: 2026-03-14", None, date(2026, 3, 14), True),
        ("14/03/2026 10:42", "EUR", date(2026, 3, 14), True),
        ("03/14/26", "USD", date(2026, 3, 14), True),
        ("03/04/2026", "USD", date(2026, 3, 4), False),
        ("03/04/2026", "GBP", date(2026, 4, 3), False),
        ("14.03.2026", "CHF", date(2026, 3, 14), True),
        ("14 Mar 2026", None, date(2026, 3, 14), True),
        ("March 14, 2026", None, date(2026, 3, 14), True),
        ("14-Mar-26", None, date(2026, 3, 14), True),
        ("14. März 2026", "EUR", date(2026, 3, 14), True),
        ("2 0ct 2026", None, date(2026, 10, 2), True),
    ],
)
def test_dates(line: str, currency: str | None, expected: date, sure: bool) -> None:
    found, confidence, _ = date_in([line], currency)
    assert found == expected
    assert (confidence >= 0.9) is sure


@pytest.mark.parametrize(
    ("lines", "code"),
    [
        (["Total 12.00 €"], "EUR"),
        (["TOTAL C$12.00"], "CAD"),
        (["Amount due 12.00", "All prices in GBP"], "GBP"),
        (["Total 120,00 kr"], "SEK"),
        (["Total 12.00"], None),
    ],
)
def test_currencies(lines: list[str], code: str | None) -> None:
    assert currency_in(lines)[0] == code


@pytest.mark.parametrize(
    ("vendor", "words", "categories", "expected"),
    [
        ("Uber", [], ("Travel", "Meals"), "Travel"),
        ("City Taxi", ["Fare 12.00"], ("Transportation", "Meals"), "Transportation"),
        ("Maple Inn", ["Room 2 nights"], ("Lodging", "Travel"), "Lodging"),
        ("Figma", ["Professional plan", "2 seats monthly"], ("Software", "Travel"), "Software"),
        ("Blue Door Bistro", ["Lunch"], ("Meals", "Travel"), "Meals"),
        ("Uber", [], ("Meals", "Software"), None),  # the account has no travel category
        ("ACME Ltd", ["Item 12.00"], ("Travel", "Meals"), None),  # nothing to go on: ask
    ],
)
def test_categories(
    vendor: str, words: list[str], categories: tuple[str, ...], expected: str | None
) -> None:
    assert propose_category(vendor, words, categories).name == expected
