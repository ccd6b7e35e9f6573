"""Encryption at rest, the key's sources and the key file's permissions; ``Secret``."""

from __future__ import annotations

import base64
import os
import pickle
from pathlib import Path

import pytest

from harvestkit.auth import (
    REDACTED,
    SECRET_KEY_ENV,
    Cipher,
    DecryptionError,
    Secret,
    SecretKeyError,
    load_key,
)

KEY = bytes(range(32))


def test_round_trip_with_a_fresh_nonce_each_time() -> None:
    cipher = Cipher(KEY)
    first = cipher.encrypt("pat-123", "row-a")
    second = cipher.encrypt("pat-123", "row-a")
    assert first != second
    assert first[1:13] != second[1:13]
    assert b"pat-123" not in first
    assert cipher.decrypt(first, "row-a") == cipher.decrypt(second, "row-a") == "pat-123"


@pytest.mark.parametrize("position", [0, 5, 20, -1])
def test_any_flipped_byte_fails_to_decrypt(position: int) -> None:
    cipher = Cipher(KEY)
    blob = bytearray(cipher.encrypt("pat-123", "row-a"))
    blob[position] ^= 0x01
    with pytest.raises(DecryptionError):
        cipher.decrypt(bytes(blob), "row-a")


def test_ciphertext_bound_to_its_context_and_key() -> None:
    blob = Cipher(KEY).encrypt("pat-123", "row-a")
    with pytest.raises(DecryptionError, match="moved"):
        Cipher(KEY).decrypt(blob, "row-b")
    with pytest.raises(DecryptionError):
        Cipher(bytes(32)).decrypt(blob, "row-a")
    with pytest.raises(DecryptionError, match="malformed"):
        Cipher(KEY).decrypt(b"\x01short", "row-a")


def test_key_from_environment() -> None:
    encoded = base64.b64encode(KEY).decode()
    assert load_key({SECRET_KEY_ENV: encoded}) == KEY


@pytest.mark.parametrize(
    ("value", "message"),
    [("not base64!!", "not valid base64"), (base64.b64encode(b"short").decode(), "32 bytes")],
)
def test_bad_environment_key_is_refused(value: str, message: str) -> None:
    with pytest.raises(SecretKeyError, match=message):
        load_key({SECRET_KEY_ENV: value})


def test_key_file_is_created_private_and_reused(tmp_path: Path) -> None:
    path = tmp_path / "config" / "secret.key"
    key = load_key({}, key_path=path)
    assert len(key) == 32
    assert path.stat().st_mode & 0o777 == 0o600
    assert load_key({}, key_path=path) == key


@pytest.mark.parametrize("mode", [0o644, 0o640, 0o604])
def test_key_file_readable_by_others_is_refused(tmp_path: Path, mode: int) -> None:
    path = tmp_path / "secret.key"
    load_key({}, key_path=path)
    os.chmod(path, mode)
    with pytest.raises(SecretKeyError, match="chmod 600"):
        load_key({}, key_path=path)


def test_secret_never_shows_itself() -> None:
    secret = Secret("pat-123")
    shown = [repr(secret), str(secret), f"{secret}", f"{secret!r}", repr([secret])]
    assert all("pat-123" not in text for text in shown)
    assert REDACTED in str(secret)
    assert secret.reveal() == "pat-123"
    assert secret == Secret("pat-123") and secret != Secret("other")
    with pytest.raises(TypeError):
        pickle.dumps(secret)
    with pytest.raises(TypeError):
        hash(secret)


def test_cipher_repr_hides_the_key() -> None:
    assert "redacted" in repr(Cipher(KEY))
    with pytest.raises(SecretKeyError):
        Cipher(b"short")
