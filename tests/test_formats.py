"""Reports in layouts unlike the sample, in every published form: the same passages,
metadata and units from each, and the judged queries answered as well."""

import json
import re

import pytest
from rsearch.corpus import read_report
from rsearch.corpus.frontmatter import ABSTRACT_TITLE_RE, field_of, find_toc
from rsearch.corpus.headings import match_heading
from rsearch.indexer import ReportIndex, build_index

from .report_forms import FORMS, QUERIES, REPORTS, write_form
from .test_relevance import judge


def squash(text):
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="session")
def forms(tmp_path_factory):
    """Every fixture report written in every form, a folder per form."""
    root = tmp_path_factory.mktemp("forms")
    return {form: [write_form(path, form, root / form) for path in REPORTS] for form in FORMS}


def as_big5(text):
    return text.encode("cp950", errors="replace").decode("cp950")


@pytest.mark.parametrize("form", FORMS[1:])
def test_every_form_gives_the_same_report(forms, form):
    for source, written in zip(REPORTS, forms[form], strict=True):
        expected, got = read_report(source), read_report(written)
        fold = as_big5 if form == "big5-crlf" else (lambda t: t)
        assert [squash(p.text) for p in got.passages[1:]] == \
            [squash(fold(p.text)) for p in expected.passages[1:]], written.name
        for name in ("title", "agency", "report_date_iso", "trip_type", "period_start"):
            assert getattr(got, name) == getattr(expected, name), (written.name, name)
        assert [(m.key, m.kind) for m in got.meetings] == \
            [(m.key, m.kind) for m in expected.meetings]


METADATA = {
    "2019-oecd-digital-economy": ("出席經濟合作暨發展組織數位經濟政策委員會第 14 次會議報告",
                                  "國家發展委員會", "2019-12", "開會"),
    "2022-chemical-safety-workshop": ("參加亞太化學品安全管理研習會報告", "勞動部職業安全衛生署",
                                      "2022-12-15", "研習"),
    "2023-wto-tbt-committee": ("出席世界貿易組織技術性貿易障礙委員會第 91 次例會報告",
                               "經濟部標準檢驗局", "2023-08-30", "開會"),
    "2024-biosecurity-study-tour": ("赴澳大利亞考察邊境生物安全檢疫制度", "農業部動植物防疫檢疫署",
                                    "2024-05-06", "考察"),
}
UNITS = {
    "2019-oecd-digital-economy": [("第一天：人工智慧政策", "day"), ("第二天：資料跨境流通", "day"),
                                  ("第三天：寬頻與數位落差", "day")],
    # Sessions with no meeting heading over them: the title's 研習會 holds them.
    "2022-chemical-safety-workshop": [("亞太化學品安全管理研習會", "meeting"),
                                      ("第一場次：GHS 標示與安全資料表", "session"),
                                      ("第二場次：暴露評估", "session"),
                                      ("第三場次：製程安全管理", "session")],
    "2023-wto-tbt-committee": [("主題會議：良好法規實務", "meeting"),
                               ("TBT 委員會第 91 次例會", "meeting")],
    "2024-biosecurity-study-tour": [("雪梨國際機場檢疫站", "site"), ("雪梨郵件處理中心", "site"),
                                    ("農漁林業部總部", "site"), ("檢疫犬訓練中心", "site")],
}


@pytest.mark.parametrize("path", REPORTS, ids=lambda p: p.stem)
def test_metadata_and_units_of_each_layout(path):
    report = read_report(path)
    assert (report.title, report.agency, report.report_date_iso, report.trip_type) == \
        METADATA[path.stem]
    assert [(m.key, m.kind) for m in report.meetings] == UNITS[path.stem]
    for passage in report.passages:
        assert report.citation(passage).startswith(f"{report.agency}，〈{report.title}〉")


@pytest.mark.parametrize("path", REPORTS, ids=lambda p: p.stem)
def test_every_line_lands_in_a_passage_and_none_twice(path):
    lines = path.read_text(encoding="utf-8").splitlines()
    toc = find_toc(lines)
    body = [line for i, line in enumerate(lines)
            if line.strip() and not (toc and toc[0] <= i < toc[1])]
    texts = [squash(p.text) for p in read_report(path).passages]
    for line in body:
        field = field_of(line)
        if field and field[0] in ("abstract", "keywords"):
            line = field[1]  # the label names the field; its value is the text
        if match_heading(line) or ABSTRACT_TITLE_RE.match(line) or not line:
            continue  # a heading stands on the path of the passages under it
        assert any(squash(line) in t for t in texts), line
    assert sum(map(len, texts)) <= sum(len(squash(line)) for line in body)


def test_a_citation_without_front_matter_names_the_file(tmp_path):
    path = tmp_path / "notes-2020.txt"
    path.write_text("一、會議紀要\n\n本次會議討論海關資料交換。\n", encoding="utf-8")
    report = read_report(path)
    assert report.citation(report.passages[0]) == "〈notes-2020.txt〉，一、會議紀要，第 1 段"


def evaluate(index_dir):
    queries = [json.loads(line) for line in QUERIES.read_text(encoding="utf-8").splitlines()
               if line.strip()]
    with ReportIndex(index_dir) as ix:
        results = [judge(q, ix.search(q["query"], meeting=q.get("meeting"),
                                      topic=q.get("topic"), limit=50)) for q in queries]
    n = len(results)
    return (sum(r[0] for r in results) / n, sum(r[1] for r in results) / n,
            sum(r[2] for r in results))


