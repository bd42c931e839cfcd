"""Whoosh without two standard modules it imports for what a search never does.

Every search is a fresh process, and two imports Whoosh makes cost some 30 ms
of it: whoosh.compat imports `urlretrieve` from urllib.request (which loads
http.client, email and ssl), and nothing in Whoosh calls it; the
cached_property package Whoosh's reader uses imports asyncio, which it calls
only when such a property is read (Whoosh has one, read on a segment with
deletions) to ask whether the function is a coroutine (answered without
asyncio: ANSWERED). While those two
modules are first imported, urllib.request and asyncio are stand-ins whose
functions import the real module when called; the stand-ins are removed
straight after, so any other import gets the real module (`standing_in`,
which the command also uses to import tabulate without importlib.metadata).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import import_module
from types import ModuleType

# What a stand-in answers itself, without the real module: on Python 3.11+
# asyncio.iscoroutinefunction is inspect's (asyncio.coroutine, whose mark it
# also looked for, is gone), and a segment with deletions asks it on every
# search (asyncio's import: some 60 ms of a fresh process).
ANSWERED = {"asyncio": {"iscoroutinefunction": "inspect"}}

# The modules imported with stand-ins, and what they take from each.
STAND_INS = {
    "whoosh.compat": ("urllib.request", ("urlretrieve",)),
    "cached_property": ("asyncio", ("iscoroutinefunction", "ensure_future")),
}


def _stand_in(module: str, names: tuple[str, ...]) -> ModuleType:
    """A module whose functions `names` import `module` when first called."""
    stand_in = ModuleType(module)
    for name in names:
        def deferred(*args, _name=name, **kwargs):
            return getattr(import_module(module), _name)(*args, **kwargs)

        deferred.__name__ = deferred.__qualname__ = name
        setattr(stand_in, name, deferred)
    for name, source in ANSWERED.get(module, {}).items():
        setattr(stand_in, name, getattr(import_module(source), name))
    return stand_in


@contextmanager
def standing_in(module: str, stand_in: ModuleType) -> Iterator[None]:
    """`stand_in` is what importing `module` gives while the block runs (it
    should import what imports `module`); after it, the real module."""
    sys.modules[module] = stand_in
    try:
        yield
    finally:
        if sys.modules.get(module) is stand_in:
            del sys.modules[module]


def import_whoosh() -> None:
    """Import whoosh.compat (which every Whoosh module imports) and
    cached_property with the stand-ins, unless they or the real modules are
    loaded already."""
    for importer, (module, names) in STAND_INS.items():
        if importer in sys.modules or module in sys.modules:
            continue
        with standing_in(module, _stand_in(module, names)):
            import_module(importer)
