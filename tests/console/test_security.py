"""The console's defences: CSRF tokens, sessions that cannot be planted or reused, Harvest
text shown as text, keys kept to their owners, and the MCP endpoint's Host/Origin allowlist."""

from __future__ import annotations

import re

import pytest
from starlette.testclient import TestClient

from harvestkit.governance import ApiKeyStore

from .conftest import PASSWORD, Deployment, browser, csrf_of, set_up_owner, sign_in


def test_a_form_without_its_csrf_token_is_refused(
    owner_client: TestClient, deployment: Deployment
) -> None:
    page = owner_client.get("/access")
    token = csrf_of(page.text)
    for sent in ({}, {"csrf": "not-the-token"}, {"csrf": token[:-1] + "x"}):
        refused = owner_client.post("/access/keys", data={"env": "dev", **sent})
        assert refused.status_code == 403
        assert "CSRF" in refused.text
    assert ApiKeyStore(deployment.store).list() == []
    made = owner_client.post("/access/keys", data={"env": "dev", "csrf": token})
    assert made.status_code == 200 and "shown only once" in made.text


def test_sign_in_and_setup_forms_need_their_token_too(deployment: Deployment) -> None:
    with browser(deployment.app) as client:
        refused = client.post("/setup", data={"name": "mallory", "password": PASSWORD * 2})
        assert refused.status_code == 403
        set_up_owner(client)
    with browser(deployment.app) as other:
        refused = other.post("/login", data={"name": "olivia", "password": PASSWORD})
        assert refused.status_code == 403
        assert "hk_session" not in other.cookies


def test_a_planted_session_id_is_not_adopted(deployment: Deployment) -> None:
    with browser(deployment.app) as client:
        set_up_owner(client)
    with browser(deployment.app) as victim:
        planted = "attacker-chosen-session-id"
        victim.cookies.set("hk_session", planted, domain="127.0.0.1")
        assert victim.get("/activity").status_code == 303  # an unknown id signs no one in
        sign_in(victim, "olivia")
        assert victim.cookies.get("hk_session") not in (None, planted)
        assert victim.get("/activity").status_code == 200
    with browser(deployment.app) as attacker:
        attacker.cookies.set("hk_session", planted, domain="127.0.0.1")
        assert attacker.get("/activity").status_code == 303


def test_a_session_is_dead_after_logout(owner_client: TestClient, deployment: Deployment) -> None:
    stolen = owner_client.cookies.get("hk_session")
    assert stolen
    page = owner_client.get("/activity")
    assert page.status_code == 200
    out = owner_client.post("/logout", data={"csrf": csrf_of(page.text)})
    assert out.status_code == 303
    with browser(deployment.app) as replay:
        replay.cookies.set("hk_session", stolen, domain="127.0.0.1")
        again = replay.get("/activity")
        assert again.status_code == 303 and again.headers["location"].endswith("/login")


def test_the_session_cookie_is_secure_httponly_and_samesite(deployment: Deployment) -> None:
    with browser(deployment.app) as client:
        page = client.get("/setup")
        form = {"csrf": csrf_of(page.text), "name": "olivia", "password": PASSWORD}
        done = client.post("/setup", data={**form, "confirm": PASSWORD})
    cookie = done.headers["set-cookie"].lower()
    assert "hk_session=" in cookie
    for flag in ("secure", "httponly", "samesite=strict"):
        assert flag in cookie


def test_sessions_expire(deployment: Deployment) -> None:
    services = deployment.console.state.console
    services.session_lifetime = -1.0  # every new session is already over
    services.__dict__.pop("people", None)
    with browser(deployment.app) as client:
        set_up_owner(client)
        assert client.get("/activity").status_code == 303


