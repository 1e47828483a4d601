"""Amounts of money as the settlement writes them: exact (``Decimal``), two decimals, the
locale's separators and the settlement's currency."""

from decimal import Decimal

from django.utils import numberformat
from django.utils.formats import get_format

SYMBOLS = {"ILS": "₪", "EUR": "€"}


class MoneyWriter:
    """Writes amounts in one currency, with the active language's separators read once:
    for a page of many amounts (the plan's). ``money`` writes one."""

    def __init__(self, currency: str) -> None:
        self.decimal = get_format("DECIMAL_SEPARATOR")
        # Hebrew's formats give no grouping; thousands are grouped in every language here.
        self.grouping = get_format("NUMBER_GROUPING") or 3
        self.thousands = get_format("THOUSAND_SEPARATOR")
        self.symbol = SYMBOLS.get(currency, currency)

    def __call__(self, amount: Decimal | int) -> str:
        number = numberformat.format(
            Decimal(amount),
            self.decimal,
            decimal_pos=2,
            grouping=self.grouping,
            thousand_sep=self.thousands,
            force_grouping=True,
        )
        # Hebrew, Slovenian and English all write the sign after the amount here ("1,200 ₪",
        # "1.200,00 €"); a no-break space keeps them on one line.
        return f"{number}\u00a0{self.symbol}"


def money(amount: Decimal | int, currency: str) -> str:
    """``amount`` in ``currency`` ("ILS" or "EUR"), e.g. "1,200.50 €" or "1.200,50 €"."""
    return MoneyWriter(currency)(amount)
