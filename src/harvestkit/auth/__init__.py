"""Managed Harvest credentials: an encrypted vault, refresh under a lock, a token provider.

>>> vault = open_vault()
>>> provider = VaultTokenProvider(vault, "alice", "prod")  # an SDK ``TokenProvider``

Tokens are ``Secret`` values; they never appear in reprs, logs, errors or the audit trail.
"""

from ._crypto import (
    SECRET_KEY_ENV,
    Cipher,
    DecryptionError,
    SecretKeyError,
    default_key_path,
    load_key,
)
from ._errors import (
    CredentialError,
    CredentialNotFoundError,
    CredentialRevokedError,
    InvalidGrantError,
    NeedsLoginError,
    RefreshCoolingDownError,
    RefreshFailedError,
)
from ._harvest_id import list_accounts, oauth_refresher
from ._loopback import DEFAULT_REDIRECT_URI, LoopbackLogin, OAuthLoginError
from ._models import Credential, CredentialKind, CredentialStatus, Refresher, TokenSet
from ._open import CLIENT_ID_ENV, CLIENT_SECRET_ENV, IDENTITY_URL_ENV, identity_url, open_vault
from ._provider import VaultTokenProvider
from ._secret import REDACTED, Secret
from ._vault import Vault

__all__ = [
    "CLIENT_ID_ENV",
    "CLIENT_SECRET_ENV",
    "DEFAULT_REDIRECT_URI",
    "IDENTITY_URL_ENV",
    "REDACTED",
    "SECRET_KEY_ENV",
    "Cipher",
    "Credential",
    "CredentialError",
    "CredentialKind",
    "CredentialNotFoundError",
    "CredentialRevokedError",
    "CredentialStatus",
    "DecryptionError",
    "InvalidGrantError",
    "LoopbackLogin",
    "NeedsLoginError",
    "OAuthLoginError",
    "RefreshCoolingDownError",
    "RefreshFailedError",
    "Refresher",
    "Secret",
    "SecretKeyError",
    "TokenSet",
    "Vault",
    "VaultTokenProvider",
    "default_key_path",
    "identity_url",
    "list_accounts",
    "load_key",
    "oauth_refresher",
    "open_vault",
]
