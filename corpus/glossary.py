"""Learn a report's own acronyms and bilingual names.

The reports define their terms inline, 優質企業(AEO), 旅客電腦訂位紀錄
(Passenger Name Record, PNR), Travel Facilitation Initiative (TFI), and pair an
English and a Chinese keyword list in the same order.  Each definition links
names; linked names form one alias group.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import TYPE_CHECKING

from .memo import per_report

if TYPE_CHECKING:
    from .model import Report

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# A Chinese name right before a parenthesis that starts with a Latin letter.
# (The lookbehinds only skip starts inside a run, where no match can be
# leftmost; without them every start in a long run is retried to its end.)
CHINESE_DEFINITION_RE = re.compile(
    rf"(「[^「」]{{2,24}}」|(?<![{HAN}])[{HAN}]{{2,}})\s*[(（]\s*([A-Za-z][^()（）]*?)\s*[)）]")
# An acronym and its expansion, either way round: "TFI (Travel Facilitation
# Initiative)" or "Travel Facilitation Initiative (TFI)".
LATIN_DEFINITION_RE = re.compile(
    r"(?<![A-Za-z])([A-Za-z][A-Za-z0-9/&\-]*(?:\s+[A-Za-z][A-Za-z0-9/&\-]*){0,9})\s*[(（]"
    r"\s*([A-Za-z][A-Za-z0-9/&\- ]*?)\s*[)）]")
# What both kinds hold: a bracket, a Latin letter first inside it.
DEFINING_BRACKET_RE = re.compile(r"[(（]\s*[A-Za-z]")
ACRONYM_RE = re.compile(r"^[A-Z][A-Za-z0-9&/\-]*[A-Z0-9]s?$")
ENGLISH_NAME_RE = re.compile(r"^[A-Za-z][A-Za-z0-9'’/&.\- ]*$")
# Joining words that cannot start a name, and counters that follow a number.
LEADING_JOINERS = "及與和、"
COUNTERS = "個項根屆次位家件名"
# Nouns for a kind of thing, never the name of one.
GENERIC_NOUNS = {
    "海關", "政府", "委員會", "會議", "公司", "企業", "業者", "組織", "機關", "機構", "部門",
    "國家", "會員", "會員體", "經濟體", "秘書處", "計畫", "系統", "協定", "小組", "工作小組",
    "論壇", "研討會", "中心", "單位", "主管機關", "各國", "我國", "本署", "主席", "代表",
    "報告", "文件", "資料", "制度", "平台", "專案", "倡議", "架構", "方案", "機制",
}
# Words that point at a thing without naming it: 各國政府 is still any government.
DETERMINERS = {"", "各", "各國", "該", "其", "本", "本案", "此", "這", "相關", "有關", "所有",
               "部分", "其他", "多數", "主要", "各該", "該國", "他國", "外國"}
MAX_NAME = 16
LONGEST_GENERIC = max(map(len, GENERIC_NOUNS))
# For str.endswith, and to take a name's category noun: the longest that it
# ends in (小組 and 工作小組 both end 技術工作小組), the same in every process,
# which a set's order (it follows the hash seed) is not.
GENERIC_ENDINGS = tuple(sorted(GENERIC_NOUNS, key=lambda n: (-len(n), n)))


NAME_KEY_DROPS_RE = re.compile(r"[\s\-_]")


@lru_cache(maxsize=4096)
def name_key(name: str) -> str:
    """How two spellings of one name compare: width, case, spaces and hyphens
    folded. (Remembered: a report's names are compared with each other often.)"""
    return NAME_KEY_DROPS_RE.sub("", unicodedata.normalize("NFKC", name).casefold())


def is_acronym(text: str) -> bool:
    return bool(ACRONYM_RE.match(text)) and sum(c.isupper() for c in text) >= 2


def is_english_name(text: str) -> bool:
    return bool(ENGLISH_NAME_RE.match(text)) and len(re.findall(r"[A-Za-z]", text)) >= 3 \
        and len(text.split()) <= 10


MINOR_WORDS = {"of", "the", "and", "for", "on", "in", "to", "a", "an"}


def initials_match(acronym: str, expansion: str) -> bool:
    letters = re.sub(r"[^A-Za-z]", "", acronym).upper().rstrip("S")
    words = [w for w in re.split(r"[\s/\-]+", expansion) if w]
    if not words or words[0].lower() in MINOR_WORDS:
        return False  # "on Passenger Name Record" starts one word too early
    major = "".join(w[0] for w in words if w[0].isupper() or w.lower() not in
                    MINOR_WORDS).upper()
    every = "".join(w[0] for w in words).upper()
    return len(letters) >= 2 and letters in (major, every)


def chinese_names(run: str, whole: str, after_number: bool = False,
                  english: tuple[str, ...] = (), subject: bool = False) -> list[str]:
    """The names a definition's run of Chinese characters ends in (see
    _chinese_names); the whole run where it is the `subject` of a sentence
    that defines it (defining_subject) and the report writes it on its own
    elsewhere."""
    if subject and len(run) <= MAX_NAME and plausible_subject(run) \
            and written_alone(whole, run):
        return [run]
    return list(_chinese_names(run, whole, after_number, english))


# (Remembered: a report's abstract is also its passages, and a report repeats
# its definitions; the report's text is part of the key.)
@lru_cache(maxsize=256)
def _chinese_names(run: str, whole: str, after_number: bool,
                   english: tuple[str, ...]) -> tuple[str, ...]:
    """The Chinese name that a run of Chinese characters before a bracketed
    English name or acronym ends in (at most one), cut only where the
    segmenter puts a word boundary. The run's longest such ending that the
    report also writes on its own elsewhere (`whole`, the report's text); else
    the words before the bracket back to the nearest pronoun, preposition,
    particle or number, as many as the English names have words (or the
    acronym letters), less a verb they start with. In
    協助越南及泰國建立單一窗口(Single Window, SW) that is 單一窗口, whatever the
    verbs and clauses before it."""
    if run.startswith("「"):
        name = run.strip("「」").strip()
        return [name] if name else []
    if after_number:
        run = run.lstrip(COUNTERS)
    run = run.lstrip(LEADING_JOINERS)
    words = segment(run)
    one_word = len(english) == 1 and " " not in english[0] and not is_acronym(english[0])
    starts = [0]
    for word, _ in words:
        starts.append(starts[-1] + len(word))
    names = []
    for i in range(len(words)):  # longest first
        ending = run[starts[i]:]
        if len(ending) <= MAX_NAME and words[i][1] not in VERB_TAGS \
                and plausible_name(words[i:], one_word) and written_alone(whole, ending):
            names.append(ending)
            break
    # As many words as the English has, and one more (the English may leave
    # out a word the Chinese writes: 旅客電腦訂位紀錄, Passenger Name Record).
    wanted = english_words(english)
    if verbal_name(words, wanted) and not any(is_acronym(e) for e in english):
        names.append(run[starts[len(words) - wanted]:])
    for extra in (0, 1):
        # (One word of two characters names a thing only where the report
        # writes it on its own: 安全 of 生物安全 does not.)
        ending = name_ending(words, wanted + extra, False)
        if ending is not None and run[starts[ending]:] not in names:
            names.append(run[starts[ending]:])
    return tuple(names)


def name_ending(words: list[tuple[str, str]], wanted: int, one_word: bool) -> int | None:
    """Where a name of `wanted` words ends on the left in `words` (the last
    are the name's): back to the nearest pronoun, preposition, particle or
    number, or the verb of a clause that names what follows it; no name starts
    with a joiner, a verb or a one-character word cut from its phrase. Where
    that count would cut the noun phrase where it holds together (at a verbal
    noun, beside a word of one character), the name is the whole phrase: 航前
    旅客資訊系統, not 旅客資訊系統; 微中小型企業, not 中小型企業. None if what
    is left names nothing."""
    i = len(words)
    while i > 0 and wanted > 0 and not _ends_a_name(words[i - 1]) \
            and not clause_ends_in(words, i - 1) and not ends_a_clause(words, i - 1):
        if words[i - 1][1] in VERB_TAGS and any(plausible_name(words[j:], one_word)
                                                for j in range(i, len(words))):
            break
        i -= 1
        wanted -= words[i][1] != "c"  # 暨 in 經濟合作暨發展組織 is no word of the name
    # A name is not cut where the noun phrase holds together: at a verbal
    # noun (合作 of 亞太經濟合作企業諮詢委員會) or next to a word of one
    # character (前 of 航前旅客資訊系統); it is the whole phrase then.
    start = phrase_start(words, i)
    if start < i < len(words) and bad_cut(words, i) \
            and sum(len(w) for w, _ in words[start:]) <= MAX_NAME:
        i = start
    # A word of one character that starts the phrase begins the word after it
    # (微 of 微中小型企業), and the two are a noun (熱 釋放 of 熱釋放率, heat
    # release: no verb of the clause).
    while i < len(words) - 1 and len(words[i][0]) == 1 and phrase_start(words, i) == i \
            and words[i][1][:1] in NOUN_TAGS and words[i][0] not in JOINING_CHARS:
        words = [*words[:i], (words[i][0] + words[i + 1][0], words[i][1]), *words[i + 2:]]
    while i < len(words) - 1 and (words[i][1] in ("c", *VERB_TAGS)
                                  or len(words[i][0]) == 1
                                  or sum(len(w) for w, _ in words[i:]) > MAX_NAME):
        i += 1
    return i if plausible_name(words[i:], one_word) else None


def verbal_name(words: list[tuple[str, str]], wanted: int) -> bool:
    """Whether the last `wanted` words (two at least, as many as the English
    name has) are all verbs of two characters or more, right after a word
    that ends a name (之, 以): a name made of verbs (之開放 取用, open access;
    以虛擬 交換, virtual exchange), which no clause's verb starts, since the
    word before it takes no object. (Not at the run's start: in 由NZa訂定上限
    the subject stands before it, in Latin.)"""
    if wanted < 2 or wanted >= len(words):
        return False
    return all(tag.startswith("v") and len(w) > 1 for w, tag in words[len(words) - wanted:]) \
        and _ends_a_name(words[len(words) - wanted - 1])


# Characters that join two nouns (暨 of 貿易暨投資委員會): never a name's first.
JOINING_CHARS = frozenset(LEADING_JOINERS + "暨")
# Tags of the words a noun phrase is made of (nouns, places, names,
# distinguishing words, locatives: 航前, 中小型, 國內).
NOUN_TAGS = ("n", "b", "f", "a", "j")
# Tags of the words a noun phrase stops at on its left, besides STOP_TAGS:
# verbs and verbal nouns, adverbs, conjunctions, place and time words.
PHRASE_STOP_TAGS = ("v", "d", "c", "z", "s", "t")


def phrase_start(words: list[tuple[str, str]], i: int) -> int:
    """Where the noun phrase holding words[i] starts: after the nearest word
    on its left that ends one (a pronoun, particle, verb, adverb, joiner…) or
    a category noun that owns what follows (海關 of 海關預報旅客資訊系統)."""
    while i > 0:
        text, tag = words[i - 1]
        if _ends_a_name(words[i - 1]) or tag.startswith(PHRASE_STOP_TAGS) \
                or text in LEADING_JOINERS or text in GENERIC_NOUNS:
            break
        if clause_ends_in(words, i - 1):
            break
        i -= 1
    return i


def ends_a_clause(words: list[tuple[str, str]], j: int) -> bool:
    """Whether words[j] is a word of the clause no name runs over: a verb or
    adverb of one character (用 of 決定用, 都 of 完全都), or a joiner after a
    word that is no noun (和 of 手中和; 暨 of 經濟合作暨發展組織 joins two)."""
    if j == len(words) - 1:
        return False  # the name's own last word (表 of 安全資料表)
    text, tag = words[j]
    if tag == "c":
        return j == 0 or not (words[j - 1][1][:1] in NOUN_TAGS
                              or words[j - 1][1] in ("vn", "l"))
    return len(text) == 1 and tag.startswith(("d", "v"))


def clause_ends_in(words: list[tuple[str, str]], j: int) -> bool:
    """Whether words[j], a word of one character after a word of the clause
    (a verb, adverb…), is the end of that clause cut the wrong way: the
    clause word stands between two lone characters, and its last character
    spells a word of the dictionary with this one (瞭 解決 心 is 瞭解 決心, to
    understand the resolve; the dictionary lacks 瞭解, so 瞭 was left alone
    and 解決 taken). The lone character on the left is no function word (在
    of 不在投入微…) and, unless a verb or adverb itself, begins the clause or
    follows a word of it: not the end of a noun (體 of 會員體保護航…). Such a character
    starts no name. (想法 航 is no such cut: no lone character before 想法;
    微 of 建立微中小型企業 spells nothing with 立.)"""
    if j < 2 or len(words[j][0]) != 1 or len(words[j - 2][0]) != 1 \
            or not words[j - 1][1].startswith(PHRASE_STOP_TAGS):
        return False
    left = words[j - 2][1]
    if _ends_a_name(words[j - 2]) or left.startswith("c"):
        return False
    if j > 2 and not left.startswith(("v", "d")) and not (
            _ends_a_name(words[j - 3]) or words[j - 3][1].startswith(PHRASE_STOP_TAGS)):
        return False
    return is_word(words[j - 1][0][-1] + words[j][0])


@lru_cache(maxsize=4096)
def is_word(text: str) -> bool:
    """Whether the segmenter's dictionary holds text as one word."""
    import rjieba

    return len(rjieba.cut(text.translate(_ONE_CHAR_FOLD), False)) == 1


def bad_cut(words: list[tuple[str, str]], i: int) -> bool:
    """Whether a name cut at words[i] would split its noun phrase where it
    holds together: it would start with a verbal noun (合作 of 亞太經濟合作
    企業諮詢委員會), or cut a run of one-character words that spell a word the
    dictionary lacks (航 前 of 航前旅客資訊系統). One such word after a longer
    one (成 of 體製成) is a word of the clause: cut there."""
    if words[i][1].startswith("v"):
        return True
    singles = [len(words[j][0]) == 1 for j in (i - 1, i)]
    if singles == [True, True]:
        return True
    if singles[0]:  # the name would start after a lone character: does one start the phrase?
        j = i - 1
        return j == 0 or len(words[j - 1][0]) == 1 or phrase_start(words, j) == j
    return False


def english_words(english: tuple[str, ...]) -> int:
    """How many words a Chinese name of these English names may have: as many
    as the longest has words that count (not of, the, and), or an acronym
    letters."""
    counts = [sum(c.isupper() for c in e) if is_acronym(e) else
              len([w for w in e.split() if w.lower() not in MINOR_WORDS]) for e in english]
    return max(counts, default=1)


# Parts of speech (the segmenter dictionary's) of the words a name does not
# run over on its left: pronouns and determiners (其, 該, 各), prepositions
# (於, 對), particles (的, 之), numerals, measure words, punctuation. (Not
# idioms, tagged l: 人工智慧 and 共同行動 begin names.)
STOP_TAGS = ("r", "p", "u", "m", "q", "x", "w")
VERB_TAGS = ("v", "vg", "vd")


def _ends_a_name(word: tuple[str, str]) -> bool:
    text, tag = word
    return tag.startswith(STOP_TAGS) or text in DETERMINERS


def plausible_name(words: list[tuple[str, str]], one_word: bool) -> bool:
    """Whether words (text, part of speech) can be the name of one thing: no
    category noun alone (海關, 各國政府: names_one_thing), nor one word of two
    characters for an acronym or a name of several words (窗口 of 單一窗口)
    unless `one_word`, nor what starts with a one-character word (化委員會 of
    便捷化委員會), a joiner or a verb (建立制度: a verb and its object)."""
    text = "".join(w for w, _ in words)
    if len(text) < 2 or not names_one_thing(text):
        return False
    if len(words) == 1:  # a phrase the dictionary holds whole (出席會議) is cut again
        head = next((text[:-len(n)] for n in GENERIC_ENDINGS if text.endswith(n)), "") \
            if text.endswith(GENERIC_ENDINGS) else ""
        if head and any(tag in VERB_TAGS for _, tag in segment(head)):
            return False
        return len(text) > 2 or one_word
    first, tag = words[0]
    return len(first) > 1 and not _ends_a_name(words[0]) and tag not in ("c", *VERB_TAGS)


def segment(run: str) -> list[tuple[str, str]]:
    """The words of a run of Chinese characters and their parts of speech, as
    the segmenter cuts it. Its dictionary is Simplified, so the run is cut in
    its folded form (character for character) and the words are given back in
    the run's own characters."""
    return list(_segment(run))


# (Remembered for the report: nearly half the runs a report's definitions ask
# about are asked about again, the same name's ending, head or context.)
@per_report
def _segment(run: str) -> tuple[tuple[str, str], ...]:
    import rjieba

    folded = run.translate(_ONE_CHAR_FOLD)
    words, at = [], 0
    for word, tag in rjieba.tag(folded, False):
        text = run[at:at + len(word)]
        at += len(word)
        # Characters the dictionary knows only one by one (計 畫: it spells
        # 计划), or pieces of one transliterated name (麥 卡托), make one word;
        # not a character that may end the clause before it (心 of 瞭解決心).
        if words and ((len(text) == 1 and len(words[-1][0]) == 1 and is_han(text)
                       and tag[0] in "n" and words[-1][1][0] in "n"
                       and not clause_ends_in(words, len(words) - 1))
                      or (tag.startswith("nr") and words[-1][1].startswith("nr"))):
            words[-1] = (words[-1][0] + text, words[-1][1])
        else:
            words.append((text, tag))
    return tuple(words)


class _OneCharFold(dict):
    """By code point, each character's fold where that is one character, else
    the character itself (a run's folded form keeps its length), for
    str.translate; filled as characters are met, so that the next lookup
    stays in C."""

    def __missing__(self, code: int) -> str:
        from ..indexer.analysis import fold_char

        char = chr(code)
        folded = fold_char(char)
        value = self[code] = folded if len(folded) == 1 else char
        return value


_ONE_CHAR_FOLD = _OneCharFold()


def is_han(char: str) -> bool:
    return bool(HAN_CHAR_RE.match(char))


# What a name may follow where the report writes it on its own: anything
# not Chinese, and the particles, joiners and quotes before a noun.
ALONE_AFTER = frozenset("的之及與和、「『《")
HAN_CHAR_RE = re.compile(f"[{HAN}]")
HAN_OR_LATIN_RE = re.compile(f"[{HAN}A-Za-z]")
HAN_RUN_RE = re.compile(f"[{HAN}]+")
NOT_HAN_RE = re.compile(f"[^{HAN}]")
# How far back a word boundary is looked for, and how many places are looked at.
CONTEXT = 8
MAX_PLACES = 40


@lru_cache(maxsize=4096)
def written_alone(whole: str, name: str) -> bool:
    """Whether the report writes the name on its own, as a word of its own,
    somewhere: after a character that is not Chinese, a particle or a joiner,
    or where the segmenter starts a word; never right before a bracket (that
    may be the very definition asked about, which an abstract may repeat). (Remembered: a report is
    asked about the same names for each passage.)"""
    at, places = whole.find(name), 0
    while at >= 0 and places < MAX_PLACES:
        places += 1
        before = whole[at - 1] if at else ""
        if before in ALONE_AFTER or not HAN_CHAR_RE.match(before or "a") \
                or _word_starts(whole[max(0, at - CONTEXT):at], name):
            after = whole[at + len(name):at + len(name) + 3].lstrip()
            if not after.startswith(("(", "（")):
                return True
        at = whole.find(name, at + 1)
    return False


def _word_starts(before: str, name: str) -> bool:
    """Whether the segmenter starts a word where `name` follows `before`."""
    run = NOT_HAN_RE.split(before)[-1]
    at = 0
    for word, _ in segment(run + name):
        if at == len(run):
            return True
        if at > len(run):
            return False
        at += len(word)
    return False


@lru_cache(maxsize=4096)
def names_one_thing(chinese: str) -> bool:
    """Whether a Chinese name before a bracketed acronym can name what the acronym
    does: in 南韓簡報其海關(KCS) the words before the bracket are a category noun
    (海關, 政府, 委員會), which names a kind of thing, not this one; so is such a
    noun after a word that only points at it (各國政府, 該委員會). (Remembered: a
    name's endings are asked about again for each way of cutting it.)"""
    # Each way of cutting it into a word that points and a noun that follows
    # (a noun no longer than the longest category noun).
    return not any(chinese[i:] in GENERIC_NOUNS and chinese[:i] in DETERMINERS
                   for i in range(max(0, len(chinese) - LONGEST_GENERIC), len(chinese)))


# What follows a name that a sentence defines: 肯定列表制度(Positive List
# System)係日本…實施之制度, … 是 …, … 指 ….
COPULAS = ("係", "是", "為", "指", "乃", "即")
# What ends the sentence before one (a note's own mark or number aside).
SENTENCE_ENDS = "。！？；：\n"


def defining_subject(text: str, start: int, end: int) -> bool:
    """Whether the definition text[start:end] (a Chinese run and its bracket)
    opens its sentence, with nothing Chinese or Latin before it but a note's
    mark or number, and a copula follows the bracket: the sentence says what
    the whole run names, so no word of it is a verb of the clause (肯定 of
    肯定列表制度, positive, is a verb to the segmenter)."""
    cut = max(text.rfind(c, 0, start) for c in SENTENCE_ENDS)
    if HAN_OR_LATIN_RE.search(text[cut + 1:start]):
        return False
    return text[end:end + 3].lstrip().startswith(COPULAS)


def plausible_subject(run: str) -> bool:
    """Whether a run a sentence defines can be a name: two words at least, the
    last a noun, the first no joiner, and no category noun alone
    (names_one_thing)."""
    words = segment(run)
    return len(words) >= 2 and words[-1][1][:1] in NOUN_TAGS and run[0] not in JOINING_CHARS \
        and names_one_thing(run)


def _follows_digit(text: str, end: int) -> bool:
    """Whether text[:end] ends in a digit and spaces (`\\d\\s*$`)."""
    i = end - 1
    while i >= 0 and text[i].isspace():
        i -= 1
    return i >= 0 and text[i].isdecimal()


def definitions(text: str, whole: str = "") -> list[tuple[str, str]]:
    """Pairs of names that the text defines as the same thing (`whole`, the
    report's text, tells where a Chinese name starts)."""
    pairs: list[tuple[str, str]] = []
    if not DEFINING_BRACKET_RE.search(text):
        return pairs  # both kinds of definition have a bracket a Latin letter opens
    for m in CHINESE_DEFINITION_RE.finditer(text):
        parts = [p.strip() for p in re.split(r"\s*[,，]\s*", m.group(2)) if p.strip()]
        good = [p for p in parts if is_acronym(p) or is_english_name(p)]
        if not good:
            continue
        names = chinese_names(m.group(1), whole or text, _follows_digit(text, m.start()),
                              tuple(good), defining_subject(text, m.start(), m.end()))
        pairs.extend((n, p) for n in names for p in good)
    for m in LATIN_DEFINITION_RE.finditer(text):
        before, inside = m.group(1).strip(), m.group(2).strip()
        if is_acronym(inside) and not is_acronym(before):
            words = before.split()
            for start in range(len(words)):
                candidate = " ".join(words[start:])
                if initials_match(inside, candidate):
                    pairs.append((candidate, inside))
                    break
        elif is_acronym(before.split()[-1]) and is_english_name(inside):
            acronym = before.split()[-1]
            if initials_match(acronym, inside):
                pairs.append((acronym, inside))
    return pairs


def define_passages(report: Report) -> None:
    """Find what each passage defines (Passage.defined), once: the glossary
    learns from it, and the index marks where names stand side by side."""
    whole = glossary_text(report)
    for passage in report.passages:
        passage.defined = definitions(passage.text, whole)


def glossary_text(report: Report) -> str:
    """The report's text where definitions are found: abstract, passages and
    headings (tells definitions() where a Chinese name starts)."""
    headings = {h.title for p in report.passages for h in p.section}
    return "\n".join([report.abstract] + [p.text for p in report.passages] + sorted(headings))


def learn_glossary(report: Report) -> list[list[str]]:
    """Alias groups of two or more names, learned from one report: its keyword
    lists, its abstract and headings, and what its passages define (their
    `defined`, filled by define_passages)."""
    pairs: list[tuple[str, str]] = []
    english = [k for k in report.keywords if not HAN_CHAR_RE.search(k)]
    chinese = [k for k in report.keywords if HAN_CHAR_RE.search(k)]
    # Two lists, one in each language, one after the other; not one list that
    # mixes English names and Chinese ones (ITB Asia、台灣館、B2B、OTA、…).
    scripts = [bool(HAN_CHAR_RE.search(k)) for k in report.keywords]
    two_lists = sum(a != b for a, b in zip(scripts[:-1], scripts[1:], strict=True)) == 1
    if english and len(english) == len(chinese) and two_lists:
        pairs.extend(zip(english, chinese, strict=True))
    whole = glossary_text(report)
    pairs.extend(definitions(report.abstract, whole))
    for passage in report.passages:
        pairs.extend(passage.defined)
    for heading in sorted({h.title for p in report.passages for h in p.section}):
        pairs.extend(definitions(heading, whole))

    pairs = without_shared_names(pairs)
    pairs += modifier_pairs(pairs)
    parent: dict[str, str] = {}
    spelling: dict[str, str] = {}

    def find(k: str) -> str:
        while parent.setdefault(k, k) != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for a, b in pairs:
        ka, kb = name_key(a), name_key(b)
        if not ka or not kb or ka == kb:
            continue
        spelling.setdefault(ka, a)
        spelling.setdefault(kb, b)
        parent[find(ka)] = find(kb)
    groups: dict[str, list[str]] = {}
    for k in spelling:
        groups.setdefault(find(k), []).append(spelling[k])
    return [g for g in groups.values() if len(g) > 1]


# A category noun of an English name's last word and the Chinese category
# nouns it is written as (Positive List System, 肯定列表制度).
HEAD_NOUNS = {
    "system": ("制度", "系統"), "program": ("計畫", "方案"), "programme": ("計畫", "方案"),
    "agreement": ("協定",), "committee": ("委員會",), "forum": ("論壇",),
    "center": ("中心",), "centre": ("中心",), "mechanism": ("機制",), "platform": ("平台",),
    "initiative": ("倡議",), "framework": ("架構",), "project": ("專案", "計畫"),
}


def modifier_pairs(pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Pairs of what names a thing of a kind, less the kind: an English name
    and its Chinese one that end in one category noun (Positive List System,
    肯定列表制度: system, 制度) also pair the rest (Positive List, 肯定列表),
    which a text writes before another noun of the kind or alone (the
    positive list of pesticides). Only where both rests can name a thing:
    two English words at least, not ending in a joining word, and Chinese
    that is no category noun nor one word of two characters (資訊 of 資訊系統
    names nothing). Its left edge is the whole name's, so it may start with
    what the segmenter calls a verb (肯定)."""
    out = []
    for a, b in pairs:
        chinese, english = (a, b) if HAN_CHAR_RE.search(a) else (b, a)
        words = english.split()
        if len(words) < 3 or is_acronym(english) or HAN_CHAR_RE.search(english) \
                or words[-2].lower() in MINOR_WORDS:
            continue
        for noun in HEAD_NOUNS.get(words[-1].lower(), ()):
            rest = chinese[:-len(noun)]
            if chinese.endswith(noun) and HAN_RUN_RE.fullmatch(rest) \
                    and rest not in GENERIC_NOUNS and names_one_thing(rest) \
                    and (len(rest) > 2 and len(segment(rest)) > 1 or len(rest) > 3):
                out.append((rest, " ".join(words[:-1])))
    return out


def without_shared_names(pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The pairs less those of a Chinese name that the report defines as two
    or more acronyms: the word their names share (指導小組 of 自由化指導小組
    (…, LSG), 安全與繁榮指導小組 (…, SPSG) and ICT發展指導小組 (…, DSG)), a
    kind of thing, which would make the three one."""
    acronyms: dict[str, set[str]] = {}
    for a, b in pairs:
        if HAN_CHAR_RE.search(a) and is_acronym(b):
            acronyms.setdefault(name_key(a), set()).add(name_key(b))
    shared = {k for k, found in acronyms.items() if len(found) > 1}
    return [(a, b) for a, b in pairs if name_key(a) not in shared and name_key(b) not in shared]
