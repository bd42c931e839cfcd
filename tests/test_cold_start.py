"""Cold start: what a search, a new process each time, pays before and around
its query (imports, opening the index, verifying what it reads)."""

import importlib.metadata
import importlib.util
import io
import os
import struct
import subprocess
import sys
import zlib

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rsearch.indexer.analysis.text import installed_version
from rsearch.indexer.storage import checksums, whoosh_door

# What a plain `rsearch search QUERY -f json` must not import: the report
# readers and the indexing side, other output formats, listings and
# overviews, the list of the reports' files (an update's), importlib.metadata
# (email, zipfile, csv: some 10 ms), what Whoosh's and platformdirs' stand-ins
# defer (tempfile, shutil, random, calendar, hashlib: md5 is _md5's).
NOT_FOR_A_SEARCH = [
    "csv", "tabulate", "wcwidth", "importlib.metadata", "email", "zipfile",
    "multiprocessing", "concurrent.futures", "sqlite3", "rjieba", "jieba",
    "pypdfium2", "pypdf", "docx", "odfdo", "charset_normalizer",
    "rsearch.corpus.parser", "rsearch.corpus.reader", "rsearch.corpus.formats",
    "rsearch.indexer.build", "rsearch.indexer.storage.sources",
    "rsearch.indexer.retrieval.listings", "rsearch.indexer.retrieval.listing_reads",
    "rsearch.indexer.retrieval.overview", "rsearch.indexer.engines.sphinxql",
    "whoosh.writing", "whoosh.searching", "whoosh.query",
    # Whoosh's imports a stand-in defers (indexer/whoosh_import.py), and what
    # numpy loads on first use of unique/intersect1d (filters use neither).
    "urllib.request", "http", "ssl", "asyncio", "numpy.ma",
    "tempfile", "shutil", "random", "calendar", "hashlib", "_hashlib", "bz2", "lzma",
    # numpy's linear algebra, which its import loaded for the matrix class and
    # polynomials, and ctypes (stand-ins now), and the report model's classes (a search
    # takes headings and citations from corpus.citation).
    "numpy.linalg", "numpy._typing", "ctypes", "rsearch.corpus.model",
]

# `rsearch ARGS` in a new interpreter, followed by what a probe reports.
RSEARCH_RUN = """
import sys
from rsearch.cli.main import main
sys.argv = ["rsearch", *sys.argv[1:]]
try:
    main()
except SystemExit:
    pass
"""
MODULES_PROBE = 'print(" ".join(sorted(m for m in sys.modules)), file=sys.stderr)\n'
JSON_SEARCH = ["search", "海關", "-f", "json"]


def run_rsearch(cwd, index, args: list[str], probe: str, env=os.environ):
    """`rsearch ARGS` run on the index in a new process, then the probe's code."""
    return subprocess.run([sys.executable, "-c", RSEARCH_RUN + probe, *args], cwd=cwd,
                          capture_output=True, text=True, check=True,
                          env={**env, "RSEARCH_INDEX_DIR": str(index)})


def test_a_json_search_imports_nothing_it_does_not_use(tmp_path, built_index):
    done = run_rsearch(tmp_path, built_index, JSON_SEARCH, MODULES_PROBE)
    assert '"rank": 1' in done.stdout
    imported = set(done.stderr.split())
    assert "rsearch.indexer.retrieval.search" in imported  # the probe did search
    assert sorted(m for m in imported
                  if any(m == n or m.startswith(n + ".") for n in NOT_FOR_A_SEARCH)) == []


def test_a_search_filtered_by_report_imports_nothing_it_does_not_use(tmp_path, built_index):
    args = ["search", "海關", "--agency", "關務署", "--since", "2010", "--until", "2030",
            "--type", "開會", "-f", "json"]
    done = run_rsearch(tmp_path, built_index, args, MODULES_PROBE)
    assert '"rank": 1' in done.stdout
    imported = set(done.stderr.split())
    assert "rsearch.indexer.storage.report_runs" in imported  # the filters were resolved
    assert sorted(m for m in imported
                  if any(m == n or m.startswith(n + ".") for n in NOT_FOR_A_SEARCH)) == []


