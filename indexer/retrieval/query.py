"""The query language: words, "quoted phrases", AND, OR, NOT, -word and parentheses.

Words side by side form a *soft* group: a passage that has all of them ranks
above one that has some.  ``AND`` requires both sides, ``OR`` either, ``NOT``
(or a leading ``-``) excludes.  A word is a run of text without spaces, so a
Chinese term needs no quotes; quotes make a phrase of several words and turn
off partial matching.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


class QuerySyntaxError(ValueError):
    """A malformed query; ``hint`` says how to write it."""

    def __init__(self, message: str, hint: str):
        super().__init__(message)
        self.hint = hint


@dataclass(frozen=True)
class Term:
    text: str
    quoted: bool = False


@dataclass(frozen=True)
class Soft:
    children: tuple


@dataclass(frozen=True)
class All:
    children: tuple


@dataclass(frozen=True)
class Any:
    children: tuple


@dataclass(frozen=True)
class Exclude:
    child: object


Node = Term | Soft | All | Any | Exclude

OPERATORS = {"AND", "OR", "NOT"}
# Limits that keep a search's cost near-linear in its query (README: "Limits").
MAX_QUERY_CHARS = 500
MAX_TERMS = 32
MAX_DEPTH = 10
FIELD_SYNTAX_RE = re.compile(
    r"^-?(meeting|unit|topic|section|report|agency|type|since|until)[:：](.+)$", re.I)
WILDCARD_RE = re.compile(r"[*?？＊]")
WORD_CHAR_RE = re.compile(r"[^\W_]")
LEXER_RE = re.compile(r'\s*(?:(")|(\()|(\))|([^\s()"]+))')


def tokenize_query(text: str) -> list[tuple[str, str]]:
    """Lexical tokens: (kind, value) with kind in word, phrase, op, lparen, rparen."""
    tokens: list[tuple[str, str]] = []
    pos = 0
    while pos < len(text):
        m = LEXER_RE.match(text, pos)
        if not m or m.end() == pos:
            break
        if m.group(1):
            end = text.find('"', m.end())
            if end < 0:
                raise QuerySyntaxError("unclosed quote in the query",
                                       'close the phrase with a second ", e.g. "單一窗口 進展"')
            tokens.append(("phrase", text[m.end():end]))
            pos = end + 1
            continue
        if m.group(2):
            tokens.append(("lparen", "("))
        elif m.group(3):
            tokens.append(("rparen", ")"))
        elif m.group(4):
            word = m.group(4)
            tokens.append(("op", word) if word in OPERATORS else ("word", word))
        pos = m.end()
    return tokens


class _Parser:
    def __init__(self, tokens: list[tuple[str, str]]):
        self.tokens = tokens
        self.i = 0

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def take(self) -> tuple[str, str]:
        tok = self.tokens[self.i]
        self.i += 1
        return tok

    def parse(self) -> Node:
        node = self.any_()
        if self.peek() is not None:
            kind, value = self.peek()
            if kind == "rparen":
                raise QuerySyntaxError("unbalanced ')' in the query",
                                       "remove it or add the matching '('")
            raise QuerySyntaxError(f"unexpected {value!r} in the query",
                                   "join terms with AND, OR or NOT")
        return node

    def any_(self) -> Node:
        children = [self.all_()]
        while self.peek() == ("op", "OR"):
            self.take()
            children.append(self.all_("OR"))
        return children[0] if len(children) == 1 else Any(tuple(children))

    def all_(self, after: str | None = None) -> Node:
        children = [self.soft(after)]
        while self.peek() == ("op", "AND"):
            self.take()
            child = self.soft("AND")
            # AND NOT B (AND -B): B is excluded from what the terms before find.
            excludes = isinstance(child, Soft) and all(isinstance(c, Exclude)
                                                       for c in child.children)
            children.extend(child.children if excludes else (child,))
        return children[0] if len(children) == 1 else All(tuple(children))

    def soft(self, after: str | None) -> Node:
        children = []
        while True:
            tok = self.peek()
            if tok is None or tok[0] == "rparen" or tok in (("op", "AND"), ("op", "OR")):
                break
            children.append(self.unary())
        if not children:
            if after:
                raise QuerySyntaxError(f"{after} has nothing after it",
                                       f"put a term after {after}, e.g. AEO {after} MRA")
            tok = self.peek()
            if tok and tok[0] == "op":
                raise QuerySyntaxError(f"{tok[1]} has nothing before it",
                                       f"put a term before {tok[1]}, e.g. AEO {tok[1]} MRA")
            raise QuerySyntaxError("empty query", "type a word to search for, e.g. 單一窗口")
        if all(isinstance(c, Exclude) for c in children) and after != "AND":
            raise QuerySyntaxError("NOT needs something to search for",
                                   "add a term to find, e.g. AEO NOT MRA")
        return children[0] if len(children) == 1 else Soft(tuple(children))

    def unary(self) -> Node:
        kind, value = self.take()
        if kind == "op" and value == "NOT":
            if self.peek() is None or self.peek()[0] in ("rparen", "op"):
                raise QuerySyntaxError("NOT has nothing after it",
                                       "put the term to exclude after NOT, e.g. AEO NOT MRA")
            return Exclude(self.unary())
        if kind == "word" and value.startswith("-") and len(value) > 1:
            return Exclude(Term(value[1:]))
        if (kind, value) == ("word", "-") and self.peek() and self.peek()[0] in ("phrase",
                                                                                 "lparen"):
            return Exclude(self.unary())  # -"風險 管理", -(MRA OR FTA)
        if kind == "lparen":
            if self.peek() is None:
                raise QuerySyntaxError("unbalanced '(' in the query",
                                       "close it with ')' or remove it")
            if self.peek()[0] == "rparen":
                raise QuerySyntaxError("empty parentheses in the query",
                                       "put terms inside, e.g. (AEO OR MRA)")
            node = self.any_()
            if self.peek() is None or self.peek()[0] != "rparen":
                raise QuerySyntaxError("unbalanced '(' in the query",
                                       "close it with ')' or remove it")
            self.take()
            return node
        if kind == "rparen":
            raise QuerySyntaxError("unbalanced ')' in the query",
                                   "remove it or add the matching '('")
        if kind == "phrase":
            if not value.strip():
                raise QuerySyntaxError("empty phrase in the query",
                                       'put words between the quotes, e.g. "單一窗口"')
            return Term(value.strip(), quoted=True)
        return Term(value)


def parse_query(text: str) -> Node:
    """Parse a query string; raises QuerySyntaxError with a hint when it is malformed
    or beyond the limits that keep a search fast."""
    if len(text) > MAX_QUERY_CHARS:
        raise QuerySyntaxError(f"the query is {len(text):,} characters long, more than "
                               f"{MAX_QUERY_CHARS}", "search for its key words instead")
    tokens = tokenize_query(text)
    if not tokens:
        raise QuerySyntaxError("empty query", "type a word to search for, e.g. 單一窗口")
    check_tokens(tokens)
    node = _Parser(tokens).parse()
    if not any(WORD_CHAR_RE.search(t.text) for t in terms(node)):
        raise QuerySyntaxError("no searchable terms in the query (only punctuation)",
                               "type a word to search for, e.g. 單一窗口")
    if len(set(terms(node, excluded=True))) > MAX_TERMS:
        raise QuerySyntaxError(f"the query has more than {MAX_TERMS} different terms",
                               "search for its key words instead")
    return node


def check_tokens(tokens: list[tuple[str, str]]) -> None:
    """Refuse what this language does not have, rather than misread it."""
    depth = 0
    for kind, value in tokens:
        depth += {"lparen": 1, "rparen": -1}.get(kind, 0)
        if depth > MAX_DEPTH:
            raise QuerySyntaxError(f"parentheses nested more than {MAX_DEPTH} deep",
                                   "write the query with fewer levels")
        if kind != "word":
            continue
        field = FIELD_SYNTAX_RE.match(value)
        if field:
            name = field.group(1).lower()
            raise QuerySyntaxError(f"{value!r}: field syntax is not part of the query",
                                   f"use the option instead: --{name} {field.group(2)!r}")
        if WILDCARD_RE.search(value):
            raise QuerySyntaxError(f"{value!r}: wildcards are not supported",
                                   "type the word itself; a word already matches inside "
                                   "longer Chinese text")



def terms(node: Node, excluded: bool = False) -> list[Term]:
    """The terms a passage may match; those under NOT only if `excluded`."""
    if isinstance(node, Term):
        return [node]
    if isinstance(node, Exclude):
        return terms(node.child, excluded) if excluded else []
    return [t for child in node.children for t in terms(child, excluded)]


# terms() by a name that is not also one of the package's modules (indexer/terms.py).
query_terms = terms


def soft_groups(node: Node) -> list[Soft]:
    """The groups of words typed side by side, outside NOT (a group under NOT
    only excludes)."""
    if isinstance(node, Soft):
        return [node, *(g for child in node.children for g in soft_groups(child))]
    if isinstance(node, (All, Any)):
        return [g for child in node.children for g in soft_groups(child)]
    return []


def literal(node: Node) -> Node:
    """The query with every term as if quoted: found as typed, nothing else."""
    if isinstance(node, Term):
        return Term(node.text, quoted=True)
    if isinstance(node, Exclude):
        return Exclude(literal(node.child))
    return type(node)(tuple(literal(c) for c in node.children))
