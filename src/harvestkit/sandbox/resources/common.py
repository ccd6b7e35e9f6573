"""Pieces several resources share: filters, embedded objects, currency codes."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Row, Select, Table

from ..context import Ctx
from ..errors import unprocessable

# ISO 4217 codes Harvest accepts (API-NOTES §7, "Supported Currencies").
CURRENCIES = frozenset(
    """AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN
    BWP BYN BYR BZD CAD CDF CHF CLP CNY COP CRC CUC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR
    FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HRK HTG HUF IDR ILS INR IQD IRR ISK JMD JOD
    JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LTL LVL LYD MAD MDL MGA MKD MMK
    MNT MOP MRO MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN
    PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SKK SLL SOS SRD SSP STD STN SVC SYP SZL
    THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD UYU UZS VEF VES VND VUV WST XAF XAG XAU XBA
    XBB XBC XBD XCD XDR XOF XPD XPF XPT YER ZAR ZMK ZMW""".split()  # noqa: SIM905
)


def check_currency(code: str) -> str:
    code = code.strip().upper()
    if code not in CURRENCIES:
        raise unprocessable("Currency is not included in the list")
    return code


def updated_since(ctx: Ctx, query: Select[Any], table: Table) -> Select[Any]:
    """`updated_since` filter: records updated at or after the given moment."""
    since = ctx.params.datetime("updated_since")
    return query if since is None else query.where(table.c.updated_at >= since)


def ref(row: Row[Any] | None, *fields: str) -> dict[str, Any] | None:
    """An embedded object like `{"id": 1, "name": "x"}` (None when the row is missing)."""
    if row is None:
        return None
    return {"id": row.id, **{f: getattr(row, f) for f in fields}}
