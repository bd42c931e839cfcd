"""A cluster as rsearch sees it (cluster.json) and the `searchd` configs that
make one: one real-time shard table per node, a distributed table over every
shard on the first node, and a small meta table there that records the
schema the tables were made for.

Nodes listen on loopback only: `rsearch cluster init` makes a cluster to try
on one machine; the README shows the same tables on several hosts.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

# What these tables hold; a cluster made for another layout is refused (see
# connection.check_schema) rather than read wrong.
TABLE_LAYOUT = 3  # 2: the grams field holds every occurrence (bounds); 3: content_h
CLUSTER_FORMAT = "rsearch-cluster/1"
DISTRIBUTED, META = "rsearch", "rsearch_meta"

# Full-text fields: index terms, space-separated (rows.py writes them).
FIELDS = ("grams", "heading_grams", "chars", "heading_chars", "joins", "words", "name_keys")
# Attributes: what filters, listings and ranking read.
UINTS = ("kind", "number", "length", "ranked_down", "date_n")
BIGINTS = ("report_h", "section_h", "agency_h", "trip_h", "content_h")
MULTI_64 = ("units_h", "topics_h")
STRINGS = ("report", "record")
# Latin letters and digits, and the Chinese characters of the Unicode blocks
# rsearch folds to; every other term reaches the engine as a digest (rows.py).
CHARSET = "0..9, a..z, U+3400..U+4DBF, U+4E00..U+9FFF"


@dataclass
class Node:
    name: str
    host: str
    port: int  # SphinxQL (mysql41)
    agent_port: int  # Sphinx's own protocol, which the distributed table's agents speak


@dataclass
class Shard:
    table: str
    node: str


@dataclass
class Cluster:
    """What `--engine DIR/cluster.json` names: nodes, shard tables, the
    distributed table, and how long to wait for a node (seconds)."""

    nodes: list[Node]
    shards: list[Shard]
    distributed: str = DISTRIBUTED
    meta: str = META
    connect_timeout: float = 2.0
    read_timeout: float = 20.0
    format: str = CLUSTER_FORMAT
    where: str = field(default="", compare=False)

    @property
    def entry(self) -> Node:
        """The node that holds the distributed and meta tables."""
        return self.nodes[0]

    def node(self, name: str) -> Node:
        return next(n for n in self.nodes if n.name == name)

    def to_json(self) -> str:
        data = asdict(self)
        data.pop("where")
        return json.dumps(data, indent=2) + "\n"

    @classmethod
    def from_json(cls, text: str, where: str) -> Cluster:
        data = json.loads(text)
        if data.get("format") != CLUSTER_FORMAT:
            raise ValueError(f"not an rsearch cluster file (format {data.get('format')!r})")
        data["nodes"] = [Node(**n) for n in data["nodes"]]
        data["shards"] = [Shard(**s) for s in data["shards"]]
        return cls(**data, where=where)

    @classmethod
    def single(cls, host: str, port: int) -> Cluster:
        """One node (sphinxql://host:port): the tables `cluster init --nodes 1` makes."""
        return cls([Node("node1", host, port, port + 1)], [Shard("rsearch_shard1", "node1")],
                   where=f"sphinxql://{host}:{port}")


def make_cluster(nodes: int, base_port: int, host: str = "127.0.0.1") -> Cluster:
    members = [Node(f"node{k}", host, base_port + 2 * (k - 1), base_port + 2 * (k - 1) + 1)
               for k in range(1, nodes + 1)]
    shards = [Shard(f"rsearch_shard{k}", f"node{k}") for k in range(1, nodes + 1)]
    return Cluster(members, shards)


def shard_table(name: str, path: Path) -> str:
    lines = [f"index {name}", "{", "    type = rt", f"    path = {path}"]
    lines += [f"    rt_field = {f}" for f in FIELDS]
    lines += [f"    rt_attr_uint = {a}" for a in UINTS]
    lines += [f"    rt_attr_bigint = {a}" for a in BIGINTS]
    lines += [f"    rt_attr_multi_64 = {a}" for a in MULTI_64]
    lines += [f"    rt_attr_string = {a}" for a in STRINGS]
    lines += [f"    charset_table = {CHARSET}", "    rt_mem_limit = 256M", "}", ""]
    return "\n".join(lines)


def node_config(cluster: Cluster, node: Node, folder: Path) -> str:
    """The `searchd` config of one node; its data, logs and pid file in `folder`."""
    parts = [f"# rsearch cluster node {node.name}: searchd --config {folder.parent}/"
             f"{node.name}.conf\n"]
    for shard in cluster.shards:
        if shard.node == node.name:
            parts.append(shard_table(shard.table, folder / shard.table))
    if node is cluster.entry:
        parts.append("\n".join([
            f"index {cluster.meta}", "{", "    type = rt", f"    path = {folder / cluster.meta}",
            "    rt_field = body", "    rt_attr_string = value", "}", ""]))
        lines = [f"index {cluster.distributed}", "{", "    type = distributed"]
        for shard in cluster.shards:
            owner = cluster.node(shard.node)
            lines.append(f"    local = {shard.table}" if owner is node else
                         f"    agent = {owner.host}:{owner.agent_port}:{shard.table}")
        # Milliseconds: a dead or stuck agent costs at most these, and the
        # answer says which (connection.py reads SHOW WARNINGS).
        lines += [f"    agent_connect_timeout = {int(cluster.connect_timeout * 500)}",
                  f"    agent_query_timeout = {int(cluster.read_timeout * 500)}", "}", ""]
        parts.append("\n".join(lines))
    parts.append("\n".join([
        "searchd", "{",
        f"    listen = {node.host}:{node.port}:mysql41",
        f"    listen = {node.host}:{node.agent_port}",
        f"    log = {folder / 'searchd.log'}",
        f"    query_log = {folder / 'query.log'}",
        f"    pid_file = {folder / 'searchd.pid'}",
        f"    binlog_path = {folder}",
        "    workers = threads",
        "    read_timeout = 5",
        "    max_packet_size = 32M",
        "}", ""]))
    return "\n".join(parts)


def write_cluster(folder: Path, nodes: int, base_port: int) -> Cluster:
    """DIR/nodeK.conf for each node, their data folders, and DIR/cluster.json."""
    folder = Path(folder).resolve()
    cluster = make_cluster(nodes, base_port)
    for node in cluster.nodes:
        data = folder / node.name
        data.mkdir(parents=True, exist_ok=True)
        (folder / f"{node.name}.conf").write_text(node_config(cluster, node, data), "utf-8")
    (folder / "cluster.json").write_text(cluster.to_json(), "utf-8")
    cluster.where = str(folder / "cluster.json")
    return cluster
