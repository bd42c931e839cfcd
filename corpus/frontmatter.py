"""The front of a report: cover, 提要 form, abstract and keywords, in any order.

The 行政院 form comes in variants: with or without the 提要 page, 摘要 or
內容摘要 (with its text on the same line or below), 關鍵詞 or 關鍵字, fields
spelled with spaces, slashes or full-width colons, laid out as a table.
Reports without any form still have a cover: the title, the agency, the
date, and often an abstract without a label. Contents pages are taken out
before (``contents``); what is read here are the lines around them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .cover import (  # noqa: F401  (describe: re-exported)
    TICKED_RE,
    describe,
    is_agency_line,
    is_boilerplate,
    is_date_line,
    latin_share,
)
from .fields import (
    aligned_field,
    aligned_header,
    continues_row,
    field_of,
    fields_of,
    is_rule,
    label_name,
    table_lines,
)
from .paragraphs import FULL_LINE, display_width, join_fragments
from .people import PHONE_RE, RANK_END_RE, is_person_line, is_whole_token, unlisted


def bilingual(chinese: str, english: str) -> re.Pattern:
    """A label in Chinese, in English, or both in either order, the second
    perhaps in brackets (摘要, Abstract, Abstract 摘要, 摘要（Abstract）), the
    whole perhaps framed as a part's title is (【摘要】)."""
    def pair(first: str, second: str) -> str:
        return rf"(?:{first})(?:[(（]?(?:{second})[)）]?)?"
    return re.compile(rf"^(?:{pair(chinese, english)}|{pair(english, chinese)}|"
                      rf"【(?:{pair(chinese, english)}|{pair(english, chinese)})】)$", re.I)


ABSTRACT_TITLE_RE = bilingual(r"(內容|報告|執行)?摘\s*要|提\s*要",
                              r"(executive\s*)?summary|abstract")
KEYWORDS_TITLE_RE = bilingual(r"關\s*鍵\s*(詞|字|詞彙)", r"key\s*words?")
MULTILINE = {"authors", "names", "keywords", "abstract", "title", "plan_title", "trip_type"}
BOX_RE = re.compile(r"[□■☐☑☒▣◼✓✔●○]")
PUNCT_RE = re.compile(r"[。，；、！？,;]")
SENTENCE_END_RE = re.compile(r"[。！？.!?」』)）]$")
LIST_END_RE = re.compile(r"[、，,；;]$")
HAN_WORD_RE = re.compile(r"^[\u3400-\u9fff]+$")
# A table's caption: a line naming a table (行程表, 表1 參訪行程, 議程), right
# above it: it ends the title, a field or a list before it.
CAPTION_RE = re.compile(r"^表\s*[\d一二三四五六七八九十]|"
                        r"^\S{0,8}(行程|日程|議程|時程|時間|一覽|明細)表?(安排|概要)?$"
                        # a lead-in that names the table under it (行程如下表, 名單如下：)
                        r"|(?:如下表?|下表|如附表)[：:]?$")
# A caption's label with no number: 表：出國人員, 表 出國人員名單, 附表、行程, 圖：會場.
CAPTION_LABEL_RE = re.compile(r"^附?[表圖](?:\s*[：:、．.]|[ \u3000]+\S|\s*$)")

__all__ = ["ABSTRACT_TITLE_RE", "FrontMatter", "describe", "field_of", "read_front_matter"]


@dataclass
class FrontMatter:
    fields: dict[str, str] = field(default_factory=dict)
    # Lines of the cover that are no field, blanks ("") kept: the title's end.
    # A field read, a table's first row and its caption end a run of the
    # cover's lines as a blank does (a word processor gives no blank line).
    cover: list[str] = field(default_factory=list)
    # The abstract's lines; a blank ("") where a paragraph may end.
    abstract: list[str] = field(default_factory=list)
    keywords: str = ""
    form: list[str] = field(default_factory=list)  # field lines other than those
    labelled: bool = False  # whether the abstract had a label


def normalized(lines: list[str]) -> list[str]:
    """The front's lines with table rows as field lines and rules gone."""
    return normalized_from(lines)[0]


