"""Browser login with Harvest ID: the OAuth2 authorization-code flow on a loopback redirect.

The person's browser goes to Harvest ID's authorize page; Harvest ID redirects it to a
one-shot HTTP listener on this machine with ``code`` and ``state``; the code is exchanged
for tokens through the SDK's ``OAuthClient``. The ``state`` is random and checked in
constant time, so a redirect that this login did not start is refused.
"""

from __future__ import annotations

import hmac
import secrets
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from ..api import OAuthClient, authorization_url
from ._models import TokenSet
from ._secret import Secret

__all__ = ["DEFAULT_REDIRECT_URI", "LoopbackLogin", "OAuthLoginError"]

DEFAULT_REDIRECT_URI = "http://127.0.0.1:8912/callback"
_DONE_PAGE = (
    b"<!doctype html><title>harvestkit</title>"
    b"<p>harvestkit received the answer from Harvest ID. You can close this tab.</p>"
)


class OAuthLoginError(Exception):
    """The browser login did not complete (refused, timed out, or a foreign redirect)."""


class _Listener(HTTPServer):
    path: str
    answer: dict[str, str] | None = None


class _Handler(BaseHTTPRequestHandler):
    server: _Listener

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        if parts.path != self.server.path:
            self.send_error(404)
            return
        self.server.answer = {k: v[0] for k, v in parse_qs(parts.query).items()}
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(_DONE_PAGE)))
        self.end_headers()
        self.wfile.write(_DONE_PAGE)

    def log_message(self, format: str, *args: Any) -> None:
        # The query string holds the authorization code: keep it out of stderr.
        return


class LoopbackLogin:
    """One browser login: ``url`` to open, then ``wait()`` for the tokens.

    The listener binds when the object is made (port 0 in ``redirect_uri`` picks a free
    port), so the browser can be sent to ``url`` straight away.
    """

    def __init__(
        self,
        oauth: OAuthClient,
        *,
        redirect_uri: str = DEFAULT_REDIRECT_URI,
        clock: Callable[[], float] = time.time,
    ) -> None:
        parts = urlsplit(redirect_uri)
        if parts.scheme != "http" or parts.hostname not in ("127.0.0.1", "localhost", "::1"):
            raise ValueError("the redirect URI must be http://127.0.0.1:<port>/<path>")
        self._oauth = oauth
        self._clock = clock
        self._server = _Listener((parts.hostname, parts.port or 80), _Handler)
        self._server.path = parts.path or "/"
        port = self._server.server_address[1]
        self.redirect_uri = f"http://{parts.hostname}:{port}{self._server.path}"
        self._state = secrets.token_urlsafe(24)
        self.url = authorization_url(
            oauth.client_id,
            redirect_uri=self.redirect_uri,
            state=self._state,
            identity_url=oauth.identity_url,
        )

    def __repr__(self) -> str:
        return f"LoopbackLogin(redirect_uri={self.redirect_uri!r})"

    def wait(self, timeout: float = 300.0) -> TokenSet:
        """Wait for the browser's redirect, check it, and exchange the code for tokens."""
        deadline = time.monotonic() + timeout
        self._server.timeout = 0.2
        try:
            while self._server.answer is None and time.monotonic() < deadline:
                self._server.handle_request()
        finally:
            self._server.server_close()
        answer = self._server.answer
        if answer is None:
            raise OAuthLoginError(f"no answer from the browser within {timeout:.0f} s")
        if "error" in answer:
            reason = answer.get("error_description") or answer["error"]
            raise OAuthLoginError(f"Harvest ID did not grant access: {reason}")
        if not hmac.compare_digest(answer.get("state", "").encode(), self._state.encode()):
            raise OAuthLoginError("the redirect does not belong to this login; start again")
        if not answer.get("code"):
            raise OAuthLoginError("Harvest ID's redirect carried no authorization code")
        token = self._oauth.exchange_code(answer["code"], self.redirect_uri)
        expires_at = self._clock() + token.expires_in if token.expires_in is not None else None
        refresh = Secret(token.refresh_token) if token.refresh_token else None
        return TokenSet(Secret(token.access_token), refresh, expires_at)

    def close(self) -> None:
        """Stop listening (``wait`` does this itself)."""
        self._server.server_close()
