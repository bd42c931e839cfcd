"""The commands of a Sphinx or Manticore Search cluster: cluster init."""

from __future__ import annotations

from pathlib import Path

import click

from .errors import library_errors


@click.group()
def cluster() -> None:
    """A Sphinx or Manticore Search cluster to index and search instead of the folder.

    \b
    Example:
      rsearch cluster init ~/rs-cluster --nodes 2
    """


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