def normalized_from(lines: list[str]) -> tuple[list[str], list[int]]:
    """normalized(), and the place in `lines` each line came from."""
    out: list[str] = []
    origins: list[int] = []
    for i, line in enumerate(lines):
        if is_rule(line):
            continue
        rows = table_lines(line) if line else None
        if rows is not None and continues_row(line):
            while out and not out[-1]:
                out.pop()  # the blank an extraction leaves between two rows
                origins.pop()
        if rows is None and line and ":" not in line and "：" not in line:
            aligned = aligned_header(line) or ([field] if (field := aligned_field(line)) else None)
            rows = aligned
        added = rows if rows is not None else [line]
        out.extend(added)
        origins.extend([i] * len(added))
    return out, origins


# The longest label that stands alone over its value (出國人員, 報告日期,
# 出國人員姓名職稱).
MAX_STACKED_LABEL = 10
# The widest first-line indent of a paragraph, in columns (two ideographic
# spaces are four): a line further in is centred.
PARAGRAPH_INDENT = 6


class FrontReader:
    """Reads front lines in order; `current` is the field that a line goes on."""

    def __init__(self, wrap: int | None = None) -> None:
        self.wrap = wrap
        self.last_line = ""  # the line read before this one
        self.front = FrontMatter()
        self.current: str | None = None
        self.blank = False
        self.repeated = False  # whether the current field was given before
        self.value = ""  # the current field's text so far
        self.next_line = ""  # the line after the one read
        # The left column's travellers field (name, value, repeated), when a
        # line holds two fields side by side.
        self.left: tuple[str, str, bool] | None = None
        self.agency_changed = False  # a second service agency: its travellers follow
        self.indent = 0  # the indent the line read was printed with, if known
        self.abstract_indent = 0  # the indent of the abstract's first line
        self.abstract_from = 0  # where the text under the last abstract label starts
        self.last_field: str | None = None  # the field the line before ended on
        # Whether the line read opens a table (its first row), or is the
        # caption of a table that opens on the next line.
        self.opens_table = False
        self.caption = False

    def read(self, lines: list[str], indents: list[int] | None = None) -> FrontMatter:
        texts, origins = normalized_from(lines)
        marks = table_marks(lines, texts, origins)
        for k, line in enumerate(texts):
            self.indent = indents[origins[k]] if indents else 0
            self.opens_table, self.caption = marks[k]
            self.next_line = texts[k + 1].strip() if k + 1 < len(texts) else ""
            self.feed(line.strip())
            self.last_line = line
        unlabelled_abstract(self.front)
        return self.front

    def feed(self, line: str) -> None:
        front = self.front
        last_field, self.last_field = self.last_field, None
        if not line:
            self.blank = True
            if self.current == "abstract":
                front.abstract.append("")
            elif self.current in ("title", "plan_title") and self.value \
                    or self.current == "trip_type" and (
                        TICKED_RE.search(self.value) or not BOX_RE.search(self.value)):
                self.current = None  # these end at a blank; a list of people or
                # keywords may go on after one (a page break, a blank-line layout)
            front.cover.append("")
            return
        after_blank, self.blank = self.blank, False
        if self.opens_table or self.caption:
            end_cover_run(self.front)
            self.left = None  # a left column's list goes on in no new table
        if self.caption:
            self.current = None  # no field, list or abstract goes on into it
        squashed = "".join(line.split())
        if ABSTRACT_TITLE_RE.match(squashed):
            self.current, front.labelled = "abstract", True
            # A second abstract's label (摘要, then Abstract): its text starts
            # afresh, whatever the first one ended on.
            if any(front.abstract):
                front.abstract.append("")
            self.abstract_from = len(front.abstract)
            return
        if KEYWORDS_TITLE_RE.match(squashed):
            self.current = "keywords"
            return
        if stacked_label(squashed, self.next_line):
            # A label alone over its value (報告日期 / Jan. 9, 2026): the
            # field, its value on the lines under it.
            self.set_field(label_name(squashed), "")
            front.form.append(line)
            end_cover_run(self.front)
            return
        prefix, found = fields_of(line)
        if found and (not prefix or self.current != "abstract"):
            # Text before the first label: more of the current field, or of
            # the left column's, or the cover's ("經濟部標準檢驗局　報告日期：…").
            if prefix and not (self.current and self.continue_field(prefix)) \
                    and not self.continue_left(prefix):
                front.cover.append(prefix)
            for k, (name, value) in enumerate(found):
                self.set_field(name, value)
                self.last_field = name if value else None
                if k == 0 and not prefix:
                    # Fields in two columns: the left one's list of travellers
                    # may go on under it, beside the right column's fields.
                    self.left = (name, self.value, self.repeated) \
                        if len(found) >= 2 and name in ("authors", "names") else None
            if any(name not in ("abstract", "keywords") for name, _ in found) or self.repeated:
                front.form.append(line[line.find(prefix) + len(prefix):].strip() if prefix
                                  else line)  # the prefix went where it belongs
                end_cover_run(self.front)
            return
        if self.current and self.continue_field(line, after_blank):
            return
        if self.continue_left(line):
            return  # the left column's list, longer than the right one
        if last_field and not after_blank and self.wrapped_value(last_field, line):
            return
        self.current = None
        front.cover.append(line)

    def continue_left(self, text: str) -> bool:
        """Whether the text before a right column's label goes on the left
        column's list of travellers (and puts it there)."""
        if self.left is None or re.search(r"\d", text):
            return False  # no name or rank holds a digit (a right value's wrapped tail does)
        saved = self.current, self.value, self.repeated
        self.current, self.value, self.repeated = self.left
        done = self.continue_field(text)
        self.left = (self.left[0], self.value, self.repeated) if done else None
        self.current, self.value, self.repeated = saved
        return done

    def wrapped_value(self, name: str, line: str) -> bool:
        """Whether a line is the rest of the value the line before it ended on,
        which a hard wrap cut (`wrap_cut`) (and puts it there)."""
        if not wrap_cut(name, line, self.last_line, self.wrap):
            return False
        front = self.front
        if not self.repeated and front.fields.get(name):
            front.fields[name] = join_fragments(front.fields[name], line)
        if self.current == name:
            self.value = join_fragments(self.value, line)
        front.form.append(line)
        return True

    def set_field(self, name: str, value: str) -> None:
        front = self.front
        if name == "contact" and self.current in ("authors", "names"):
            return  # a traveller's telephone: more travellers may follow
        self.current = name if (name in MULTILINE or not value) else None
        # A field given again (on the cover and in the form) is read once,
        # but for the travellers of a second agency (服務機關 and 姓名職稱
        # given for each traveller in turn): they are more travellers.
        self.repeated = bool(front.keywords if name == "keywords" else front.fields.get(name))
        if name == "service_agency":
            self.agency_changed = self.repeated and value != front.fields.get(name)
        elif name in ("authors", "names") and self.repeated and self.agency_changed and value:
            front.fields[name] = f"{front.fields[name]}\n{value}"
            self.repeated = self.agency_changed = False
            self.value = front.fields[name]
            return
        self.value = value
        if name == "abstract":
            label_abstract(front, value)
        elif name == "keywords" and self.repeated:
            self.current = None
        elif name == "keywords":
            front.keywords = value
        elif not self.repeated:
            front.fields[name] = value

    def continue_field(self, line: str, after_blank: bool = False) -> bool:
        """Whether a line goes on the current field (and puts it there)."""
        front, current = self.front, self.current
        if current == "abstract":
            if not abstract_goes_on(line, front.abstract[self.abstract_from:], self.next_line,
                                    after_blank, self.indent, self.abstract_indent):
                return False
            if not any(front.abstract):
                self.abstract_indent = self.indent
            front.abstract.append(line)
            return True
        if current == "keywords":
            return add_keywords(front, line, after_blank, self.wrap, self.last_line)
        value, written = self.value, line  # this field's text so far; the line as written
        if current in LINED_FIELDS:
            value = lined_value(current, value, line)
            if value is None:
                return False
        elif not value:  # a field whose value is on the next line
            value, self.current = line, None
        else:
            return False
        self.value = value
        if not self.repeated:
            front.fields[current] = value
        front.form.append(written)
        return True


