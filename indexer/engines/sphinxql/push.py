"""Filling the shard tables: reports read, cleaned and structured by rsearch
(documents.prepare), each replaced where its shard lives (a hash of its key
over the shards). As the embedded index: unchanged files kept, changed ones
replaced, files gone from a folder removed. A push cut short and run again
ends the same: rows are replaced by id, a report's rows are deleted by its
key before it is written, and its report row (what says it is there, with
its content digest) goes last. A file that reads to the same text as another
is indexed once, as in the embedded index (build/duplicates.py): the
duplicates are remembered in the meta record."""

from __future__ import annotations

import contextlib
import json
import time
from dataclasses import asdict
from pathlib import Path

from ....corpus import assign_keys, read_report_files, scan_reports
from ...build import (
    STILL_DUPLICATE,
    UNCHANGED,
    Copy,
    Duplicate,
    IndexResult,
    roots_kept,
    settle,
    sort_read,
)
from ...errors import NoIndex
from .connection import Nodes
from .feed import BATCH_ROWS, Gathered, Prepared, Ready, render
from .rows import REPORT, h63


class Pusher:
    def __init__(self, nodes: Nodes):
        self.nodes, self.cluster = nodes, nodes.cluster
        self.feed, self.gathered = Prepared(), Gathered(nodes, self.shard_of)

    def shard_of(self, report: str):
        shards = self.cluster.shards
        shard = shards[h63(report) % len(shards)]
        return shard, self.cluster.node(shard.node)

    def known(self) -> dict[str, dict]:
        """Reports in the cluster by path: key, content and text digests, passages."""
        found = {}
        for _, key, record in self.nodes.pages("report, record", f"kind = {REPORT}"):
            data = json.loads(record)["data"]
            found[data["path"]] = {"key": key, "digest": data["digest"],
                                   "text": data.get("text_digest", ""),
                                   "passages": data["passages"]}
        return found

    def remembered(self) -> dict[str, Duplicate]:
        """The files the cluster holds as duplicates of a report, by path."""
        try:
            found = self.nodes.record().get("duplicates", [])
        except NoIndex:
            return {}
        return {d["path"]: Duplicate(**d) for d in found}

    def roots(self) -> list[Path]:
        try:
            return [Path(p) for p in self.nodes.record()["roots"]]
        except NoIndex:
            return []

    def delete(self, report: str) -> None:
        shard, node = self.shard_of(report)
        self.nodes.run(node, f"DELETE FROM {shard.table} WHERE report_h = {h63(report)}")

    def write(self, rows: list[dict]) -> None:
        """One report's rows, sent at once."""
        shard, node = self.shard_of(rows[0]["report"])
        for start in range(0, len(rows), BATCH_ROWS):
            self.gathered.replace(node, shard.table,
                                  [render(row) for row in rows[start:start + BATCH_ROWS]])

    def index(self, paths: list[Path], rebuild: bool, replace: bool, progress) -> IndexResult:
        try:
            return self._index(paths, rebuild, replace, progress)
        finally:
            self.feed.close()
            self.gathered.close()

    def _index(self, paths: list[Path], rebuild: bool, replace: bool, progress) -> IndexResult:
        started = time.perf_counter()
        named = [Path(p).resolve() for p in paths]
        for path in named:
            if not path.exists():
                raise FileNotFoundError(str(path))
        if not rebuild:
            # Rows of this rsearch beside rows of another: refused (a rebuild
            # starts the tables over).
            with contextlib.suppress(NoIndex):
                self.nodes.meta()
        roots = list(dict.fromkeys(([] if replace else self.roots()) + named))
        missing = [root for root in roots if not root.exists()]
        scan = scan_reports(root for root in roots if root.exists())
        found = scan.files
        # Reports under a folder that cannot be listed now stay, as a missing one's.
        missing += [folder for folder, _ in scan.unreadable]
        roots = [root for root in roots if root not in dict(scan.special)]  # never read
        known, remembered = self.known(), self.remembered()
        stood = set(known)  # a rebuild keeps which file stands for a report
        keys = assign_keys(found, {p: r["key"] for p, r in known.items()})
        files = [(path, keys[path]) for path, _ in found]
        result = IndexResult(self.cluster.where, rebuilt=rebuild)
        if rebuild:  # report keys stay as they were
            for shard in self.cluster.shards:
                self.nodes.run(self.cluster.node(shard.node), f"TRUNCATE RTINDEX {shard.table}")
            known, remembered = {}, {}
        wanted = {str(path) for path, _ in files}

        def under_missing(path: str) -> bool:
            return any(r == Path(path) or r in Path(path).parents for r in missing)

        for path in known:
            if path not in wanted and not under_missing(path):
                self.delete(known[path]["key"])
                result.removed.append(path)
        held = []
        for done, file in enumerate(read_report_files(files), start=1):
            before = known.get(str(file.path))
            verdict = sort_read(file.digest, before["digest"] if before else None,
                                remembered.get(str(file.path)))
            if verdict == UNCHANGED:
                result.unchanged.append(str(file.path))
            elif verdict == STILL_DUPLICATE:
                held.append(remembered[str(file.path)])
            else:
                self.push(file, before, result)
            if progress:
                progress(done, len(files), str(file.path))
        duplicates = self.settle(known, stood, wanted, held, result)
        duplicates += [c for c in remembered.values()
                       if c.path not in wanted and under_missing(c.path)]
        result.duplicates = [(d.path, d.of) for d in duplicates if d.path in wanted]
        self.nodes.write_meta([str(r) for r in roots],
                              [asdict(d) for d in sorted(duplicates, key=lambda d: d.path)])
        result.missing = [str(root) for root in missing if not root.exists()]
        result.unreadable = [(str(folder), why) for folder, why in scan.unreadable]
        result.special = [(str(path), why) for path, why in scan.special]
        result.seconds = time.perf_counter() - started
        return result

    def settle(self, known: dict[str, dict], stood: set[str], wanted: set[str],
               held: list[Duplicate], result: IndexResult) -> list[Duplicate]:
        """The duplicates after a push: those read unchanged stay while the
        report they repeat stays as it was, else are pushed again; then every
        report that repeats another is deleted (build/duplicates.settle)."""
        stays = set(result.unchanged) | {p for p in known
                                         if p not in wanted and p not in result.removed}
        kept = [c for c in held if c.of in stays]
        for copy in held:
            if copy.of not in stays:
                [file] = read_report_files([(Path(copy.path), copy.key)])
                self.push(file, None, result)
        self.sent(result)
        if not (result.added or result.updated):
            return kept
        now = self.known()
        found = settle([Copy(p, r["key"], r["digest"], r["text"]) for p, r in now.items()],
                       stood)
        for duplicate in found:
            self.delete(duplicate.key)
            for done in (result.added, result.updated):
                if duplicate.path in done:
                    done.remove(duplicate.path)
            result.passages -= now[duplicate.path]["passages"]
        return kept + found

    def push(self, file, before: dict | None, result: IndexResult) -> None:
        """Hand a file over to be prepared; write the files prepared by now."""
        for ready, was in self.feed.put(file, before):
            self.pushed(ready, was, result)

    def sent(self, result: IndexResult) -> None:
        """Every file handed over prepared, and its rows sent."""
        for ready, was in self.feed.rest():
            self.pushed(ready, was, result)
        self.gathered.flush()

    def pushed(self, ready: Ready, before: dict | None, result: IndexResult) -> None:
        if ready.skipped:
            result.skipped.append((ready.path, ready.skipped))
            result.skip_kinds[ready.path] = ready.skip_kind
            if before:
                result.kept.append(ready.path)
            return
        self.gathered.add(ready.key, ready.rows)
        (result.updated if before else result.added).append(ready.path)
        result.passages += ready.passages

    def remove(self, paths: list[Path]) -> IndexResult:
        started = time.perf_counter()
        targets = [Path(p).absolute() for p in paths]
        targets = [t.resolve() if t.exists() else t for t in targets]
        roots = self.roots()
        kept = roots_kept(roots, targets)
        result = IndexResult(self.cluster.where)

        def is_kept(path: str) -> bool:
            return any(Path(path) == r or r in Path(path).parents for r in kept)

        for path, report in self.known().items():
            if not is_kept(path):
                self.delete(report["key"])
                result.removed.append(path)
        self.nodes.write_meta([str(r) for r in kept], [
            asdict(d) for path, d in sorted(self.remembered().items()) if is_kept(path)])
        result.seconds = time.perf_counter() - started
        return result
