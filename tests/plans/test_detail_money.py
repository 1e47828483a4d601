"""The plan page writes its many amounts with ``committees.money.MoneyWriter``, which reads
the language's separators once: the text must be ``money``'s, in every language."""

from decimal import Decimal

from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from committees.money import MoneyWriter, money

amounts = st.integers(min_value=-(10**12), max_value=10**12).map(lambda n: Decimal(n).scaleb(-2))


@settings(max_examples=60, deadline=None)
@given(amount=amounts, language=st.sampled_from(["en", "sl", "he"]))
def test_the_page_writes_money_as_money_does(amount, language):
    with translation.override(language):
        for currency in ("ILS", "EUR"):
            assert MoneyWriter(currency)(amount) == money(amount, currency)
