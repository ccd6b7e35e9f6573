"""First-run setup (the owner), sign-in and sign-out."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from ._web import (
    CSRF_COOKIE,
    SESSION_COOKIE,
    checked_form,
    current,
    page,
    redirect,
    services,
    set_cookie,
)

__all__ = ["ROUTES"]


async def home(request: Request) -> Response:
    if current(request) is not None:
        return redirect(request, "activity")
    return redirect(request, "login" if services(request).people.has_owner() else "setup")


async def setup(request: Request) -> Response:
    people = services(request).people
    if people.has_owner():
        return redirect(request, "login")
    if request.method == "GET":
        return page(request, "setup.html", {})
    form = await checked_form(request)
    name, password = str(form.get("name", "")), str(form.get("password", ""))
    if password != str(form.get("confirm", "")):
        return page(request, "setup.html", {"error": "the passwords differ", "name": name}, 400)
    try:
        person = people.add(name, password, "owner")
    except ValueError as exc:
        return page(request, "setup.html", {"error": f"choose {exc}", "name": name}, 400)
    return _start(request, person.name, password)


def _next(value: object) -> str | None:
    """Where to go after signing in: only back to a consent page of this console."""
    text = str(value or "")
    if (
        text.startswith("/consent/")
        and text[len("/consent/") :].replace("-", "").replace("_", "").isalnum()
    ):
        return text
    return None


async def login(request: Request) -> Response:
    after = _next(request.query_params.get("next"))
    if request.method == "GET":
        if not services(request).people.has_owner():
            return redirect(request, "setup")
        return page(request, "login.html", {"next": after})
    form = await checked_form(request)
    name, password = str(form.get("name", "")), str(form.get("password", ""))
    return _start(request, name, password, after=_next(form.get("next")))


def _start(request: Request, name: str, password: str, *, after: str | None = None) -> Response:
    people = services(request).people
    person = people.authenticate(name, password)
    if person is None:
        context = {"error": "wrong name or password", "name": name, "next": after}
        return page(request, "login.html", context, 401)
    # A new session every time: whatever identifier the browser had is not adopted.
    people.end(request.cookies.get(SESSION_COOKIE))
    value, _ = people.start(person)
    response = redirect(request, "activity")
    if after is not None:
        response = RedirectResponse(after, status_code=303)
    set_cookie(response, SESSION_COOKIE, value, max_age=int(people.lifetime))
    response.delete_cookie(CSRF_COOKIE, path="/")
    return response


async def logout(request: Request) -> Response:
    await checked_form(request)
    services(request).people.end(request.cookies.get(SESSION_COOKIE))
    response = redirect(request, "login")
    response.delete_cookie(SESSION_COOKIE, path="/", secure=True, httponly=True, samesite="strict")
    return response


ROUTES = [
    Route("/", home, name="home"),
    Route("/setup", setup, methods=["GET", "POST"], name="setup"),
    Route("/login", login, methods=["GET", "POST"], name="login"),
    Route("/logout", logout, methods=["POST"], name="logout"),
]
