"""The door to Whoosh: every private name rsearch relies on is listed, still
there in the installed Whoosh, and used in whoosh_door.py alone."""

import ast
import importlib
import inspect
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rsearch.indexer.storage.whoosh_door import PRIVATE_NAMES

INDEXER = Path(__file__).resolve().parent.parent / "indexer"
DOOR = INDEXER / "storage" / "whoosh_door.py"
# Whoosh's modules that only the door imports: undocumented internals.
INTERNAL_MODULES = ("whoosh.codec", "whoosh.filedb.compound", "whoosh.filedb.structfile",
                    "whoosh.reading")


def resolve(path: str):
    parts = path.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            found = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        for attribute in parts[cut:]:
            found = getattr(found, attribute)
        return found
    raise ImportError(path)


def sources(found) -> str:
    """The source of a module, or of a class and its Whoosh bases."""
    if inspect.ismodule(found):
        return inspect.getsource(found)
    return "".join(inspect.getsource(k) for k in inspect.getmro(found)
                   if k.__module__.startswith("whoosh"))


def is_there(found, name: str) -> bool:
    """A method or class attribute, or an attribute Whoosh's code sets on self."""
    if hasattr(found, name):
        return True
    return re.search(rf"self\.{name}\b[^=\n]*=(?!=)", sources(found)) is not None


def test_every_private_name_relied_on_is_in_the_installed_whoosh():
    missing = []
    for path, names in PRIVATE_NAMES.items():
        try:
            found = resolve(path)
        except (ImportError, AttributeError):
            missing.append(path)
            continue
        missing += [f"{path}.{name}" for name in names if not is_there(found, name)]
    assert missing == []


def test_a_name_that_moved_is_reported_by_name():
    from whoosh.codec.whoosh3 import W3LeafMatcher

    assert not is_there(W3LeafMatcher, "_next_block_moved")
    assert is_there(W3LeafMatcher, "_next_block")  # a method
    assert is_there(W3LeafMatcher, "_postfile")  # set in __init__
    assert not is_there(W3LeafMatcher, "_read_data_")


def test_private_names_are_used_through_the_door_alone():
    listed = {name for names in PRIVATE_NAMES.values() for name in names}
    wrong = []
    for path in sorted(INDEXER.rglob("*.py")):
        if path == DOOR:
            continue
        tree = ast.parse(path.read_text("utf-8"))
        own = {node.attr for node in ast.walk(tree) if isinstance(node, ast.Attribute)
               and isinstance(node.ctx, ast.Store) and isinstance(node.value, ast.Name)
               and node.value.id == "self"}
        own |= {node.name for node in ast.walk(tree)
                if isinstance(node, ast.FunctionDef | ast.ClassDef)}
        where = path.relative_to(INDEXER)
        wrong += [f"{where}:{node.lineno} .{node.attr}" for node in ast.walk(tree)
                  if isinstance(node, ast.Attribute) and node.attr in listed
                  and node.attr not in own]
        wrong += [f"{where}:{node.lineno} {node.module}" for node in ast.walk(tree)
                  if isinstance(node, ast.ImportFrom) and node.module
                  and node.module.startswith(INTERNAL_MODULES)]
    assert wrong == []


def test_whoosh_is_pinned_below_its_next_minor_version():
    import tomllib

    config = tomllib.loads((INDEXER.parent / "pyproject.toml").read_text("utf-8"))
    pins = [d for d in config["project"]["dependencies"] if d.startswith("whoosh-reloaded")]
    assert pins == ["whoosh-reloaded>=2.7.5,<2.8"]
    from importlib.metadata import version

    assert version("whoosh-reloaded").startswith("2.7.")


@given(st.binary(min_size=1, max_size=300), st.data())
def test_reads_from_the_file_are_the_mapped_bytes(tmp_path_factory, content, data):
    # A segment's files read by pread beside the map give what the map holds,
    # cut at the end of the file inside the segment as the map's slices are.
    from rsearch.indexer.storage.whoosh_door import ViewBufferFile, mapped_segment

    path = tmp_path_factory.mktemp("mapped") / "segment"
    path.write_bytes(content)
    with open(path, "rb") as f:
        source = mapped_segment(f.fileno())
    try:
        base = data.draw(st.integers(0, len(content) - 1))
        size = data.draw(st.integers(1, len(content) - base))
        inner = ViewBufferFile(memoryview(source)[base:base + size], base=base, source=source)
        position = data.draw(st.integers(0, size + 3))
        length = data.draw(st.integers(0, size + 3))
        assert inner.get(position, length) == content[base:base + size][position:position + length]
        del inner
    finally:
        source.close()
    assert source.file.closed


