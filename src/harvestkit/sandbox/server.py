"""Serving the sandbox over a real socket with uvicorn."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Callable

import uvicorn
from starlette.applications import Starlette


def bind(host: str, port: int) -> socket.socket:
    """Bind first, so a busy port fails fast and port 0 gets a real number to print."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # IPPROTO_TCP explicitly: asyncio only turns on TCP_NODELAY for sockets that say so,
    # and without it every response body waits ~40 ms for the peer's delayed ACK.
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.set_inheritable(True)
    return sock


def serve(
    app: Starlette,
    sock: socket.socket,
    *,
    on_ready: Callable[[], None] | None = None,
    log_level: str = "warning",
) -> None:
    """Run until interrupted; `on_ready` is called once the server accepts connections."""
    config = uvicorn.Config(app, log_level=log_level, access_log=False, lifespan="off")
    server = uvicorn.Server(config)

    async def main() -> None:
        task = asyncio.create_task(server.serve(sockets=[sock]))
        while not server.started and not task.done():
            await asyncio.sleep(0.01)
        if server.started and on_ready is not None:
            on_ready()
        await task

    asyncio.run(main())
