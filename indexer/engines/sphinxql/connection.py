"""Talking to the nodes over SphinxQL (the MySQL protocol, through pymysql):
every wait bounded, every failure one error that names the node, and answers
of the distributed table checked for shards that did not reply (Sphinx
leaves them out without an error: only SHOW META says so)."""

from __future__ import annotations

import contextlib
import json
import re

from ...errors import NoIndex
from ...storage import search_build_info
from .. import EngineMismatch, EngineUnavailable, Warn
from .config import TABLE_LAYOUT, Cluster, Node

AGENT_RE = re.compile(r"agent ([^\s:]+):(\d+)")
# Rows a distributed query returns at most per call; pages go by id.
PAGE = 5000


def closed(error: Exception) -> bool:
    """Whether a client error says the connection was closed under a
    statement (by the node, or by its end), not that a wait ran out."""
    import pymysql

    text = str(error.args[-1] if error.args else error)
    return (isinstance(error, pymysql.err.OperationalError) and bool(error.args)
            and error.args[0] in (CR_SERVER_GONE, CR_SERVER_LOST) and "timed out" not in text)


# The client's codes for a connection gone (pymysql.constants.CR).
CR_SERVER_GONE, CR_SERVER_LOST = 2006, 2013


def schema_record() -> dict:
    """What the tables must have been made and filled for."""
    return {"layout": TABLE_LAYOUT, **search_build_info()}


