"""Package names imported from their modules on first use (PEP 562), so that a
program that needs one light piece of a package does not load the rest."""

from __future__ import annotations

import importlib
from collections.abc import Callable


def lazy_exports(package: str, exports: dict[str, str],
                 namespace: dict) -> tuple[Callable, Callable]:
    """The module `__getattr__` and `__dir__` of a package whose names (keys of
    `exports`) live in its modules (values)."""

    def __getattr__(name: str):
        if name not in exports:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(f".{exports[name]}", package), name)
        namespace[name] = value
        return value

    def __dir__() -> list[str]:
        return sorted([*namespace, *exports])

    return __getattr__, __dir__
