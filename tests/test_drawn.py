"""What a derandomized property draws does not depend on the tests run
before it: Hypothesis draws now and then a constant from the source of the
project's modules loaded at the time, so every module of the library is
loaded before any test (tests/drawn.py, from conftest.py)."""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_every_module_of_the_library_is_loaded_before_the_tests():
    names = []
    for folder in ("corpus", "indexer", "cli"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            if parts[-1] == "__init__":
                parts = parts[:-1]
            if parts[-1] != "__main__":
                names.append(".".join(("rsearch", *parts)))
    assert len(names) > 100
    assert [name for name in names if name not in sys.modules] == []
    assert "benchmarks.archive" in sys.modules


def test_the_library_is_installed_from_this_checkout():
    """Hypothesis gathers its "local constants" only from modules outside
    site-packages, so a library installed into site-packages (`pip install
    .`) gives the properties another pool than an editable install, and CI
    drew other examples than a developer's checkout at the same commit. The
    test command installs with `-e`, so both draw the same."""
    import rsearch.corpus

    location = Path(rsearch.corpus.__file__).resolve()
    assert "site-packages" not in location.parts, (
        "install the test extras editable (pip install -e '.[test]') so the "
        "properties draw what CI draws")
    assert location.is_relative_to(ROOT)
