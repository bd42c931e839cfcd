"""Every file accounted for, and the same report in two files indexed once:
`rsearch index` counts each file it did not index by kind and names it (a
few of each kind, or every one with --verbose); a report kept in two files
(two formats, a copy) is indexed from one, and `rsearch reports` names the
other."""

import json
import os
import re
import shutil

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rsearch.cli.main import cli
from rsearch.corpus import read_report, scan_reports, text_digest
from rsearch.indexer import ReportIndex, build_index
from rsearch.indexer.build.duplicates import Copy, settle

from .conftest import copy_sample, refuse_reading
from .report_forms import REPORTS, write_form

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # a Word 97-2003 file's first bytes


def run(runner, *args):
    return runner.invoke(cli, list(args))


def summary(result) -> str:
    """The summary line, its time left out."""
    assert result.exit_code == 0, result.output
    return re.sub(r" in \d+\.\d s\.\n$", "", result.stdout)


@pytest.fixture
def mixed(corpus_dir, monkeypatch):
    """A folder of every kind of file: two reports, a copy of one, an old Word
    file, a WPS file, a file the system refuses, a broken text, a FIFO, four
    images, and hidden files."""
    copy_sample(corpus_dir, "a.txt")
    copy_sample(corpus_dir, "b.txt")
    shutil.copy(corpus_dir / "a.txt", corpus_dir / "copy-of-a.txt")
    (corpus_dir / "old.doc").write_bytes(OLE + bytes(600))
    (corpus_dir / "notes.wps").write_bytes(b"WPS")
    (corpus_dir / "bad.txt").write_bytes(b"\x00\x01\x02PK\x03\x04" * 10)
    os.mkfifo(corpus_dir / "pipe.txt")
    for n in range(4):
        (corpus_dir / f"photo-{n}.jpg").write_bytes(b"\xff\xd8\xff")
    (corpus_dir / ".DS_Store").write_bytes(b"junk")
    (corpus_dir / ".hidden").mkdir()
    (corpus_dir / ".hidden" / "x.docx").write_bytes(b"junk")
    refuse_reading(monkeypatch, copy_sample(corpus_dir, "locked.txt"))
    return corpus_dir


def test_the_summary_counts_every_file_not_indexed_by_kind(runner, mixed, tmp_path):
    d = mixed
    result = run(runner, "index", str(d))
    assert summary(result) == (
        f"Indexed 2 reports (220 passages) into {tmp_path / 'index'}: 2 added, 0 updated, "
        "0 removed, 0 unchanged, 10 skipped (2 unsupported, 1 unreadable, 1 damaged, "
        "1 duplicate, 1 special file, 4 not reports)")
    assert result.stderr == (
        f"skipped {d / 'notes.wps'}: WPS or Works (WPS) files are not read; save it as DOCX, "
        "ODT or PDF\n"
        f"skipped {d / 'old.doc'}: legacy Word (DOC) files are not read; save it as DOCX, "
        "ODT or PDF\n"
        f"skipped {d / 'locked.txt'}: cannot read the file (Permission denied)\n"
        f"skipped {d / 'bad.txt'}: binary file (NUL bytes)\n"
        f"skipped {d / 'copy-of-a.txt'}: the same report as {d / 'a.txt'}, indexed once\n"
        f"skipped {d / 'pipe.txt'}: a FIFO, not a report file; not read\n"
        f"skipped 4 not reports: {d / 'photo-0.jpg'}, {d / 'photo-1.jpg'}, "
        f"{d / 'photo-2.jpg'} and 1 more (--verbose lists each, with why)\n")


def test_verbose_names_each_file_and_an_update_counts_them_again(runner, mixed, tmp_path):
    d = mixed
    run(runner, "index", str(d))
    result = run(runner, "index", "--verbose")
    assert summary(result) == (
        f"Indexed 0 reports (0 passages) into {tmp_path / 'index'}: 0 added, 0 updated, "
        "0 removed, 2 unchanged, 10 skipped (2 unsupported, 1 unreadable, 1 damaged, "
        "1 duplicate, 1 special file, 4 not reports)")
    assert result.stderr.splitlines()[-6:] == [
        f"skipped {d / 'copy-of-a.txt'}: the same report as {d / 'a.txt'}, indexed once",
        f"skipped {d / 'pipe.txt'}: a FIFO, not a report file; not read",
        *(f"skipped {d / f'photo-{n}.jpg'}: not a report file" for n in range(4))]
    assert len(result.stderr.splitlines()) == 10


def test_nothing_skipped_says_zero(runner, corpus_dir, tmp_path):
    copy_sample(corpus_dir)
    result = run(runner, "index", "-v", str(corpus_dir))
    assert summary(result) == (f"Indexed 1 report (110 passages) into {tmp_path / 'index'}: "
                               "1 added, 0 updated, 0 removed, 0 unchanged, 0 skipped")
    assert result.stderr == ""


