"""Finding and opening an index's current generation and checking how it was
built: all that a search needs of the index folder (store.py builds it)."""

from __future__ import annotations

import json
from pathlib import Path

from .errors import CorruptIndex, IncompatibleIndex, NoIndex
from .schema import search_build_info

CURRENT = "CURRENT"
BUILD_FILE = "build.json"


def build_info(recorded: dict | None = None) -> dict:
    """The full record of how this version builds an index (`recorded`, an index's
    record, saves re-hashing an unchanged dictionary)."""
    from rsearch.corpus.version import PARSER_VERSION

    from .analysis import segmenter_info

    return {**search_build_info(), "parser_version": PARSER_VERSION,
            **segmenter_info(recorded)}


# How the dictionary was identified, not what it is: not compared.
NOT_COMPARED = {"dictionary_stat"}


def current_generation(index_dir: Path) -> Path:
    """The folder of the generation in use; NoIndex if there is none."""
    try:
        name = (index_dir / CURRENT).read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        raise NoIndex(f"no index in {index_dir}") from None
    except OSError as e:
        raise CorruptIndex(f"cannot read the index in {index_dir}: {e.strerror}") from None
    generation = index_dir / name
    if not name.startswith("gen-") or not generation.is_dir():
        raise CorruptIndex(f"the index in {index_dir} is damaged (missing {name or 'generation'})")
    return generation


def read_build_info(generation: Path) -> dict:
    try:
        return json.loads((generation / BUILD_FILE).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CorruptIndex(f"the index in {generation.parent} has no build record") from None
    except (OSError, ValueError):
        raise CorruptIndex(f"the index in {generation.parent} has a damaged build record") from None


def check_build_info(recorded: dict, expected: dict, where: Path) -> None:
    for key, value in expected.items():
        if key not in NOT_COMPARED and recorded.get(key) != value:
            raise IncompatibleIndex(
                f"the index in {where} was built with {key}={recorded.get(key)!r}, "
                f"this rsearch uses {value!r}")


def open_whoosh(generation: Path):
    from whoosh import index as whoosh_index

    from .buffers import install

    install()
    try:
        return whoosh_index.open_dir(str(generation))
    except Exception as e:  # Whoosh raises many kinds on a damaged folder
        raise CorruptIndex(f"the index in {generation.parent} is damaged ({type(e).__name__})"
                           ) from None
