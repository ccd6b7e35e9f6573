"""A corpus of receipts with known truth, rendered here with Pillow (no files checked in).

Receipts vary the things real ones vary: the layout (amounts in a right-hand column, the
total on a line of its own, centred headers), the font (the DejaVu and Computer Modern
faces matplotlib ships, Pillow's own), the print size, the currency and how it is printed,
the date format, and how the receipt reached us: a flat scan, a photo a few degrees off,
a sideways photo, a blurred or noisy one, a PDF with a text layer, a scanned PDF.
Everything is derived from a fixed seed, so the corpus is the same on every run.
"""

from __future__ import annotations

import importlib.util
import io
import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from functools import cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

SEED = 20261205
CATEGORIES = ("Meals", "Travel", "Software", "Lodging", "Mileage", "Entertainment")
"""The demo account's expense categories (the sandbox seed's)."""

# vendor, truth category, item lines
VENDORS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("CITY CAB CO", "Travel", ("Taxi fare", "Airport surcharge")),
    ("Uber", "Travel", ("Trip fare", "Booking fee")),
    ("Amtrak", "Travel", ("Train ticket NYP-WAS", "Seat reservation")),
    ("Eurostar", "Travel", ("Train London-Paris", "Seat 42")),
    ("Metro Parking", "Travel", ("Parking 4 hours",)),
    ("Lyft", "Travel", ("Ride fare", "Service fee")),
    ("Grand Harbor Hotel", "Lodging", ("Room 2 nights", "City tax")),
    ("Maple Inn", "Lodging", ("Room 1 night", "Breakfast")),
    ("Hilton Garden", "Lodging", ("Guest room", "Parking")),
    ("Blue Door Bistro", "Meals", ("Lunch special", "Espresso", "Salad")),
    ("Luigi's Pizzeria", "Meals", ("Margherita pizza", "Sparkling water")),
    ("Corner Cafe", "Meals", ("Latte", "Sandwich")),
    ("Sakura Sushi", "Meals", ("Dinner set", "Green tea")),
    ("Figma", "Software", ("Professional plan", "2 seats monthly")),
    ("GitHub", "Software", ("Team plan subscription", "5 seats")),
    ("Adobe", "Software", ("Creative Cloud license", "Monthly")),
    ("JetBrains", "Software", ("IntelliJ IDEA annual subscription",)),
)
CURRENCIES = (
    ("USD", "${}", "mdy"),
    ("EUR", "{} €", "dmy"),
    ("GBP", "£{}", "dmy"),
    ("CAD", "C${}", "mdy"),
    ("CHF", "CHF {}", "dmy."),
    ("AUD", "A${}", "dmy"),
    ("USD", "{} USD", "iso"),
)
LAYOUTS = ("columns", "stacked", "centred")
DISTORTIONS = ("flat", "flat", "tilt", "tilt", "sideways", "blur", "noise", "jpeg")
FORMATS = ("png", "png", "jpeg", "tiff", "text-pdf", "scan-pdf")
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


@dataclass(frozen=True)
class Receipt:
    """One generated receipt and what it says."""

    name: str
    data: bytes
    vendor: str
    category: str
    total: Decimal
    currency: str
    spent: date
    tax: Decimal
    lines: tuple[str, ...] = field(repr=False)


def _money(amount: Decimal, pattern: str, comma: bool) -> str:
    text = f"{amount:,.2f}"
    if comma:
        text = text.replace(",", " ").replace(".", ",")
    return pattern.format(text)


def _date(day: date, style: str, rng: random.Random) -> str:
    choices = {
        "mdy": [f"{day:%m/%d/%Y}", f"{MONTHS[day.month - 1]} {day.day}, {day.year}"],
        "dmy": [f"{day:%d/%m/%Y}", f"{day.day} {MONTHS[day.month - 1]} {day.year}"],
        "dmy.": [f"{day:%d.%m.%Y}", f"{day:%d-}{MONTHS[day.month - 1]}-{day:%y}"],
        "iso": [f"{day:%Y-%m-%d}"],
    }[style]
    return rng.choice(choices)


