"""Nothing lost, nothing silently wrong: unreadable folders keep their
reports, special files are never read, a damaged index is named in one line
(never a wrong answer, never a traceback), and recovery rebuilds from the
remembered folders."""

import base64
import json
import os
import random
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rsearch.cli.main import cli
from rsearch.indexer import ReportIndex, WouldDrop, build_index, remembered_roots
from rsearch.indexer.storage import checksums
from rsearch.indexer.storage.generations import current_generation

from .conftest import copy_sample
from .report_forms import REPORTS, write_form

FIXTURES = Path(__file__).parent / "fixtures" / "reports"


def run(runner, *args):
    return runner.invoke(cli, list(args))


def unreadable(monkeypatch, *folders: Path) -> None:
    """Listing these folders fails as it does without the permission (tests run as root)."""
    real = os.scandir
    blocked = {str(f) for f in folders}

    def scandir(path="."):
        if str(path) in blocked:
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    real_open = os.open

    def open_(path, *args, **kwargs):  # the walk lists a folder through its descriptor
        if str(path) in blocked:
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", open_)


def two_folders(corpus_dir: Path) -> Path:
    sub = corpus_dir / "sub"
    sub.mkdir()
    copy_sample(corpus_dir, "top.txt")
    shutil.copy(FIXTURES / "2023-wto-tbt-committee.txt", sub / "wto.txt")
    return sub


def report_keys(index_dir: Path) -> list[str]:
    with ReportIndex(index_dir) as ix:
        return [r["key"] for r in ix.reports()]


# -- unreadable is not empty ------------------------------------------------------------

def test_an_unreadable_subfolder_keeps_its_reports(runner, tmp_path, corpus_dir, monkeypatch):
    sub = two_folders(corpus_dir)
    run(runner, "index", str(corpus_dir))
    unreadable(monkeypatch, sub)
    result = run(runner, "index")
    assert result.exit_code == 0
    assert result.stderr == (f"Warning: cannot read {sub} (Permission denied); its reports "
                             f"stay in the index (`rsearch remove {sub}` drops them).\n")
    assert ": 0 added, 0 updated, 0 removed, 1 unchanged," in result.stdout
    assert report_keys(tmp_path / "index") == ["top", "sub-wto"]
    # A rebuild would drop them: it says so and leaves the index as it was.
    result = run(runner, "index", "--rebuild")
    assert result.exit_code == 1
    assert result.stderr == (f"Error: {sub} cannot be read (Permission denied): a rebuild "
                             f"would drop its 1 report; make it readable, or drop them with "
                             f"`rsearch remove {sub}`, then rebuild\n")
    assert report_keys(tmp_path / "index") == ["top", "sub-wto"]


def test_an_unreadable_indexed_folder_keeps_its_reports(runner, tmp_path, corpus_dir,
                                                        monkeypatch):
    two_folders(corpus_dir)
    run(runner, "index", str(corpus_dir))
    unreadable(monkeypatch, corpus_dir)
    result = run(runner, "index")
    assert result.exit_code == 0
    assert result.stderr.startswith(f"Warning: cannot read {corpus_dir} (Permission denied); "
                                    "its reports stay in the index")
    assert "no report files" not in result.stderr
    assert report_keys(tmp_path / "index") == ["top", "sub-wto"]


def test_a_rebuild_keeps_its_word_on_a_missing_folder(tmp_path, corpus_dir):
    other = tmp_path / "other"
    other.mkdir()
    copy_sample(corpus_dir)
    shutil.copy(FIXTURES / "2023-wto-tbt-committee.txt", other / "wto.txt")
    index_dir = tmp_path / "ix"
    build_index(index_dir, [corpus_dir, other], workers=0)
    shutil.rmtree(other)
    with pytest.raises(WouldDrop, match=f"^{other} is missing: a rebuild would drop its 1 "
                                        "report$"):
        build_index(index_dir, [], rebuild=True, workers=0)
    assert report_keys(index_dir) == ["sample", "wto"]
    assert build_index(index_dir, [], workers=0).missing == [str(other)]
    assert report_keys(index_dir) == ["sample", "wto"]


# -- every file accounted for -------------------------------------------------------------

