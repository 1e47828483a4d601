"""Amounts of money as the settlement writes them: exact (``Decimal``), two decimals, the
locale's separators and the settlement's currency."""

from decimal import Decimal

from django.utils import numberformat
from django.utils.formats import get_format

SYMBOLS = {"ILS": "₪", "EUR": "€"}


def money(amount: Decimal | int, currency: str) -> str:
    """``amount`` in ``currency`` ("ILS" or "EUR"), e.g. "1,200.50 €" or "1.200,50 €"."""
    number = numberformat.format(
        Decimal(amount),
        get_format("DECIMAL_SEPARATOR"),
        decimal_pos=2,
        # Hebrew's formats give no grouping; thousands are grouped in every language here.
        grouping=get_format("NUMBER_GROUPING") or 3,
        thousand_sep=get_format("THOUSAND_SEPARATOR"),
        force_grouping=True,
    )
    # Hebrew, Slovenian and English all write the sign after the amount here ("1,200 ₪",
    # "1.200,00 €"); a no-break space keeps them on one line.
    return f"{number}\u00a0{SYMBOLS.get(currency, currency)}"
