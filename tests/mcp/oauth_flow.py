"""The person's side of a connector sign-in, driven by form posts: follow the authorization
server's redirects, sign in on the console's login page, answer the consent page, and come
back at the client's redirect URI with a code (or an error). And the token storage the
official Python MCP client's OAuth provider needs."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import parse_qs, urljoin, urlsplit

import httpx2
from mcp.client.auth import AuthorizationCodeResult, TokenStorage
from mcp.shared.auth import OAuthClientInformationFull, OAuthToken

PASSWORD = "correct horse battery"
REDIRECT_URI = "http://127.0.0.1:33418/callback"


def csrf_of(html: str) -> str:
    marker = 'name="csrf" value="'
    start = html.index(marker) + len(marker)
    return html[start : html.index('"', start)]


@dataclass
class FormBrowser:
    """A browser reduced to forms and redirects. It keeps the console's cookies itself:
    they are Secure, and a cookie jar would not send them to http://127.0.0.1."""

    http: httpx2.AsyncClient
    cookies: dict[str, str] = field(default_factory=dict)
    pages: list[str] = field(default_factory=list)
    """Every page answered with HTML, in order (the login and consent pages)."""

    async def request(
        self, method: str, url: str, data: dict[str, str] | None = None
    ) -> httpx2.Response:
        cookie = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        headers = {"cookie": cookie} if cookie else {}
        response = await self.http.request(method, url, data=data, headers=headers)
        for header in response.headers.get_list("set-cookie"):
            name, _, rest = header.partition("=")
            value = rest.split(";", 1)[0]
            if "max-age=0" in header.lower() or "expires=thu, 01 jan 1970" in header.lower():
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = value
        return response

    async def go(self, method: str, url: str, data: dict[str, str] | None = None) -> str:
        """Follow redirects until a page, or until the client's redirect URI (returned)."""
        while True:
            if url.startswith(REDIRECT_URI):
                return url
            response = await self.request(method, url, data)
            if response.status_code in (302, 303, 307):
                url, method, data = urljoin(url, response.headers["location"]), "GET", None
                continue
            self.pages.append(response.text)
            return str(response.url)

    async def authorize(
        self,
        authorization_url: str,
        name: str,
        *,
        answer: str = "approve",
        password: str = PASSWORD,
    ) -> str:
        """Sign in if asked, answer the consent page; the URL the client gets back."""
        at = await self.go("GET", authorization_url)
        if at.startswith(REDIRECT_URI):
            return at
        if "/login" in at:
            form = {"csrf": csrf_of(self.pages[-1]), "name": name, "password": password}
            next_ = parse_qs(urlsplit(at).query).get("next")
            if next_:
                form["next"] = next_[0]
            at = await self.go("POST", at.split("?")[0], form)
        assert "/consent/" in at, self.pages[-1][:2000]
        form = {"csrf": csrf_of(self.pages[-1]), "answer": answer}
        back = await self.go("POST", at, form)
        assert back.startswith(REDIRECT_URI), back
        return back


def callback_result(url: str) -> AuthorizationCodeResult:
    query = {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}
    if "code" not in query:
        raise AssertionError(f"the authorization ended in {query}")
    return AuthorizationCodeResult(
        code=query["code"], state=query.get("state"), iss=query.get("iss")
    )


class MemoryTokens(TokenStorage):
    """Tokens and client registration kept in memory (a test's client)."""

    def __init__(self) -> None:
        self.tokens: OAuthToken | None = None
        self.client: OAuthClientInformationFull | None = None

    async def get_tokens(self) -> OAuthToken | None:
        return self.tokens

    async def set_tokens(self, tokens: OAuthToken) -> None:
        self.tokens = tokens

    async def get_client_info(self) -> OAuthClientInformationFull | None:
        return self.client

    async def set_client_info(self, client_info: OAuthClientInformationFull) -> None:
        self.client = client_info


@dataclass
class PersonAtBrowser:
    """The redirect and callback handlers of the client's OAuth provider: the person signs
    in as ``name`` and answers the consent page each time the client sends them (with the
    next of ``answers``, then the last one again)."""

    browser: FormBrowser
    name: str
    answers: list[str] = field(default_factory=lambda: ["approve"])
    returned: list[str] = field(default_factory=list)

    async def redirect(self, authorization_url: str) -> None:
        answer = self.answers[min(len(self.returned), len(self.answers) - 1)]
        back = await self.browser.authorize(authorization_url, self.name, answer=answer)
        self.returned.append(back)

    async def callback(self) -> AuthorizationCodeResult:
        return callback_result(self.returned[-1])
