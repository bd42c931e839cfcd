"""Options that several commands share."""

from __future__ import annotations

import click

TABULAR = click.Choice(["table", "json", "csv", "markdown"])


def report_filters(command):
    """The options that narrow to some reports, shared by `search` and `reports`."""
    options = [
        click.option("--report", "-r", "reports", multiple=True,
                     help="Only this report (its key, as `rsearch reports` lists); repeatable."),
        click.option("--agency", "-a", help="Only reports of this agency (any part of its "
                                             "name, e.g. 關務署)."),
        click.option("--since", help="Only reports dated on or after this: 民國 or AD, a year, "
                                     "month or day (110, 2021-07, 110/7/1, 113.8.3, "
                                     "民國113年8月3日)."),
        click.option("--until", help="Only reports dated on or before this (same forms)."),
        click.option("--type", "trip_type", help="Only trips of this kind: 開會, 考察, 研習, "
                                                 "進修, 實習, 研究 or 其他."),
    ]
    for option in reversed(options):
        command = option(command)
    return command
