"""A faithful local emulator of Harvest API v2.

It imports nothing from the rest of harvestkit: it is an independent implementation of the
server side, checked against the reference spec, so that the SDK's tests can catch the SDK's
misreadings instead of sharing them.
"""

from .app import create_app
from .config import SandboxConfig
from .core import Sandbox

__all__ = ["Sandbox", "SandboxConfig", "create_app"]
