"""Text analysis shared by indexing and searching.

Every piece of text, passage or query, is folded the same way: full-width to
half-width (NFKC), case-folded, and Traditional to Simplified Chinese one
character at a time (so a character folds the same wherever it stands).  The
folded text is a sequence of *match tokens*: one per Chinese character, one per
run of Latin letters or of digits.  Matching works on these tokens, so "我國
API" contains "國API", "680 家" contains "680家", and "APIS" does not contain
"API".

For the inverted index the match tokens become:
- ``grams``: overlapping pairs of neighbouring Chinese characters plus every
  Latin or digit token (a lone Chinese character stays a unigram), used to
  find the passages that can contain a query;
- ``words``: jieba's search-mode words of the folded text, kept as each
  report's vocabulary, which splits a query into the sub-words that give
  partial matches.

The segmenter is imported only when passages are analyzed for indexing; a
search never loads its dictionary.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from functools import lru_cache
from operator import add, itemgetter
from pathlib import Path
from typing import NamedTuple

# The circles ○ and ◯ count as Chinese characters: official text writes them
# for zero in years (一○三年), and a character left out of the tokens would
# let 一○○年 match inside 一〇一年 (each its own token, never folded together).
CJK = (
    "\u25cb\u25ef\u2e80-\u2fdf\u3005\u3007\u3021-\u3029\u3040-\u30ff\u3100-\u312f\u3131-\u318e"
    "\u31a0-\u31bf\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"
    "\U00020000-\U0003134f"
)
TOKEN_RE = re.compile(rf"[{CJK}]+|(?:(?![{CJK}])[^\W_])+")
SUBTOKEN_RE = re.compile(r"\d+|[^\W\d_]+")


def _edges(ranges: str) -> list[int]:
    """The code points where CJK starts and stops being true, in order."""
    edges, i = [], 0
    while i < len(ranges):
        step = 3 if ranges[i + 1:i + 2] == "-" else 1
        edges += [ord(ranges[i]), ord(ranges[i + step - 1]) + 1]
        i += step
    return edges


# Whether a character is Chinese, by bisecting these: compiling one more
# regular expression with the CJK ranges costs every search about 2 ms.
_CJK_EDGES = _edges(CJK)

FOLDING = "nfkc-casefold-opencc-t2s-char"


class Tokens(NamedTuple):
    """Match tokens and where each starts and ends in the text they come from."""

    words: list[str]
    starts: list[int]
    ends: list[int]


# The package's data files, read by path: importlib.resources would cost
# every search about 12 ms to find files that sit beside this module.
DATA_DIR = Path(__file__).with_name("data")


def _fold_table() -> dict[str, str]:
    """Each Chinese character whose fold is not itself, and its fold: NFKC, then
    OpenCC's Traditional-to-Simplified tables one character at a time, written
    out by tests/make_fold_table.py (OpenCC itself takes 30-40 ms to load)."""
    text = (DATA_DIR / "fold.tsv").read_text("utf-8")
    cells = text.rstrip("\n").replace("\n", "\t").split("\t")  # char, fold, char, ...
    return dict(zip(cells[0::2], cells[1::2], strict=True))


class _Folded(dict):
    """The fold table; a character it does not list folds to itself (and is
    then listed, so that the next lookup stays in C)."""

    def __missing__(self, char: str) -> str:
        self[char] = char
        return char


_FOLDED = _Folded(_fold_table())


def fold_char(char: str) -> str:
    """Fold one Chinese character to its Simplified form."""
    return _FOLDED[char]


def is_cjk(token: str) -> bool:
    """Whether a token (a run of one kind) is Chinese: its first character is."""
    return bool(token) and bisect_right(_CJK_EDGES, ord(token[0])) % 2 == 1


class _CjkChars(dict):
    """is_cjk of each character looked up so far."""

    def __missing__(self, char: str) -> bool:
        flag = self[char] = is_cjk(char)
        return flag


_CJK_CHAR = _CjkChars()
_FIRST_CHAR = itemgetter(0)


def cjk_flags(tokens: list[str]) -> list[bool]:
    """is_cjk of each token (tokens are never empty), by its first character."""
    return list(map(_CJK_CHAR.__getitem__, map(_FIRST_CHAR, tokens)))


def tokenize(text: str) -> Tokens:
    """Folded match tokens of a text, with their spans in the original text."""
    tokens = Tokens([], [], [])
    fold = _FOLDED.__getitem__
    for m in TOKEN_RE.finditer(text):
        piece, start = m.group(), m.start()
        if is_cjk(piece):  # a token per character: made a run at a time
            tokens.words.extend(map(fold, piece))
            tokens.starts.extend(range(start, start + len(piece)))
            tokens.ends.extend(range(start + 1, start + len(piece) + 1))
            continue
        folded = unicodedata.normalize("NFKC", piece).casefold()
        same_length = len(folded) == len(piece)
        for sub in SUBTOKEN_RE.finditer(folded):
            tokens.words.append(sub.group())
            tokens.starts.append(start + sub.start() if same_length else start)
            tokens.ends.append(start + sub.end() if same_length else m.end())
    return tokens


def match_tokens(text: str) -> list[str]:
    """The folded match tokens of a text (tokenize without the spans, for speed)."""
    out: list[str] = []
    fold = _FOLDED.__getitem__
    for piece in TOKEN_RE.findall(text):
        if is_cjk(piece):
            out.extend(map(fold, piece))
        elif piece.isascii() and (piece.isalpha() or piece.isdigit()):
            out.append(piece.lower())  # NFKC and casefold change nothing else here
        else:
            out.extend(SUBTOKEN_RE.findall(unicodedata.normalize("NFKC", piece).casefold()))
    return out


def match_string(tokens: list[str]) -> str:
    """Tokens as a string in which a token sequence occurs exactly where it matches."""
    return " " + " ".join(tokens) + " " if tokens else " "


# For match_text: what each character becomes in a match string, or UNSAFE
# when folding it one character at a time could differ from folding its token
# (letters that compose or change script): such texts take match_tokens' path.
UNSAFE = "\x00"
# In a text translated by _MatchTable (UNSAFE aside), a character that is not
# a space, a letter or a digit is a Chinese character.
FOLDED_TOKEN_RE = re.compile(r"[a-z]+|[0-9]+|[^ ]")


class _MatchTable(dict):
    # str.translate looks characters up by code point.
    def __missing__(self, code: int) -> str:
        char = chr(code)
        if char == UNSAFE:
            folded = UNSAFE
        elif is_cjk(char):
            folded = fold_char(char)
            if len(folded) != 1 or not is_cjk(folded):
                folded = UNSAFE
        elif TOKEN_RE.match(char):
            folded = unicodedata.normalize("NFKC", char).casefold()
            if not (folded.isascii() and folded.isalnum()):
                folded = UNSAFE
        else:
            folded = " "  # not part of any token: a separator
        self[code] = folded
        return folded


_MATCH_TABLE = _MatchTable()


def match_text(text: str) -> str:
    """match_string(match_tokens(text)), at a fraction of the cost: a passage's
    match string is made again each time a search reads the passage."""
    folded = text.translate(_MATCH_TABLE)
    if UNSAFE in folded:
        return match_string(match_tokens(text))
    tokens = FOLDED_TOKEN_RE.findall(folded)
    return " " + " ".join(tokens) + " " if tokens else " "


def table_fold(text: str) -> str:
    """The text translated by the match table (UNSAFE where a character is
    not to be folded alone): what passage_terms and aligned_fold start from,
    made once for a passage that both read."""
    return text.translate(_MATCH_TABLE)


def aligned_fold(text: str, folded: str | None = None) -> str | None:
    """The text folded by the match table with every character in its place,
    so that where a needle_pattern() matches it is a span of the text; None
    where a character folds to more than one or unsafely (`folded`: its
    table_fold, when the caller has it)."""
    if folded is None:
        folded = text.translate(_MATCH_TABLE)
    if UNSAFE in folded or len(folded) != len(text):
        return None
    return folded


LETTERS_RE = re.compile("[a-z]+")


def _token_kind(token: str) -> str:
    return "letters" if LETTERS_RE.fullmatch(token) else "digits" if token.isdigit() else ""


_OF_KIND = {"letters": "[a-z]", "digits": "[0-9]"}


@lru_cache(maxsize=256)
def needle_pattern(tokens: tuple[str, ...]) -> re.Pattern:
    """Where match tokens stand in sequence in an aligned fold: the places of
    their match string in the text's (searched from each place found plus
    one, to find overlapping ones too). Tokens of one kind that follow each
    other are apart (else they would be one token), and the first and last
    are whole."""
    kinds = [_token_kind(token) for token in tokens]
    first, rest = re.escape(tokens[0][0]), re.escape(tokens[0][1:])
    # The first token's start is checked after its first character: a
    # pattern that starts with a literal is searched for that character
    # (some 15 times faster over Chinese text than trying every place).
    body = first + (f"(?<!{_OF_KIND[kinds[0]]}{first})" if kinds[0] else "") + rest
    for before, kind, token in zip(kinds, kinds[1:], tokens[1:], strict=False):
        body += (" +" if kind == before and kind else " *") + re.escape(token)
    return re.compile(body + (f"(?!{_OF_KIND[kinds[-1]]})" if kinds[-1] else ""))


def places_in_fold(folded: str, tokens: list[str]) -> list[tuple[int, int]]:
    """Every span where the tokens stand in sequence in an aligned fold,
    overlapping ones too: where their match string occurs in the text's."""
    search = needle_pattern(tuple(tokens)).search
    places = []
    found = search(folded)
    while found is not None:
        places.append(found.span())
        found = search(folded, found.start() + 1)
    return places


