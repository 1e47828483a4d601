"""Welfare data encrypted at rest: a text field whose column holds only a Fernet token,
under keys of its own (``settings.WELFARE_KEYS``, never ``SECRET_KEY``).

- Written with the newest key; read with any of the keys (``MultiFernet``), so keys can
  be rotated: add a new key in front, run ``manage.py welfare_rotate_keys``, then drop the
  old one.
- A value no key opens raises ``UndecryptableValue``: the product never shows ciphertext
  in place of a note, and never a blank that looks like an empty note.
- The column cannot be searched or ordered by (each token is random): only ``isnull``.
- Tokens carry the time they were made; nothing else about the text leaks but its length
  rounded up to the cipher's block.
"""

from functools import lru_cache
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models

PREFIX = "fernet:"


class UndecryptableValue(Exception):
    """A stored value that none of the configured keys opens (a wrong or missing key)."""


@lru_cache(maxsize=4)
def _cipher(keys: tuple[str, ...]) -> MultiFernet:
    if not keys:
        raise ImproperlyConfigured("WELFARE_KEYS is empty: welfare data cannot be read or written.")
    try:
        return MultiFernet([Fernet(key.encode()) for key in keys])
    except ValueError as error:
        raise ImproperlyConfigured(f"A key of WELFARE_KEYS is not a Fernet key: {error}") from None


def cipher() -> MultiFernet:
    return _cipher(tuple(settings.WELFARE_KEYS))


def encrypt(text: str) -> str:
    return PREFIX + cipher().encrypt(text.encode()).decode()


def decrypt(stored: str) -> str:
    if not stored.startswith(PREFIX):
        raise UndecryptableValue("The stored value is not an encrypted welfare value.")
    try:
        return cipher().decrypt(stored.removeprefix(PREFIX).encode()).decode()
    except InvalidToken:
        raise UndecryptableValue(
            "No key of WELFARE_KEYS opens this value: is the right key configured?"
        ) from None


def rotate(stored: str) -> str:
    """``stored`` encrypted again with the newest key (readable by it alone from now)."""
    if not stored.startswith(PREFIX):
        raise UndecryptableValue("The stored value is not an encrypted welfare value.")
    try:
        token = cipher().rotate(stored.removeprefix(PREFIX).encode())
    except InvalidToken:
        raise UndecryptableValue("No key of WELFARE_KEYS opens this value.") from None
    return PREFIX + token.decode()


class EncryptedTextField(models.TextField):
    """Text stored encrypted; ``""`` is stored encrypted too (an empty note is not told
    apart from a written one by the column)."""

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> str | None:
        if value is None:
            return None
        return decrypt(value)

    def to_python(self, value: Any) -> Any:
        if isinstance(value, str) and value.startswith(PREFIX):
            return decrypt(value)
        return value

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        if value is None:
            return None
        return encrypt(str(value))

    def get_lookup(self, lookup_name: str) -> Any:
        if lookup_name != "isnull":
            raise TypeError(f"An encrypted field cannot be searched ({lookup_name}).")
        return super().get_lookup(lookup_name)