def test_the_walk_names_documents_not_read_and_counts_other_files(tmp_path):
    folder = tmp_path / "reports"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "Report.RTF").write_text("{\\rtf1}")
    (folder / "sub" / "data.xlsx").write_bytes(b"PK")
    (folder / "sub" / ".~lock.x#").write_bytes(b"")
    (folder / "a.txt").write_text("text")
    (folder / "link").symlink_to(folder / "sub")  # a link to a folder: not followed
    (folder / "gone.jpg").symlink_to(tmp_path / "nowhere.jpg")  # dangling: no file
    scan = scan_reports([folder, folder / "sub" / "Report.RTF"])
    assert scan.files == [(folder / "a.txt", folder)]
    assert scan.unsupported == [(folder / "sub" / "Report.RTF",
                                 "Rich Text (RTF) files are not read; save it as DOCX, ODT or "
                                 "PDF")]
    assert scan.others == [folder / "sub" / "data.xlsx"]


# -- duplicates -------------------------------------------------------------------------------

def reports_json(runner) -> list[dict]:
    result = run(runner, "reports", "--format", "json")
    assert result.exit_code == 0, result.output
    return [{k: r[k] for k in ("report", "path", "duplicates")} for r in json.loads(result.stdout)]


def test_a_copy_is_indexed_once_and_named_by_reports(runner, corpus_dir, tmp_path):
    d = corpus_dir
    copy_sample(d, "b.txt")
    copy_sample(d, "other.txt")
    shutil.copy(d / "b.txt", d / "c.txt")
    shutil.copy(d / "b.txt", d / "a.txt")
    result = run(runner, "index", str(d))
    # The path that sorts first stands for the report.
    assert summary(result).endswith(": 2 added, 0 updated, 0 removed, 0 unchanged, "
                                    "2 skipped (2 duplicates)")
    assert result.stderr == (f"skipped {d / 'b.txt'}: the same report as {d / 'a.txt'}, "
                             "indexed once\n"
                             f"skipped {d / 'c.txt'}: the same report as {d / 'a.txt'}, "
                             "indexed once\n")
    assert reports_json(runner) == [
        {"report": "a", "path": str(d / "a.txt"), "duplicates": [str(d / "b.txt"),
                                                                 str(d / "c.txt")]},
        {"report": "other", "path": str(d / "other.txt"), "duplicates": []}]
    table = run(runner, "reports").stdout.splitlines()
    assert table[0].split()[-3:] == ["title", "also", "in"] and table[2].endswith("b.txt, c.txt")
    csv = run(runner, "reports", "--format", "csv").stdout.splitlines()
    assert csv[1].endswith(f",{d / 'b.txt'}; {d / 'c.txt'}")
    # One report: every hit once.
    hits = json.loads(run(runner, "search", "單一窗口", "-n", "50", "-f", "json").stdout)
    assert sorted({h["report"] for h in hits}) == ["a", "other"]


def test_an_update_neither_reads_a_duplicate_again_nor_swaps_it(runner, corpus_dir,
                                                                   monkeypatch):
    from rsearch.indexer.build import documents

    d = corpus_dir
    copy_sample(d, "b.txt")
    assert run(runner, "index", str(d)).exit_code == 0
    shutil.copy(d / "b.txt", d / "a.txt")  # sorts first, but b.txt stood first
    result = run(runner, "index")
    assert summary(result).endswith(": 0 added, 0 updated, 0 removed, 1 unchanged, "
                                    "1 skipped (1 duplicate)")
    assert result.stderr == f"skipped {d / 'a.txt'}: the same report as {d / 'b.txt'}, " \
                            "indexed once\n"
    read = []
    parse = documents.parse_report_file
    monkeypatch.setattr(documents, "parse_report_file", lambda f: read.append(f.path) or parse(f))
    assert summary(run(runner, "index")).endswith(
        ": 0 added, 0 updated, 0 removed, 1 unchanged, 1 skipped (1 duplicate)")
    assert read == []
    # A rebuild keeps the file that stood.
    run(runner, "index", "--rebuild")
    assert reports_json(runner) == [{"report": "b", "path": str(d / "b.txt"),
                                     "duplicates": [str(d / "a.txt")]}]


def test_removing_the_file_that_stands_lets_its_duplicate_stand(runner, corpus_dir):
    d = corpus_dir
    copy_sample(d, "a.txt")
    shutil.copy(d / "a.txt", d / "b.txt")
    run(runner, "index", str(d))
    (d / "a.txt").unlink()
    result = run(runner, "index")
    assert summary(result).endswith(": 1 added, 0 updated, 1 removed, 0 unchanged, 0 skipped")
    assert reports_json(runner) == [{"report": "b", "path": str(d / "b.txt"), "duplicates": []}]
    hits = json.loads(run(runner, "search", "單一窗口", "-f", "json").stdout)
    assert hits and {h["report"] for h in hits} == {"b"}


