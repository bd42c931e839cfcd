"""An update's commit is atomic with its checksums: whatever step a crash cuts
it at (kill -9 included), every read command answers as the index did before
the update or as it does after it, `rsearch check` finds no damage, and the
next update finishes the work."""

import shutil
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import rsearch.indexer.storage.index_files as index_files
from click.testing import CliRunner
from rsearch.cli.main import cli
from rsearch.indexer import ReportIndex, build_index
from rsearch.indexer.storage.check import check_index

FIXTURES = Path(__file__).parent / "fixtures" / "reports"
QUERIES = ["單一窗口", "WTO", "檢疫", "補充說明"]
NEW = "壹、目的\n\n本報告說明檢疫與單一窗口之補充說明。\n\n貳、心得\n\n持續精進檢疫措施。\n"


class Crash(BaseException):
    """A process killed at this step: nothing after it runs."""


def answers(index_dir: Path) -> dict:
    with ReportIndex(index_dir) as ix:
        return {"hits": {q: [(h.id, h.score, h.text) for h in ix.search(q, limit=50)]
                         for q in QUERIES},
                "reports": sorted(r["key"] for r in ix.reports())}


def cli_answers(index_dir: Path) -> dict:
    runner = CliRunner()
    found = {}
    for args in (["search", "單一窗口", "--format", "json"], ["reports", "--format", "json"],
                 ["show", "2023-wto-tbt-committee:1"], ["meetings"], ["check"]):
        result = runner.invoke(cli, ["--index-dir", str(index_dir), *args])
        found[args[0]] = (result.exit_code, result.output.replace(str(index_dir), "IX"))
    return found


def setup(tmp_path: Path) -> tuple[Path, Path, Path]:
    """An index of the fixtures; a second folder with a new report, to be added."""
    one, two = tmp_path / "one", tmp_path / "two"
    shutil.copytree(FIXTURES, one)
    two.mkdir()
    (two / "new.txt").write_text(NEW, encoding="utf-8")
    build_index(tmp_path / "ix", [one], workers=0)
    return tmp_path / "ix", one, two


def crash_before_checksums(monkeypatch):
    def crash(*args):
        raise Crash

    monkeypatch.setattr(index_files, "write_checksums", crash)


def crash_after_checksums(monkeypatch):
    real = index_files.write_checksums

    def write_then_crash(*args):
        real(*args)
        raise Crash

    monkeypatch.setattr(index_files, "write_checksums", write_then_crash)


def crash_before_cleanup(monkeypatch):
    def crash(*args):
        raise Crash

    monkeypatch.setattr("rsearch.indexer.storage.whoosh_door.remove_uncommitted", crash)


@pytest.mark.parametrize("step, committed", [(crash_before_checksums, False),
                                             (crash_after_checksums, True),
                                             (crash_before_cleanup, True)])
def test_an_update_cut_short_at_any_step_reads_as_before_or_after(tmp_path, monkeypatch,
                                                                 step, committed):
    index_dir, one, two = setup(tmp_path)
    before, before_cli = answers(index_dir), cli_answers(index_dir)
    (one / "2019-oecd-digital-economy.txt").unlink()  # and one report removed
    reference = tmp_path / "reference"
    build_index(reference, [one, two], workers=0)

    with monkeypatch.context() as patched:
        step(patched)
        with pytest.raises(Crash):
            build_index(index_dir, [two], workers=0)
    if committed:
        assert answers(index_dir)["reports"] == answers(reference)["reports"]
        assert cli_answers(index_dir)["search"][0] == 0
    else:
        assert answers(index_dir) == before
        assert cli_answers(index_dir) == before_cli
    result = check_index(index_dir)
    assert result.problems == [] and result.documents > 0

    # The next update finishes the work, and the index is as a fresh one.
    build_index(index_dir, [two], workers=0)
    assert check_index(index_dir).problems == []
    assert answers(index_dir)["reports"] == answers(reference)["reports"]
    generation = next(index_dir.glob("gen-*"))
    leftovers = sorted(p.name for p in generation.iterdir()
                       if p.name.endswith((".next", ".toc")))
    assert len(leftovers) == 1 and leftovers[0].endswith(".toc")


def test_kill_9_between_the_commit_and_its_checksums(tmp_path):
    index_dir, one, two = setup(tmp_path)
    before = answers(index_dir)
    script = textwrap.dedent("""
        import os, signal, sys
        from pathlib import Path
        import rsearch.indexer.storage.index_files as index_files
        from rsearch.indexer import build_index

        def killed(*args):
            os.kill(os.getpid(), signal.SIGKILL)

        index_files.write_checksums = killed
        build_index(Path(sys.argv[1]), [Path(sys.argv[2])], workers=0)
    """)
    done = subprocess.run([sys.executable, "-c", script, str(index_dir), str(two)],
                          capture_output=True, timeout=300)
    assert done.returncode == -signal.SIGKILL
    generation = next(index_dir.glob("gen-*"))
    assert len(list(generation.glob("*.toc"))) == 2  # the commit was written, not sealed
    assert answers(index_dir) == before
    assert check_index(index_dir).problems == []
    result = CliRunner().invoke(cli, ["--index-dir", str(index_dir), "index"])
    assert result.exit_code == 0, result.output
    assert "new" not in answers(index_dir)["reports"]  # two/ was never remembered
    assert build_index(index_dir, [two], workers=0).added == [str(two / "new.txt")]
