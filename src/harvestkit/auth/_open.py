"""Build the vault the environment describes."""

from __future__ import annotations

import os

from ..api import DEFAULT_IDENTITY_URL
from ..store import Store, open_store
from ._crypto import Cipher, load_key
from ._harvest_id import oauth_refresher
from ._models import Refresher
from ._vault import Vault

__all__ = ["CLIENT_ID_ENV", "CLIENT_SECRET_ENV", "IDENTITY_URL_ENV", "identity_url", "open_vault"]

CLIENT_ID_ENV = "HARVESTKIT_OAUTH_CLIENT_ID"
CLIENT_SECRET_ENV = "HARVESTKIT_OAUTH_CLIENT_SECRET"
IDENTITY_URL_ENV = "HARVESTKIT_IDENTITY_URL"


def identity_url() -> str:
    """``HARVESTKIT_IDENTITY_URL``, else ``HARVEST_IDENTITY_URL`` (the name the server's
    environment credential uses, so one setting points both at a sandbox), else Harvest ID."""
    return (
        os.environ.get(IDENTITY_URL_ENV)
        or os.environ.get("HARVEST_IDENTITY_URL")
        or DEFAULT_IDENTITY_URL
    )


def open_vault(store: Store | None = None, *, skew: float = 300.0, cooldown: float = 60.0) -> Vault:
    """A vault on ``store`` (default: ``open_store()``), keyed and wired from the environment.

    OAuth credentials refresh through Harvest ID when ``HARVESTKIT_OAUTH_CLIENT_ID`` and
    ``HARVESTKIT_OAUTH_CLIENT_SECRET`` are set; without them only PATs are usable. Tokens
    refresh ``skew`` seconds before expiry; a failed refresh is retried after ``cooldown``.
    """
    refresher: Refresher | None = None
    client_id, client_secret = os.environ.get(CLIENT_ID_ENV), os.environ.get(CLIENT_SECRET_ENV)
    if client_id and client_secret:
        refresher = oauth_refresher(client_id, client_secret, identity_url=identity_url())
    return Vault(
        store or open_store(), Cipher(load_key()), refresher=refresher, skew=skew, cooldown=cooldown
    )
