"""How errors reach the terminal: the library's as one-line Click errors, Click's
usage errors in one line with a pointer to --help."""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager

import click

from ..indexer import (
    CorruptIndex,
    EngineUnavailable,
    GlossaryError,
    IncompatibleIndex,
    IndexBusy,
    NoIndex,
    QuerySyntaxError,
    SearchIndexError,
    UnknownEngine,
    UnknownFilter,
    UnknownPassage,
    WorkerFailed,
    WouldDrop,
)


def fail(error: SearchIndexError) -> click.ClickException:
    hint = f"; {error.hint}" if error.hint else ""
    return click.ClickException(f"{error}{hint}")


@contextmanager
def library_errors():
    """Library errors become one-line Click errors: usage ones exit 2, the rest 1."""
    try:
        yield
    except QuerySyntaxError as e:
        raise click.UsageError(f"{e}; {e.hint}") from None
    except (NoIndex, IncompatibleIndex, CorruptIndex, IndexBusy, UnknownPassage,
            GlossaryError, WorkerFailed, EngineUnavailable, UnknownEngine, WouldDrop) as e:
        raise fail(e) from None
    except BrokenPipeError:
        raise  # the reader went away (`| head`): not an error to report
    except OSError as e:
        where = f" {e.filename}" if e.filename else ""
        raise click.ClickException(
            f"cannot use{where}: {e.strerror or e}; check the path and its permissions"
        ) from None


FILTER_OPTIONS = {"date": "--since/--until"}


def unknown_filter(error: UnknownFilter) -> click.BadParameter:
    option = FILTER_OPTIONS.get(error.option, f"--{error.option}")
    return click.BadParameter(f"{error}; {error.hint}", param_hint=option)


class OneLineErrors(click.Group):
    """Usage errors in one line with a pointer to --help, not Click's usage block."""

    def main(self, *args, standalone_mode: bool = True, **kwargs):
        if not standalone_mode:
            return super().main(*args, standalone_mode=False, **kwargs)
        try:
            return super().main(*args, standalone_mode=False, **kwargs)
        except click.UsageError as e:
            where = e.ctx.command_path if e.ctx else "rsearch"
            click.echo(f"Error: {e.format_message()} (see '{where} --help')", err=True)
            sys.exit(e.exit_code)
        except click.ClickException as e:
            e.show()
            sys.exit(e.exit_code)
        except BrokenPipeError:
            # The reader stopped reading (`rsearch reports | head`): stop quietly,
            # and keep Python from failing again on flushing stdout at exit.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(1)
        except click.exceptions.Exit as e:
            sys.exit(e.exit_code)
        except click.Abort:
            click.echo("Aborted.", err=True)
            sys.exit(130)
