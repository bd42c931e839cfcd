"""An archive of the fixture reports and the sample, updated once, and queries
made of its text: for tests that compare a fast path with a slow one."""

import random
import shutil
from pathlib import Path

from rsearch.corpus import read_report, sample_report_path
from rsearch.indexer import build_index

from .report_forms import REPORTS


def build_updated_archive(tmp_path_factory):
    """The fixture reports and the sample, then one report changed and one added:
    several segments, and deleted documents in the first."""
    folder = tmp_path_factory.mktemp("reports")
    for path in [*REPORTS, sample_report_path()]:
        shutil.copy(path, folder / path.name)
    index_dir = tmp_path_factory.mktemp("archive")
    build_index(index_dir, [folder], workers=0)
    changed = folder / REPORTS[0].name
    changed.write_text(changed.read_text(encoding="utf-8") + "\n\n補充：海關與單一窗口。\n",
                       encoding="utf-8")
    # Another report (a copy as it is would be a duplicate, indexed once).
    (folder / "again.txt").write_text(
        sample_report_path().read_text(encoding="utf-8").rstrip() + " 〔again〕\n",
        encoding="utf-8")
    build_index(index_dir, [folder], workers=0)
    return index_dir


def updated_in_steps(base: Path, steps: list[dict], write):
    """The fixture reports copied to base/reports and indexed at base/ix; then
    each step (a dict, report name to what it holds) an update: the reports
    an earlier step wrote and this one leaves out removed, its own written by
    write(folder, name, what, n) for the n-th step (from 1), the index
    updated. Yields the folder after each update."""
    folder = base / "reports"
    shutil.copytree(Path(__file__).parent / "fixtures" / "reports", folder)
    build_index(base / "ix", [folder], workers=0)
    written: set[str] = set()
    for n, step in enumerate(steps, start=1):
        for name in sorted(written - set(step)):
            (folder / f"{name}.txt").unlink(missing_ok=True)
        written |= set(step)
        for name, what in step.items():
            write(folder, name, what, n)
        build_index(base / "ix", [folder], workers=0)
        yield folder


def queries_from(count=60, seed=11):
    """Pieces of the reports' own text, of every frequency, and some acronyms."""
    rng = random.Random(seed)
    texts = [p.text for path in [*REPORTS, sample_report_path()]
             for p in read_report(path).passages]
    out = ["海關", "AEO", "WCO", "APEC", "會議", "單一窗口", "優質企業", "電子商務", "附件"]
    while len(out) < count:
        text = rng.choice(texts)
        start = rng.randrange(len(text))
        piece = text[start:start + rng.randint(2, 5)].strip()
        if len(piece) >= 2 and not any(c in piece for c in '"()-*?:'):
            out.append(piece)
    return out
