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
print(*sorted(m for m in sys.modules if m.startswith(("rsearch.corpus.", "rsearch.indexer.store",
      "rsearch.indexer.workers", "jieba", "multiprocessing", "whoosh.query", "whoosh.searching",
      "importlib.resources", "importlib.metadata"))))
"""


def test_a_search_loads_neither_readers_nor_indexing(tmp_path, built_index):
    # Every search is a new process: what it imports, it pays for each time
    # (Whoosh's queries too: whoosh.lang.morph_en compiles its rules on import;
    # importlib.resources and .metadata cost ~12 and ~3 ms to find what a
    # path or the index's build record gives).
    done = subprocess.run([sys.executable, "-c", SEARCH_PROBE], cwd=tmp_path,
                          capture_output=True, text=True, check=True,
                          env={**os.environ, "RSEARCH_INDEX_DIR": str(built_index)})
    assert done.stdout.splitlines()[-1].split() == ["rsearch.corpus.exports",
                                                    "rsearch.corpus.model",
                                                    "rsearch.corpus.version"]
    assert '"rank": 1' in done.stdout
