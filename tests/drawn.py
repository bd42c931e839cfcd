"""How many layouts a property draws, and the settings of the properties
that write what they draw to files. CI runs each property's default;
RSEARCH_LAYOUTS=2000 (with --hypothesis-seed) runs more."""

import os

from hypothesis import HealthCheck, settings


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
