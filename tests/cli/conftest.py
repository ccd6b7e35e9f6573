from tests.cli.helpers import cli_env
from tests.store.fixtures import backend, spec

__all__ = ["backend", "cli_env", "spec"]
