"""Check-in answers encrypted at rest, with keys kept outside the database.

The library is `cryptography`'s Fernet (AES-128 in CBC mode with an HMAC-SHA256 tag, from
the Python Cryptographic Authority), through `MultiFernet`, so keys can be rotated: the first
key encrypts, every key listed decrypts.

Where the keys come from:
- Production: `GOLDENTHREAD_WELLBEING_KEYS`, one or more Fernet keys separated by commas
  (make one with `python -c "from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())"`).
  `manage.py check --deploy` reports an error when it is not set (`checks.py`).
- The demo and the tests, when it is not set: a key derived from `SECRET_KEY` (HKDF-SHA256),
  which lives in the settings, not in the database. A copy of the database alone still
  reads as ciphertext.

A stored value is the Fernet token as text; `EncryptedTextField` and `EncryptedJSONField`
encrypt on the way in and decrypt on the way out, so nothing else in the app handles keys.

An encrypted field cannot be filtered on in the database: each encryption of the same text
differs, so `filter(in_own_words="")` or `exclude(...)` matches nothing (or everything). Read
the rows and look at the values in Python.
"""

from __future__ import annotations

import base64
import json
import os
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.db import models

KEYS_VARIABLE = "GOLDENTHREAD_WELLBEING_KEYS"


def keys_from_environment() -> list[str]:
    return [key.strip() for key in os.environ.get(KEYS_VARIABLE, "").split(",") if key.strip()]


def _key_from_secret() -> bytes:
    derived = HKDF(algorithm=hashes.SHA256(), length=32, salt=b"goldenthread-wellbeing", info=b"check-in answers").derive(settings.SECRET_KEY.encode())
    return base64.urlsafe_b64encode(derived)


@lru_cache(maxsize=4)
def _cipher(keys: tuple[str, ...], secret: str) -> MultiFernet:
    if keys:
        return MultiFernet([Fernet(key.encode()) for key in keys])
    return MultiFernet([Fernet(_key_from_secret())])


def cipher() -> MultiFernet:
    return _cipher(tuple(keys_from_environment()), settings.SECRET_KEY)


def encrypt(text: str) -> str:
    return cipher().encrypt(text.encode()).decode()


def decrypt(token: str) -> str:
    try:
        return cipher().decrypt(token.encode()).decode()
    except InvalidToken as error:  # a wrong or missing key: say so, never show the ciphertext
        raise ValueError(f"A wellbeing check-in could not be read: check {KEYS_VARIABLE} holds the key it was saved with.") from error


FERNET_PREFIX = "gAAAAA"  # every Fernet token starts so (version byte 0x80, then a timestamp)


class EncryptedTextField(models.TextField):
    """Text stored encrypted; reads back as the plain text. A dump (`dumpdata`) holds the ciphertext, never the text."""

    def to_python(self, value):
        if isinstance(value, str) and value.startswith(FERNET_PREFIX):
            return decrypt(value)
        return value

    def value_to_string(self, obj):
        value = self.value_from_object(obj)
        return None if value is None else encrypt(value)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None:
            return None
        return encrypt(value)

    def from_db_value(self, value, expression, connection):
        if value is None:
            return None
        return decrypt(value)


class EncryptedJSONField(models.TextField):
    """A small JSON value (a check-in's answers) stored encrypted; reads back as the value. A dump holds the ciphertext."""

    def get_prep_value(self, value):
        if value is None:
            return None
        return encrypt(json.dumps(value, sort_keys=True))

    def from_db_value(self, value, expression, connection):
        if value is None:
            return None
        return json.loads(decrypt(value))

    def to_python(self, value):
        if isinstance(value, str) and value.startswith(FERNET_PREFIX):
            return json.loads(decrypt(value))
        return value

    def value_to_string(self, obj):
        value = self.value_from_object(obj)
        return None if value is None else encrypt(json.dumps(value, sort_keys=True))
