"""The `rsearch` command: Click commands that call the library and render its results."""

from __future__ import annotations

import gc
import os
import sys
from contextlib import contextmanager
from pathlib import Path

import click

from ..indexer import (
    OVERVIEW_BUCKETS,
    CorruptIndex,
    EngineUnavailable,
    Filters,
    GlossaryError,
    IncompatibleIndex,
    IndexBusy,
    NoIndex,
    QuerySyntaxError,
    SearchIndexError,
    UnknownEngine,
    UnknownFilter,
    UnknownPassage,
    WorkerFailed,
    WouldDrop,
    open_engine,
)
from . import render

TABULAR = click.Choice(["table", "json", "csv", "markdown"])
# `show --context`: more passages around one than a reader reads on a terminal.
MAX_CONTEXT = 50


class Settings:
    def __init__(self, index_dir: Path, explicit: bool, engine: str | None = None,
                 allow_partial: bool = False):
        self.index_dir = index_dir
        self.explicit = explicit or bool(engine)
        self.engine_url, self.allow_partial = engine, allow_partial

    def engine(self):
        """The engine every command talks to: the index folder, or a cluster."""
        with library_errors():
            return open_engine(self.engine_url, self.index_dir, allow_partial=self.allow_partial,
                               warn=lambda message: click.echo(message, err=True))


def default_index_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("rsearch", appauthor=False)) / "index"


def fail(error: SearchIndexError) -> click.ClickException:
    hint = f"; {error.hint}" if error.hint else ""
    return click.ClickException(f"{error}{hint}")


@contextmanager
def library_errors():
    """Library errors become one-line Click errors: usage ones exit 2, the rest 1."""
    try:
        yield
    except QuerySyntaxError as e:
        raise click.UsageError(f"{e}; {e.hint}") from None
    except (NoIndex, IncompatibleIndex, CorruptIndex, IndexBusy, UnknownPassage,
            GlossaryError, WorkerFailed, EngineUnavailable, UnknownEngine, WouldDrop) as e:
        raise fail(e) from None
    except BrokenPipeError:
        raise  # the reader went away (`| head`): not an error to report
    except OSError as e:
        where = f" {e.filename}" if e.filename else ""
        raise click.ClickException(
            f"cannot use{where}: {e.strerror or e}; check the path and its permissions"
        ) from None


def open_index(settings: Settings):
    """Open the engine; the per-user default is built from the bundled report on first use."""
    engine = settings.engine()
    with library_errors():
        try:
            engine.open()
            return engine
        except NoIndex:
            if settings.explicit:
                raise
        click.echo(f"No index yet: indexing the bundled sample report into "
                   f"{engine.where} ...", err=True)
        run_index(settings, (), rebuild=False, engine=engine)
        engine.open()
        return engine


@contextmanager
def opened_index(settings: Settings):
    """The engine opened for a command, and closed after: its errors as
    library_errors() gives them, a filter naming nothing as a bad option."""
    ix = open_index(settings)
    with ix, library_errors():
        try:
            yield ix
        except UnknownFilter as e:
            raise unknown_filter(e) from None


class OneLineErrors(click.Group):
    """Usage errors in one line with a pointer to --help, not Click's usage block."""

    def main(self, *args, standalone_mode: bool = True, **kwargs):
        if not standalone_mode:
            return super().main(*args, standalone_mode=False, **kwargs)
        try:
            return super().main(*args, standalone_mode=False, **kwargs)
        except click.UsageError as e:
            where = e.ctx.command_path if e.ctx else "rsearch"
            click.echo(f"Error: {e.format_message()} (see '{where} --help')", err=True)
            sys.exit(e.exit_code)
        except click.ClickException as e:
            e.show()
            sys.exit(e.exit_code)
        except BrokenPipeError:
            # The reader stopped reading (`rsearch reports | head`): stop quietly,
            # and keep Python from failing again on flushing stdout at exit.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(1)
        except click.exceptions.Exit as e:
            sys.exit(e.exit_code)
        except click.Abort:
            click.echo("Aborted.", err=True)
            sys.exit(130)


@click.group(cls=OneLineErrors, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="rsearch")
@click.option("--index-dir", type=click.Path(file_okay=False, path_type=Path),
              envvar="RSEARCH_INDEX_DIR", show_envvar=True,
              help="Index folder. Default: the per-user data folder.")
@click.option("--engine", envvar="RSEARCH_ENGINE", show_envvar=True, metavar="URL",
              help="Where the passages live: sphinxql://HOST:PORT, or the cluster.json "
                   "`rsearch cluster init` wrote. Default: the index folder.")
