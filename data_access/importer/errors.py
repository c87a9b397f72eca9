"""The importer's two exceptions: a plan that may not be written, and a database that refused the write."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from data_access.importer.reader import Problem


class ImportRejected(ValueError):
    """The plan has problems (or its data-as-of date or author do not fit it); nothing was written.

    `problems` lists them when there are row-level ones (reader.Problem values)."""

    def __init__(self, message: str, problems: Sequence[Problem] = ()) -> None:
        super().__init__(message)
        self.problems = list(problems)


class ImportFailed(RuntimeError):
    """The database could not be read or refused the write (e.g. a read-only role); nothing was written."""