class Nodes:
    """Connections to a cluster's nodes, opened on first use and kept."""

    def __init__(self, cluster: Cluster, allow_partial: bool = False, warn: Warn | None = None):
        self.cluster, self.allow_partial, self.warn = cluster, allow_partial, warn
        self._open: dict[str, object] = {}
        self.silent: set[str] = set()  # nodes whose shards did not reply to some read

    def close(self) -> None:
        for conn in self._open.values():
            with contextlib.suppress(Exception):  # a dead connection: nothing to close
                conn.close()
        self._open.clear()

    def _connection(self, node: Node):
        if node.name not in self._open:
            import pymysql

            try:
                self._open[node.name] = pymysql.connect(
                    # Sphinx speaks no TLS; pymysql would load the system's
                    # certificates (0.1 s) to try it.
                    host=node.host, port=node.port, autocommit=True, charset="utf8mb4",
                    ssl_disabled=True,
                    connect_timeout=self.cluster.connect_timeout,
                    read_timeout=self.cluster.read_timeout,
                    write_timeout=self.cluster.read_timeout)
            except pymysql.err.MySQLError as e:
                raise self.unavailable(node, e) from None
        return self._open[node.name]

    def unavailable(self, node: Node, error: Exception) -> EngineUnavailable:
        text = str(error.args[-1] if error.args else error)
        if "timed out" in text:
            # (A paused node takes the connection and never greets.)
            why = (f"did not answer within {self.cluster.read_timeout:g} s" if "Lost" in text
                   else f"did not connect within {self.cluster.connect_timeout:g} s")
        elif "refused" in text.lower():
            why = "refused the connection (is searchd running?)"
        elif closed(error):
            why = "closed the connection"
        else:
            why = f"failed: {text}"
        return EngineUnavailable(f"node {node.name} ({node.host}:{node.port}) {why}",
                                 f"start it (searchd --config DIR/{node.name}.conf) and try "
                                 "again")

    def run(self, node: Node, sql: str, args=None) -> tuple:
        """One statement on one node; its rows."""
        return self.together(node, [(sql, args)])[0]

    def together(self, node: Node, statements: list[tuple[str, object]]) -> list[tuple]:
        """Statements on one connection to a node, in order; the rows of each.

        A kept connection that the node closed meanwhile is opened again and
        the statements sent again, once: searchd drops a SphinxQL connection
        idle for 15 minutes (Sphinx 2.2 waits 900 s for a client's next
        statement; a push of thousands of reports is followed by a long
        wait), and a restarted node has dropped them all. Every statement
        rsearch sends may be sent twice: reads, REPLACE by id, DELETE by
        key. A wait that ran out is not repeated."""
        import pymysql

        kept = node.name in self._open
        try:
            return self._together(node, statements)
        except pymysql.err.MySQLError as e:
            if not (kept and closed(e)):
                raise self.failure(node, e) from None
            self._open.pop(node.name, None)
        try:
            return self._together(node, statements)
        except pymysql.err.MySQLError as e:
            raise self.failure(node, e) from None

    def _together(self, node: Node, statements: list[tuple[str, object]]) -> list[tuple]:
        conn = self._connection(node)
        answers = []
        with conn.cursor() as cursor:
            for sql, args in statements:
                cursor.execute(sql, args)
                answers.append(cursor.fetchall())
        return answers

    def failure(self, node: Node, e: Exception) -> Exception:
        """What a statement's error means: the node refused rsearch's query
        (a missing table: the tables are not rsearch's), or is unavailable."""
        import pymysql

        if isinstance(e, pymysql.err.ProgrammingError) or (
                isinstance(e, pymysql.err.OperationalError) and e.args and e.args[0] < 2000):
            # The server answered with an error of its own.
            return EngineMismatch(f"node {node.name} ({node.host}:{node.port}) refused "
                                  f"rsearch's query: {e.args[-1]}")
        self._open.pop(node.name, None)
        return self.unavailable(node, e)

    def read(self, sql: str, args=None) -> tuple:
        """A query of the distributed table, on the node that holds it; raises
        EngineUnavailable when a shard did not reply (unless partial answers
        are allowed: then it is noted, and the user told once)."""
        rows, meta = self.together(self.cluster.entry, [(sql, args), ("SHOW META", None)])
        for name, value in meta:
            if name == "warning":
                self._agents_failed(str(value))
        return rows

    def _agents_failed(self, warning: str) -> None:
        failed = [self._node_at(host, int(port)) for host, port in AGENT_RE.findall(warning)]
        if not failed:
            raise EngineUnavailable(f"the cluster answered with a warning: {warning}")
        for node in failed:
            if not self.allow_partial:
                raise EngineUnavailable(
                    f"node {node.name} ({node.host}:{node.agent_port}) did not reply: "
                    f"{warning.split(': ', 2)[-1]}",
                    f"start it (searchd --config DIR/{node.name}.conf), or pass "
                    "--allow-partial to answer from the shards that replied")
            if node.name not in self.silent:
                self.silent.add(node.name)
                tables = [s.table for s in self.cluster.shards if s.node == node.name]
                if self.warn:
                    self.warn(f"Warning: partial answer: node {node.name} "
                              f"({node.host}:{node.agent_port}) did not reply; "
                              f"{', '.join(tables)} left out.")

    def _node_at(self, host: str, port: int) -> Node:
        for node in self.cluster.nodes:
            if node.host == host and port in (node.agent_port, node.port):
                return node
        return Node(f"{host}:{port}", host, port, port)

    def pages(self, columns: str, where: str, args=None, options: str = ""):
        """Every row of the distributed table that `where` allows, in id order."""
        last = 0
        while True:
            rows = self.read(f"SELECT id, {columns} FROM {self.cluster.distributed} "
                             f"WHERE {where} AND id > {last} ORDER BY id ASC "
                             f"LIMIT {PAGE} OPTION max_matches={PAGE}{options}", args)
            yield from rows
            if len(rows) < PAGE:
                return
            last = rows[-1][0]

    # -- the meta table: schema and remembered roots -------------------------

    def record(self) -> dict:
        """The meta record as it is; NoIndex before the first push."""
        rows = self.run(self.cluster.entry,
                        f"SELECT value FROM {self.cluster.meta} WHERE id = 1")
        if not rows:
            raise NoIndex(f"the cluster {self.cluster.where} holds no reports yet",
                          f"run `rsearch --engine {self.cluster.where} index PATHS`")
        return json.loads(rows[0][0])

    def meta(self) -> dict:
        """The meta record; EngineMismatch when the tables were filled for
        another layout or analysis than this rsearch's."""
        record = self.record()
        wanted = schema_record()
        if record.get("schema") != wanted:
            raise EngineMismatch(
                f"the cluster {self.cluster.where} was filled for {record.get('schema')}; "
                f"this rsearch needs {wanted}")
        return record

    def write_meta(self, roots: list[str], duplicates: list[dict] | None = None) -> None:
        """The meta record: the schema, the files and folders indexed, and the
        files not indexed as duplicates of a report (build/duplicates.py)."""
        value = json.dumps({"schema": schema_record(), "roots": roots,
                            "duplicates": duplicates or []}, ensure_ascii=False)
        self.run(self.cluster.entry, f"REPLACE INTO {self.cluster.meta} (id, body, value) "
                 "VALUES (1, 'meta', %s)", (value,))