def test_special_files_are_skipped_never_read(runner, tmp_path, corpus_dir):
    copy_sample(corpus_dir)
    os.mkfifo(corpus_dir / "pipe.txt")
    result = run(runner, "index", str(corpus_dir))
    assert result.exit_code == 0
    assert result.stderr == f"skipped {corpus_dir / 'pipe.txt'}: a FIFO, not a report file; " \
                            "not read\n"
    assert "1 added, 0 updated, 0 removed, 0 unchanged, 1 skipped" in result.stdout
    result = run(runner, "index", str(corpus_dir / "pipe.txt"))
    assert result.stderr == f"skipped {corpus_dir / 'pipe.txt'}: a FIFO, not a report file; " \
                            "not read\n"
    result = run(runner, "index", "/dev/zero")
    assert result.exit_code == 0
    # Named by path within a kind.
    assert result.stderr == ("skipped /dev/zero: a character device, not a report file; "
                             "not read\n"
                             f"skipped {corpus_dir / 'pipe.txt'}: a FIFO, not a report file; "
                             "not read\n")
    assert remembered_roots(tmp_path / "index") == [corpus_dir]  # special files not remembered


def test_doc_files_in_a_folder_are_named_or_read_when_docx(tmp_path, corpus_dir):
    (corpus_dir / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    docx = write_form(REPORTS[0], "docx", tmp_path / "made")
    shutil.copy(docx, corpus_dir / "misnamed.doc")
    result = build_index(tmp_path / "ix", [corpus_dir], workers=0)
    assert result.added == [str(corpus_dir / "misnamed.doc")]
    assert result.skipped == [(str(corpus_dir / "old.doc"),
                               "legacy Word (DOC) files are not read; save it as DOCX, ODT "
                               "or PDF")]


# -- damaged index files ------------------------------------------------------------------

def test_current_not_utf8_is_named_by_every_read_command(runner, cli_index):
    (cli_index / "CURRENT").write_bytes(b"\xff\xfegen-\x80\n")
    damage = f"the index in {cli_index} is damaged: CURRENT does not name a generation"
    for args in (["search", "AEO"], ["show", "x:1"], ["cite", "x:1"], ["meetings"],
                 ["topics"], ["reports"]):
        result = run(runner, *args)
        assert result.exit_code == 1, args
        assert result.stderr == f"Error: {damage}; run `rsearch index --rebuild`\n", args
    result = run(runner, "check")
    assert result.exit_code == 1
    assert result.stderr == (f"{damage}\nError: the index in {cli_index} is damaged; "
                             "run `rsearch index --rebuild`\n")
    result = run(runner, "index", "--rebuild")
    assert result.exit_code == 0
    assert ": 1 added," in result.stdout
    assert run(runner, "check").exit_code == 0


@pytest.mark.parametrize("content", [b'{"a": 1}', b'"/tmp"', b'[1, 2]', b'["relative/path"]',
                                     b'[not json', b"\xff\xfe"])
def test_a_bad_roots_file_never_removes_reports(runner, tmp_path, corpus_dir, content):
    copy_sample(corpus_dir)
    run(runner, "index", str(corpus_dir))
    index_dir = tmp_path / "index"
    generation = current_generation(index_dir)
    (generation / "roots.json").write_bytes(content)
    result = run(runner, "index")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: the index in {index_dir} is damaged: roots.json ")
    assert result.stderr.endswith("; run `rsearch index --rebuild`\n")
    assert len(result.stderr.splitlines()) == 1
    # The build record's copy of the folders is what the rebuild uses.
    assert remembered_roots(index_dir) == [corpus_dir]
    result = run(runner, "index", "--rebuild")
    assert ": 1 added," in result.stdout
    assert report_keys(index_dir) == ["sample"]


def test_check_names_each_damaged_file(runner, cli_index):
    result = run(runner, "check")
    assert result.exit_code == 0
    assert result.stdout.startswith(f"The index in {cli_index} is sound: ")
    segment = max(current_generation(cli_index).glob("*.seg"), key=lambda p: p.stat().st_size)
    data = bytearray(segment.read_bytes())
    data[len(data) // 2] ^= 0xFF
    segment.write_bytes(bytes(data))
    result = run(runner, "check")
    assert result.exit_code == 1
    chunks = -(-len(data) // (1 << 13))  # 8 KB chunks
    assert result.stderr == (f"the index in {cli_index} is damaged: {segment.name} "
                             f"does not match its checksum in 1 of {chunks} chunks\n"
                             f"Error: the index in {cli_index} is damaged; run "
                             "`rsearch index --rebuild`\n")


# -- random damage to a real index: the same answer, or the damage named -----------------

READS = (("search", "生物安全"), ("search", "WTO", "-n", "20"), ("search", "貿易", "-f", "json"),
         ("show", "2024-biosecurity-study-tour:16", "-c", "2"),
         ("cite", "2023-wto-tbt-committee:5"), ("meetings",), ("topics",), ("reports",),
         ("check",))


@pytest.fixture(scope="module")
def fixture_index(tmp_path_factory):
    index_dir = tmp_path_factory.mktemp("fixture-index") / "index"
    build_index(index_dir, [FIXTURES], workers=0)
    return index_dir


def answers(runner, index_dir: Path) -> list[tuple[int, str, str]]:
    """Each read's exit status, output and errors (the index folder's name as <index>)."""
    def same(text: str) -> str:
        return text.replace(str(index_dir), "<index>")

    return [(r.exit_code, same(r.stdout), same(r.stderr)) for r in
            (runner.invoke(cli, ["--index-dir", str(index_dir), *args]) for args in READS)]


@pytest.fixture(scope="module")
def sound_answers(fixture_index):
    from click.testing import CliRunner

    found = answers(CliRunner(), fixture_index)
    assert all(code == 0 for code, _, _ in found)
    return found


def segment_part(generation: Path, suffix: str) -> tuple[Path, int, int]:
    """(segment file, offset, length) of the largest of the files of a kind inside
    the segments: .pst postings, .trm term dictionary, stored.col stored records."""
    from whoosh.filedb.compound import CompoundStorage
    from whoosh.filedb.filestore import FileStorage

    parts = []
    for segment in generation.glob("*.seg"):
        compound = CompoundStorage(FileStorage(str(generation)).open_file(segment.name))
        parts += [(info["length"], segment, info["offset"]) for name, info
                  in compound._dir.items() if name.endswith(suffix)]
        compound.close()
    length, segment, offset = max(parts, key=lambda p: p[0])
    return segment, offset, length


KINDS = ("postings", "terms", "stored", "CURRENT", "roots.json", "build.json", "checksums")


def damaged_file(index_dir: Path, kind: str) -> tuple[Path, int, int]:
    generation = current_generation(index_dir)
    if kind in ("postings", "terms", "stored"):
        return segment_part(generation, {"postings": ".pst", "terms": ".trm",
                                         "stored": ".stored.col"}[kind])
    path = index_dir / kind if kind == "CURRENT" else generation / kind
    return path, 0, path.stat().st_size


@pytest.mark.parametrize("kind", KINDS)
@settings(max_examples=6, derandomize=True, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_damage_anywhere_is_named_or_harmless(fixture_index, sound_answers, tmp_path_factory,
                                              kind, data):
    from click.testing import CliRunner

    copy = tmp_path_factory.mktemp("damaged") / "index"
    shutil.copytree(fixture_index, copy)
    path, start, length = damaged_file(copy, kind)
    where = data.draw(st.integers(start, start + length - 1), label="offset")
    size = data.draw(st.integers(1, min(64, start + length - where)), label="bytes")
    noise = data.draw(st.binary(min_size=size, max_size=size), label="noise")
    content = bytearray(path.read_bytes())
    content[where:where + size] = noise
    path.write_bytes(bytes(content))
    for args, sound, (code, stdout, stderr) in zip(READS, sound_answers,
                                                   answers(CliRunner(), copy), strict=True):
        if (code, stdout, stderr) == sound:
            continue
        assert code == 1, (args, code, stdout, stderr)
        assert "Traceback" not in stderr
        assert "the index in <index> is damaged" in stderr, (args, stderr)
        assert stderr.endswith("run `rsearch index --rebuild`\n"), (args, stderr)
        if args != ("check",):
            assert len(stderr.splitlines()) == 1, (args, stderr)


# -- a segment file's chunks: a read of a damaged chunk is refused, whatever came before ----

READ_KINDS = ("get", "view", "read")


@pytest.mark.parametrize("chunk", sorted(checksums.VERSION_CHUNKS.values()))
@settings(max_examples=60, derandomize=True, deadline=None)
@given(data=st.data())
def test_every_read_of_a_damaged_chunk_is_refused(tmp_path_factory, chunk, data):
    """Reads of any place and length, in any order, through each way a segment
    is read (a copy, a view, the file-like read): each returns the file's bytes
    when the chunks it touches are sound and raises CorruptIndex when one of
    them holds the damaged byte, though other reads read its neighbours first
    (a chunk not yet verified is read with the bytes asked, in one read)."""
    from rsearch.indexer.errors import CorruptIndex
    from rsearch.indexer.storage.whoosh_door import ViewBufferFile, mapped_segment

    # Files of up to five chunks and more (binary() would draw mostly small ones).
    size = data.draw(st.builds(lambda whole, part: whole * chunk + part, st.integers(0, 5),
                               st.integers(1, chunk)), label="size")
    content = random.Random(data.draw(st.integers(0, 2**32), label="seed")).randbytes(size)
    path = tmp_path_factory.mktemp("chunks") / "x.seg"
    path.write_bytes(content)
    crcs = checksums.chunk_crcs(path, chunk)
    damaged = data.draw(st.none() | st.integers(0, len(content) - 1), label="damaged byte")
    on_disk = bytearray(content)
    if damaged is not None:
        on_disk[damaged] ^= data.draw(st.integers(1, 255), label="flip")
        path.write_bytes(bytes(on_disk))
    checks = checksums.SegmentChecks(path.parent, path.name, len(content), crcs, chunk)
    with open(path, "rb") as f:
        source = mapped_segment(f.fileno())
    view = memoryview(source)
    buf = ViewBufferFile(view, name=path.name, checks=checks, source=source)
    reads = data.draw(st.lists(st.tuples(st.sampled_from(READ_KINDS),
                                         st.integers(0, len(content) - 1),
                                         st.builds(lambda whole, part: whole * chunk + part,
                                                   st.integers(0, 4), st.integers(0, chunk))),
                                         min_size=1, max_size=12),
                      label="reads")
    try:
        for kind, start, length in reads:
            end = min(len(content), start + length)
            touched = range(start // chunk, (max(end, start + 1) - 1) // chunk + 1)
            refused = (damaged is not None and end > start and damaged // chunk in touched)
            try:
                if kind == "get":
                    got = buf.get(start, length)
                elif kind == "view":
                    got = bytes(buf.view(start, length))
                else:
                    buf.seek(start)
                    got = buf.read(length)
            except CorruptIndex as e:
                assert refused, (kind, start, length)
                assert f"{path.name} does not match its checksum" in str(e)
                continue
            assert not refused, (kind, start, length)
            assert got == content[start:end]
    finally:
        del buf
        view.release()
        source.close()


def test_an_index_with_32_kb_chunks_asks_for_a_rebuild(runner, cli_index):
    """An index of checksums version 1 (32 KB chunks, as written before) is
    refused for its version, not named damaged; a rebuild makes it current."""
    generation = current_generation(cli_index)
    build = generation / "build.json"
    build.write_text(json.dumps({**json.loads(build.read_text()), "checksums": 1}))
    files = {}  # the checksums file as version 1 wrote it: the chunks' CRCs in the JSON
    for name in checksums.read_manifest(generation)["files"]:
        path = generation / name
        files[name] = ({"size": path.stat().st_size, "chunks": base64.b64encode(
            checksums.chunk_crcs(path, 1 << 15).tobytes()).decode("ascii")}
            if name.endswith(".seg") else
            {"size": path.stat().st_size, "crc": checksums.file_crc(path)})
    body = json.dumps({"version": 1, "chunk": 1 << 15, "files": files}, separators=(",", ":"))
    (generation / "checksums").write_text(
        f"rsearch-checksums {checksums.crc32(body.encode()):08x}\n{body}")
    result = run(runner, "search", "AEO")
    assert result.exit_code == 1
    assert result.stderr == (f"Error: the index in {cli_index} was built with checksums=1, "
                             f"this rsearch uses 2; run `rsearch index --rebuild`\n")
    assert run(runner, "index", "--rebuild").exit_code == 0
    assert run(runner, "search", "AEO").exit_code == 0


# -- suggestions for an unknown filter value ---------------------------------------------

def test_a_mistyped_meeting_suggests_the_closest_names(runner, cli_index):
    result = run(runner, "search", "AEO", "-m", "SCPP")
    assert result.exit_code == 2
    assert result.stderr == ("Error: Invalid value for --meeting: unknown meeting 'SCPP'; "
                             "did you mean: SCCP (see 'cli search --help')\n")


@given(st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=4, max_size=8),
       st.integers(0, 7), st.sampled_from("ABCXYZ"))
def test_one_edit_away_is_always_suggested(name, where, letter):
    from rsearch.indexer.retrieval.suggest import closest, edit_distance

    typo = name[:where] + letter + name[where + 1:]
    known = {f"{name} 會議": [f"某某會議 ({name})"], "其他": ["OTHER-THING"]}
    assert edit_distance(typo, name) <= 1
    assert closest(typo, known)[0] == f"{name} 會議"
    assert closest("QQQQQQQQQQQQ", known) == []