def test_a_table_search_imports_of_wcwidth_its_width_function_alone(tmp_path, built_index):
    # wcwidth's __init__ imports every part of the package (some 13 ms); a
    # table asks only wcswidth, which is the package's C extension's.
    done = run_rsearch(tmp_path, built_index, ["search", "海關"], MODULES_PROBE)
    assert done.stdout.startswith("rank")
    imported = set(done.stderr.splitlines()[-1].split())
    assert "tabulate" in imported  # the table was printed by tabulate
    assert sorted(m for m in imported if m.split(".")[0] == "wcwidth") == ["wcwidth._wcwidth_c"]
    not_for_a_table = [n for n in NOT_FOR_A_SEARCH if n not in ("tabulate", "wcwidth")]
    assert sorted(m for m in imported
                  if any(m == n or m.startswith(n + ".") for n in not_for_a_table)) == []


WIDTHS_PROBE = """
import sys
from rsearch.cli import widths
module = widths.widths_module()
print(module.__name__, "wcwidth" in sys.modules, widths.wcswidth("海關 AEO"))
import wcwidth
print(module.wcswidth is wcwidth.wcswidth, module is wcwidth)
"""


@pytest.mark.parametrize(("python_only", "expected"), [
    ("", ["wcwidth False 8", "True False"]),
    # wcwidth's own switch to its Python functions: the package is imported
    ("1", ["wcwidth True 8", "True True"]),
])
def test_widths_are_wcwidths_own_function(tmp_path, python_only, expected):
    env = {**os.environ, "WCWIDTH_PYTHON": python_only}
    done = subprocess.run([sys.executable, "-c", WIDTHS_PROBE], cwd=tmp_path, env=env,
                          capture_output=True, text=True, check=True)
    assert done.stdout.splitlines() == expected


NO_WCWIDTH_PROBE = """
import sys
sys.modules["wcwidth"] = None  # not installed: importing it raises ImportError
from rsearch.cli import render
print(render.to_table([{"a": "海關"}], ["a"]).splitlines()[-1])
import tabulate
print(tabulate.WIDE_CHARS_MODE)
"""


def test_a_table_without_wcwidth_is_printed_as_tabulate_prints_it(tmp_path):
    done = subprocess.run([sys.executable, "-c", NO_WCWIDTH_PROBE], cwd=tmp_path,
                          capture_output=True, text=True, check=True)
    assert done.stdout.splitlines() == ["海關", "False"]


@given(st.text(max_size=40))
def test_widths_measure_as_wcwidth_does(text):
    import wcwidth
    from rsearch.cli import widths

    assert widths.wcswidth(text) == wcwidth.wcswidth(text)


THREADS_PROBE = """
import os
import numpy  # imported by the search of a common term, or now
print(len(os.listdir("/proc/self/task")), file=sys.stderr)
"""


@pytest.mark.skipif(not os.path.isdir("/proc/self/task"), reason="threads listed by /proc")
def test_a_search_starts_no_blas_threads(tmp_path, built_index):
    # numpy's OpenBLAS starts a thread per core when loaded: rsearch
    # multiplies no matrices, and a command runs on its one thread.
    env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"}
    done = run_rsearch(tmp_path, built_index, JSON_SEARCH, THREADS_PROBE, env=env)
    assert '"rank": 1' in done.stdout
    assert done.stderr.split()[-1] == "1"


NUMPY_PROBE = """
import sys
import rsearch.indexer
if sys.argv[1] == "asking":  # a finder before it that asks every other (a profiler's)
    class Asking:
        def find_spec(self, name, path=None, target=None):
            for finder in sys.meta_path:
                if finder is not self and hasattr(finder, "find_spec"):
                    spec = finder.find_spec(name, path, target)
                    if spec is not None:
                        return spec
    sys.meta_path.insert(0, Asking())
import numpy as np
print(sorted(m for m in sys.modules if m.startswith(("numpy.linalg", "numpy._typing", "ctypes"))))
print(any(type(f).__name__ == "StandInsOnFirstImport" for f in sys.meta_path))
import ctypes
a = np.arange(6).reshape(2, 3)
print(a.ctypes.data_as(ctypes.c_void_p).value == a.ctypes.data, a.ctypes.shape_as(ctypes.c_long)[:],
      "_ctypes" in sys.modules)
# What the stand-in deferred, called: numpy.linalg is imported then, the real one.
print(np.polyfit([0, 1, 2], [1, 3, 5], 1).round(6).tolist())
print((np.matrix([[1, 2], [3, 4]]) ** 2).tolist(), np.roots([1, -3, 2]).tolist())
print(np.linalg.inv([[2.0, 0.0], [0.0, 4.0]]).tolist(), np.linalg.norm([3, 4]))
print(type(sys.modules["numpy.linalg"]).__name__, "numpy.linalg._linalg" in sys.modules)
"""