def fold_key(text: str) -> str:
    """A name folded for exact lookups: the match tokens run together (as
    match_text does, by the match table where it is safe)."""
    folded = text.translate(_MATCH_TABLE)
    if UNSAFE in folded:
        return "".join(match_tokens(text))
    return folded.replace(" ", "")


def grams(tokens: list[str], flags: list[bool] | None = None) -> list[str]:
    """Index terms: pairs of neighbouring Chinese characters, Latin and digit tokens
    (`flags`: the tokens' cjk_flags, when the caller has them)."""
    flags = cjk_flags(tokens) if flags is None else flags
    out: list[str] = []
    last = len(tokens) - 1
    for i, tok in enumerate(tokens):
        if not flags[i]:
            out.append(tok)
        elif i < last and flags[i + 1]:
            out.append(tok + tokens[i + 1])
        elif not (i > 0 and flags[i - 1]):
            out.append(tok)
    return out


# Joins two neighbouring tokens into one index term; tokens are letters and
# digits only (TOKEN_RE), never this.
JOIN = "|"


def joins(tokens: list[str], flags: list[bool] | None = None) -> list[str]:
    """Index terms for neighbouring tokens that are not both Chinese characters
    (those pairs are index terms already): a phrase stands only where each of
    its neighbours does."""
    flags = cjk_flags(tokens) if flags is None else flags
    return [f"{tokens[i]}{JOIN}{tokens[i + 1]}" for i in range(len(tokens) - 1)
            if not (flags[i] and flags[i + 1])]


