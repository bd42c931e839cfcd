"""A PDF whose text is set in a narrow measure (a text file's hard-wrapped
lines drawn as they are, as a report typed at a fixed width and printed
is): its page numbers, centred on the page, and its drawn tables (rules and
bars) stand right of the text's edge. The edge is the text's own, so a
numbered item whose first line the next character had no room after goes
on at the margin under its label, not read as a heading over its tail."""

from __future__ import annotations

from rsearch.corpus import read_report

from .report_forms import write_form

ITEMS = [
    "(1)瞭解各國港口對危險貨物之申報方式",
    "及查驗作業，作為本局修訂作業規定之參考。",
    "(2)瞭解電子申報系統之運作方式，包括",
    "業者資料之傳輸、審核及退件之處理流程。",
    "(3)瞭解港口國管制檢查之執行方式，並",
    "蒐集各國檢查紀錄之統計及分析方法。",
]
TABLE = [
    "日期　　　　　　　│時間│行程內容",
    "─────────┼──┼──────────",
    "2025年10月20日(一)│全日│臺北－東京羽田機場",
    "─────────┼──┼──────────",
    "2025年10月21日(二)│上午│拜會國土交通省海事局",
    "─────────┼──┼──────────",
    "2025年10月22日(三)│全日│參訪橫濱港港務局",
    "─────────┼──┼──────────",
]
PARAGRAPH = [
    "　　本次考察之行程共計六日，拜會主管",
    "機關並參訪港口，其行程如下表，各參訪",
    "單位均派員簡報並安排現場參觀。",
]


def report_text() -> str:
    lines = ["交通部航港局出國報告", "", "一、考察目的", ""]
    lines += ITEMS + [""]
    lines += ["二、考察行程", ""] + PARAGRAPH + [""] + TABLE + [""]
    for k in range(3):
        lines += ["三、考察紀要" if k == 0 else "", ""] if k == 0 else []
        lines += PARAGRAPH * 3 + [""] + TABLE + [""]
    lines += ["四、建議", ""] + ITEMS
    return "\n".join(lines) + "\n"


def test_numbered_items_of_a_narrow_measure_beside_wider_tables_are_items(tmp_path):
    source = tmp_path / "report.txt"
    source.write_text(report_text(), encoding="utf-8")
    path = write_form(source, "pdf-embedded", tmp_path / "pdf")
    report = read_report(path)
    items = ["".join(ITEMS[k:k + 2]) for k in range(0, len(ITEMS), 2)]
    passages = [(p.kind, p.text) for p in report.passages]
    for item in items:
        assert passages.count(("list_item", item)) == 2
    # No item's first line heads a part of the report.
    assert not any(h.label.startswith("(") for p in report.passages for h in p.section)
