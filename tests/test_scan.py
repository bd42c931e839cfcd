"""The walk of the folders to index (corpus/scan.py): a folder's report
files are stat'ed and filed in bulk; the result is the one of sorting every
entry on its own (the reference), whatever the folder holds."""

import os
import shutil

import rsearch.corpus.scan as scan_module
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rsearch.corpus import scan_reports

names = st.text("ab.", min_size=1, max_size=3).map(lambda s: s.strip(".") or "n")
suffixes = st.sampled_from([".txt", ".PDF", ".docx", ".odt", ".doc", ".rtf", ".png", ""])
kinds = st.sampled_from(["file", "folder", "link to file", "link to folder", "dangling link",
                         "hidden"])
entries = st.lists(st.tuples(names, suffixes, kinds), max_size=12)


def make(folder, layout, depth=0):
    folder.mkdir(parents=True, exist_ok=True)
    for n, (name, suffix, kind) in enumerate(layout):
        path = folder / f"{name}{n}{suffix}"
        if kind == "file":
            path.write_text("x")
        elif kind == "hidden":
            (folder / f".{name}{n}{suffix}").write_text("x")
        elif kind == "folder" and depth < 2:
            make(path, layout[n + 1:n + 4], depth + 1)
        elif kind == "link to file":
            target = folder / f"target{n}.bin"
            target.write_text("y")
            os.symlink(target, path)
        elif kind == "link to folder":
            os.symlink(folder, path)
        elif kind == "dangling link":
            os.symlink(folder / "nowhere", path)


def reference_sort(folder, fd, names, root, scan, folders):
    prefix = os.path.join(folder, "")
    for name in names:
        if name[0] != ".":
            scan_module._sort_name(prefix, fd, name, root, scan, folders)


def as_tuple(scan):
    return (scan.found, sorted(scan.unreadable), sorted(scan.special),
            sorted(scan.unsupported), sorted(scan.others))


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(entries, st.booleans())
def test_the_walk_in_bulk_finds_what_each_entry_sorted_alone_finds(tmp_path_factory, layout,
                                                                   at_fd):
    root = tmp_path_factory.mktemp("walk") / "reports"
    try:
        make(root, layout)
        with_bulk = {}
        for bulk in (True, False):
            patch = {"AT_FD": at_fd}
            if not bulk:
                patch["_sort_names"] = reference_sort
            saved = {name: getattr(scan_module, name) for name in patch}
            for name, value in patch.items():
                setattr(scan_module, name, value)
            try:
                with_bulk[bulk] = as_tuple(scan_reports([root]))
            finally:
                for name, value in saved.items():
                    setattr(scan_module, name, value)
        assert with_bulk[True] == with_bulk[False]
        # Every plain report file is found, with its stamp.
        for path, (found_root, stamp) in with_bulk[True][0].items():
            assert found_root == root.resolve()
            stat = os.stat(path)
            assert stamp == (stat.st_size, stat.st_mtime_ns)
    finally:
        shutil.rmtree(root.parent, ignore_errors=True)
