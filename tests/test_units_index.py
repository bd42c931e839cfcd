"""Units and heading labels of reports in unseen layouts, through the index:
every unit `rsearch meetings` lists is accepted by --meeting under each of the
names it shows, and a heading's label (附錄二, 2.1.4) is found as its title is."""

import pytest
from rsearch.indexer import ReportIndex, build_index
from rsearch.indexer.analysis import fold_key

from .body_layouts import AnnexStyle, Layout, render
from .conftest import index_of_texts

LAYOUTS = {
    "roman-latin": Layout(["roman-full", "latin", "arabic-paren-full", "latin-paren"], True,
                          AnnexStyle("附錄", "zh", False, " "), None, True, False, True, True,
                          True, True, True, False, 1, day_word="digit"),
    "decimal": Layout(["decimal"], False, AnnexStyle("Appendix", "letter", True, ": "), "附錄",
                      False, True, False, True, True, False, True, True, 3),
    "chapter": Layout(["chapter", "section", "arabic", "arabic-half-paren"], True,
                      AnnexStyle("附件", "digit", True, "："), "附件", True, False, True, False,
                      False, True, True, False, 5, session_word="場次", english=True),
    "visits": Layout(["chapter", "section", "zh", "zh-paren-full"], True,
                     AnnexStyle("附錄", "zh", False, " "), None, False, False, False, True, True,
                     True, False, False, 0, english_lines="titles", visit_day=True,
                     visit_title="參訪機構與研究過程", visits_top=True, ranges=True),
}


@pytest.fixture(scope="module")
def layout_index(tmp_path_factory):
    folder = tmp_path_factory.mktemp("layouts")
    paths = []
    for name, layout in LAYOUTS.items():
        path = folder / f"{name}.txt"
        path.write_text(render(layout)[0], encoding="utf-8")
        paths.append(path)
    index_dir = tmp_path_factory.mktemp("layout-index")
    build_index(index_dir, paths, workers=0)
    with ReportIndex(index_dir) as ix:
        yield ix


def test_the_units_of_each_layout_are_listed(layout_index):
    listed = {(u["report"], u["key"], u["kind"]) for u in layout_index.units()}
    for name, layout in LAYOUTS.items():
        assert {(k, kind) for r, k, kind in listed if r == name} == set(render(layout)[1].units)


def test_every_unit_is_a_filter_under_every_name_it_shows(layout_index):
    for unit in layout_index.units():
        for name in unit["names"]:
            hits = layout_index.search("說明 OR 式 OR 議題 OR Session OR 場次", meeting=name,
                                       limit=500)
            # The name may be another unit's too; this unit's passages are among the hits.
            assert any(unit["key"] in h.units and h.report == unit["report"] for h in hits), \
                (unit["key"], name)
            assert all(any(fold_key(n) == fold_key(name) or fold_key(name) in fold_key(n)
                           for u in layout_index.units() if u["key"] in h.units
                           for n in u["names"]) for h in hits), (unit["key"], name)


@pytest.mark.parametrize("query, report, section", [
    ("附錄三", "roman-latin", "附錄三 合作備忘錄全文（本場次由主辦國提供）"),
    ("Appendix C", "decimal", "5. Appendix C 與會人員名單（本場次由主辦國提供）"),
    ("2.3.1", "decimal", "2. 2.3 2.3.1 新加坡樟宜物流園"),
    ("第二節", "chapter", "第三章 第二節 建議派員出席東協貿易研討會"),
])
def test_a_heading_label_is_found_as_heading_text(layout_index, query, report, section):
    hits = layout_index.search(query, limit=50)
    assert any(h.report == report and h.section == section and h.match in ("exact", "heading")
               for h in hits), [(h.report, h.section, h.match) for h in hits]


def test_a_passage_shows_the_appendices_it_cites_by_their_labels(layout_index):
    [hit] = [h for h in layout_index.search("持續參與 效益", limit=20)
             if h.report == "roman-latin" and h.section.endswith("效益")]
    record = layout_index.passage(hit.id)
    assert record.text.endswith("(全文詳附錄二)")
    assert record.annexes == [{"number": 2, "title": "簡報資料", "label": "附錄二"}]


def test_a_span_of_days_answers_to_its_label_as_written(layout_index):
    [day] = [u for u in layout_index.units() if u["report"] == "visits" and "2–4" in u["key"]]
    assert day["key"] == "Day 2–4 資料保護"
    assert "Day 2–4" in day["names"]
    hits = layout_index.search("說明", meeting="Day 2–4", limit=50)
    assert {h.section for h in hits if h.report == "visits"} == \
        {"第四章 Day 2–4 （11月7日至9日）資料保護"}


DAY_REPORTS = {
    "spaced": "研習報告\n\n壹、研習過程\n\n一、第一天（11 月 6 日）開訓\n\n上午說明課程安排。\n\n"
              "二、第二天（11 月 7 日）實作\n\n下午進行實作。\n",
    "english": "研習報告\n\n壹、研習過程\n\nDay 1 (6 Nov) Opening\n\n上午說明課程安排。\n\n"
               "Day 2 (7 Nov) Lab work\n\n下午進行實作。\n",
    "dated": "研習報告\n\n壹、研習過程\n\n一、112年11月6日（星期一）\n\n上午說明課程安排。\n\n"
             "二、112年11月7日（星期二）\n\n下午進行實作。\n",
    "wide": "研習報告\n\n壹、研習過程\n\n１１月６日（星期一）\n\n上午說明課程安排。\n\n"
            "１１月７日（星期二）\n\n下午進行實作。\n",
}


@pytest.fixture(scope="module")
def day_index(tmp_path_factory):
    yield from index_of_texts(tmp_path_factory, DAY_REPORTS)


@pytest.mark.parametrize("name", ["11月6日", "11 月 6 日", "１１月６日"])
def test_a_day_is_a_filter_by_its_date_however_written(day_index, name):
    hits = day_index.search("課程 OR 實作", meeting=name, limit=50)
    assert sorted((h.report, h.text) for h in hits) == \
        sorted((report, "上午說明課程安排。") for report in DAY_REPORTS)


def test_a_day_with_a_year_answers_to_its_iso_date_and_either_year(day_index):
    for name in ("2023-11-06", "112年11月6日", "2023年11月6日"):
        hits = day_index.search("課程", meeting=name, limit=50)
        assert [h.report for h in hits] == ["dated"], name


def test_a_search_for_a_date_finds_the_day_its_heading_writes_in_chinese(day_index):
    hits = day_index.search("11月6日", limit=50)
    assert {h.report for h in hits if h.text == "上午說明課程安排。"} >= {"spaced", "dated", "wide"}
