"""How many layouts a property draws, and the settings of the properties
that write what they draw to files. CI runs each property's default;
RSEARCH_LAYOUTS=2000 (with --hypothesis-seed) runs more."""

import importlib
import os
import pkgutil

from hypothesis import HealthCheck, settings

# The library's packages, and the benchmark modules the tests import.
PACKAGES = ("rsearch.corpus", "rsearch.indexer", "rsearch.cli")
BENCHMARKS = ("benchmarks.archive",)


def examples(default: int) -> int:
    """RSEARCH_LAYOUTS where it is asked for, else the property's default."""
    return int(os.environ.get("RSEARCH_LAYOUTS", str(default)))


def file_layouts(max_examples: int) -> settings:
    """For properties that write each draw to files under tmp_path_factory
    and read them back: no deadline, and neither the function-scoped
    fixture nor a slow draw reported."""
    return settings(max_examples=max_examples, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture,
                                           HealthCheck.too_slow])


def load_project_modules() -> None:
    """Import every module of the library (and the benchmarks the tests use)
    before any test runs. Hypothesis now and then draws a constant found in
    the source of the project's modules loaded at the time (its "local
    constants"), so a derandomized property drew other examples after tests
    that had imported more of the project: a property run alone did not draw
    what it drew in the full suite. Loaded up front, every run and every
    order of tests draws the same examples."""
    for name in PACKAGES:
        package = importlib.import_module(name)
        for module in pkgutil.walk_packages(package.__path__, name + "."):
            if not module.name.endswith(".__main__"):
                importlib.import_module(module.name)
    for name in BENCHMARKS:
        importlib.import_module(name)
