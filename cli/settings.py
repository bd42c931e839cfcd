"""The settings every command shares (the index folder or the engine), and the
engine opened from them for a command."""

from __future__ import annotations

import gc
from contextlib import contextmanager
from pathlib import Path

import click

from ..indexer import NoIndex, UnknownFilter, open_engine
from .errors import library_errors, unknown_filter
from .indexing import run_index


class Settings:
    def __init__(self, index_dir: Path, explicit: bool, engine: str | None = None,
                 allow_partial: bool = False):
        self.index_dir = index_dir
        self.explicit = explicit or bool(engine)
        self.engine_url, self.allow_partial = engine, allow_partial

    def engine(self):
        """The engine every command talks to: the index folder, or a cluster."""
        with library_errors():
            return open_engine(self.engine_url, self.index_dir, allow_partial=self.allow_partial,
                               warn=lambda message: click.echo(message, err=True))


def default_index_dir() -> Path:
    from ..indexer import imported

    return Path(imported("platformdirs").user_data_dir("rsearch", appauthor=False)) / "index"


def open_index(settings: Settings):
    """Open the engine; the per-user default is built from the bundled report on first use."""
    engine = settings.engine()
    with library_errors():
        try:
            engine.open()
            return engine
        except NoIndex:
            if settings.explicit:
                raise
        click.echo(f"No index yet: indexing the bundled sample report into "
                   f"{engine.where} ...", err=True)
        run_index(engine, (), rebuild=False)
        engine.open()
        return engine


@contextmanager
def opened_index(settings: Settings):
    """The engine opened for a command, and closed after: its errors as
    library_errors() gives them, a filter naming nothing as a bad option."""
    with never_walked():
        ix = open_index(settings)
        with ix, library_errors():
            try:
                yield ix
            except UnknownFilter as e:
                raise unknown_filter(e) from None


@contextmanager
def never_walked():
    """The cycle collector paused over a command that reads the index (a new
    process each, which exits when it is done), and what it made frozen
    after: a search pauses the collector, and on its resuming the first pass
    walked every object the search left (16 ms of a search at 100,000
    reports), and the pass as the process exits walked them again (15 ms).
    The collector then as it was."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()
