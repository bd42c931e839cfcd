"""Whoosh without standard modules it imports for what a search never does.

Every search is a fresh process, and imports Whoosh makes cost some 30 ms
of it: whoosh.compat imports `urlretrieve` from urllib.request (which loads
http.client, email and ssl), and nothing in Whoosh calls it; the
cached_property package Whoosh's reader uses imports asyncio, which it calls
only when such a property is read (Whoosh has one, read on a segment with
deletions) to ask whether the function is a coroutine (answered without
asyncio: ANSWERED). Whoosh's files, utilities and dates import tempfile,
shutil, random and calendar (some 6 ms with what they import) for temporary
folders, copies, random file names and the days of a month, which only
writing an index or a date query asks; its term tables import hashlib's
md5 (OpenSSL's library loaded, some 3 ms), which the standard library's
own _md5 gives with the same digests. While those modules are first
imported, the modules they take these from are stand-ins whose functions
import the real module when called; the stand-ins are removed straight
after, so any other import gets the real module (`standing_in`, which the
command also uses to import tabulate without importlib.metadata).
tests/test_whoosh_door.py reads every file of those packages for the names
each takes of a stood-in module: the stand-in holds them all (any other it
gives from the real module).
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
# hashlib's md5 is OpenSSL's where Python has it; _md5's digests are the same.
ANSWERED = {"asyncio": {"iscoroutinefunction": "inspect"}, "hashlib": {"md5": "_md5"}}

# The modules imported with stand-ins, and what they take from each (every
# name any Whoosh module takes of it, whether or not a search imports it).
STAND_INS = {
    "whoosh.compat": ("urllib.request", ("urlretrieve",)),
    "cached_property": ("asyncio", ("iscoroutinefunction", "ensure_future")),
    "whoosh.util": ("random", ("choice", "randint", "sample")),
    "whoosh.util.times": ("calendar", ("monthrange", "isleap")),
    "whoosh.filedb.filestore": ("tempfile", ("gettempdir", "mkdtemp", "mkstemp")),
    "whoosh.filedb.compound": ("shutil", ("copyfileobj", "rmtree")),
    "whoosh.filedb.filetables": ("hashlib", ("md5", "sha1")),
    # platformdirs (the user's folders) imports tempfile for a runtime folder.
    "platformdirs": ("tempfile", ("TemporaryFile", "gettempdir")),
}
# Those import_whoosh() imports; the others are imported when first asked (imported()).
WHOOSH_SIDE = ("whoosh.", "cached_property")


class StandIn(ModuleType):
    """A stand-in: a name it does not hold (one a new version of the importer
    takes) is the real module's, imported then, and the stand-in leaves."""

    def __getattr__(self, name: str):
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(_real(self.__name__), name)


def _real(module: str) -> ModuleType:
    """The real module, a stand-in that stands for it leaving sys.modules."""
    if isinstance(sys.modules.get(module), StandIn):
        del sys.modules[module]
    return import_module(module)


def _stand_in(module: str, names: tuple[str, ...]) -> ModuleType | None:
    """A module whose functions `names` import `module` when first called
    (None where a module answering for it is missing: the real one is used)."""
    stand_in = StandIn(module)
    for name in names:
        def deferred(*args, _name=name, **kwargs):
            return getattr(_real(module), _name)(*args, **kwargs)

        deferred.__name__ = deferred.__qualname__ = name
        setattr(stand_in, name, deferred)
    for name, source in ANSWERED.get(module, {}).items():
        try:
            setattr(stand_in, name, getattr(import_module(source), name))
        except ImportError:
            return None
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


def imported(importer: str) -> ModuleType:
    """A module of STAND_INS imported with its stand-in, unless it or the real
    module is loaded already."""
    module, names = STAND_INS[importer]
    if importer not in sys.modules and module not in sys.modules:
        stand_in = _stand_in(module, names)
        if stand_in is not None:
            with standing_in(module, stand_in):
                return import_module(importer)
    return import_module(importer)


def import_whoosh() -> None:
    """Import whoosh.compat (which every Whoosh module imports), cached_property
    and Whoosh's other modules of STAND_INS with the stand-ins, unless they or
    the real modules are loaded already."""
    for importer in STAND_INS:
        if importer.startswith(WHOOSH_SIDE):
            imported(importer)