def cjk_runs(tokens: list[str], flags: list[bool] | None = None) -> list[str]:
    """Maximal runs of neighbouring Chinese characters."""
    runs: list[str] = []
    current: list[str] = []
    flags = cjk_flags(tokens) if flags is None else flags
    for tok, flag in zip(tokens, flags, strict=True):
        if flag:
            current.append(tok)
        elif current:
            runs.append("".join(current))
            current = []
    if current:
        runs.append("".join(current))
    return runs


class PassageTerms(NamedTuple):
    """The index terms made of a passage's match tokens."""

    grams: list[str]
    joins: list[str]
    runs: list[str]


# In a text translated by _MatchTable (UNSAFE aside): a Latin or digit token,
# or a run of Chinese characters with the spaces that stand for what
# separated them (neighbours all the same, as tokens).
SEGMENT_RE = re.compile(r"[a-z]+|[0-9]+|[^ a-z0-9](?: *[^ a-z0-9])*")


def passage_terms(text: str, folded: str | None = None) -> PassageTerms:
    """grams, joins and cjk_runs of match_tokens(text), at a fraction of the
    cost: a segment at a time (a run or a Latin token), not a token at a time.
    Neighbouring segments are never both Chinese, so each two side by side
    make a join; inside a run, none. (`folded`: the text's table_fold, when
    the caller has it.)"""
    if folded is None:
        folded = text.translate(_MATCH_TABLE)
    if UNSAFE in folded:
        tokens = match_tokens(text)
        flags = cjk_flags(tokens)
        return PassageTerms(grams(tokens, flags), joins(tokens, flags), cjk_runs(tokens, flags))
    out_grams: list[str] = []
    out_joins: list[str] = []
    runs: list[str] = []
    previous = None  # the last token of the segment before
    for segment in SEGMENT_RE.findall(folded):
        if segment.isascii():
            first = last = segment
            out_grams.append(segment)
        else:
            run = segment.replace(" ", "")
            runs.append(run)
            first, last = run[0], run[-1]
            if len(run) == 1:
                out_grams.append(run)
            else:
                out_grams.extend(map(add, run, run[1:]))
        if previous is not None:
            out_joins.append(previous + JOIN + first)
        previous = last
    return PassageTerms(out_grams, out_joins, runs)


