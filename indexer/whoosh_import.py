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
command also uses to import tabulate without importlib.metadata). numpy,
imported where a search first needs it, imports with a stand-in for
numpy.linalg the same way (ON_FIRST_IMPORT).
tests/test_whoosh_door.py reads every file of those packages for the names
each takes of a stood-in module: the stand-in holds them all (any other it
gives from the real module).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
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

# Modules imported where the library first needs them (numpy: by a search of
# a common term, a filter, an overview), and what stands in while they are:
# numpy imports numpy.linalg itself only when np.linalg is first asked, but its
# matrix class and polynomial functions take names of it as numpy is imported,
# loading it and numpy._typing (13 modules, some 6 ms of every search); rsearch
# inverts no matrix and fits no polynomial (they import it when called).
# ctypes (three modules) serves an array's .ctypes, which rsearch never reads:
# numpy reads nothing of it as it is imported.
ON_FIRST_IMPORT = {
    "numpy": {"numpy.linalg": ("matrix_power", "eigvals", "inv", "lstsq"), "ctypes": ()},
}


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


class StandInsOnFirstImport:
    """A finder that finds nothing itself: as a module of ON_FIRST_IMPORT is
    first imported, its import runs with its stand-ins (those of modules not
    loaded), and the finder leaves once they all are."""

    finding: str | None = None

    def find_spec(self, name: str, path=None, target=None):
        # (Asked again while it asks the other finders, by one that does as it
        # does, it answers nothing.)
        if name not in ON_FIRST_IMPORT or self.finding == name:
            return None
        self.finding, spec = name, None
        try:
            for finder in sys.meta_path:
                if finder is not self and hasattr(finder, "find_spec"):
                    spec = finder.find_spec(name, path, target)
                    if spec is not None:
                        break
        finally:
            self.finding = None
        if spec is None:
            return None
        if not hasattr(spec.loader, "exec_module"):
            return spec
        run = spec.loader.exec_module

        def exec_module(module):
            with ExitStack() as stand_ins:
                for stood, names in ON_FIRST_IMPORT[name].items():
                    stand_in = None if stood in sys.modules else _stand_in(stood, names)
                    if stand_in is not None:
                        stand_ins.enter_context(standing_in(stood, stand_in))
                run(module)
            if all(n in sys.modules for n in ON_FIRST_IMPORT) and self in sys.meta_path:
                sys.meta_path.remove(self)

        spec.loader.exec_module = exec_module  # this spec's own loader
        return spec


def stand_in_on_first_import() -> None:
    """Let the modules of ON_FIRST_IMPORT not imported yet import with their
    stand-ins (idempotent)."""
    if any(isinstance(f, StandInsOnFirstImport) for f in sys.meta_path):
        return
    if not all(name in sys.modules for name in ON_FIRST_IMPORT):
        sys.meta_path.insert(0, StandInsOnFirstImport())


def import_whoosh() -> None:
    """Import whoosh.compat (which every Whoosh module imports), cached_property
    and Whoosh's other modules of STAND_INS with the stand-ins, unless they or
    the real modules are loaded already."""
    for importer in STAND_INS:
        if importer.startswith(WHOOSH_SIDE):
            imported(importer)
