"""What a DOCX's docProps/core.xml and an ODT's meta.xml say of the file
(title, author, the day it was saved) fills in what the report's own text
lacks, never what it says; a template's or a tool's leftovers are dropped."""

import io
from datetime import datetime

import pytest
from rsearch.corpus import parse_report
from rsearch.corpus.formats import extract
from rsearch.corpus.formats.properties import pdf_day, w3c_day

TITLE = "赴荷蘭研習智慧港口與邊境管理"
BODY = ["壹、研習目的", "瞭解荷蘭海關智慧港口之運作。", "貳、研習過程", "參訪鹿特丹港務局。"]
COVER = ["出國報告（出國類別：研習）", "出國報告名稱：鹿特丹港研習報告", "服務機關：財政部關務署",
         "出國人員：王大明", "出國期間：112 年 5 月 1 日至 5 月 5 日", "報告日期：112 年 7 月 1 日"]


def write_docx(lines, title="", author="", created=None, modified=None) -> bytes:
    import docx

    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    props = document.core_properties
    props.title, props.author = title, author
    if created:
        props.created = created
    if modified:
        props.modified = modified
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def write_odt(lines, title="", author="", created=None, modified=None) -> bytes:
    from odfdo import Document, Paragraph

    document = Document("text")
    document.body.clear()
    for line in lines:
        document.body.append(Paragraph(line))
    meta = document.meta
    if title:
        meta.set_title(title)
    if author:
        meta.set_initial_creator(author)
    if created:
        meta.set_creation_date(created)
    if modified:
        meta.set_modification_date(modified)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


WRITERS = {"docx": write_docx, "odt": write_odt}


def parsed(form, lines, **properties):
    data = WRITERS[form](lines, **properties)
    return parse_report(extract(data, f"r.{form}", f".{form}"), "r")


@pytest.mark.parametrize("form", WRITERS)
def test_a_report_without_title_or_date_takes_the_file_s(form):
    report = parsed(form, BODY, title=TITLE, author="陳美玲",
                    created=datetime(2023, 5, 20, 9, 0), modified=datetime(2023, 6, 2, 10, 0))
    assert report.title == TITLE
    assert report.authors == ["陳美玲"]
    assert (report.report_date, report.report_date_iso) == ("2023-06-02", "2023-06-02")
    # The cover passage shows them: a search for the title finds the report.
    assert TITLE in report.passages[0].text


@pytest.mark.parametrize("form", WRITERS)
def test_what_the_report_says_wins_over_the_file(form):
    report = parsed(form, COVER + BODY, title=TITLE, author="陳美玲",
                    modified=datetime(2023, 6, 2, 10, 0))
    assert report.title == "鹿特丹港研習報告"
    assert report.authors == ["王大明"]
    assert report.report_date_iso == "2023-07-01"


@pytest.mark.parametrize("form", WRITERS)
@pytest.mark.parametrize("saved, taken", [
    (datetime(2023, 5, 20), "2023-05-20"),  # after the trip
    (datetime(2023, 4, 1), ""),  # before the trip ended: a template's day
    (datetime(2025, 1, 1), ""),  # years on: a copy saved again
])
def test_the_file_s_day_counts_only_after_the_trip(form, saved, taken):
    lines = [line for line in COVER if not line.startswith("報告日期")] + BODY
    report = parsed(form, lines, modified=saved)
    assert report.period_end == "2023-05-05"
    assert report.report_date_iso == taken


def test_a_tool_s_placeholders_are_no_author_or_title():
    # python-docx's own template: creator "python-docx", a 2013 date, no title.
    report = parse_report(extract(write_docx(BODY), "r.docx", ".docx"), "r")
    assert (report.title, report.authors) == ("", [])


@pytest.mark.parametrize("text, day", [
    ("2023-06-01T17:30:00Z", "2023-06-02"),  # Taiwan's clock is 8 hours ahead
    ("2023-06-01T10:00:00+08:00", "2023-06-01"),
    ("2023-06-01T23:59:59.056095000", "2023-06-01"),  # no zone: as written
    ("2023-06-01", "2023-06-01"),
    ("June 1", ""),
    ("2023-13-01T00:00:00Z", ""),
])
def test_w3c_days(text, day):
    assert w3c_day(text) == day


@pytest.mark.parametrize("text, day", [
    ("D:20230601173000Z", "2023-06-02"),
    ("D:20230601103000+08'00'", "2023-06-01"),
    ("D:20230601", "2023-06-01"),
    ("", ""),
])
def test_pdf_days(text, day):
    assert pdf_day(text) == day
