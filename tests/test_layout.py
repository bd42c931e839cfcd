"""The package layout: imports a reader can follow, and indexer/ in wings.

Inside corpus/, indexer/ and cli/ every import of rsearch's own code is
relative, so the file an import names is where it says in a fresh clone. In
indexer/, build and retrieval stand on storage, all three on analysis, engines
(another place for the passages) on all four, and a
module of one wing reaches another wing only through its __init__ (its face).
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("corpus", "indexer", "cli")
WINGS = ("analysis", "storage", "build", "retrieval", "engines")
# The wings each wing may import (through their faces).
MAY_IMPORT = {
    "analysis": set(),
    "storage": {"analysis"},
    "build": {"analysis", "storage"},
    "retrieval": {"analysis", "storage"},
    # Another engine holds and ranks the passages a build makes as retrieval does.
    "engines": {"analysis", "storage", "build", "retrieval"},
}
# Modules at the top of indexer/, shared by every wing; they import no wing.
SHARED = {"errors", "whoosh_import"}


def modules():
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            yield path, parts[:-1] if parts[-1] == "__init__" else parts, path.name == "__init__.py"


def is_module(parts):
    return (ROOT.joinpath(*parts).with_suffix(".py").exists()
            or ROOT.joinpath(*parts, "__init__.py").exists())


def imports(path, name, is_package):
    """(line, the module an import names, as a tuple of parts; absolute ones
    start with "<absolute>"); `from .wing import module` names the module."""
    here = name if is_package else name[:-1]
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            module = tuple(node.module.split(".")) if node.module else ()
            target = here[:len(here) - node.level + 1] + module
            for alias in node.names:
                sub = target + (alias.name,)
                yield node.lineno, sub if is_module(sub) else target
        elif isinstance(node, ast.ImportFrom):
            yield node.lineno, ("<absolute>", *node.module.split("."))
        elif isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, ("<absolute>", *alias.name.split("."))


ALL = [(path, name, list(imports(path, name, is_package)))
       for path, name, is_package in modules()]


def where(path, line):
    return f"{path.relative_to(ROOT)}:{line}"


def test_own_code_is_imported_relatively():
    absolute = [where(path, line) for path, _, found in ALL for line, target in found
                if target[:2] == ("<absolute>", "rsearch")]
    assert absolute == []


def test_relative_imports_name_files_that_exist():
    missing = [where(path, line) for path, _, found in ALL for line, target in found
               if target[0] != "<absolute>" and not is_module(target)]
    assert missing == []


def wing_of(name):
    return name[1] if len(name) > 1 and name[0] == "indexer" and name[1] in WINGS else None


def test_a_wing_is_entered_through_its_face_and_imports_run_one_way():
    wrong = []
    for path, name, found in ALL:
        if name[0] != "indexer":
            continue
        mine = wing_of(name)
        for line, target in found:
            theirs = wing_of(target)
            if target[0] != "indexer" or theirs == mine:
                continue
            if theirs is None:  # the indexer package or a shared module
                if mine is not None and target[1:] and target[1] not in SHARED:
                    wrong.append(f"{where(path, line)} imports {'.'.join(target)}")
                if mine is None and name[1:] and name[1] in SHARED and len(target) > 1:
                    wrong.append(f"{where(path, line)}: shared module imports a wing")
                continue
            if len(target) > 2:
                wrong.append(f"{where(path, line)} reaches past {theirs}'s face")
            if mine is not None and theirs not in MAY_IMPORT[mine]:
                wrong.append(f"{where(path, line)}: {mine} imports {theirs}")
    assert wrong == []


def test_the_command_uses_only_the_library_face():
    wrong = [where(path, line) for path, name, found in ALL if name[0] == "cli"
             for line, target in found if target[0] == "indexer" and len(target) > 1]
    assert wrong == []


@pytest.mark.parametrize("wing", WINGS)
def test_every_name_a_face_offers_exists(wing):
    import importlib

    face = importlib.import_module(f"rsearch.indexer.{wing}")
    assert face.__doc__
    missing = [name for name in face.__all__ if not hasattr(face, name)]
    assert missing == []


def test_every_package_folder_is_installed():
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"]
    folders = {f"rsearch.{'.'.join(init.parent.relative_to(ROOT).parts)}"
               for package in PACKAGES for init in (ROOT / package).rglob("__init__.py")}
    assert sorted(config["packages"]) == sorted(folders)