def stacked_label(squashed: str, next_line: str) -> bool:
    """Whether a line is a field's label alone, with its value on the next
    line (a cover in two columns printed one under the other): the next
    line is no label, field or title of a part."""
    own = re.sub(r"[A-Za-z.'&()（）\-]+", "", squashed)  # (an English gloss aside)
    if len(own) > MAX_STACKED_LABEL or re.search(r"[:：]", squashed) \
            or label_name(squashed) is None:
        return False  # (a label and its value on one line: a field)
    nxt = "".join(next_line.split())
    return bool(nxt) and label_name(nxt) is None and not fields_of(next_line)[1] \
        and not ABSTRACT_TITLE_RE.match(nxt) and not KEYWORDS_TITLE_RE.match(nxt)


def end_cover_run(front: FrontMatter) -> None:
    """End the cover's run of lines (the title's end) as a blank line does."""
    if front.cover and front.cover[-1]:
        front.cover.append("")


def wrap_cut(name: str, line: str, last_line: str, wrap: int | None) -> bool:
    """Whether a line is the rest of the value of field `name` the line before
    it (`last_line`) ended on, which a hard wrap cut (出國期間：民國114年10月13日至
    / 10月20日): that line ran near the wrap width (its indent is gone), and
    this one, short, holds no label and is no line of its own (a date, an
    agency, a form's boilerplate); a list of travellers goes on by its own rule."""
    return not (wrap is None or name in ("abstract", "keywords", "authors", "names")
                or display_width(line) >= FULL_LINE * wrap or stands_alone(line)
                or display_width(last_line.strip()) < FULL_LINE * wrap)


