"""The `rsearch` command: Click commands that call the library and render its results."""

from __future__ import annotations

import gc
import sys
from contextlib import contextmanager
from pathlib import Path

import click

from ..indexer import (
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


def run_index(settings: Settings, paths: tuple[Path, ...], rebuild: bool, engine=None):
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
    for path, reason in result.skipped:
        kept = "; the index keeps its earlier version" if path in result.kept else ""
        click.echo(f"skipped {path}: {reason}{kept}", err=True)
    for path, reason in result.special:
        click.echo(f"skipped {path}: {reason}", err=True)
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
            or result.missing or result.unreadable or result.special):
        suffixes = ", ".join(f"*{suffix}" for suffix in REPORT_SUFFIXES)
        where = targets or remembered
        click.echo(f"Warning: no report files ({suffixes}) under "
                   f"{', '.join(str(t) for t in where)}; name the folders that hold them.",
                   err=True)
    return result


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--rebuild", is_flag=True, help="Start over instead of updating.")
@click.pass_obj
def index(settings: Settings, paths: tuple[Path, ...], rebuild: bool) -> None:
    """Index report files and folders: PDF, DOCX, ODT and text.

    The index remembers the files and folders it was built from. PATHS are
    added beside them; with no PATHS, all of them are brought up to date:
    unchanged files are kept as they are, changed ones re-read, files gone
    from a folder removed. `rsearch remove` forgets a folder. The bundled
    sample report is indexed until you name reports of your own. Files that
    are not readable reports are skipped and named on stderr.

    \b
    Examples:
      rsearch index ~/reports 2019-wco-report.pdf
      rsearch index                       update every folder indexed before
      rsearch index --rebuild             start over, same folders
    """
    engine = settings.engine()
    try:
        result = run_index(settings, paths, rebuild, engine)
    except KeyboardInterrupt:
        click.echo("Interrupted: the index was left as it was before.", err=True)
        sys.exit(130)
    reports = len(result.added) + len(result.updated)
    click.echo(
        f"Indexed {reports} report{'s' if reports != 1 else ''} ({result.passages} passages) "
        f"into {engine.where}: {len(result.added)} added, {len(result.updated)} updated, "
        f"{len(result.removed)} removed, {len(result.unchanged)} unchanged, "
        f"{len(result.skipped) + len(result.special)} skipped in {result.seconds:.1f} s.")


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
                                     "month or day (110, 2021-07, 110/7/1)."),
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
@click.option("--count", "count_only", is_flag=True,
              help="Print how many passages, in how many reports, match (every filter "
                   "applies); list no hits.")
