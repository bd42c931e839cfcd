"""A line that names who spoke, chaired or taught: `講師：<name>`,
`主持人／與談人：<names>`, `Speaker: <name>`, `Moderators: <names>`.

Such a line is a line of its own wherever it stands (a paragraph, in every
format and paragraph convention): the text under it is what was said, not
more of the name. A role word and a colon followed by speech (`主席：請各位
代表發言。`) is a sentence of the minutes, not a label: a name holds no
sentence or clause punctuation and does not end a sentence.
"""

from __future__ import annotations

import re

ZH_ROLES = (r"共同主持人|主持人|主講人|主講者|與談人|引言人|評論人|報告人|發表人|演講人|演講者|"
            r"講者|講師|助教|主席|致詞人|致詞貴賓|口譯|翻譯")
EN_ROLES = (r"keynote\s+speakers?|guest\s+speakers?|speakers?|moderators?|co-?chairs?|"
            r"chair(?:person|man|woman)?s?|panell?ists?|presenters?|lecturers?|instructors?|"
            r"trainers?|discussants?|facilitators?|rapporteurs?|interpreters?")
ROLE = rf"(?:{ZH_ROLES}|{EN_ROLES})"
ROLE_LINE_RE = re.compile(
    rf"^\s*{ROLE}(?:\s*[/／、及與和&]\s*{ROLE}|\s+and\s+{ROLE})*\s*[：:]\s*(?P<name>\S.*)$",
    re.I)
# A name (or names) holds none of these: they make the line a sentence.
SENTENCE_RE = re.compile(r"[，。！？；;]|[.!?]$")
# English names are capitalised: words in lower case, outside brackets, make
# a sentence ("Mr. Ortiz, who then explained the new rules"), but for a
# joining word or a particle of a name.
LOWER_WORD_RE = re.compile(r"(?<![A-Za-z])(?!(?:and|van|von|der|den|del|bin|binti|de|la|du)\b)"
                           r"[a-z]{2,}")
BRACKETS_RE = re.compile(r"[(（][^()（）]*[)）]")
NAME_END_RE = re.compile(r"[、,：:]$")
MAX_NAME = 80


def is_role_line(text: str) -> bool:
    """Whether a line is a role's label and the names it gives."""
    m = ROLE_LINE_RE.match(text)
    if m is None:
        return False
    name = m.group("name").strip()
    return len(name) <= MAX_NAME and not SENTENCE_RE.search(name) \
        and not NAME_END_RE.search(name) and not LOWER_WORD_RE.search(BRACKETS_RE.sub("", name))
