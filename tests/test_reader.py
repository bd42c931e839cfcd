import codecs
from pathlib import Path

import pytest
from rsearch.corpus import UnreadableReport, decode_text, find_reports, read_report


def find_report_files(paths):
    return [file for file, _ in find_reports(paths)]


@pytest.mark.parametrize("encode", [
    lambda t: t.encode("utf-8"),
    lambda t: codecs.BOM_UTF8 + t.encode("utf-8"),
    lambda t: t.encode("utf-16"),  # writes a BOM
    lambda t: t.encode("cp950"),
    lambda t: t.replace("\n", "\r\n").encode("cp950"),
    lambda t: t.replace("\n", "\r").encode("utf-8"),
    lambda t: t.encode("utf-16-le"),
    lambda t: t.encode("utf-16-be"),
], ids=["utf8", "utf8-bom", "utf16-bom", "cp950", "cp950-crlf", "utf8-cr", "utf16le-no-bom",
        "utf16be-no-bom"])
def test_encodings_read_the_same(encode, sample_text, sample_report, tmp_path):
    path = tmp_path / "legacy.txt"
    path.write_bytes(encode(sample_text))
    report = read_report(path)
    assert [p.text for p in report.passages] == [p.text for p in sample_report.passages]
    assert report.title == sample_report.title


@pytest.mark.parametrize("data, reason", [
    (b"", "empty file"),
    (b"  \n\n", "empty file"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary file (NUL bytes)"),
    (b"\xff\xfe\x00\xd8", "not valid utf-16"),
    # Latin-1 would come out as 'Café crčme' in another code page: refused, not guessed.
    ("Café crème brûlée, déjà vu à Genève.\n".encode("latin-1") * 20,
     "not UTF-8, UTF-16 or Big5"),
])
def test_unreadable_files_say_why(data, reason):
    with pytest.raises(UnreadableReport) as e:
        decode_text(data, "x.txt")
    assert e.value.reason.startswith(reason)


def test_find_report_files(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.txt").write_text("x")
    (tmp_path / "a" / "two.TXT").write_text("x")
    (tmp_path / "a" / "image.png").write_bytes(b"x")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "three.txt").write_text("x")
    found = find_report_files([tmp_path / "a", tmp_path / "a" / "one.txt"])
    assert [p.name for p in found] == ["one.txt", "two.TXT"]
    assert [p.name for p in find_report_files([tmp_path])] == ["one.txt", "two.TXT"]


def test_find_report_files_under_a_hidden_or_relative_folder(tmp_path, monkeypatch):
    reports = tmp_path / ".local" / "reports"
    reports.mkdir(parents=True)
    (reports / "one.txt").write_text("x")
    (tmp_path / "work").mkdir()
    monkeypatch.chdir(tmp_path / "work")
    assert find_report_files([reports]) == [reports / "one.txt"]
    assert find_report_files([Path("../.local/reports")]) == [reports / "one.txt"]
    with pytest.raises(FileNotFoundError):
        find_report_files([tmp_path / "missing"])