@click.option("--allow-partial", is_flag=True,
              help="With a cluster: answer from the shards that replied, and say which did not.")
@click.pass_context
def cli(ctx: click.Context, index_dir: Path | None, engine: str | None,
        allow_partial: bool) -> None:
    """Search Taiwan government overseas trip reports (出國報告) from the terminal.

    \b
    Examples:
      rsearch index reports/               index a folder of PDF, DOCX, ODT, text
      rsearch search 單一窗口               ranked passages
      rsearch search AEO --meeting ACBD    only passages of one meeting
      rsearch search AEO --agency 關務署 --since 110
      rsearch show 2016-apec-sccp2-report:20 --context 1
      rsearch cite 2016-apec-sccp2-report:20
    """
    explicit = index_dir is not None
    ctx.obj = Settings(index_dir if explicit else default_index_dir(), explicit, engine,
                       allow_partial)


def run_index(settings: Settings, paths: tuple[Path, ...], rebuild: bool, engine=None,
              verbose: bool = False):
    from ..corpus import REPORT_SUFFIXES, sample_report_path

    engine = engine or settings.engine()
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


def skipped_summary(result) -> str:
    """`5 skipped (2 unsupported, 1 unreadable, 2 duplicates)`."""
    from ..indexer import not_indexed

    kinds = not_indexed(result)
    total = sum(len(files) for files in kinds.values())
    if not total:
        return "0 skipped"
    return f"{total} skipped (" + ", ".join(
        count_of(kind, len(files)) for kind, files in kinds.items()) + ")"


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--rebuild", is_flag=True, help="Start over instead of updating.")
@click.option("--verbose", "-v", is_flag=True,
              help="Name every file not indexed, with why (else a few of each kind).")
