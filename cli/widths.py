"""Display widths of text (East Asian wide characters take two columns), as
the wcwidth package gives them, without importing the package.

wcwidth's `__init__` imports every part of the package (line breaking,
escape sequences, text wrapping, grapheme tables): some 13 ms of CPU of every
search printed as a table, which asks only `wcswidth`. Where wcwidth's C
extension is installed and complete, the package's `wcswidth` is the
extension's; it is imported here on its own, from the package's folder. In
any other case (no extension, WCWIDTH_PYTHON set, an extension lacking a
function) the package is imported as it is, so the widths are always the
package's.
"""

from __future__ import annotations

import os
import sys
from importlib import import_module
from importlib.util import find_spec
from types import ModuleType

PACKAGE = "wcwidth"
EXTENSION = "wcwidth._wcwidth_c"
# What wcwidth's __init__ asks of its extension before it uses it
# (HAS_C_EXTENSION): all of them, or the package's Python functions.
EXTENSION_NAMES = ("ljust", "rjust", "width", "center", "wcwidth", "wcswidth", "wcstwidth",
                   "propagate_sgr", "iter_graphemes", "strip_sequences",
                   "iter_graphemes_reverse", "grapheme_boundary_before")


_widths: ModuleType | None = None


def widths_module() -> ModuleType:
    """A module whose `wcswidth` is wcwidth's: the C extension alone when the
    package would use it, else the package itself."""
    global _widths
    if _widths is None:
        extension = None if PACKAGE in sys.modules else _extension()
        if extension is None:
            _widths = import_module(PACKAGE)
        else:
            _widths = ModuleType(PACKAGE, "wcwidth's wcswidth alone (rsearch.cli.widths)")
            _widths.wcswidth = extension.wcswidth
    return _widths


def _extension() -> ModuleType | None:
    """wcwidth's C extension, imported without running the package's __init__;
    None where the package would not use it."""
    if os.environ.get("WCWIDTH_PYTHON", ""):
        return None
    extension = sys.modules.get(EXTENSION)
    if extension is None:
        spec = find_spec(PACKAGE)
        if spec is None or not spec.submodule_search_locations:
            return None
        # The package's folder, for the import system to find the extension
        # in; put back as it was (absent) straight after.
        folder = ModuleType(PACKAGE)
        folder.__path__ = list(spec.submodule_search_locations)
        sys.modules[PACKAGE] = folder
        try:
            extension = import_module(EXTENSION)
        except ImportError:
            return None
        finally:
            if sys.modules.get(PACKAGE) is folder:
                del sys.modules[PACKAGE]
    if not all(hasattr(extension, name) for name in EXTENSION_NAMES):
        return None
    return extension


def wcswidth(text: str) -> int:
    """wcwidth.wcswidth: the text's columns, -1 if it holds a control character."""
    return widths_module().wcswidth(text)
