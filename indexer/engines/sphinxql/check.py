"""`rsearch check` on a cluster: what can be checked from outside the nodes.

Sphinx keeps its own files and checks them itself (indextool --check runs on
a node's machine, with searchd stopped); over SphinxQL rsearch can check that
every node answers, that each holds the shard tables the cluster file names
with the columns this rsearch writes, and that the meta record says the
tables were filled for this rsearch's layout and analysis.
"""

from __future__ import annotations

from ...errors import NoIndex
from .. import Checked, EngineMismatch, EngineUnavailable
from .config import BIGINTS, FIELDS, MULTI_64, STRINGS, UINTS
from .connection import Nodes

COLUMNS = frozenset({"id", *FIELDS, *UINTS, *BIGINTS, *MULTI_64, *STRINGS})


def check_cluster(nodes: Nodes) -> Checked:
    """Every node and shard table of the cluster checked; NoIndex when the
    cluster was never filled (and nothing else is wrong)."""
    cluster = nodes.cluster
    checked = Checked(cluster.where, failed=(
        f"the cluster {cluster.where} did not pass the check; start the nodes named, or for "
        "missing tables or columns write the configs again with `rsearch cluster init`, "
        "restart the nodes on empty data folders, then `rsearch index --rebuild`"))
    tables = 0
    for node in cluster.nodes:
        try:
            held = {str(row[0]) for row in nodes.run(node, "SHOW TABLES")}
            for shard in (s for s in cluster.shards if s.node == node.name):
                if shard.table not in held:
                    checked.problems.append(f"node {node.name} ({node.host}:{node.port}) "
                                            f"has no table {shard.table}")
                    continue
                columns = {str(row[0]) for row in nodes.run(node, f"DESCRIBE {shard.table}")}
                lacking = sorted(COLUMNS - columns)
                if lacking:
                    checked.problems.append(
                        f"table {shard.table} on node {node.name} lacks the columns "
                        f"{', '.join(lacking)} this rsearch writes")
                tables += 1
        except (EngineUnavailable, EngineMismatch) as e:
            checked.problems.append(str(e))
    try:
        nodes.meta()
    except EngineMismatch as e:
        checked.problems.append(str(e))
    except EngineUnavailable as e:
        if str(e) not in checked.problems:
            checked.problems.append(str(e))
    except NoIndex:
        if not checked.problems:
            raise
    checked.verified = (
        f"{len(cluster.nodes)} node{'s' if len(cluster.nodes) != 1 else ''} answer, "
        f"{tables} shard table{'s' if tables != 1 else ''} hold this rsearch's columns, the "
        "meta record has its schema (Sphinx verifies its own files: indextool --check)")
    return checked
