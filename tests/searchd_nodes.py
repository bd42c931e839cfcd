"""Real `searchd` nodes for tests and the benchmark: configs written by
rsearch's own writer on free loopback ports in a temporary folder, each node
started, waited for, and always stopped (nothing is left running).

A machine without searchd: in CI (`CI` set) that is a failure; on a
developer's machine the tests skip and say so."""

from __future__ import annotations

import contextlib
import os
import random
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

from rsearch.indexer.engines.sphinxql.config import Cluster, make_cluster, node_config

START_WAIT = 15.0


def searchd_or_skip() -> str:
    import pytest

    found = shutil.which("searchd")
    if found:
        return found
    if os.environ.get("CI"):
        pytest.fail("searchd is missing, and CI must run the cluster tests: .ci/run installs "
                    "it (apt-get install sphinxsearch)")
    pytest.skip("searchd is not installed on this developer machine (apt-get install "
                "sphinxsearch); CI runs these tests")


def free_base_port(count: int) -> int:
    """A port P with P..P+count-1 free on loopback (for now)."""
    for _ in range(200):
        base = random.randrange(20000, 60000 - count)
        try:
            with contextlib.ExitStack() as stack:
                for port in range(base, base + count):
                    s = stack.enter_context(socket.socket())
                    s.bind(("127.0.0.1", port))
            return base
        except OSError:
            continue
    raise RuntimeError("no free loopback ports")


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie is gone for every purpose but its exit status.
    with contextlib.suppress(OSError):
        if Path(f"/proc/{pid}/stat").read_text().split(") ")[1].startswith("Z"):
            return False
    return True


def _parent_of(pid: int) -> int | None:
    try:
        return int(Path(f"/proc/{pid}/stat").read_text().split(") ")[1].split()[1])
    except (OSError, IndexError, ValueError):
        return None


class SearchdCluster:
    """Nodes of a cluster file in `folder`, started by start() and stopped by stop()."""

    def __init__(self, folder: Path, nodes: int = 2, searchd: str = "searchd",
                 connect_timeout: float = 5.0, read_timeout: float = 10.0, reuse: bool = False,
                 wait: float = START_WAIT):
        """connect_timeout, read_timeout: the cluster file's, generous, since on
        a loaded machine a node answered a connect past 1 s (the fault tests
        set their own, short ones);
        reuse: the nodes written in `folder` before, started on their data;
        wait: how long a node may take to start, or to stop before it is killed
        (a node of a large archive saves and loads its tables for a while)."""
        self.folder, self.searchd, self.wait = Path(folder), searchd, wait
        self.pids: dict[str, int] = {}
        if reuse:
            where = self.folder / "cluster.json"
            self.cluster = Cluster.from_json(where.read_text("utf-8"), str(where))
            return
        self.cluster = make_cluster(nodes, free_base_port(2 * nodes))
        self.cluster.connect_timeout, self.cluster.read_timeout = connect_timeout, read_timeout
        self.cluster.where = str(self.folder / "cluster.json")
        for node in self.cluster.nodes:
            (self.folder / node.name).mkdir(parents=True, exist_ok=True)
            self.config(node.name).write_text(
                node_config(self.cluster, node, self.folder / node.name), "utf-8")
        (self.folder / "cluster.json").write_text(self.cluster.to_json(), "utf-8")

    @property
    def engine_file(self) -> str:
        return self.cluster.where

    def config(self, name: str) -> Path:
        return self.folder / f"{name}.conf"

    def start(self, name: str | None = None) -> None:
        for node in self.cluster.nodes:
            if name in (None, node.name):
                subprocess.run([self.searchd, "--config", str(self.config(node.name))],
                               check=True, capture_output=True, timeout=self.wait)
                self.pids[node.name] = self._wait_ready(node)

    def _wait_ready(self, node) -> int:
        pid_file = self.folder / node.name / "searchd.pid"
        deadline = time.monotonic() + self.wait
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError, ValueError), \
                    socket.create_connection((node.host, node.port), timeout=0.5):
                return int(pid_file.read_text().strip())
            time.sleep(0.05)
        raise RuntimeError(f"searchd {node.name} did not start: see {pid_file.parent}")

    def processes(self, name: str | None = None) -> list[int]:
        """The processes of the started nodes (of one): each serving searchd, and
        the watchdog that started it (its parent, when that is a searchd)."""
        out = []
        for node_name, pid in self.pids.items():
            if name in (None, node_name):
                out.append(pid)
                parent = _parent_of(pid)
                with contextlib.suppress(OSError):
                    if parent and b"searchd" in Path(f"/proc/{parent}/cmdline").read_bytes():
                        out.append(parent)
        return out

    def signal(self, name: str, sig: int) -> None:
        os.kill(self.pids[name], sig)

    def stop(self, name: str | None = None) -> None:
        """Stop the node (every node): SIGTERM, then SIGKILL whatever lingers."""
        for node_name in [n for n in self.pids if name in (None, n)]:
            group = self.processes(node_name)
            for pid in group:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGCONT)  # a paused node cannot exit
                    os.kill(pid, signal.SIGTERM)
            deadline = time.monotonic() + max(10.0, self.wait)
            while any(map(alive, group)) and time.monotonic() < deadline:
                time.sleep(0.05)
            for pid in group:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
                while alive(pid):
                    time.sleep(0.05)
            del self.pids[node_name]

    def __enter__(self) -> SearchdCluster:
        try:
            self.start()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc) -> None:
        self.stop()