# The segmenter: jieba's algorithm and dictionary as jieba-rs implements them
# (the rjieba binding). Its words are jieba 0.42.1's, word for word (tests
# check them against jieba itself), at a tenth of the time, and its
# dictionary loads in about 0.1 s where jieba's takes most of a second.
SEGMENTER = "jieba-rs"


def jieba_words(runs: list[str]) -> set[str]:
    """jieba's search-mode words (two characters or more) of runs of Chinese
    characters."""
    import rjieba

    # The runs cut in one call, a line each (each run once): the segmenter cuts
    # at a line break as between calls, and a call per run cost a report some
    # 150 calls. A run is Chinese characters only, never a line break. A
    # run's words are remembered (headings and template paragraphs recur
    # report after report): only runs not seen before are cut.
    words: set[str] = set()
    new = []
    for run in dict.fromkeys(run for run in runs if len(run) >= 2):
        known = _RUN_WORDS.get(run)
        if known is None:
            new.append(run)
        else:
            words.update(known)
    if not new:
        return words
    cut = rjieba.cut_for_search(RUN_BREAK.join(new), False)
    # The words are Chinese characters, so joined by spaces each run's stand
    # between the line breaks' tokens.
    pieces = " ".join(cut).split(f" {RUN_BREAK} ")
    if len(pieces) != len(new):  # not cut a run a line (never seen): none remembered
        words.update(word for word in cut if len(word) >= 2)
        return words
    if len(_RUN_WORDS) + len(new) > RUNS_REMEMBERED:
        _RUN_WORDS.clear()
    for run, piece in zip(new, pieces, strict=True):
        found = _RUN_WORDS[run] = tuple({word for word in piece.split(" ") if len(word) >= 2})
        words.update(found)
    return words


# Runs whose words jieba_words remembers, at most (a worker's few MB).
RUNS_REMEMBERED = 20_000
_RUN_WORDS: dict[str, tuple[str, ...]] = {}
RUN_BREAK = "\n"


def segmenter_info(recorded: dict | None = None) -> dict:
    """Which segmenter builds the words field (recorded in the index). Its
    dictionary is built into it, so its version names both.

    Asking for the version costs about 3 ms (importlib.metadata), which a
    search would pay every time. When the installed module's size and
    modification time match what `recorded` noted, the recorded version
    stands: it is the same installation (installing rjieba writes it anew).
    """
    import importlib.util

    spec = importlib.util.find_spec("rjieba")
    try:
        stat = Path(spec.origin).stat()
        seen = [stat.st_size, stat.st_mtime_ns]
    except (AttributeError, TypeError, OSError):
        seen = None
    if seen is not None and recorded and recorded.get("segmenter_stat") == seen:
        version = recorded.get("segmenter_version")
    else:
        version = installed_version("rjieba", spec)
    return {
        "segmenter_version": version,
        "segmenter_stat": seen,
        "mode": "cut_for_search,HMM=False",
    }


def installed_version(name: str, spec) -> str:
    """A distribution's version ("missing" if not installed), from the name of
    its `NAME-VERSION.dist-info` folder beside the package where there is one
    such folder (the wheel layout), else from importlib.metadata, whose import
    (email, zipfile, csv) costs a search some 10 ms."""
    if spec is not None and spec.origin:
        site = Path(spec.origin).parent.parent
        found = list(site.glob(f"{name}-*.dist-info"))
        if len(found) == 1:
            return found[0].name[len(name) + 1:-len(".dist-info")]
    import importlib.metadata

    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return "missing"


def count(haystack: str, needle: str) -> int:
    """Occurrences of a match-string needle, overlapping ones included."""
    return len(occurrences(haystack, needle))


def occurrences(haystack: str, needle: str) -> list[int]:
    found, start = [], haystack.find(needle)
    while start >= 0:
        found.append(start)
        start = haystack.find(needle, start + 1)
    return found
