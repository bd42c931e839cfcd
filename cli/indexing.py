"""Indexing told on the terminal: a progress bar, the files not indexed and why,
the warnings about folders missing or unreadable, and the one-line summary."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..indexer import CorruptIndex
from .errors import fail, library_errors


def run_index(engine, paths: tuple[Path, ...], rebuild: bool, verbose: bool = False):
    """Index PATHS (none: every file and folder indexed before) into the engine."""
    from ..corpus import REPORT_SUFFIXES, sample_report_path

    sample = sample_report_path().resolve()
    with library_errors():
        try:
            remembered = engine.remembered()
        except CorruptIndex as e:
            # What the index was built from cannot be read: indexing the bundled
            # sample would replace the user's reports with it.
            if not (paths and rebuild):
                raise fail(e) from None
            remembered = []
        unknown = not paths and not remembered and engine.sources_unknown()
    if unknown:
        # An index is there, but says it was built from nothing: indexing the
        # bundled sample would replace the user's reports with it.
        raise click.UsageError(f"the index in {engine.where} does not say which files "
                               "and folders it was built from; name them: "
                               "rsearch index --rebuild PATHS")
    targets = list(paths) or ([] if remembered else [sample])
    # The bundled report stands in until you name reports of your own.
    replace = bool(paths) and remembered == [sample]
    bar = None

    def progress(done: int, total: int, path: str) -> None:
        nonlocal bar
        if bar is None and total > 1 and sys.stderr.isatty():
            bar = click.progressbar(length=total, label="Indexing", file=sys.stderr)
            bar.__enter__()
        if bar is not None:
            bar.update(1)

    with library_errors():
        try:
            result = engine.index(targets, rebuild=rebuild, replace=replace, progress=progress)
        except FileNotFoundError as e:
            # A path named that is gone (the library takes one deleted from a
            # folder indexed, to remove its report): told as Click tells it.
            gone = e.filename or (e.args[0] if e.args else None)
            named = next((p for p in paths if str(p.resolve()) == gone), None)
            if named is None:
                raise
            raise click.BadParameter(f"Path {click.format_filename(named)!r} does not exist.",
                                     param_hint="'[PATHS]...'") from None
        finally:
            if bar is not None:
                bar.__exit__(None, None, None)
    echo_not_indexed(result, verbose)
    for root in result.missing:
        if result.rebuilt:
            click.echo(f"Warning: {root} is missing; the rebuilt index has none of its "
                       "reports.", err=True)
        else:
            click.echo(f"Warning: {root} is missing; its reports stay in the index "
                       f"(`rsearch remove {root}` drops them).", err=True)
    for folder, why in result.unreadable:
        click.echo(f"Warning: cannot read {folder} ({why}); its reports stay in the index "
                   f"(`rsearch remove {folder}` drops them).", err=True)
    if not (result.added or result.updated or result.unchanged or result.skipped
            or result.duplicates or result.missing or result.unreadable or result.special):
        suffixes = ", ".join(f"*{suffix}" for suffix in REPORT_SUFFIXES)
        where = targets or remembered
        click.echo(f"Warning: no report files ({suffixes}) under "
                   f"{', '.join(str(t) for t in where)}; name the folders that hold them.",
                   err=True)
    return result


# Without --verbose, a kind of file not indexed with more files than this is
# one line naming this many.
NAMED_FILES = 3
NOT_INDEXED = {"unsupported": ("unsupported", "unsupported"),
               "unreadable": ("unreadable", "unreadable"),
               "damaged": ("damaged", "damaged"),
               "duplicate": ("duplicate", "duplicates"),
               "special": ("special file", "special files"),
               "other": ("not a report", "not reports")}


def count_of(kind: str, count: int) -> str:
    one, many = NOT_INDEXED[kind]
    return f"{count} {one if count == 1 else many}"


def echo_not_indexed(result, verbose: bool) -> None:
    """A line per file not indexed, with why; without `verbose`, a kind with
    more than NAMED_FILES files is one line naming the first few."""
    from ..indexer import not_indexed

    for kind, files in not_indexed(result).items():
        if verbose or len(files) <= NAMED_FILES:
            for path, why in files:
                click.echo(f"skipped {path}: {why}", err=True)
        else:
            named = ", ".join(path for path, _ in files[:NAMED_FILES])
            click.echo(f"skipped {count_of(kind, len(files))}: {named} and "
                       f"{len(files) - NAMED_FILES} more (--verbose lists each, with why)",
                       err=True)


def report_count(count: int) -> str:
    """`1 report`, `3 reports`."""
    return f"{count} report{'s' if count != 1 else ''}"


def skipped_summary(result) -> str:
    """`5 skipped (2 unsupported, 1 unreadable, 2 duplicates)`."""
    from ..indexer import not_indexed

    kinds = not_indexed(result)
    total = sum(len(files) for files in kinds.values())
    if not total:
        return "0 skipped"
    return f"{total} skipped (" + ", ".join(
        count_of(kind, len(files)) for kind, files in kinds.items()) + ")"