@cache
def fonts() -> tuple[str | None, ...]:
    """Font files: matplotlib's DejaVu and Computer Modern faces; None is Pillow's own."""
    spec = importlib.util.find_spec("matplotlib")
    assert spec is not None and spec.origin is not None, "matplotlib ships the corpus fonts"
    ttf = Path(spec.origin).parent / "mpl-data" / "fonts" / "ttf"
    names = ("DejaVuSansMono.ttf", "DejaVuSans.ttf", "DejaVuSerif.ttf", "DejaVuSans-Bold.ttf")
    return (*(str(ttf / n) for n in names), None)


def _font(path: str | None, size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    if path is None:
        return ImageFont.load_default(size)
    return ImageFont.truetype(path, size)


def _content(rng: random.Random, index: int) -> tuple[dict[str, object], list[tuple[str, str]]]:
    vendor, category, items = VENDORS[index % len(VENDORS)]
    code, pattern, style = CURRENCIES[index % len(CURRENCIES)]
    comma = code in ("EUR",) and rng.random() < 0.7
    spent = date(2026, 1, 1) + timedelta(days=rng.randrange(330))
    prices = [Decimal(rng.randrange(250, 9000)) / 100 for _ in items]
    subtotal = sum(prices, Decimal(0))
    tax = (subtotal * Decimal(rng.choice(("0.05", "0.08", "0.1", "0.2")))).quantize(Decimal("0.01"))
    total = subtotal + tax
    money = lambda a: _money(a, pattern, comma)  # noqa: E731
    tax_word = {"EUR": "MwSt", "GBP": "VAT", "CHF": "MWST", "AUD": "GST", "CAD": "HST"}.get(
        code, "Tax"
    )
    rows: list[tuple[str, str]] = [(vendor, "")]
    rows.append((rng.choice(("12 Harbour Street", "400 Main St", "Bahnhofstrasse 5")), ""))
    rows.append((f"Date: {_date(spent, style, rng)}", ""))
    rows.append(("", ""))
    rows += [(item, money(p)) for item, p in zip(items, prices, strict=True)]
    rows.append(("Subtotal", money(subtotal)))
    rows.append((tax_word, money(tax)))
    rows.append((rng.choice(("TOTAL", "Total", "Amount due", "TOTAL DUE")), money(total)))
    rows.append(("", ""))
    rows.append((rng.choice(("Thank you!", "Card ****4421", "Please come again")), ""))
    truth = {
        "vendor": vendor,
        "category": category,
        "total": total,
        "currency": code,
        "spent": spent,
        "tax": tax,
    }
    return truth, rows


def _render(
    rows: list[tuple[str, str]], layout: str, font_path: str | None, size: int
) -> Image.Image:
    font = _font(font_path, size)
    step = int(size * 1.5)
    width = size * 22
    height = step * (len(rows) + 3)
    image = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(image)
    y = step
    for index, (label, amount) in enumerate(rows):
        if layout == "centred" and index < 3:
            w = draw.textlength(label, font=font)
            draw.text(((width - w) / 2, y), label, font=font, fill=0)
        elif layout == "stacked" and amount and index == len(rows) - 3:
            draw.text((size, y), label, font=font, fill=0)
            y += step
            w = draw.textlength(amount, font=font)
            draw.text((width - size - w, y), amount, font=font, fill=0)
        else:
            draw.text((size, y), label, font=font, fill=0)
            if amount:
                w = draw.textlength(amount, font=font)
                draw.text((width - size - w, y), amount, font=font, fill=0)
        y += step
    return image.crop((0, 0, width, y + step))


def _distort(image: Image.Image, how: str, rng: random.Random) -> Image.Image:
    if how == "tilt":
        return image.rotate(rng.choice((-1, 1)) * rng.uniform(2, 8), expand=True, fillcolor=235)
    if how == "sideways":
        return image.transpose(Image.Transpose.ROTATE_90)
    if how == "blur":
        return image.filter(ImageFilter.GaussianBlur(0.9))
    if how == "noise":
        noise = Image.effect_noise(image.size, 40).point(lambda v: 255 if v > 60 else 0)
        return Image.composite(image, Image.new("L", image.size, 150), noise)
    return image


def text_pdf(lines: list[str], *, font: str = "Helvetica", size: int = 10) -> bytes:
    """A one-page PDF whose text is a real text layer (a base-14 font, no embedding)."""

    def escape(s: str) -> str:
        return s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    ops = [f"BT /F1 {size} Tf 30 {40 + len(lines) * size * 1.4:.0f} Td {size * 1.4:.0f} TL"]
    ops += [f"({escape(line)}) Tj T*" for line in lines]
    ops.append("ET")
    stream = "\n".join(ops).encode("cp1252")
    height = 80 + len(lines) * size * 1.4
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 {height:.0f}] "
        "/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>".encode(),
        f"<< /Type /Font /Subtype /Type1 /BaseFont /{font} /Encoding /WinAnsiEncoding >>".encode(),
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.writelines(b"%010d 00000 n \n" % offset for offset in offsets)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    )
    return out.getvalue()


