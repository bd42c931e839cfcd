"""`rsearch optimize`: merge the index folder's segments (indexer.optimize_index)."""

from __future__ import annotations

import sys

import click

from .errors import library_errors
from .settings import Settings


def segments_of(count: int) -> str:
    return f"{count} segment{'' if count == 1 else 's'}"


@click.command()
@click.option("--segments", type=click.IntRange(min=1), default=1, show_default=True,
              help="Merge until at most this many segments are left.")
@click.pass_obj
def optimize(settings: Settings, segments: int) -> None:
    """Merge the index's segments into few, so that searches visit fewer.

    Every search visits every segment of the index; a large build leaves
    dozens. Postings are merged term by term, so memory stays bounded
    whatever the size of the index. An interrupted optimize leaves the index
    as it was (or as its last finished merge left it).

    \b
    Examples:
      rsearch optimize                    after a large build
      rsearch optimize --segments 20      fewer merges, most of the gain
    """
    from ..indexer import optimize_index

    if settings.engine_url:
        raise click.UsageError("optimize merges an index folder's segments; "
                               "a cluster (--engine) merges its own")
    bar = None

    def progress(done: int, total: int) -> None:
        nonlocal bar
        if bar is None and total and sys.stderr.isatty():
            bar = click.progressbar(length=total, label="Merging", file=sys.stderr)
            bar.__enter__()
        if bar is not None:
            bar.update(done - bar.pos)

    with library_errors():
        try:
            result = optimize_index(settings.index_dir, segments, progress=progress)
        finally:
            if bar is not None:
                bar.__exit__(None, None, None)
    if not result.merges:
        click.echo(f"The index in {result.index_dir} has "
                   f"{segments_of(result.segments_after)}: nothing to merge.")
        return
    click.echo(f"The index in {result.index_dir} had {segments_of(result.segments_before)}; "
               f"it has {segments_of(result.segments_after)} now "
               f"({result.documents:,} documents merged).")
