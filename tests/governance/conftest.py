from tests.store.fixtures import backend, spec, store

__all__ = ["backend", "spec", "store"]