@pytest.mark.anyio
async def test_a_project_named_like_a_script_is_shown_as_text(
    deployment: Deployment,
) -> None:
    name = '<script>alert("owned")</script><img src=x onerror=alert(1)>'
    acting = deployment.governance.clients("olivia", "sandbox")
    async with acting.harvest as h:
        [project] = [p async for p in h.paginate("projects.list", is_active=True)][:1]
        await h.call("projects.update", project_id=project.id, name=name)
    with browser(deployment.app) as client:
        set_up_owner(client)
        page = client.get("/budgets")
        detail = client.get(f"/budgets/{project.id}")
    assert page.status_code == 200 and detail.status_code == 200
    for html in (page.text, detail.text):
        assert "<script>alert" not in html and "<img src=x" not in html
        assert "&lt;script&gt;alert(&#34;owned&#34;)&lt;/script&gt;" in html
    assert page.headers["content-security-policy"].startswith("default-src 'self'")


def test_a_member_sees_and_revokes_only_their_own_keys(
    owner_client: TestClient, deployment: Deployment
) -> None:
    page = owner_client.get("/access")
    token = csrf_of(page.text)
    added = owner_client.post(
        "/access/people", data={"csrf": token, "name": "mia", "password": PASSWORD}
    )
    assert added.status_code == 303
    owner_key = owner_client.post("/access/keys", data={"csrf": token, "env": "dev"})
    owner_prefix = re.search(r"hk_([0-9a-f]{8})_", owner_key.text)
    assert owner_prefix is not None
    with browser(deployment.app) as mia:
        sign_in(mia, "mia")
        page = mia.get("/access")
        assert owner_prefix.group(1) not in page.text
        csrf = csrf_of(page.text)
        assert (
            mia.post(
                "/access/keys/revoke", data={"csrf": csrf, "prefix": owner_prefix.group(1)}
            ).status_code
            == 404
        )
        refused = mia.post("/access/keys", data={"csrf": csrf, "env": "dev", "user": "olivia"})
        assert refused.status_code == 403
        mine = mia.post("/access/keys", data={"csrf": csrf, "env": "dev"})
        mia_prefix = re.search(r"hk_([0-9a-f]{8})_", mine.text)
        assert mia_prefix is not None
        assert (
            mia.post(
                "/access/grants",
                data={"csrf": csrf, "user": "mia", "env": "dev", "target": "toolset:time"},
            ).status_code
            == 403
        )
    store = ApiKeyStore(deployment.store)
    assert [k.prefix for k in store.list()] == [owner_prefix.group(1), mia_prefix.group(1)]
    # The owner sees everyone's keys and may revoke any.
    listing = owner_client.get("/access").text
    assert mia_prefix.group(1) in listing
    revoked = owner_client.post(
        "/access/keys/revoke", data={"csrf": token, "prefix": mia_prefix.group(1)}
    )
    assert revoked.status_code == 303
    assert [k.prefix for k in store.list()] == [owner_prefix.group(1)]


@pytest.mark.parametrize(
    ("headers", "status"),
    [
        ({"host": "evil.example"}, 421),
        ({"host": "127.0.0.1.evil.example:8766"}, 421),
        ({"origin": "http://evil.example"}, 403),
        ({"origin": "https://127.0.0.1.evil.example"}, 403),
        ({}, 303),
        ({"host": "localhost:8766", "origin": "http://localhost:8766"}, 303),
    ],
)
def test_only_the_allowed_hosts_and_origins_are_answered(
    deployment: Deployment, headers: dict[str, str], status: int
) -> None:
    with browser(deployment.app) as client:
        console = client.get("/", headers=headers)
        mcp = client.post("/mcp", headers=headers, json={})
    assert console.status_code == status
    if status != 303:  # the MCP endpoint refuses the same requests (after its key check)
        assert mcp.status_code in (401, status)


def test_an_approval_posted_from_another_site_is_refused(owner_client: TestClient) -> None:
    refused = owner_client.post(
        "/approvals/1/approve", headers={"origin": "https://evil.example"}, data={}
    )
    assert refused.status_code == 403
