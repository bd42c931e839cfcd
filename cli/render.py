"""Rendering library results as table, JSON, CSV or Markdown: the one output path."""

from __future__ import annotations

import io
import json
import os
import sys
from collections.abc import Iterable
from contextlib import ExitStack, suppress
from dataclasses import asdict
from types import ModuleType

import click

from ..indexer import Hit, PassageRecord, best_fragment, standing_in
from . import widths

HIT_FIELDS = ["id", "rank", "score", "text", "report", "section", "meeting", "topics",
              "citation", "match"]
SNIPPET_WIDTH = 40  # characters of a snippet in piped output
SECTION_COLUMNS = 24  # display columns of the section on a narrow terminal
COMPACT_BELOW = 100  # terminal columns under which each hit is a block of lines


def use_color(stream=None) -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set."""
    stream = stream or sys.stdout
    return not os.environ.get("NO_COLOR") and hasattr(stream, "isatty") and stream.isatty()


def mark(text: str, spans: list[tuple[int, int]], color: bool) -> str:
    out, last = [], 0
    for start, end in spans:
        out.append(text[last:start])
        matched = text[start:end]
        out.append(click.style(matched, fg="red", bold=True) if color else f"[{matched}]")
        last = end
    out.append(text[last:])
    return "".join(out)


def snippet(hit: Hit, color: bool, width: int = SNIPPET_WIDTH) -> str:
    fragment, spans = best_fragment(hit.text, hit.highlights, width)
    return mark(fragment, spans, color)


def to_json(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)


def cell(value, separator: str) -> str | int | float:
    if isinstance(value, list):
        return separator.join(str(v) for v in value)
    return "" if value is None else value


def to_csv(rows: list[dict], columns: list[str]) -> str:
    import csv  # as tabulate for tables: imported by the format that uses it

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows([cell(row[c], "; ") for c in columns] for row in rows)
    return buffer.getvalue().rstrip("\n")


def to_table(rows: list[dict], columns: list[str], fmt: str = "simple") -> str:
    body = [[cell(r[c], ", ") for c in columns] for r in rows]
    return import_tabulate()(body, headers=columns, tablefmt=fmt, disable_numparse=True)


def import_tabulate():
    """tabulate's table function, imported without importlib.metadata and
    without the wcwidth package.

    tabulate asks importlib.metadata for its own version as it is imported,
    which costs 10-15 ms of every search that prints a table on this
    machine (each is a new process; more where many packages are
    installed), and nothing reads that version. While tabulate is first
    imported, importlib.metadata is a stand-in that finds no package (so
    tabulate's __version__ is "unknown"), and wcwidth one that holds the
    package's wcswidth alone, all tabulate uses of it (widths.py); both are
    removed straight after, so any other import gets the real module."""
    if "tabulate" not in sys.modules:
        with ExitStack() as stand_ins:
            if "importlib.metadata" not in sys.modules:
                stand_ins.enter_context(standing_in("importlib.metadata", no_metadata()))
            with suppress(ImportError):  # no wcwidth: tabulate's narrow widths, as before
                alone = None if "wcwidth" in sys.modules else widths.widths_module()
                if "wcwidth" not in sys.modules:  # the stand-in, not the package itself
                    stand_ins.enter_context(standing_in("wcwidth", alone))
            import tabulate  # noqa: F401
    from tabulate import tabulate

    return tabulate


def no_metadata() -> ModuleType:
    """importlib.metadata as tabulate asks it: no package is found."""
    stand_in = ModuleType("importlib.metadata")

    class PackageNotFoundError(ModuleNotFoundError):
        pass

    def version(name: str) -> str:
        raise PackageNotFoundError(name)

    stand_in.PackageNotFoundError, stand_in.version = PackageNotFoundError, version
    return stand_in


def stream_rows(rows: Iterable[dict], columns: list[str], fmt: str,
                optional: tuple[str, ...] = ()) -> int:
    """Listings in any format, json and csv written as rows come, STREAM_ROWS
    at a time (the same text emit_rows writes); how many rows there were. A
    table or markdown (written whole) leaves out the `optional` columns that
    no row fills."""
    if fmt not in ("json", "csv"):
        rows = list(rows)
        emit_rows(rows, [c for c in columns
                         if c not in optional or any(row.get(c) for row in rows)], fmt)
        return len(rows)
    count, pending = 0, []
    for row in rows:
        if fmt == "csv":
            text = to_csv([row], columns)  # the header line, then the row's
            pending.append(text.split("\n", 1)[1] if count else text)
        else:
            pending.append(("[\n" if not count else ",\n") + "\n".join(
                "  " + line for line in to_json(row).split("\n")))
        count += 1
        if len(pending) == STREAM_ROWS:
            click.echo(("\n" if fmt == "csv" else "").join(pending), nl=fmt == "csv")
            pending = []
    if pending:
        click.echo(("\n" if fmt == "csv" else "").join(pending), nl=fmt == "csv")
    if fmt == "json":
        click.echo("\n]" if count else "[]")
    elif not count:
        click.echo(to_csv([], columns))
    return count


STREAM_ROWS = 100  # rows of a streamed listing written at a time (each write is flushed)
BAR_WIDTH = 40  # display columns of the longest bar of an overview
NO_BUCKET = "(none)"  # an overview's bucket of passages without one (undated, no meeting)


def emit_overview(buckets: list[dict], by: str, fmt: str) -> None:
    """Counts per bucket: a table with a bar per row (the passages; coloured
    on a terminal), or rows to plot elsewhere."""
    rows = [{by: b["bucket"], "passages": b["passages"], "reports": b["reports"]}
            for b in buckets]
    if fmt != "table":
        emit_rows(rows, [by, "passages", "reports"], fmt)
        return
    most, color = max((b["passages"] for b in buckets), default=0), use_color()
    for row in rows:
        length = round(BAR_WIDTH * row["passages"] / most) if most else 0
        bar = "#" * max(length, 1 if row["passages"] else 0)
        row["bar"] = click.style(bar, fg="cyan") if color else bar
        row[by] = row[by] or NO_BUCKET
    emit_rows(rows, [by, "passages", "reports", "bar"], fmt)


def emit_rows(rows: list[dict], columns: list[str], fmt: str) -> None:
    """Listings (meetings, topics, reports) in any format."""
    if fmt == "json":
        click.echo(to_json(rows))
    elif fmt == "csv":
        click.echo(to_csv(rows, columns))
    elif fmt == "markdown":
        click.echo(to_table(rows, columns, "github"))
    elif rows:
        click.echo(to_table(rows, columns))


def hit_dict(hit: Hit) -> dict:
    data = asdict(hit)
    data.pop("highlights")
    return {**{k: data.pop(k) for k in HIT_FIELDS}, **data}


def quote_block(text: str, citation: str) -> str:
    """A passage for pasting into a memo: a Markdown blockquote, then its citation."""
    quoted = "\n".join(f"> {line}" if line else ">" for line in text.splitlines())
    return f"{quoted}\n\n— {citation}"


def context_block(record: PassageRecord) -> str:
    return f"*Context ({record.id}):*\n\n" + "\n".join(
        f"> {line}" if line else ">" for line in record.text.splitlines())


def match_note(hit: Hit) -> str:
    return "" if hit.match == "exact" else hit.match


def emit_hits(hits: list[Hit], fmt: str) -> None:
    if fmt == "json":
        click.echo(to_json([hit_dict(h) for h in hits]))
    elif fmt == "csv":
        click.echo(to_csv([hit_dict(h) for h in hits], HIT_FIELDS))
    elif fmt == "markdown":
        click.echo("\n\n".join(
            quote_block(h.text, f"{h.citation} [{h.id}"
                                f"{'; ' + h.match + ' match' if match_note(h) else ''}]")
            for h in hits))
    else:
        click.echo(hits_table(hits, use_color(), terminal_width()))


def counted(n: int, noun: str) -> str:
    """1 report, 1,234 passages."""
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


def totals_line(totals) -> str:
    """What --count prints in a table: 37 passages in 1 report (a range where
    the totals are one: 35,459-42,820 passages in 2,000 reports)."""
    most = totals.at_most or (totals.passages, totals.reports)
    return (f"{between(totals.passages, most[0], 'passage')} in "
            f"{between(totals.reports, most[1], 'report')}")


def between(least: int, most: int, noun: str) -> str:
    """1 report, 1,234 passages; 1,234-1,300 passages."""
    if least == most:
        return counted(least, noun)
    return f"{least:,}-{most:,} {noun}s"


# After a range of totals: how to have the number.
EXACT_HINT = " (--count counts them exactly)"


def hits_footer(shown: int, offset: int, totals) -> str:
    """The line after a table of hits: which of how many they are (10 of 1,234
    passages in 87 reports; 11-20 of … past the first page)."""
    if not offset:
        which = f"{shown:,}"
    elif shown == 1:
        which = f"{offset + 1:,}"
    else:
        which = f"{offset + 1:,}-{offset + shown:,}"
    return f"{which} of {totals_line(totals)}{'' if totals.exact else EXACT_HINT}"


def no_hits(query: str, offset: int, totals) -> str:
    """Why a search listed nothing: no match, or a page past the last."""
    most = totals.at_most[0] if totals.at_most else totals.passages
    if offset and most:
        many = between(totals.passages, most, "passage").rsplit(" ", 1)[0]
        hint = "" if totals.exact else EXACT_HINT
        return f"No passages past {offset:,}: {many} match {query!r}{hint}."
    return f"No passages match {query!r}."


def emit_totals(totals, fmt: str) -> None:
    """--count: the totals alone, in the format asked."""
    row = {"passages": totals.passages, "reports": totals.reports}
    if fmt == "json":
        click.echo(to_json(row))
    elif fmt == "csv":
        click.echo(to_csv([row], list(row)))
    else:
        click.echo(totals_line(totals))


def terminal_width() -> int | None:
    """Columns of the terminal the table goes to; None when piped (no fitting)."""
    if not (hasattr(sys.stdout, "isatty") and sys.stdout.isatty()):
        return None
    import shutil

    return shutil.get_terminal_size().columns


def hits_table(hits: list[Hit], color: bool, width: int | None) -> str:
    """Hits as a table; on a terminal, fitted to its width (a block per hit when narrow)."""
    if width is not None and width < COMPACT_BELOW:
        return "\n\n".join(hit_block(h, color, width) for h in hits)
    columns = ["rank", "id", "match", "meeting", "section", "snippet"]
    if not any(match_note(h) for h in hits):
        columns.remove("match")
    rows = [{"rank": h.rank, "id": h.id, "match": match_note(h), "meeting": h.meeting or "",
             "section": h.section, "snippet": ""} for h in hits]
    if width is None:
        for row, hit in zip(rows, hits, strict=True):
            row["snippet"] = snippet(hit, color)
        return to_table(rows, columns)
    for row in rows:
        row["section"] = clip(row["section"], SECTION_COLUMNS)
    used = display_width(to_table(rows, columns).splitlines()[0]) + 2
    for row, hit in zip(rows, hits, strict=True):
        row["snippet"] = fitted_snippet(hit, color, width - used)
    return to_table(rows, columns)


def fitted_snippet(hit: Hit, color: bool, columns: int) -> str:
    """The longest snippet, brackets included, that fits in `columns` display columns."""
    for chars in range(max(columns // 2, 4), 3, -1):
        fragment, spans = best_fragment(hit.text, hit.highlights, chars)
        if display_width(mark(fragment, spans, False)) <= columns:
            return mark(fragment, spans, color)
    return clip(hit.text, columns)


def hit_block(hit: Hit, color: bool, width: int) -> str:
    """One hit in lines no wider than the terminal: rank, id and match; section; snippet."""
    head = " ".join(part for part in (f"{hit.rank}.", hit.id, match_note(hit)) if part)
    lines = [head, "   " + clip(hit.section or "-", width - 3)]
    lines.append("   " + fitted_snippet(hit, color, width - 3))
    return "\n".join(lines)


def display_width(text: str) -> int:
    return max(widths.wcswidth(text), len(text))


def clip(text: str, columns: int) -> str:
    """Text cut to a number of display columns, with … where it was cut."""
    if display_width(text) <= columns:
        return text
    out = ""
    for char in text:
        if display_width(out + char + "…") > columns:
            break
        out += char
    return out + "…"


def record_dict(record: PassageRecord) -> dict:
    return asdict(record)


def emit_passage(record: PassageRecord, before: list[PassageRecord],
                 after: list[PassageRecord], fmt: str) -> None:
    if fmt == "json":
        data = record_dict(record)
        data["context"] = {"before": [record_dict(r) for r in before],
                           "after": [record_dict(r) for r in after]}
        click.echo(to_json(data))
        return
    annexes = [a for a in record.annexes if a["title"]]
    if fmt == "markdown":
        parts = [context_block(r) for r in before]
        parts.append(quote_block(record.text, record.citation))
        parts += [context_block(r) for r in after]
        if annexes:
            parts.append("Annexes cited:\n\n" + "\n".join(
                f"- {a['label']}: {a['title']}" for a in annexes))
        click.echo("\n\n".join(parts))
        return
    header = [
        f"id:        {record.id}",
        f"section:   {record.section}",
        f"meeting:   {record.meeting or '-'}",
        f"topics:    {', '.join(record.topics) or '-'}",
        f"citation:  {record.citation}",
    ]
    header += [f"annex:     {a['label']}: {a['title']}" for a in annexes]
    blocks = ["\n".join(header)]
    blocks += [f"[context before: {r.id}]\n{r.text}" for r in before]
    blocks.append(f"[{record.id}]\n{record.text}")
    blocks += [f"[context after: {r.id}]\n{r.text}" for r in after]
    click.echo("\n\n".join(blocks))


def emit_citations(records: list[PassageRecord], fmt: str) -> None:
    if fmt == "json":
        click.echo(to_json([{"id": r.id, "text": r.text, "citation": r.citation}
                            for r in records]))
    elif fmt == "plain":
        click.echo("\n\n".join(f"「{r.text}」\n{r.citation}" for r in records))
    else:
        click.echo("\n\n".join(quote_block(r.text, r.citation) for r in records))