def _encode(image: Image.Image, fmt: str, rng: random.Random) -> tuple[bytes, str]:
    out = io.BytesIO()
    if fmt == "jpeg":
        image.convert("RGB").save(out, "JPEG", quality=rng.choice((70, 85, 95)))
        return out.getvalue(), "jpg"
    if fmt == "tiff":
        image.save(out, "TIFF", compression="tiff_lzw")
        return out.getvalue(), "tif"
    if fmt == "scan-pdf":
        image.convert("RGB").save(out, "PDF", resolution=150)
        return out.getvalue(), "pdf"
    image.save(out, "PNG")
    return out.getvalue(), "png"


def receipt(index: int) -> Receipt:
    """The corpus's receipt number `index` (any non-negative integer)."""
    rng = random.Random(SEED + index)
    truth, rows = _content(rng, index)
    fmt = FORMATS[index % len(FORMATS)]
    lines = [f"{label}  {amount}".strip() for label, amount in rows if label or amount]
    if fmt == "text-pdf":
        data, ext = text_pdf(lines, font=rng.choice(("Helvetica", "Courier", "Times-Roman"))), "pdf"
    else:
        font = fonts()[index % len(fonts())]
        layout = LAYOUTS[index % len(LAYOUTS)]
        image = _render(rows, layout, font, rng.choice((15, 17, 19, 22)))
        how = "flat" if fmt == "scan-pdf" else DISTORTIONS[(index // 2) % len(DISTORTIONS)]
        image = _distort(image, how, rng)
        data, ext = _encode(image, "jpeg" if how == "jpeg" else fmt, rng)
    return Receipt(name=f"receipt-{index:02d}.{ext}", data=data, lines=tuple(lines), **truth)  # type: ignore[arg-type]


def corpus(count: int = 42) -> list[Receipt]:
    """The first `count` receipts."""
    return [receipt(i) for i in range(count)]


def simple_receipt(
    vendor: str, items: list[tuple[str, Decimal]], spent: date, *, tax: Decimal = Decimal(0)
) -> tuple[bytes, Decimal]:
    """A flat PNG receipt in dollars (month-first date) and its total, for stories."""
    total = sum((p for _, p in items), Decimal(0)) + tax
    rows = [(vendor, ""), ("400 Main St", ""), (f"Date: {spent:%m/%d/%Y}", ""), ("", "")]
    rows += [(label, f"${price:,.2f}") for label, price in items]
    if tax:
        rows.append(("Tax", f"${tax:,.2f}"))
    rows += [("TOTAL", f"${total:,.2f}"), ("", ""), ("Thank you!", "")]
    image = _render(rows, "columns", fonts()[0], 17)
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue(), total