def test_judged_queries_in_every_form(forms, tmp_path):
    scores = {}
    for form in ("txt", "wrapped", "pdf", "pdf-embedded", "docx", "odt"):
        build_index(tmp_path / form, forms[form], workers=0)
        scores[form] = evaluate(tmp_path / form)
    ndcg, recall, forbidden = scores["txt"]
    assert ndcg >= 0.90 and recall >= 0.95 and forbidden == 0, scores
    for form, (other_ndcg, _, other_forbidden) in scores.items():
        assert abs(other_ndcg - ndcg) <= 0.02 and other_forbidden == 0, (form, scores)


def make_pdf(path, draw, **options):
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path), **options)
    draw(pdf)
    pdf.showPage()
    pdf.save()


def test_bad_files_are_named_and_skipped(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    good = write_form(REPORTS[0], "docx", folder)
    make_pdf(folder / "scan.pdf", lambda pdf: pdf.rect(50, 50, 400, 600, fill=1))
    make_pdf(folder / "locked.pdf", lambda pdf: pdf.drawString(60, 700, "secret"),
             encrypt="pw")
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4\n1 0 obj <<>> garbage")
    (folder / "lies.pdf").write_text("壹、目的\n\n這其實是文字檔。\n", encoding="utf-8")
    (folder / "lies.docx").write_bytes(b"%PDF-1.4\n%%EOF")
    (folder / "empty.pdf").write_bytes(b"")
    result = build_index(tmp_path / "ix", [folder], workers=0)
    assert result.added == [str(good.resolve())]
    reasons = {p.rsplit("/", 1)[1]: r for p, r in result.skipped}
    assert reasons == {
        "broken.pdf": reasons["broken.pdf"],
        "empty.pdf": "empty file",
        "lies.docx": "named .docx but the content is PDF",
        "lies.pdf": "named .pdf but the content is text",
        "locked.pdf": "encrypted PDF (needs a password)",
        "scan.pdf": "PDF has no text layer (a scan?); run OCR on it first",
    }
    assert reasons["broken.pdf"].startswith("damaged PDF")


@pytest.mark.parametrize("suffix, member, mimetype", [
    (".docx", "word/document.xml", None),
    (".odt", "content.xml", b"application/vnd.oasis.opendocument.text"),
])
def test_a_damaged_package_is_skipped_with_its_reason(tmp_path, suffix, member, mimetype):
    import zipfile

    from rsearch.corpus import UnreadableReport
    from rsearch.corpus.formats import extract

    path = tmp_path / f"broken{suffix}"
    with zipfile.ZipFile(path, "w") as package:
        if mimetype:
            package.writestr("mimetype", mimetype)
        package.writestr(member, "<not xml")
    with pytest.raises(UnreadableReport) as e:
        extract(path.read_bytes(), str(path), suffix)
    assert e.value.reason.startswith(f"damaged {suffix[1:].upper()} (")


def test_a_docx_of_hard_wrapped_lines_reads_as_its_text(tmp_path):
    # A text export pasted into Word: one paragraph per wrapped line. Its
    # paragraphs are the text's, not the lines.
    import docx

    paragraphs = ["我國自民國一百年起於機場建置自動查驗通關系統，旅客經註冊後可持護照及生物"
                  "特徵快速通關，近年旅客量快速回升。" * 2,
                  "新加坡移民與關卡局推動新世代通關計畫，旅客僅以臉部及虹膜辨識即可完成查驗，"
                  "為全球首批全面採用多模態生物辨識之國家。" * 2,
                  "兀蘭關卡為新加坡與馬來西亞間之陸路口岸，每日通關人次逾三十萬，騎士無須脫除"
                  "安全帽即可以虹膜辨識查驗，尖峰時段通關時間減少約四成。" * 2]
    lines = ["壹、研究緣起"]
    for text in paragraphs:
        lines += ["\u3000\u3000" + text[:28]] + [text[i:i + 30] for i in range(28, len(text), 30)]
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    document.save(tmp_path / "wrapped.docx")
    (tmp_path / "wrapped.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    from_docx = read_report(tmp_path / "wrapped.docx")
    from_text = read_report(tmp_path / "wrapped.txt")
    assert [squash(p.text) for p in from_docx.passages] == \
        [squash(p.text) for p in from_text.passages] == [squash(t) for t in paragraphs]


SHORT_REPORT = """出國報告（出國類別：開會）
參加亞太經濟合作會議海關程序次級委員會報告
服務機關：財政部關務署
姓名職稱：王小明　科長
出國期間：民國112年3月1日至3月3日
報告日期：民國112年5月1日
頁數：12頁
聯絡電話：02-2550-5500
壹、目的
瞭解各會員推動單一窗口之進展。
貳、心得與建議
建議持續參與。
"""


@pytest.mark.parametrize("form", ["pdf", "pdf-embedded"])
def test_a_short_pdf_whose_font_pdfium_cannot_map_loses_no_line(tmp_path, form):
    """A one-page report in a CID font that is not embedded: PDFium keeps
    only the lines with digits, run together, too few and too short to show
    the loss by length; the text objects it reads no text from show it, and
    the file is read with pypdf (an embedded font is read by PDFium)."""
    source = tmp_path / "short.txt"
    source.write_text(SHORT_REPORT, encoding="utf-8")
    report = read_report(write_form(source, form, tmp_path / form))
    assert (report.title, report.agency, report.authors, report.report_date_iso) == (
        "參加亞太經濟合作會議海關程序次級委員會報告", "財政部關務署", ["王小明 科長"], "2023-05-01")
    body = [(p.section[0].title, p.text) for p in report.passages if p.section[0].level]
    # (A lone page number on a one-page file read without geometry stays a line.)
    assert body[:2] == [("目的", "瞭解各會員推動單一窗口之進展。"),
                        ("心得與建議", "建議持續參與。")]
