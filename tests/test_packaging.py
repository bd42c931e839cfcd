"""The installed package claims one top-level name: rsearch."""

import os
import subprocess
import sys

PROBE = """
import importlib.util
import rsearch.cli.main, rsearch.corpus, rsearch.indexer
print(*[importlib.util.find_spec(name) is not None for name in ("cli", "corpus", "indexer")])
"""


def test_only_the_rsearch_namespace_is_importable(tmp_path):
    # Run outside the repository, so its folders are not on the path.
    done = subprocess.run([sys.executable, "-c", PROBE], cwd=tmp_path, capture_output=True,
                          text=True, check=True)
    assert done.stdout.split() == ["False", "False", "False"]


def test_module_entry_point(tmp_path):
    done = subprocess.run([sys.executable, "-m", "rsearch.cli", "--help"], cwd=tmp_path,
                          capture_output=True, text=True)
    assert done.returncode == 0
    assert done.stdout.startswith("Usage: rsearch")


SEARCH_PROBE = """
import sys
from rsearch.cli.main import cli
try:
    cli(["search", "海關", "-f", "json"])
except SystemExit:
    pass
print(*sorted(m for m in sys.modules if m.startswith(("rsearch.corpus.", "rsearch.indexer.build",
      "rjieba", "jieba", "multiprocessing", "whoosh.query",
      "whoosh.searching", "importlib.resources", "importlib.metadata", "urllib.request",
      "asyncio", "ssl", "email", "http"))))
"""


def test_a_search_loads_neither_readers_nor_indexing(tmp_path, built_index):
    # Every search is a new process: what it imports, it pays for each time
    # (Whoosh's queries too: whoosh.lang.morph_en compiles its rules on import;
    # importlib.resources and .metadata cost ~12 and ~3 ms to find what a
    # path or the index's build record gives; urllib.request and asyncio,
    # which Whoosh imports and a search never calls, ~30 ms).
    done = subprocess.run([sys.executable, "-c", SEARCH_PROBE], cwd=tmp_path,
                          capture_output=True, text=True, check=True,
                          env={**os.environ, "RSEARCH_INDEX_DIR": str(built_index)})
    assert done.stdout.splitlines()[-1].split() == ["rsearch.corpus.citation",
                                                    "rsearch.corpus.exports",
                                                    "rsearch.corpus.version"]
    assert '"rank": 1' in done.stdout


TABLE_PROBE = """
import sys
from rsearch.cli.main import cli
try:
    cli(["search", "海關"])
except SystemExit:
    pass
import tabulate
print(*(m in sys.modules for m in ("tabulate", "wcwidth", "importlib.metadata")))
import importlib.metadata
print(importlib.metadata.version("click") not in ("", "unknown"))
import wcwidth
print(tabulate.WIDE_CHARS_MODE, tabulate.wcwidth.wcswidth is wcwidth.wcswidth)
"""


def test_a_table_is_printed_without_importlib_metadata(tmp_path, built_index):
    # tabulate asks importlib.metadata for its version when imported (10-15 ms
    # of every search printed as a table); the stand-in leaves the real module
    # to any later import. Wide characters are measured by wcwidth's own
    # wcswidth, without the package's other parts (cli/widths.py).
    done = subprocess.run([sys.executable, "-c", TABLE_PROBE], cwd=tmp_path,
                          capture_output=True, text=True, check=True,
                          env={**os.environ, "RSEARCH_INDEX_DIR": str(built_index)})
    lines = done.stdout.splitlines()
    assert lines[0].startswith("rank")
    assert lines[-3:] == ["True False False", "True", "True True"]


STAND_IN_PROBE = """
import sys
import rsearch.indexer
import cached_property, whoosh.compat
print(*(m in sys.modules for m in ("whoosh.compat", "urllib.request", "asyncio")))

class Segment:
    @cached_property.cached_property
    def deleted(self):
        return object()

async def coroutine():
    pass

segment = Segment()
print(segment.deleted is segment.deleted, cached_property.asyncio.iscoroutinefunction(coroutine),
      "asyncio" in sys.modules)
whoosh.compat.urlretrieve(sys.argv[1], sys.argv[2])
print(open(sys.argv[2]).read(), "urllib.request" in sys.modules)
"""


def test_whoosh_works_without_the_modules_a_search_never_calls(tmp_path):
    # The stand-ins defer urllib.request and asyncio until a function of
    # theirs is called, and then do what the real ones do.
    source = tmp_path / "source.txt"
    source.write_text("copied")
    done = subprocess.run([sys.executable, "-c", STAND_IN_PROBE, source.as_uri(),
                           str(tmp_path / "copy.txt")],
                          capture_output=True, text=True, check=True)
    # (Whether a property is a coroutine is answered without asyncio.)
    assert done.stdout.splitlines() == ["True False False", "True True False", "copied True"]


FREEZE_PROBE = """
import gc
import rsearch.cli.main as command
command.cli = lambda **kwargs: print(gc.get_freeze_count())
command.main()
"""


def test_the_command_freezes_what_it_has_imported(tmp_path):
    # The cycle collector then never walks the modules again, at exit included.
    done = subprocess.run([sys.executable, "-c", FREEZE_PROBE], cwd=tmp_path,
                          capture_output=True, text=True, check=True)
    assert int(done.stdout) > 10000