@click.pass_obj
def search(settings: Settings, query: tuple[str, ...], meeting: str | None, topic: str | None,
           section: str | None, reports: tuple[str, ...], agency: str | None,
           since: str | None, until: str | None, trip_type: str | None, limit: int,
           offset: int, exact: bool, fmt: str, count_only: bool) -> None:
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
      rsearch search AEO --meeting SCCP --count
    """
    mistyped = next((word for word in query if word.startswith("--")), None)
    if mistyped:
        import difflib

        ctx = click.get_current_context()
        name = mistyped.split("=")[0]
        options = [o for param in ctx.command.params for o in param.opts if o.startswith("--")]
        raise click.NoSuchOption(name, possibilities=difflib.get_close_matches(name, options, n=1),
                                 ctx=ctx)
    query_text = " ".join(query)
    ix = open_index(settings)
    with ix, library_errors():
        try:
            filters = Filters(meeting, topic, section, reports, agency, since, until, trip_type)
            if count_only:
                totals = ix.count(query_text, filters, exact=exact)
            elif fmt == "table":  # the table ends with the totals: found with the hits
                found = ix.page(query_text, filters, limit=limit, offset=offset, exact=exact)
                hits, totals = found.hits, found.totals
            else:
                hits = ix.search(query_text, filters, limit=limit, offset=offset, exact=exact)
        except UnknownFilter as e:
            raise unknown_filter(e) from None
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
    ix = open_index(settings)
    with ix, library_errors():
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
    ix = open_index(settings)
    with ix, library_errors():
        records = [ix.passage(pid) for pid in passage_ids]
    render.emit_citations(records, fmt)


@cli.command()
@click.option("--format", "-f", "fmt", type=TABULAR, default="table", show_default=True,
              help="Output format.")
@click.pass_obj
def meetings(settings: Settings, fmt: str) -> None:
    """What each report is about: its meetings, sessions, visited sites and days.

    Any of the names listed works with `search --meeting`.
    """
    ix = open_index(settings)
    with ix, library_errors():
        units = ix.units()
    rows = [{"report": u["report"], "meeting": u["key"], "kind": u["kind"],
             "passages": u["passages"], "names": u["names"]} for u in units]
    render.emit_rows(rows, ["report", "meeting", "kind", "passages", "names"], fmt)


@cli.command()
@click.option("--format", "-f", "fmt", type=TABULAR, default="table", show_default=True,
              help="Output format.")
@click.pass_obj
def topics(settings: Settings, fmt: str) -> None:
    """Topics from the reports' keywords and 議題 headings, with passage counts.

    `names` come from the reports; `glossary` and `user glossary` are the
    other names a search for the topic also finds, from rsearch's glossary of
    customs and trade terms and from yours ($RSEARCH_GLOSSARY).
    """
    ix = open_index(settings)
    with ix, library_errors():
        items = ix.topics()
    rows = [{"topic": i["key"], "passages": i["passages"], "names": i["names"],
             "glossary": i["glossary"], "user glossary": i["user_glossary"]} for i in items]
    columns = ["topic", "passages", "names", "glossary"]
    if any(row["user glossary"] for row in rows) or fmt != "table":
        columns.append("user glossary")
    render.emit_rows(rows, columns, fmt)


REPORT_FIELDS = ["title", "agency", "authors", "trip_type", "trip_type_written", "place",
                 "period", "period_start", "period_end", "report_date", "report_date_iso",
                 "keywords", "format", "path"]


@cli.command()
@report_filters
@click.option("--format", "-f", "fmt", type=TABULAR, default="table", show_default=True,
              help="Output format.")
@click.pass_obj
def reports(settings: Settings, reports: tuple[str, ...], agency: str | None,
            since: str | None, until: str | None, trip_type: str | None, fmt: str) -> None:
    """Reports in the index with their metadata and passage counts, by date.

    Dates are also given in ISO 8601 (民國 105 年 10 月 20 日 is 2016-10-20).

    \b
    Example:
      rsearch reports --agency 關務署 --since 110
    """
    ix = open_index(settings)
    with ix, library_errors():
        try:
            found = ix.reports(Filters(reports=reports, agency=agency, since=since,
                                       until=until, trip_type=trip_type))
        except UnknownFilter as e:
            raise unknown_filter(e) from None
        rows = [{"report": r["key"], "passages": r["passages"],
                 **{k: r.get(k, "") for k in REPORT_FIELDS}} for r in found]
    if not rows and fmt == "table":
        click.echo("No reports match.", err=True)
        return
    if fmt == "table":
        rows = [{**r, "date": r["report_date_iso"], "type": r["trip_type"]} for r in rows]
        render.emit_rows(rows, ["report", "passages", "date", "type", "agency", "title"], fmt)
    else:
        render.emit_rows(rows, ["report", "passages", *REPORT_FIELDS], fmt)


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


def main() -> None:
    # Every command is a new process, and what it has imported stays until it
    # exits: frozen, it is never walked again by the cycle collector, which
    # walks every object once more as the process exits (13-20 ms of a search).
    gc.freeze()
    cli(prog_name="rsearch")


if __name__ == "__main__":
    main()