@click.pass_obj
def index(settings: Settings, paths: tuple[Path, ...], rebuild: bool, verbose: bool) -> None:
    """Index report files and folders: PDF, DOCX, ODT and text.

    The index remembers the files and folders it was built from. PATHS are
    added beside them; with no PATHS, all of them are brought up to date:
    unchanged files are kept as they are, changed ones re-read, files gone
    from a folder removed. `rsearch remove` forgets a folder. The bundled
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
        result = run_index(settings, paths, rebuild, engine, verbose)
    except KeyboardInterrupt:
        click.echo("Interrupted: the index was left as it was before.", err=True)
        sys.exit(130)
    reports = len(result.added) + len(result.updated)
    click.echo(
        f"Indexed {reports} report{'s' if reports != 1 else ''} ({result.passages} passages) "
        f"into {engine.where}: {len(result.added)} added, {len(result.updated)} updated, "
        f"{len(result.removed)} removed, {len(result.unchanged)} unchanged, "
        f"{skipped_summary(result)} in {result.seconds:.1f} s.")


@cli.command()
@click.pass_obj
def check(settings: Settings) -> None:
    """Verify the whole index: every file against the checksums written with it.

    On a cluster (--engine): every node answers, holds its shard tables with
    the columns this rsearch fills, and the meta record has this rsearch's
    schema. Exit status 1, with one line per problem, when any is found.
    """
    engine = settings.engine()
    with library_errors(), engine:
        result = engine.check()
    if result.problems:
        for problem in result.problems:
            click.echo(problem, err=True)
        raise click.ClickException(result.failed)
    click.echo(f"The index in {result.where} is sound: {result.verified}.")


@cli.command()
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
    count = len(result.removed)
    click.echo(f"Removed {count} report{'s' if count != 1 else ''} from {engine.where} "
               f"in {result.seconds:.1f} s.")


def report_filters(command):
    """The options that narrow to some reports, shared by `search` and `reports`."""
    options = [
        click.option("--report", "-r", "reports", multiple=True,
                     help="Only this report (its key, as `rsearch reports` lists); repeatable."),
        click.option("--agency", "-a", help="Only reports of this agency (any part of its "
                                             "name, e.g. 關務署)."),
        click.option("--since", help="Only reports dated on or after this: 民國 or AD, a year, "
                                     "month or day (110, 2021-07, 110/7/1, 113.8.3, "
                                     "民國113年8月3日)."),
        click.option("--until", help="Only reports dated on or before this (same forms)."),
        click.option("--type", "trip_type", help="Only trips of this kind: 開會, 考察, 研習, "
                                                 "進修, 實習, 研究 or 其他."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


FILTER_OPTIONS = {"date": "--since/--until"}


def unknown_filter(error: UnknownFilter) -> click.BadParameter:
    option = FILTER_OPTIONS.get(error.option, f"--{error.option}")
    return click.BadParameter(f"{error}; {error.hint}", param_hint=option)


# Unknown options stay in the query, so that `search AEO -MRA` excludes MRA.
@cli.command(context_settings={"ignore_unknown_options": True})
@click.argument("query", nargs=-1, required=True)
@click.option("--meeting", "--unit", "-m",
              help="Only passages of this meeting, session, visited site or day (any of "
                   "its names; `rsearch meetings` lists them).")
@click.option("--topic", "-t", help="Only passages on this topic (any of its names).")
@click.option("--section", "-s",
              help="Only passages under this heading, e.g. 肆、三 or 單一窗口議題.")
@report_filters
@click.option("--limit", "-n", type=click.IntRange(min=1), default=10, show_default=True,
              help="How many hits to show.")
@click.option("--offset", type=click.IntRange(min=0), default=0,
              help="Skip this many hits first (the next page: --offset 10).")
@click.option("--exact", "-e", is_flag=True,
              help="Only passages with the terms as typed: no other names, no parts.")
@click.option("--format", "-f", "fmt", type=TABULAR, default="table", show_default=True,
              help="Output format: a table to read, or json, csv, markdown to reuse.")
@click.option("--by", type=click.Choice(OVERVIEW_BUCKETS), default=None,
              help="Instead of hits, count the matching passages and reports per year, "
                   "agency, type of trip, meeting or report.")
@click.option("--count", "count_only", is_flag=True,
              help="Print how many passages, in how many reports, match (every filter "
                   "applies); list no hits.")
@click.pass_obj
def search(settings: Settings, query: tuple[str, ...], meeting: str | None, topic: str | None,
           section: str | None, reports: tuple[str, ...], agency: str | None,
           since: str | None, until: str | None, trip_type: str | None, limit: int,
           offset: int, exact: bool, fmt: str, by: str | None,
           count_only: bool) -> None:
    """Ranked passages for QUERY (several words need no quotes).

    Words side by side: passages with all of them first. "Quoted phrases"
    match exactly. AND, OR, NOT (or -word, -"a phrase") and parentheses
    combine terms.
    Simplified and Traditional characters, full- and half-width forms and
    letter case all match each other; acronyms find their defined names.
    Hits that match only through another name, or only parts of the terms,
    say so in the match column. A table ends (on stderr) with how many
    passages in how many reports match; --count prints only that.
    Exit status 1 when nothing matches.

    \b
    Examples:
      rsearch search 單一窗口
      rsearch search "供應鏈 安全" --meeting STAR
      rsearch search "AEO AND MRA" --format json
      rsearch search 海關 -單一窗口
      rsearch search e-commerce --topic 電子商務 --limit 5
      rsearch search AEO --agency 關務署 --since 110 --type 開會
      rsearch search 單一窗口 --by year
      rsearch search AEO --meeting SCCP --count
    """
    if by and count_only:
        raise click.UsageError("--by and --count are two answers: give one of them")
    mistyped = next((word for word in query if word.startswith("--")), None)
    if mistyped:
        import difflib

        ctx = click.get_current_context()
        name = mistyped.split("=")[0]
        options = [o for param in ctx.command.params for o in param.opts if o.startswith("--")]
        raise click.NoSuchOption(name, possibilities=difflib.get_close_matches(name, options, n=1),
                                 ctx=ctx)
    query_text = " ".join(query)
    with opened_index(settings) as ix:
        filters = Filters(meeting, topic, section, reports, agency, since, until, trip_type)
        if by:
            buckets = ix.overview(query_text, by, filters, exact=exact)
        elif count_only:
            totals = ix.count(query_text, filters, exact=exact)
        elif fmt == "table":  # the table ends with the totals: found with the hits
            found = ix.page(query_text, filters, limit=limit, offset=offset, exact=exact,
                            bounded=True)
            hits, totals = found.hits, found.totals
        else:
            hits = ix.search(query_text, filters, limit=limit, offset=offset, exact=exact)
    if by:
        if not buckets and fmt == "table":
            click.echo(f"No passages match {query_text!r}.", err=True)
        else:
            render.emit_overview(buckets, by, fmt)
        sys.exit(0 if buckets else 1)
    if count_only:
        render.emit_totals(totals, fmt)
        sys.exit(0 if totals.passages else 1)
    if not hits:
        if fmt == "table":
            click.echo(render.no_hits(query_text, offset, totals), err=True)
        else:
            render.emit_hits(hits, fmt)
        # As grep does: a search that finds nothing fails, so scripts can tell.
        sys.exit(1)
    render.emit_hits(hits, fmt)
    if fmt == "table":
        # On stderr, as the no-match line: stdout stays the table alone.
        click.echo(render.hits_footer(len(hits), offset, totals), err=True)


@cli.command()
@click.argument("passage_id", metavar="ID")
@click.option("--context", "-c", type=click.IntRange(min=0, max=MAX_CONTEXT), default=0,
              show_default=True, help="Also show N passages before and after it.")
@click.option("--format", "-f", "fmt", type=click.Choice(["plain", "markdown", "json"]),
              default="plain", show_default=True, help="Output format.")
@click.pass_obj
def show(settings: Settings, passage_id: str, context: int, fmt: str) -> None:
    """One passage in full, with its citation and the annexes it cites.

    \b
    Example:
      rsearch show 2016-apec-sccp2-report:20 --context 1
    """
    with opened_index(settings) as ix:
        record = ix.passage(passage_id)
        before, after = ix.context(passage_id, context)
    render.emit_passage(record, before, after, fmt)


@cli.command()
@click.argument("passage_ids", nargs=-1, required=True, metavar="ID...")
@click.option("--format", "-f", "fmt", type=click.Choice(["markdown", "plain", "json"]),
              default="markdown", show_default=True, help="Output format.")
@click.pass_obj
def cite(settings: Settings, passage_ids: tuple[str, ...], fmt: str) -> None:
    """Quotable blocks, one per passage: the text, then where it came from.

    \b
    Example:
      rsearch cite 2016-apec-sccp2-report:20 2016-apec-sccp2-report:21
    """
    with opened_index(settings) as ix:
        records = [ix.passage(pid) for pid in passage_ids]
    render.emit_citations(records, fmt)


def listing_options(command):
    """What every listing takes: the report filters, a page, a format."""
    options = [
        click.option("--limit", "-n", type=click.IntRange(min=1), default=None,
                     help="Show this many rows (all when not given)."),
        click.option("--offset", type=click.IntRange(min=0), default=0,
                     help="Skip this many rows first (the next page: --offset 20)."),
        click.option("--format", "-f", "fmt", type=TABULAR, default="table", show_default=True,
                     help="Output format: a table to read, or json, csv, markdown to reuse "
                          "(json and csv are written as rows are read)."),
    ]
    for option in reversed(options):
        command = option(command)
    return report_filters(command)


def emit_listing(settings: Settings, what: str, filters: Filters, offset: int,
                 limit: int | None, rows_of, columns: list[str], fmt: str,
                 optional: tuple[str, ...] = ()) -> int:
    """Rows of one of the engine's listings, written as they come (a table's
    `optional` columns only when a row fills them)."""
    with opened_index(settings) as ix:
        rows = getattr(ix, what)(filters, offset=offset, limit=limit)
        return render.stream_rows(map(rows_of, rows), columns, fmt, optional)


@cli.command()
@listing_options
@click.pass_obj
def meetings(settings: Settings, reports: tuple[str, ...], agency: str | None,
             since: str | None, until: str | None, trip_type: str | None,
             limit: int | None, offset: int, fmt: str) -> None:
    """What each report is about: its meetings, sessions, visited sites and days.

    Reports in date order, as `rsearch reports` lists them. Any of the names
    listed works with `search --meeting`.

    \b
    Example:
      rsearch meetings --agency 關務署 --limit 20
    """
    filters = Filters(reports=reports, agency=agency, since=since, until=until,
                      trip_type=trip_type)
    emit_listing(settings, "units", filters, offset, limit,
                 lambda u: {"report": u["report"], "meeting": u["key"], "kind": u["kind"],
                            "passages": u["passages"], "names": u["names"]},
                 ["report", "meeting", "kind", "passages", "names"], fmt)


@cli.command()
@listing_options
@click.pass_obj
def topics(settings: Settings, reports: tuple[str, ...], agency: str | None,
           since: str | None, until: str | None, trip_type: str | None,
           limit: int | None, offset: int, fmt: str) -> None:
    """Topics from the reports' keywords and 議題 headings, with passage counts.

    `names` come from the reports; `glossary` and `user glossary` are the
    other names a search for the topic also finds, from rsearch's glossary of
    customs and trade terms and from yours ($RSEARCH_GLOSSARY). With report
    filters, the topics of those reports and their passages only.
    """
    filters = Filters(reports=reports, agency=agency, since=since, until=until,
                      trip_type=trip_type)
    columns = ["topic", "passages", "names", "glossary", "user glossary"]
    if fmt == "table":
        # A column of user glossary names only when there are some.
        with opened_index(settings) as ix:
            rows = [topic_row(t) for t in ix.topics(filters, offset=offset, limit=limit)]
        if not any(row["user glossary"] for row in rows):
            columns.pop()
        render.emit_rows(rows, columns, fmt)
        return
    emit_listing(settings, "topics", filters, offset, limit, topic_row, columns, fmt)


def topic_row(topic: dict) -> dict:
    return {"topic": topic["key"], "passages": topic["passages"], "names": topic["names"],
            "glossary": topic["glossary"], "user glossary": topic["user_glossary"]}


REPORT_FIELDS = ["title", "agency", "authors", "trip_type", "trip_type_written", "place",
                 "period", "period_start", "period_end", "report_date", "report_date_iso",
                 "keywords", "format", "path"]


@cli.command()
@listing_options
@click.pass_obj
def reports(settings: Settings, reports: tuple[str, ...], agency: str | None,
            since: str | None, until: str | None, trip_type: str | None,
            limit: int | None, offset: int, fmt: str) -> None:
    """Reports in the index with their metadata and passage counts, by date.

    Dates are also given in ISO 8601 (民國 105 年 10 月 20 日 is 2016-10-20).
    Reports without a report date go by their trip's first day; undated last.
    A report found in several files (the same text as PDF and DOCX, a copy)
    is indexed once, from `path`; `duplicates` (the table's "also in")
    names the other files.

    \b
    Examples:
      rsearch reports --agency 關務署 --since 110
      rsearch reports --limit 20 --offset 20 --format json
    """
    filters = Filters(reports=reports, agency=agency, since=since, until=until,
                      trip_type=trip_type)

    def row(r: dict) -> dict:
        out = {"report": r["key"], "passages": r["passages"],
               **{k: r.get(k, "") for k in REPORT_FIELDS},
               "duplicates": r.get("duplicates", [])}
        if fmt == "table":
            out.update(date=out["report_date_iso"], type=out["trip_type"])
            out["also in"] = ", ".join(Path(p).name for p in out["duplicates"])
        return out

    table = ["report", "passages", "date", "type", "agency", "title", "also in"]
    columns = table if fmt == "table" else ["report", "passages", *REPORT_FIELDS, "duplicates"]
    shown = emit_listing(settings, "reports", filters, offset, limit, row, columns, fmt,
                         optional=("also in",))
    if not shown and fmt == "table":
        click.echo("No reports match.", err=True)


@cli.group()
def cluster() -> None:
    """A Sphinx or Manticore Search cluster to index and search instead of the folder."""


@cluster.command("init")
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@click.option("--nodes", type=click.IntRange(min=1), default=2, show_default=True,
              help="How many searchd nodes (one shard table each).")
@click.option("--base-port", type=click.IntRange(min=1, max=65535 - 64), default=9306,
              show_default=True, help="Node K listens on 127.0.0.1, SphinxQL at "
                                      "P+2(K-1) and its agent port at the next.")
def cluster_init(folder: Path, nodes: int, base_port: int) -> None:
    """Write FOLDER/nodeK.conf for each node and FOLDER/cluster.json for --engine.

    \b
    Example:
      rsearch cluster init ~/rs-cluster --nodes 2 --base-port 9306
      searchd --config ~/rs-cluster/node1.conf; searchd --config ~/rs-cluster/node2.conf
      rsearch --engine ~/rs-cluster/cluster.json index ~/reports
    """
    from ..indexer import write_cluster

    if base_port + 2 * nodes - 1 > 65535:
        raise click.BadParameter(f"{nodes} nodes need ports up to {base_port + 2 * nodes - 1}",
                                 param_hint="--base-port")
    with library_errors():
        made = write_cluster(folder, nodes, base_port)
    for node in made.nodes:
        click.echo(f"searchd --config {Path(made.where).parent / node.name}.conf"
                   f"    # {node.name}: SphinxQL {node.host}:{node.port}, "
                   f"agent {node.agent_port}")
    click.echo(f"rsearch --engine {made.where} index PATHS")


# numpy's OpenBLAS starts a thread per core as numpy is imported, and
# rsearch multiplies no matrices: one thread saves some 16 ms of CPU of every
# command that imports numpy (a search of a common term, filters, --by).
BLAS_THREADS = {"OPENBLAS_NUM_THREADS": "1"}


# Commands in modules of their own register on `cli` as they are imported.
from . import optimize  # noqa: E402, F401


def main() -> None:
    # Every command is a new process, and what it has imported stays until it
    # exits: frozen, it is never walked again by the cycle collector, which
    # walks every object once more as the process exits (13-20 ms of a search).
    gc.freeze()
    for name, value in BLAS_THREADS.items():
        os.environ.setdefault(name, value)  # a user's own setting stands
    cli(prog_name="rsearch")


if __name__ == "__main__":
    main()
