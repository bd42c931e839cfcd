"""A fixture set's relevance in several published forms, and its structure.

Writes each report of `tests/fixtures/<set>/` in every form asked for
(`tests.report_forms.write_form`: txt, wrapped, big5-crlf, pdf, pdf-embedded,
docx, odt, and docx-word, odt-office: as written in the word processor, with
generated labels, a generated contents page, a cover in a text box or frame,
and header and footer parts), scores the set's queries on them with the shared evaluator, and,
where the set has a `structure.json`, counts the expected units found (under
every name, of the right kind) and the titles read right.

    .venv/bin/python benchmarks/fixture_forms.py kinds,unseen txt,docx,pdf
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rsearch.corpus import read_report  # noqa: E402
from rsearch.indexer.analysis.text import fold_key  # noqa: E402

from tests.report_forms import write_form  # noqa: E402

# The shared relevance harness: `../shared` beside the project (a worktree
# may sit one folder deeper).
EVALUATE = next((base / "shared" / "eval" / "evaluate.py" for base in (ROOT.parent,
                 ROOT.parent.parent) if (base / "shared" / "eval" / "evaluate.py").exists()),
                ROOT.parent / "shared" / "eval" / "evaluate.py")


def squash(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def owners(report, name: str) -> list:
    key = fold_key(name)
    folded = [(m, [fold_key(n) for n in [m.key, *m.names]]) for m in report.meetings]
    return [m for m, names in folded if key in names] \
        or [m for m, names in folded if any(key in n for n in names)]


def structure(folder: Path, expected: dict) -> str:
    units = found = titles = 0
    for stem, wanted in expected.items():
        report = read_report(next(folder.glob(f"{stem}.*")))
        titles += squash(report.title) == squash(wanted["title"])
        for unit in wanted["units"]:
            units += 1
            own = [owners(report, name) for name in unit["names"]]
            found += all(len(o) == 1 and o[0] is own[0][0] for o in own) \
                and own[0][0].kind in unit["kinds"]
    return f"units {found}/{units}, titles {titles}/{len(expected)}"


def evaluate(folder: Path, queries: Path) -> str:
    out = subprocess.run([sys.executable, str(EVALUATE), "--queries", str(queries), "--corpus",
                          str(folder), "--cmd", str(ROOT / ".venv" / "bin" / "rsearch")],
                         capture_output=True, text=True, check=True).stdout
    figures = dict(re.findall(r"^(ndcg@10|recall|errors|forbidden_hits): (\S+)$", out, re.M))
    return " ".join(f"{k} {v}" for k, v in figures.items())


def main(sets: list[str], forms: list[str]) -> None:
    for name in sets:
        source = ROOT / "tests" / "fixtures" / name
        plan = source / "structure.json"
        expected = json.loads(plan.read_text(encoding="utf-8")) if plan.exists() else None
        for form in forms:
            with tempfile.TemporaryDirectory() as tmp:
                folder = Path(tmp) / name
                for path in sorted(source.glob("*.txt")):
                    write_form(path, form, folder)
                line = f"{name:8} {form:12} {evaluate(folder, source / 'queries.jsonl')}"
                if expected:
                    line += f"  {structure(folder, expected)}"
                print(line, flush=True)


if __name__ == "__main__":
    main(sys.argv[1].split(","), sys.argv[2].split(","))
