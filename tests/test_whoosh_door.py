"""The door to Whoosh: every private name rsearch relies on is listed, still
there in the installed Whoosh, and used in whoosh_door.py alone."""

import ast
import importlib
import inspect
import re
from pathlib import Path

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
