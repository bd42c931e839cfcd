"""The `rsearch` group: the options every command shares, and the usage."""

from __future__ import annotations

from pathlib import Path

import click

from .errors import OneLineErrors
from .settings import Settings, default_index_dir


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