def test_a_duplicate_that_changes_is_a_report_of_its_own(runner, corpus_dir):
    d = corpus_dir
    copy_sample(d, "a.txt")
    shutil.copy(d / "a.txt", d / "b.txt")
    run(runner, "index", str(d))
    (d / "b.txt").write_text((d / "a.txt").read_text("utf-8") + "\n另附會後補充說明。\n",
                             encoding="utf-8")
    result = run(runner, "index")
    assert summary(result).endswith(": 1 added, 0 updated, 0 removed, 1 unchanged, 0 skipped")
    assert [r["duplicates"] for r in reports_json(runner)] == [[], []]
    # A report that comes to read as another becomes its duplicate.
    shutil.copy(d / "a.txt", d / "b.txt")
    result = run(runner, "index")
    assert summary(result).endswith(": 0 added, 0 updated, 0 removed, 1 unchanged, "
                                    "1 skipped (1 duplicate)")
    assert reports_json(runner) == [{"report": "a", "path": str(d / "a.txt"),
                                     "duplicates": [str(d / "b.txt")]}]
    # `rsearch remove` of the folder drops the duplicate too.
    assert run(runner, "remove", str(d)).exit_code == 0
    run(runner, "index", str(copy_sample(d, "z.txt")))
    assert reports_json(runner) == [{"report": "z", "path": str(d / "z.txt"), "duplicates": []}]


# One fixture report in two of its published forms: each pair reads to one
# text, and is indexed once, from the file whose path sorts first.
FORM_PAIRS = [(0, "txt", "docx"), (1, "docx", "pdf-embedded"), (2, "odt", "pdf"),
              (3, "wrapped", "odt"), (0, "pdf", "big5-crlf"), (2, "docx", "odt")]


@pytest.mark.parametrize("fixture,first,second", FORM_PAIRS)
def test_a_report_in_two_forms_is_indexed_once(tmp_path, fixture, first, second):
    source = REPORTS[fixture]
    one = write_form(source, first, tmp_path / "made" / first)
    two = write_form(source, second, tmp_path / "made" / second)
    folder = tmp_path / "reports"
    folder.mkdir()
    a, b = folder / f"a{one.suffix}", folder / f"b{two.suffix}"
    shutil.copy(one, a)
    shutil.copy(two, b)
    assert text_digest(read_report(a)) == text_digest(read_report(b))
    result = build_index(tmp_path / "ix", [folder], workers=0)
    assert (result.added, result.duplicates) == ([str(a)], [(str(b), str(a))])
    with ReportIndex(tmp_path / "ix") as ix:
        [report] = ix.reports()
    assert (report["path"], report["duplicates"]) == (str(a), [str(b)])


def test_a_copy_that_lost_a_character_is_another_report(tmp_path):
    # The chemical report holds a character Big5 cannot encode: its Big5 copy
    # reads to another text, and stays a report of its own.
    source = REPORTS[1]
    folder = tmp_path / "reports"
    one = write_form(source, "txt", folder / "utf8")
    two = write_form(source, "big5-crlf", folder / "big5")
    assert text_digest(read_report(one)) != text_digest(read_report(two))
    result = build_index(tmp_path / "ix", [folder], workers=0)
    assert (sorted(result.added), result.duplicates) == (sorted([str(one), str(two)]), [])


texts = st.sampled_from(["t1", "t2", "t3", ""])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 30), texts), unique_by=lambda c: c[0], max_size=12),
       st.sets(st.integers(0, 30)), st.randoms())
def test_one_file_stands_for_each_text_whatever_the_order(files, stood, random):
    copies = [Copy(f"/r/{n:02}.txt", f"k{n}", "d", text) for n, text in files]
    stood_paths = {f"/r/{n:02}.txt" for n in stood}
    found = settle(copies, stood_paths)
    shuffled = list(copies)
    random.shuffle(shuffled)
    assert settle(shuffled, stood_paths) == found
    standing = [c for c in copies if c.path not in {d.path for d in found}]
    for text in {c.text for c in copies if c.text}:
        group = sorted(c.path for c in copies if c.text == text)
        [stands] = [c.path for c in standing if c.text == text]
        preferred = [p for p in group if p in stood_paths] or group
        assert stands == preferred[0]
        assert sorted(d.path for d in found if d.text == text) == [p for p in group
                                                                    if p != stands]
        assert {d.of for d in found if d.text == text} <= {stands}
    # A file whose text is unknown (indexed before texts were recorded) stands alone.
    assert not [d for d in found if not d.text]
