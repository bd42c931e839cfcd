"""A small update reads only the part of jieba's dictionary its text needs,
and segments exactly as the whole dictionary does."""

import sqlite3
import subprocess
import sys
import textwrap

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rsearch.indexer import build_index
from rsearch.indexer.analysis import cjk_runs, jieba_words, match_tokens, whole_dictionary
from rsearch.indexer.lexicon import Lexicon, keys_of, write_lexicon

from .conftest import copy_sample
from .test_store import snapshot


@pytest.fixture(scope="module")
def lexicon(tmp_path_factory):
    path = tmp_path_factory.mktemp("lexicon") / "jieba.sqlite3"
    dictionary = whole_dictionary()
    assert write_lexicon(path, dictionary.FREQ, dictionary.total)
    with Lexicon(path) as lexicon:
        yield lexicon


def test_keys_are_characters_and_neighbouring_pairs():
    assert keys_of(["海关", "单一窗口"]) == {"海", "关", "海关", "单", "一", "窗", "口",
                                          "单一", "一窗", "窗口"}


def test_same_words_as_the_whole_dictionary(lexicon, sample_text):
    runs = cjk_runs(match_tokens(sample_text))
    words = jieba_words(runs, lexicon)
    assert words == jieba_words(runs)
    assert {"海关", "单一", "窗口"} <= words
    assert len(lexicon.entries(runs)) < len(whole_dictionary().FREQ) / 10


# Characters that make many dictionary words with each other, in both scripts.
WORDY = "海關單一窗口優質企業貿易便捷化協定電子商務跨境我國與對話的是在臺灣中华人民共和国"


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=WORDY, max_size=40))
def test_same_words_on_any_text(lexicon, text):
    runs = cjk_runs(match_tokens(text))
    assert jieba_words(runs, lexicon) == jieba_words(runs)


@pytest.mark.parametrize("content", [b"", b"not a database", None])
def test_missing_or_damaged_copy_is_refused(tmp_path, content):
    path = tmp_path / "jieba.sqlite3"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises((OSError, sqlite3.Error)):
        Lexicon(path)


SMALL_UPDATE = textwrap.dedent("""
    import sys
    from pathlib import Path
    import jieba
    from rsearch.indexer import build_index

    result = build_index(Path(sys.argv[1]), [Path(sys.argv[2])], workers=0)
    print(len(result.added), jieba.dt.initialized)
""")


def test_small_update_does_not_load_the_whole_dictionary(tmp_path, corpus_dir):
    copy_sample(corpus_dir, "a.txt")
    index_dir = tmp_path / "ix"
    build_index(index_dir, [corpus_dir], workers=0)
    copy_sample(corpus_dir, "b.txt")
    out = subprocess.run([sys.executable, "-c", SMALL_UPDATE, str(index_dir), str(corpus_dir)],
                         capture_output=True, text=True, check=True).stdout
    assert out == "1 False\n"
    build_index(tmp_path / "fresh", [corpus_dir], workers=0)
    assert snapshot(index_dir) == snapshot(tmp_path / "fresh")


def test_update_without_a_usable_copy_uses_the_whole_dictionary(tmp_path, corpus_dir,
                                                                 monkeypatch):
    monkeypatch.setenv("RSEARCH_CACHE_DIR", str(tmp_path / "cache"))
    copy_sample(corpus_dir, "a.txt")
    index_dir = tmp_path / "ix"
    build_index(index_dir, [corpus_dir], workers=0)
    (copy,) = (tmp_path / "cache").glob("jieba-*.sqlite3")
    copy.write_bytes(b"damaged")
    copy_sample(corpus_dir, "b.txt")
    assert build_index(index_dir, [corpus_dir], workers=0).added
    Lexicon(copy).close()  # written again
    build_index(tmp_path / "fresh", [corpus_dir], workers=0)
    assert snapshot(index_dir) == snapshot(tmp_path / "fresh")


def test_a_good_copy_is_not_written_again(tmp_path, corpus_dir, monkeypatch):
    monkeypatch.setenv("RSEARCH_CACHE_DIR", str(tmp_path / "cache"))
    copy_sample(corpus_dir, "a.txt")
    index_dir = tmp_path / "ix"
    build_index(index_dir, [corpus_dir], workers=0)
    (copy,) = (tmp_path / "cache").glob("jieba-*.sqlite3")
    written = copy.stat()
    # Analyse with the whole dictionary.
    monkeypatch.setattr("rsearch.indexer.workers.LEXICON_FILES", 0)
    copy_sample(corpus_dir, "b.txt")
    assert build_index(index_dir, [corpus_dir], workers=0).added
    assert (copy.stat().st_ino, copy.stat().st_mtime_ns) == (written.st_ino, written.st_mtime_ns)


def test_a_cache_folder_that_cannot_be_written_only_slows_updates(tmp_path, corpus_dir,
                                                                  monkeypatch):
    (tmp_path / "not-a-folder").write_text("")
    monkeypatch.setenv("RSEARCH_CACHE_DIR", str(tmp_path / "not-a-folder"))
    copy_sample(corpus_dir, "a.txt")
    index_dir = tmp_path / "ix"
    build_index(index_dir, [corpus_dir], workers=0)
    copy_sample(corpus_dir, "b.txt")
    assert build_index(index_dir, [corpus_dir], workers=0).added == [str(corpus_dir / "b.txt")]