@pytest.mark.parametrize("finders", ["", "asking"])
def test_numpy_imports_without_its_linear_algebra_until_it_is_called(tmp_path, finders):
    # numpy's matrix class and polynomials take names of numpy.linalg as numpy
    # is imported (with numpy._typing, 13 modules): they stand in until called;
    # so does ctypes until an array's .ctypes is read.
    done = subprocess.run([sys.executable, "-c", NUMPY_PROBE, finders], cwd=tmp_path,
                          capture_output=True, text=True, check=True)
    assert done.stdout.splitlines() == [
        "[]", "False", "True [2, 3] True", "[2.0, 1.0]", "[[7, 10], [15, 22]] [2.0, 1.0]",
        "[[0.5, 0.0], [0.0, 0.25]] 5.0", "module True"]


IMPORTS_PROBE = """
import gc
import importlib.util
import py_compile
import sys
if sys.argv[1] == "off":
    gc.disable()
import rsearch.cli
# The entry module's bytecode written first, as any run but the first finds
# it: compiling it (under PYTHONDONTWRITEBYTECODE, every time) makes objects
# before its first line can pause the collector.
spec = importlib.util.find_spec("rsearch.cli.main")
py_compile.compile(spec.origin, cfile=spec.cached, doraise=True)
passes = sum(generation["collections"] for generation in gc.get_stats())
import rsearch.cli.main
print(sum(generation["collections"] for generation in gc.get_stats()) - passes, gc.isenabled())
"""


@pytest.mark.parametrize(("collector", "expected"), [("on", ["0", "True"]),
                                                     ("off", ["0", "False"])])
def test_the_commands_imports_run_no_collection(tmp_path, collector, expected):
    # The collector paused over the imports and what they made frozen: no pass
    # over it, during them or right after; the collector then as it was.
    done = subprocess.run([sys.executable, "-c", IMPORTS_PROBE, collector], cwd=tmp_path,
                          capture_output=True, text=True, check=True)
    assert done.stdout.split() == expected


# How many objects each pass of the cycle collector over a command walks
# (those tracked and not frozen when it starts).
PASSES_PROBE = """
import gc
import sys
from rsearch.cli.main import main
walked = []
gc.callbacks.append(lambda phase, info: phase == "start" and walked.append(len(gc.get_objects())))
sys.argv = ["rsearch", *sys.argv[1:]]
try:
    main()
except SystemExit:
    pass
print(max(walked, default=0), gc.isenabled(), file=sys.stderr)
"""


@pytest.mark.parametrize("args", [JSON_SEARCH, ["search", "海關"], ["search", "海關", "--count"],
                                  ["reports", "-f", "json"]])
def test_a_command_reading_the_index_walks_nothing_it_made(tmp_path, built_index, args):
    # A search pauses the collector; resumed, its first pass walked every
    # object the search had left (some 17,000 on the sample's index, hundreds
    # of thousands at 100,000 reports), and the pass as the process exits
    # walked them again. Over a command that reads the index the collector
    # stays paused, and what it made is frozen after: a pass walks at most
    # what the output's imports make (a table's: some 900 objects), and the
    # collector is enabled again.
    done = subprocess.run([sys.executable, "-c", PASSES_PROBE, *args], cwd=tmp_path,
                          capture_output=True, text=True, check=True,
                          env={**os.environ, "RSEARCH_INDEX_DIR": str(built_index)})
    assert done.stdout
    walked, enabled = done.stderr.split()[-2:]
    assert int(walked) < 2000 and enabled == "True"


VERSION_PROBE = """
import sys
from rsearch.indexer.analysis.text import segmenter_info
info = segmenter_info({"segmenter_stat": None})  # an index built by another installation
print(info["segmenter_version"], "importlib.metadata" in sys.modules)
"""