@pytest.mark.parametrize(("length", "verified"), [(100, 1), (600, 1), (3000, 1), (9000, 16),
                                                  (80000, 40)])
def test_a_pickle_verifies_the_chunks_it_lies_in_not_what_follows(tmp_path, length, verified):
    # A term table's extras (some 300-450 bytes) lie before its ordered index
    # of every term, which a search never reads: reading them verified all of
    # it (5.6 MB of 39 segments at 100,000 reports). A pickle is tried at 256
    # bytes, 4 KB, 64 KB, ... and at last the rest of the buffer (the 80,000).
    import pickle

    from rsearch.indexer.storage import checksums
    from rsearch.indexer.storage.whoosh_door import ViewBufferFile, mapped_segment

    chunk = 4096
    value = {"fieldmap": "x" * length}
    content = pickle.dumps(value, 2) + bytes(20 * chunk)
    path = tmp_path / "segment"
    path.write_bytes(content)
    checks = checksums.SegmentChecks(tmp_path, path.name, len(content),
                                     checksums.chunk_crcs(path, chunk), chunk)
    with open(path, "rb") as f:
        source = mapped_segment(f.fileno())
    view = memoryview(source)
    buf = ViewBufferFile(view, checks=checks, source=source)
    try:
        assert buf.read_pickle() == value
        assert buf.file.tell() == len(pickle.dumps(value, 2))
        assert sum(checks.verified) == verified
    finally:
        del buf
        view.release()
        source.close()


def names_taken(source: str, module: str) -> set[str]:
    """The names a module's source takes of `module`: `from module import a`,
    and `alias.a` where it is imported as `alias` (`*` for a star import)."""
    tree, aliases, taken = ast.parse(source), set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == module and not node.level:
            taken |= {alias.name for alias in node.names}
        elif isinstance(node, ast.Import):
            aliases |= {alias.asname or alias.name for alias in node.names
                        if alias.name == module}
    for node in ast.walk(tree):
        if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
                and node.value.id in aliases):
            taken.add(node.attr)
    return taken


def test_each_stand_in_holds_every_name_its_package_takes():
    # A stand-in stands while a module of Whoosh (or platformdirs, cached_property)
    # is imported, so it holds what any module of that package takes of the
    # real module: every Python file of the package's folder is read.
    from rsearch.indexer.whoosh_import import ANSWERED, STAND_INS

    for importer, (module, names) in STAND_INS.items():
        spec = importlib.util.find_spec(importer.split(".")[0])
        origin = Path(spec.origin)  # a package's __init__.py, or a module alone
        files = sorted(origin.parent.rglob("*.py")) if spec.submodule_search_locations \
            else [origin]
        taken = set()
        for path in files:
            taken |= names_taken(path.read_text(encoding="utf-8"), module)
        assert taken, (importer, module)  # the stand-in stands for something
        assert taken <= set(names) | set(ANSWERED.get(module, ())), (importer, module, taken)


def test_names_taken_are_read_from_both_forms_of_import():
    source = "import random, os.path\nimport shutil as sh\nfrom shutil import copyfileobj\n" \
             "random.choice([1])\nsh.rmtree('x')\nos.path.join('a')\n"
    assert names_taken(source, "shutil") == {"copyfileobj", "rmtree"}
    assert names_taken(source, "random") == {"choice"}


def test_a_stand_in_gives_a_name_it_does_not_hold_from_the_real_module(monkeypatch):
    import sys

    from rsearch.indexer.whoosh_import import _stand_in, standing_in

    monkeypatch.delitem(sys.modules, "calendar", raising=False)  # put back after
    stand_in = _stand_in("calendar", ("monthrange",))
    with standing_in("calendar", stand_in):
        import calendar

        assert calendar is stand_in
        assert calendar.monthrange(2024, 2) == (3, 29)
        assert calendar.isleap(2024)  # not held: the real module's, which now stands
        assert sys.modules["calendar"] is not stand_in
    assert sys.modules["calendar"].isleap is calendar.isleap


@given(st.binary(max_size=200))
def test_whooshs_term_tables_hash_as_with_hashlibs_md5(key):
    import hashlib

    from whoosh.filedb import filetables

    assert filetables.md5(key, usedforsecurity=False).digest() == hashlib.md5(key).digest()
    assert filetables.md5_hash(key) == int(hashlib.md5(key).hexdigest(), 16) & 0xFFFFFFFF
