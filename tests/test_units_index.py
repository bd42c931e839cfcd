"""Units and heading labels of reports in unseen layouts, through the index:
every unit `rsearch meetings` lists is accepted by --meeting under each of the
names it shows, and a heading's label (附錄二, 2.1.4) is found as its title is."""

import pytest
from rsearch.indexer import ReportIndex, build_index
from rsearch.indexer.analysis import fold_key

from .body_layouts import AnnexStyle, Layout, render

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