def table_marks(lines: list[str], texts: list[str],
                origins: list[int]) -> list[tuple[bool, bool]]:
    """For each normalized line (texts, from lines[origins[k]]): whether it
    opens a table (its first row), and whether it is the caption of a table
    that opens on the next line."""
    tabled = [bool(line) and (is_rule(line) or table_lines(line) is not None)
              for line in lines]
    marks = []
    for k, line in enumerate(texts):
        i = origins[k]
        opens = tabled[i] and not (i and tabled[i - 1]) and not (k and origins[k - 1] == i)
        caption = not tabled[i] and i + 1 < len(lines) and tabled[i + 1] \
            and bool(CAPTION_RE.search("".join(line.split()))
                     or CAPTION_LABEL_RE.match(line.strip()))
        marks.append((opens, caption))
    return marks


def stands_alone(line: str) -> bool:
    """Whether a line is one of its own, never the rest of a value a wrap
    cut: a label, a date, an agency, a form's boilerplate, an abstract's title."""
    return bool(label_name(line) or fields_of(line)[1] or is_date_line(line)
                or is_agency_line(line) or is_boilerplate(line)
                or ABSTRACT_TITLE_RE.match("".join(line.split())))


LINED_FIELDS = ("authors", "names", "title", "plan_title", "trip_type")
# A name alone on its line (two to four Han characters).
NAME_ALONE_RE = re.compile(r"^[\u3400-\u9fff]{2,4}$")


def lined_value(name: str, value: str, line: str) -> str | None:
    """A field that goes on over lines (travellers, a title, a type of trip)
    with a line added to its value so far, or None: the line is not its."""
    if name in ("authors", "names"):
        if value and not PHONE_RE.sub("", line).strip():
            # the telephone of the traveller above, wrapped onto a line of its own
            return f"{value} {line.strip()}"
        line = unlisted(line)  # travellers as a numbered list
        if is_date_line(line) or is_boilerplate(line) or not is_person_line(line) \
                or is_agency_line(line) and not post_of_name(value, line) \
                or latin_share(line) > 0.5 >= latin_share(value):
            return None
        if post_of_name(value, line):
            # a traveller's post on the line under the name (陳怡君 / 經濟部…技正)
            return f"{value}\u3000{line}"
        if cut_word(value, line) or open_bracket(value):
            # a list of names wrapped at the page's width, or in the
            # middle of a traveller's post in brackets: (刑事警 / 察局…)
            return join_fragments(value, line)
        return f"{value}\n{line}" if value else line
    if name in ("title", "plan_title"):
        return None if is_date_line(line) else join_fragments(value, line)
    return None if value and not BOX_RE.search(line) else f"{value} {line}".strip()


