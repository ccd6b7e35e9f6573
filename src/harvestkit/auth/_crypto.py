"""Encryption at rest: AES-256-GCM with a fresh nonce per write and row-bound data.

The key comes from ``HARVESTKIT_SECRET_KEY`` (base64 of 32 bytes) or else from a key file
in the user config directory, created with mode 0600 on first use. A key file that group
or others can read is refused: anyone who can read it can read every stored token.

Stored form: ``b"\\x01" + nonce (12 bytes) + ciphertext-and-tag``. The associated data
names the row and column, so a ciphertext copied into another row or column fails to
decrypt instead of handing one user's token to another.
"""

from __future__ import annotations

import base64
import binascii
import os
import stat
from collections.abc import Mapping
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from platformdirs import user_config_path

__all__ = [
    "SECRET_KEY_ENV",
    "Cipher",
    "DecryptionError",
    "SecretKeyError",
    "default_key_path",
    "load_key",
]

SECRET_KEY_ENV = "HARVESTKIT_SECRET_KEY"
_VERSION = b"\x01"
_NONCE_BYTES = 12


class SecretKeyError(Exception):
    """The encryption key is missing, malformed, or kept where others can read it."""


class DecryptionError(Exception):
    """A stored secret did not decrypt: wrong key, tampered bytes, or moved between rows."""


def default_key_path() -> Path:
    """``<user config dir>/harvestkit/secret.key``."""
    return user_config_path("harvestkit") / "secret.key"


def load_key(environ: Mapping[str, str] | None = None, *, key_path: Path | None = None) -> bytes:
    """The 32-byte key: from ``HARVESTKIT_SECRET_KEY``, else the key file (made if absent)."""
    env = os.environ if environ is None else environ
    encoded = env.get(SECRET_KEY_ENV)
    if encoded:
        return _decode(encoded, SECRET_KEY_ENV)
    path = key_path or default_key_path()
    if not path.exists():
        _create_key_file(path)
    return _read_key_file(path)


def _decode(encoded: str, where: str) -> bytes:
    try:
        key = base64.b64decode(encoded.strip(), validate=True)
    except (binascii.Error, ValueError) as exc:
        raise SecretKeyError(f"{where} is not valid base64") from exc
    if len(key) != 32:
        raise SecretKeyError(f"{where} must decode to 32 bytes, got {len(key)}")
    return key


def _create_key_file(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    encoded = base64.b64encode(AESGCM.generate_key(bit_length=256))
    try:
        # O_EXCL: if another process created it first, keep theirs (read below).
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return
    with os.fdopen(fd, "wb") as handle:
        handle.write(encoded + b"\n")


def _read_key_file(path: Path) -> bytes:
    mode = path.stat().st_mode
    if mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise SecretKeyError(
            f"refusing to use key file {path}: it is readable by others "
            f"(mode {stat.S_IMODE(mode):o}); run `chmod 600 {path}`"
        )
    return _decode(path.read_text(), str(path))


class Cipher:
    """AES-GCM encryption bound to a context string (row identity and column)."""

    def __init__(self, key: bytes) -> None:
        if len(key) != 32:
            raise SecretKeyError("the key must be 32 bytes")
        self._aead = AESGCM(key)

    def __repr__(self) -> str:
        return "Cipher(key=<redacted>)"

    def encrypt(self, plaintext: str, context: str) -> bytes:
        """Encrypt ``plaintext`` with a fresh random nonce, bound to ``context``."""
        nonce = os.urandom(_NONCE_BYTES)
        sealed = self._aead.encrypt(nonce, plaintext.encode(), context.encode())
        return _VERSION + nonce + sealed

    def decrypt(self, blob: bytes, context: str) -> str:
        """Decrypt what ``encrypt`` made for the same ``context``."""
        if len(blob) < 1 + _NONCE_BYTES + 16 or blob[:1] != _VERSION:
            raise DecryptionError("stored secret is malformed")
        nonce, sealed = blob[1 : 1 + _NONCE_BYTES], blob[1 + _NONCE_BYTES :]
        try:
            return self._aead.decrypt(nonce, sealed, context.encode()).decode()
        except InvalidTag as exc:
            raise DecryptionError(
                "stored secret failed to decrypt: wrong key, or the data was altered or moved"
            ) from exc
