"""Corpora for the benchmark.

`archive`: reports of five layouts (the bundled report and the four test
fixtures) whose vocabulary varies as a real archive's does: each report
mixes its template's paragraphs with terms drawn, Zipf-like, from a
vocabulary that grows with the archive (new words keep arriving), dates and
agencies vary, and a term like 單一窗口 is left in only a small share of
the reports. `copies`: the bundled report again and again, paragraphs
rotated and numbered, the worst case for common words.
"""

from __future__ import annotations

import random
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = [ROOT / "corpus" / "data" / "2016-apec-sccp2-report.txt",
             *sorted((ROOT / "tests" / "fixtures" / "reports").glob("*.txt"))]
AGENCIES = ["財政部關務署", "經濟部國際貿易署", "經濟部標準檢驗局", "農業部動植物防疫檢疫署",
            "衛生福利部食品藥物管理署", "勞動部職業安全衛生署", "國家發展委員會", "交通部航港局",
            "內政部移民署", "法務部調查局"]
# Characters new words are made of, and what they end in.
WORD_CHARS = ("資訊貿易關務稽核查驗檢疫認證物流港口航空郵政電子數位安全風險管理合作協定標準"
              "規範制度計畫系統平台中心機制程序監測評估預警追溯通報整合共享開放創新永續綠色")
WORD_ENDS = ["計畫", "制度", "系統", "平台", "機制", "協定", "指南", "倡議", "專案", "工作小組"]
RARE_SHARE = 0.25  # of the reports made from the sample, those that keep 單一窗口


def vocabulary(size: int, rng: random.Random) -> list[str]:
    words: list[str] = []
    seen: set[str] = set()
    while len(words) < size:
        word = "".join(rng.choice(WORD_CHARS) for _ in range(rng.choice((2, 2, 3)))) \
            + rng.choice(WORD_ENDS)
        if word not in seen:
            seen.add(word)
            words.append(word)
    return words


def make_archive(folder: Path, count: int, start: int = 0, seed: int = 7) -> int:
    """Write `count` reports; returns their total size in bytes."""
    rng = random.Random(seed)
    texts = [t.read_text(encoding="utf-8") for t in TEMPLATES]
    # The vocabulary grows with the archive: report n draws from the first 200 + n/2 words.
    words = vocabulary(200 + (start + count) // 2, rng)
    total = 0
    for n in range(start, start + count):
        r = random.Random(seed * 1_000_003 + n)
        template = n % len(texts)
        blocks = texts[template].split("\n\n")
        head, body = blocks[:12], blocks[12:]
        known = words[: 200 + n // 2]
        for i in range(len(body)):
            if body[i].strip() and r.random() < 0.5:
                term = known[min(int(r.paretovariate(1.2)) - 1, len(known) - 1)]
                body[i] = body[i].rstrip() + f"另討論{term}之推動情形。"
        text = "\n\n".join(head + body)
        if template == 0 and r.random() > RARE_SHARE:
            text = text.replace("單一窗口", r.choice(known))
        year = 100 + r.randrange(14)
        text = text.replace("105 年", f"{year} 年").replace("112 年", f"{year} 年")
        text = text.replace("財政部關務署", r.choice(AGENCIES))
        text += f"\n\n本報告為第 {n} 號測試報告。\n"
        path = folder / f"report-{n:05d}.txt"
        path.write_text(text, encoding="utf-8")
        total += path.stat().st_size
    return total


def make_copies(folder: Path, count: int, start: int = 0) -> int:
    """Write `count` copies of the bundled report; returns their total size in bytes."""
    text = TEMPLATES[0].read_text(encoding="utf-8")
    head, marker, body = text.partition("壹、會議時間")
    blocks = body.split("\n\n")
    total = 0
    for n in range(start, start + count):
        shift = n % max(len(blocks) // 3, 1)
        middle = blocks[1:-40]
        rotated = middle[shift:] + middle[:shift]
        numbered = head.replace("第 2 次", f"第 {n + 2} 次") + marker
        report = numbered + "\n\n".join([blocks[0], *rotated, *blocks[-40:]])
        report += f"\n\n本報告為第 {n} 號測試報告。\n"
        path = folder / f"report-{n:05d}.txt"
        path.write_text(report, encoding="utf-8")
        total += path.stat().st_size
    return total