def post_of_name(value: str, line: str) -> bool:
    """Whether a line is the post of the traveller named alone on the line
    before: an agency's unit and a rank, under a bare name."""
    last = value.rsplit("\n", 1)[-1].strip()
    return bool(NAME_ALONE_RE.match(last)) and is_agency_line(line) \
        and bool(RANK_END_RE.search(line.strip()))


def keywords_go_on(keywords: str, line: str, after_blank: bool, wrap: int | None,
                   last_line: str) -> bool:
    """Whether a line goes on the keywords read so far: a list's next line, or
    the rest of a keyword a hard wrap cut."""
    listing = bool(re.search(r"[、，,；;]", line)) and "。" not in line[:-1]
    return not (keywords and not LIST_END_RE.search(keywords) and (after_blank or not listing)
                and not wrapped_keyword(wrap, last_line, line, after_blank))


def add_keywords(front: FrontMatter, line: str, after_blank: bool, wrap: int | None,
                 last_line: str) -> bool:
    """Whether a line goes on the keywords read so far (and puts it there)."""
    if not keywords_go_on(front.keywords, line, after_blank, wrap, last_line):
        return False
    front.keywords = join_fragments(front.keywords, line)
    return True


def wrapped_keyword(wrap: int | None, last_line: str, line: str, after_blank: bool) -> bool:
    """A keyword cut by a hard wrap: the list's line ran to the wrap width
    and this line is the rest of its last word (…、無人 / 機交通管理)."""
    return wrap is not None and not after_blank and bool(last_line) \
        and display_width(last_line.strip()) >= FULL_LINE * wrap \
        and not PUNCT_RE.search(line) and display_width(line) < FULL_LINE * wrap \
        and not label_name(line) and not ABSTRACT_TITLE_RE.match("".join(line.split()))


def cut_word(value: str, line: str) -> bool:
    """Whether a value's end and a line's start are one word cut in two by a
    page's wrap (科 / 長, 陳怡 / 君)."""
    tail = re.split(r"[\s、，,；;]+", value)[-1]
    head = re.split(r"[\s、，,；;]+", line)[0]
    word = tail + head
    # A lone character starting the line is no name, rank or agency of its
    # own: the end of the word before it, whatever that looked like (陳怡 / 君).
    lone = len(head) == 1 and not is_whole_token(head)
    return bool(HAN_WORD_RE.match(tail) and head) and HAN_WORD_RE.match(word) is not None \
        and len(word) <= 8 and (lone or not is_whole_token(tail)) and is_whole_token(word)


def open_bracket(text: str) -> bool:
    """Whether the text's last bracket is still open: its line was cut inside it."""
    return max(text.rfind("("), text.rfind("（")) > max(text.rfind(")"), text.rfind("）"))


def ends_abstract(line: str, abstract: list[str], after_blank: bool) -> bool:
    """An abstract ends at a line that is no prose after a finished sentence
    (a cover, a form's heading that follows it)."""
    last = next((t for t in reversed(abstract) if t), "")
    if is_boilerplate(line):
        return True
    if not last:
        return False
    finished = after_blank or bool(SENTENCE_END_RE.search(last))
    return finished and not PUNCT_RE.search(line) and not SENTENCE_END_RE.search(line)


def label_abstract(front: FrontMatter, value: str) -> None:
    """Read an abstract's label (摘要：…): the abstract has one, and the text
    on the label's line opens a paragraph of it."""
    front.labelled = True
    if value:
        if front.abstract and front.abstract[-1]:  # a label starts a paragraph
            front.abstract.append("")
        front.abstract.append(value)


def abstract_goes_on(line: str, abstract: list[str], next_line: str, after_blank: bool,
                     indent: int, abstract_indent: int) -> bool:
    """Whether a line goes on the abstract read so far: no line that ends it,
    or a hard-wrapped paragraph's first line, which may hold no punctuation,
    or a paragraph's first line marked by its indent."""
    return not (ends_abstract(line, abstract, after_blank) and not (
        starts_prose(next_line) and opens_paragraph(line, next_line))
        and not indented_paragraph(indent, abstract_indent))


