"""Reports in layouts no earlier fixture has (tests/fixtures/unseen19): a
labour agency at a conference of parallel tracks (a cover whose fields run
travellers first and the report's name and date last, (A) chapters over 1)
items, `Track A-3：<title>` and `分組會議 B：<title>` breakouts, `第 n 頁，共 m 頁`
inside paragraphs, `（註：…）` notes, the abstract after the annexes), a
customs officer's English-language course (Chinese front matter, an English
body numbered `1  INTRODUCTION` / `1-1`, `Day n – <weekday date>: <title>`
days under `Daily Sessions`, `Site Visit n: <place>`) and a weather agency's
visit written mostly in tables (tab-separated and `|` tables, `1)` / `a)`)."""

from rsearch.corpus import parse_report
from rsearch.corpus.headings import match_heading

from .fixture_sets import outline, units


def test_parallel_tracks_and_breakouts_are_labelled_sessions():
    assert match_heading("Track A-3：高溫作業熱危害預防") == (
        "session", "Track A-3", "高溫作業熱危害預防")
    assert match_heading("Stream B2: Digital Safety") == ("session", "Stream B2", "Digital Safety")
    assert match_heading("Track 2 | Green Jobs") == ("session", "Track 2", "Green Jobs")
    assert match_heading("Track C 中小企業") == ("session", "Track C", "中小企業")
    assert match_heading("Session A1：公用事業計量器") == (
        "session", "Session A1", "公用事業計量器")
    assert match_heading("分組會議 B：中小企業輔導經驗交流") == (
        "session", "分組會議 B", "中小企業輔導經驗交流")
    assert match_heading("分組討論二、勞動檢查") == ("session", "分組討論二", "勞動檢查")
    # a sentence that starts with the word is none
    assert match_heading("Track A is where most delegates went") is None
    assert match_heading("Tracking the heat index daily") is None
    assert match_heading("分組會議A由新加坡主持") is None


def test_a_numbered_site_visit_is_a_stop():
    assert match_heading("Site Visit 1: Tuas Checkpoint") == (
        "stop", "Site Visit 1", "Tuas Checkpoint")
    assert match_heading("Field Visit 2 – PSA Terminal") == (
        "stop", "Field Visit 2", "PSA Terminal")
    assert match_heading("Study Visit guidelines were sent") is None


def test_a_bare_number_before_a_title_in_capitals():
    assert match_heading("3  KEY LEARNINGS") == ("arabic-bare", "3", "KEY LEARNINGS")
    assert match_heading("3 GB of data") is None  # a quantity
    assert match_heading("2 MW PV plant") is None


TRACKS = ("出國報告\n\n報告日期：114年12月22日\n\n(A) 前言\n\n本署派員出席。\n\n"
          "(B) 大會概況\n\n1) 會議地點及規模\n\n研討會於吉隆坡舉行。\n\n"
          "2) 研討會架構\n\n研討會分為三條軌道。\n\n"
          "(C) 研討會紀要\n\nTrack A-3：高溫作業熱危害預防\n\n"
          "1) 各國法規\n\n新加坡說明其措施。\n\n"
          "2) 我國簡報\n\n本署發表簡報。\n\n"
          "(D) 會員大會、分組會議及參訪\n\n1) 會員大會\n\n通過會務報告。\n\n2) 分組會議\n\n"
          "分組會議 A：職安衛教育訓練\n\n討論訓練認證。\n\n"
          "分組會議 B：中小企業輔導經驗交流\n\n分享經費來源。\n\n"
          "(E) 心得與建議\n\n1) 心得\n\n熱危害受到重視。\n\n"
          "附件1　大會議程\n\n10月14日　會員大會\n10月15日　研討會\n\n"
          "附件2　我國簡報摘要\n\n本署簡報熱危害預防。\n\n"
          "摘要\n\n本署派員出席年會。\n\n關鍵詞：熱危害、WBGT\n")


def test_tracks_and_breakouts_nest_and_the_abstract_after_the_annexes_is_its_own_part():
    report = parse_report(TRACKS, "k")
    assert outline(report) == [
        (1, "(A)前言"), (1, "(B)大會概況"), (2, "1)會議地點及規模"), (2, "2)研討會架構"),
        (1, "(C)研討會紀要"), (2, "TrackA-3高溫作業熱危害預防"), (3, "1)各國法規"),
        (3, "2)我國簡報"),
        (1, "(D)會員大會、分組會議及參訪"), (2, "1)會員大會"), (2, "2)分組會議"),
        (3, "分組會議A職安衛教育訓練"), (3, "分組會議B中小企業輔導經驗交流"),
        (1, "(E)心得與建議"), (2, "1)心得"), (1, "附件1大會議程"), (1, "附件2我國簡報摘要"),
        (1, "摘要")]
    # the meeting's place and its programme's shape describe it, name no meeting;
    # a chapter over breakouts is no session of its own (分組會議, named as
    # breakouts are, holds them)
    assert units(report) == [("session", "TrackA-3高溫作業熱危害預防"), ("meeting", "會員大會"),
                             ("session", "分組會議"), ("session", "分組會議A職安衛教育訓練"),
                             ("session", "分組會議B中小企業輔導經驗交流")]


def test_an_abstract_title_inside_an_annex_stays_the_annexs_unless_it_closes_the_report():
    paper = ("出國報告\n\n報告日期：114年12月22日\n\n一、前言\n\n本署派員出席。\n\n"
             "附件1　發表論文\n\n摘要\n\n本文探討熱危害。\n\n關鍵詞：熱危害\n\n"
             "1. 緒論\n\n高溫作業增加。\n")
    assert [t for _, t in outline(parse_report(paper, "k"))] == ["一、前言", "附件1發表論文"]


DAILY = ("出國報告\n\n報告日期：114年10月30日\n\n1  INTRODUCTION\n\nThe course was held.\n\n"
         "2  COURSE PROGRAMME\n\n2-1  Daily Sessions\n\n"
         "Day 1 – Monday 4 August: Foundations of Risk Management\n\nThe opening lecture.\n\n"
         "Day 2 – Tuesday 12 August: Rules of Origin\n\nVerification of origin.\n\n"
         "2-2  Site Visits\n\nSite Visit 1: Tuas Checkpoint\n\nTrucks are screened.\n\n"
         "3  KEY LEARNINGS\n\nRisk registers are reviewed.\n")


def test_days_under_a_part_of_sessions_and_numbered_site_visits():
    report = parse_report(DAILY, "k")
    assert outline(report)[-2:] == [(3, "SiteVisit1TuasCheckpoint"), (1, "3KEYLEARNINGS")]
    assert [kind for kind, _ in units(report)] == ["day", "day", "site"]
    day1 = report.meetings[0]
    assert "Day 1" in day1.names and "Foundations of Risk Management" in day1.names
