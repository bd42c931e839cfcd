"""The installed package claims one top-level name: rsearch."""

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