def indented_paragraph(indent: int, abstract_indent: int) -> bool:
    """Whether a line indented by `indent` opens a paragraph of an abstract
    whose paragraphs are marked by a first-line indent alone (no blank between
    them): it is indented as the abstract's first line was (`abstract_indent`),
    by a paragraph's indent (two ideographic spaces or so), not centred as a
    cover's line is."""
    return 0 < indent == abstract_indent <= PARAGRAPH_INDENT


def is_prose(text: str) -> bool:
    return len(text) >= 15 and ("。" in text or bool(re.search(r"[。.!?！？]$", text)))


def starts_prose(line: str) -> bool:
    """A sentence's punctuation: Chinese, or an English sentence's full stop
    (an English agency's comma is none)."""
    return bool(re.search(r"[。，；、！？]", line)) or (latin_share(line) > 0.5
                                                    and bool(re.search(r"\w\.$", line)))


# The piece a wrap cannot break that opens a line: a Latin word or number, a
# short bracketed mark (（註一）, (TFA)), with the marks that stick to it.
UNBROKEN_HEAD_RE = re.compile(r"^(?:[(（][^()（）]{1,8}[)）]|[A-Za-z0-9.,%\-]+)[，。、；：）」』]*")


def opens_paragraph(line: str, next_line: str) -> bool:
    """A hard-wrapped paragraph's first line, which may hold no punctuation:
    nearly as wide as the line after it (short by its indent, a ragged right
    edge, and the unbroken piece opening the next line that did not fit), no
    label, no sentence's or title's end."""
    head = UNBROKEN_HEAD_RE.match(next_line)
    fitted = display_width(line) + (display_width(head.group(0)) if head else 0)
    return not is_boilerplate(line) and not fields_of(line)[1] \
        and latin_share(line) <= 0.5 < 1 - latin_share(next_line) \
        and fitted >= 0.7 * display_width(next_line) >= 0.7 * 24 \
        and not re.search(r"[。！？：:」）)]$|報告$", line)


def unlabelled_abstract(front: FrontMatter) -> None:
    """Without a label, the prose paragraphs of the cover are its abstract."""
    if front.labelled or front.abstract:
        return
    blocks: list[list[int]] = [[]]
    for i, line in enumerate(front.cover):
        if line:
            blocks[-1].append(i)
        elif blocks[-1]:
            blocks.append([])
    taken: set[int] = set()
    for block in blocks:
        # The prose starts at the first line with a sentence's punctuation (the
        # cover's lines above it have none) and ends where the lines stop
        # being prose: a word processor gives no blank line between them.
        first = next((n for n, i in enumerate(block) if starts_prose(front.cover[i])), None)
        if first is None:
            continue
        if first and opens_paragraph(front.cover[block[first - 1]], front.cover[block[first]]):
            first -= 1
        run: list[int] = []
        for n in range(first, len(block)):
            line = front.cover[block[n]]
            after = front.cover[block[n + 1]] if n + 1 < len(block) else ""
            if run and ends_abstract(line, [front.cover[j] for j in run], False) and not (
                    starts_prose(after) and opens_paragraph(line, after)):
                break
            run.append(block[n])
        text = "".join(front.cover[i] for i in run)
        if is_prose(text) and not any(label_name(front.cover[i]) for i in run):
            if front.abstract:
                front.abstract.append("")
            front.abstract.extend(front.cover[i] for i in run)
            taken.update(run)
    if taken:
        front.cover = [line for i, line in enumerate(front.cover) if i not in taken]


def read_front_matter(lines: list[str], wrap: int | None = None,
                      indents: list[int] | None = None) -> FrontMatter:
    """Fields, cover lines, abstract and keywords of the lines before the body;
    `wrap`, the width a hard-wrapped text is wrapped at, if it is; `indents`,
    the columns each line was indented by, if known."""
    return FrontReader(wrap).read(lines, indents)


def find_toc(lines: list[str]) -> tuple[int, int] | None:
    """The span of the contents pages (first line, line after the last), if any."""
    from .contents import find_contents

    found = find_contents(lines)
    return (min(found.lines), max(found.lines) + 1) if found.lines else None