def test_the_segmenter_version_is_read_without_importlib_metadata(tmp_path):
    done = subprocess.run([sys.executable, "-c", VERSION_PROBE], cwd=tmp_path,
                          capture_output=True, text=True, check=True)
    assert done.stdout.split() == [importlib.metadata.version("rjieba"), "False"]


def test_installed_versions_are_those_importlib_metadata_gives():
    for distribution, module in (("rjieba", "rjieba"), ("click", "click"), ("numpy", "numpy"),
                                 ("whoosh-reloaded", "whoosh")):
        assert installed_version(distribution.replace("-", "_"),
                                 importlib.util.find_spec(module)) == \
            importlib.metadata.version(distribution)
    assert installed_version("no_such_distribution", None) == "missing"


@given(st.binary(max_size=3 * checksums.CHUNK), st.integers(0, 2**32 - 1))
def test_the_checksum_is_zlibs_crc32(data, start):
    assert checksums.crc32(data) == zlib.crc32(data)
    assert checksums.crc32(data, start) == zlib.crc32(data, start)
    assert checksums.crc32(memoryview(data)[1:]) == zlib.crc32(data[1:])


def test_the_checksum_is_libdeflates_where_installed():
    from deflate import crc32

    assert checksums.crc32 is crc32


@given(st.dictionaries(st.binary(min_size=1, max_size=12), st.binary(max_size=20),
                       max_size=300))
def test_a_hash_file_opens_with_its_directory_read_at_once(items):
    from whoosh.filedb.filetables import HashReader, HashWriter, OrderedHashWriter
    from whoosh.filedb.structfile import StructFile

    whoosh_door.install_buffers()
    assert HashReader.__init__ is whoosh_door._hash_reader_init
    for writer_class in (HashWriter, OrderedHashWriter):
        buffer, written = io.BytesIO(), []
        writer = writer_class(StructFile(buffer, onclose=lambda f, b=buffer, w=written: w.append(
            b.getvalue())))
        for key in sorted(items):
            writer.add(key, items[key])
        length = writer.close()
        [data] = written
        reader = HashReader(StructFile(io.BytesIO(data)), length)
        # The directory: 256 (position, slots) entries just before the extras.
        extras = struct.unpack("!i", data[length - 4:length])[0]
        directory = data[length - 4 - extras - 256 * 12:length - 4 - extras]
        assert reader.tables == list(struct.iter_unpack("!qi", directory))
        assert {k: reader[k] for k in items} == items
        assert b"\xff" * 13 not in reader


def test_the_passage_count_reads_only_segments_with_deletions(updated_archive, monkeypatch):
    # An update left deleted documents in the first segment and added others:
    # the count is every live passage document, and the per-report counts are
    # read only from the segments with deletions.
    from rsearch.indexer import ReportIndex
    from rsearch.indexer.retrieval import index_counts
    from rsearch.indexer.storage import PASSAGE, segment_ids, segments

    with ReportIndex(updated_archive) as ix:
        reader = ix.searcher.reader()
        parts = segments(reader)
        assert reader.has_deletions()
        assert any(s.has_deletions() for s, _ in parts)
        assert any(not s.has_deletions() for s, _ in parts)
        read = []
        real = index_counts.segment_numbers
        monkeypatch.setattr(index_counts, "segment_numbers",
                            lambda segment, name: read.append(segment) or real(segment, name))
        count = ix._passage_count
        assert read and all(s.has_deletions() for s in read)
        assert count == sum(len(segment_ids(s, 0, "kind", PASSAGE)) for s, _ in parts)


# What a listing must not import: ranking's and counting's modules, numpy.
NOT_FOR_A_LISTING = ["numpy", "tabulate", "csv"] + [f"rsearch.indexer.retrieval.{m}" for m in (
    "candidates", "topk", "index_counts", "groups", "leaders", "bounds", "arrays")]


@pytest.mark.parametrize("listing", ["reports", "meetings", "topics"])
def test_a_listing_imports_nothing_of_a_search(tmp_path, built_index, listing):
    done = run_rsearch(tmp_path, built_index, [listing, "-f", "json"], MODULES_PROBE)
    assert done.stdout.startswith("[\n")
    imported = set(done.stderr.split())
    assert "rsearch.indexer.retrieval.listings" in imported  # the probe did list
    assert sorted(m for m in imported
                  if any(m == n or m.startswith(n + ".") for n in NOT_FOR_A_LISTING)) == []
