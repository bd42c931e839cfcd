"""Write indexer/analysis/data/fold.tsv: how each Chinese character folds, from OpenCC.

A character folds to its NFKC form converted by OpenCC's Traditional-to-
Simplified tables one character at a time (kept only when the conversion keeps
its length). The table lists every character of analysis.CJK whose fold differs
from itself; rsearch reads it instead of loading OpenCC, which costs a search
30-40 ms. Run again (``python tests/make_fold_table.py``) when OpenCC's tables
change; tests/test_analysis.py checks the table against OpenCC.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from rsearch.indexer.analysis.text import CJK

TABLE = Path(__file__).resolve().parent.parent / "indexer" / "analysis" / "data" / "fold.tsv"


def cjk_chars() -> list[str]:
    chars: list[str] = []
    for first, last, single in re.findall(r"(.)-(.)|(.)", CJK):
        if single:
            chars.append(single)
        else:
            chars.extend(chr(code) for code in range(ord(first), ord(last) + 1))
    return chars


def opencc_folds() -> dict[str, str]:
    """Every character whose fold differs from itself, with its fold."""
    import opencc

    t2s = opencc.OpenCC("t2s")
    folds = {}
    for char in cjk_chars():
        normal = unicodedata.normalize("NFKC", char)
        converted = t2s.convert(normal)
        folded = converted if len(converted) == len(normal) else normal
        if folded != char:
            folds[char] = folded
    return folds


def main() -> None:
    lines = [f"{char}\t{folded}\n" for char, folded in opencc_folds().items()]
    TABLE.write_text("".join(lines), encoding="utf-8")
    print(f"{len(lines)} characters -> {TABLE}")


if __name__ == "__main__":
    main()
