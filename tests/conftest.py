import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import settings
from rsearch.corpus import read_report, sample_report_path
from rsearch.indexer import ReportIndex, build_index

from .archives import build_updated_archive
from .drawn import load_project_modules

# A property's examples are judged by what they return, not how long they take:
# on a loaded machine a slow example is not a failure (Hypothesis's own CI
# profile, derandomized, is kept as the parent). Tests that set their own
# deadline keep it.
settings.register_profile("rsearch", parent=settings.default, deadline=None)
settings.load_profile("rsearch")
# What a derandomized property draws does not depend on the tests run before it.
load_project_modules()


@pytest.fixture(autouse=True)
def isolated_env(tmp_path, monkeypatch):
    """No test touches the user's home: the index and data folders live in tmp."""
    monkeypatch.setenv("RSEARCH_INDEX_DIR", str(tmp_path / "index"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "200")


@pytest.fixture(scope="session")
def sample_report():
    return read_report(sample_report_path())


@pytest.fixture(scope="session")
def sample_text():
    return sample_report_path().read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def built_index(tmp_path_factory):
    """A read-only index of the sample report, built once."""
    index_dir = tmp_path_factory.mktemp("sample-index")
    build_index(index_dir, [sample_report_path()], workers=0)
    return index_dir


@pytest.fixture(scope="session")
def updated_archive(tmp_path_factory):
    """The fixture reports and the sample, then one report changed and one added:
    several segments, and deleted documents in the first."""
    return build_updated_archive(tmp_path_factory)


@pytest.fixture
def index(built_index):
    with ReportIndex(built_index) as ix:
        yield ix


@pytest.fixture
def cli_index(built_index, tmp_path, monkeypatch):
    """A private copy of the sample index named by RSEARCH_INDEX_DIR."""
    target = tmp_path / "index"
    shutil.copytree(built_index, target)
    monkeypatch.setenv("RSEARCH_INDEX_DIR", str(target))
    return target


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture
def corpus_dir(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    return folder


def copy_sample(folder: Path, name: str = "sample.txt") -> Path:
    """The sample report as a report of its own: its last line (the last
    annex's title) ends in the file's folder and name, so that two copies are
    two reports, not one report in two files (a duplicate, indexed once)."""
    target = folder / name
    text = sample_report_path().read_text(encoding="utf-8")
    target.write_text(f"{text.rstrip()} 〔{folder.name}/{name}〕\n", encoding="utf-8")
    return target


def same_sample(folder: Path, name: str) -> Path:
    """The sample report copied as it is: a duplicate of any other such copy."""
    target = folder / name
    shutil.copy(sample_report_path(), target)
    return target


def refuse_reading(monkeypatch, refused: Path) -> None:
    """The system refuses to read this file (permissions), as a locked one."""
    read_bytes = Path.read_bytes

    def refuse(path):
        if path == refused:
            raise PermissionError(13, "Permission denied", str(path))
        return read_bytes(path)

    monkeypatch.setattr(Path, "read_bytes", refuse)


def index_of_texts(tmp_path_factory, texts: dict[str, str]):
    """An index of reports written as text files named after the keys of
    `texts`, opened (a generator, for a fixture to yield from)."""
    folder = tmp_path_factory.mktemp("texts")
    paths = []
    for name, text in texts.items():
        path = folder / f"{name}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    index_dir = tmp_path_factory.mktemp("texts-index")
    build_index(index_dir, paths, workers=0)
    with ReportIndex(index_dir) as ix:
        yield ix
