"""The commands that build and keep the index: index, check, remove."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .errors import library_errors
from .indexing import report_count, run_index, skipped_summary
from .settings import Settings


@click.command()
# (A path need not exist: a file deleted from a folder indexed is named to
# remove its report; the library refuses any other missing path.)
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--rebuild", is_flag=True, help="Start over instead of updating.")
@click.option("--verbose", "-v", is_flag=True,
              help="Name every file not indexed, with why (else a few of each kind).")
@click.pass_obj
def index(settings: Settings, paths: tuple[Path, ...], rebuild: bool, verbose: bool) -> None:
    """Index report files and folders: PDF, DOCX, ODT and text.

    The index remembers the files and folders it was built from. PATHS are
    added beside them; with no PATHS, all of them are brought up to date:
    unchanged files are kept as they are, changed ones re-read, files gone
    from a folder removed; naming a file deleted from a folder indexed removes
    its report alone. `rsearch remove` forgets a folder. The bundled
    sample report is indexed until you name reports of your own.

    Every file not indexed is counted, by kind, and named on stderr:
    formats not read (.doc, .wps, .rtf), unreadable or damaged files,
    duplicates (a file that reads to the same text as another: the report
    is indexed once, from the file whose path sorts first, and stays with
    that file on updates), devices and FIFOs (never read), and other files
    (images, spreadsheets). Hidden files are left out.

    \b
    Examples:
      rsearch index ~/reports 2019-wco-report.pdf
      rsearch index                       update every folder indexed before
      rsearch index --rebuild             start over, same folders
    """
    engine = settings.engine()
    try:
        result = run_index(engine, paths, rebuild, verbose)
    except KeyboardInterrupt:
        click.echo("Interrupted: the index was left as it was before.", err=True)
        sys.exit(130)
    reports = len(result.added) + len(result.updated)
    click.echo(
        f"Indexed {report_count(reports)} ({result.passages} passages) "
        f"into {engine.where}: {len(result.added)} added, {len(result.updated)} updated, "
        f"{len(result.removed)} removed, {len(result.unchanged)} unchanged, "
        f"{skipped_summary(result)} in {result.seconds:.1f} s.")


@click.command()
@click.pass_obj
def check(settings: Settings) -> None:
    """Verify the whole index: every file against the checksums written with it.

    On a cluster (--engine): every node answers, holds its shard tables with
    the columns this rsearch fills, and the meta record has this rsearch's
    schema. Exit status 1, with one line per problem, when any is found.

    \b
    Examples:
      rsearch check
      rsearch --index-dir ~/archive-index check
    """
    engine = settings.engine()
    with library_errors(), engine:
        result = engine.check()
    if result.problems:
        for problem in result.problems:
            click.echo(problem, err=True)
        raise click.ClickException(result.failed)
    click.echo(f"The index in {result.where} is sound: {result.verified}.")


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.pass_obj
def remove(settings: Settings, paths: tuple[Path, ...]) -> None:
    """Forget indexed files or folders and remove their reports from the index.

    \b
    Example:
      rsearch remove ~/reports/old
    """
    from ..indexer import NotIndexed

    engine = settings.engine()
    with library_errors():
        try:
            result = engine.remove(list(paths))
        except NotIndexed as e:
            raise click.BadParameter(f"{e}; {e.hint}", param_hint="PATHS") from None
    click.echo(f"Removed {report_count(len(result.removed))} from {engine.where} "
               f"in {result.seconds:.1f} s.")
