"""Command line: `python -m data_access.importer FILE [--dry-run] [--as-of YYYY-MM-DD] [--by NAME]`.

Exit codes: 0 imported (or nothing to change), 1 the file has problems (all listed), 2 the database, the file
or an option could not be used. Nothing is written unless the whole file is valid. Values from the file are
printed with control and invisible characters escaped (e.g. \\x1b), never raw.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from data_access.db import DatabaseUnavailable, check_connection, database_url, make_engine, safe_url
from data_access.importer import ImportFailed, ImportRejected, commit_import, plan_import
from data_access.importer.apply import MAX_IMPORTED_BY
from data_access.importer.cells import printable, text_problem
from data_access.ranges import EARLIEST_DAY, LATEST_DAY, day_supported


def _error(message: str) -> int:
    print(f"error: {printable(message)}", file=sys.stderr)
    return 2


def _run(argv: list[str] | None) -> int:
    parser = argparse.ArgumentParser(prog="python -m data_access.importer", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("file", type=Path, help="a .csv (one dataset) or .xlsx (one sheet per dataset)")
    parser.add_argument("--dry-run", action="store_true", help="validate and show the changes; write nothing")
    parser.add_argument("--database-url", default=None, help="default: $DATABASE_URL or data/qsmo.db")
    parser.add_argument("--as-of", type=date.fromisoformat, default=None,
                        help="data-as-of date to check the file against and record (default: the stored one)")
    parser.add_argument("--by", default="", help="who is importing (recorded in the import log)")
    args = parser.parse_args(argv)
    name = printable(args.file.name)
    if args.as_of is not None and not day_supported(args.as_of):
        return _error(f"--as-of {args.as_of} is outside the dates the dashboard shows "
                      f"({EARLIEST_DAY:%d %b %Y} to {LATEST_DAY:%d %b %Y})")
    by_problem = text_problem(args.by) if args.by else None
    if by_problem or len(args.by) > MAX_IMPORTED_BY:
        return _error(f"--by '{args.by[:60]}' {by_problem or f'is longer than {MAX_IMPORTED_BY} characters'}")
    try:
        data = args.file.read_bytes()
    except OSError as exc:
        return _error(f"cannot read {args.file}: {exc.strerror}")
    url = args.database_url or database_url()
    try:
        engine = make_engine(url)
        check_connection(engine)
        plan = plan_import(engine, data, args.file.name, as_of=args.as_of)
    except (DatabaseUnavailable, ImportFailed) as exc:
        return _error(str(exc))
    if not plan.ok:
        print(f"{name}: {len(plan.problems)} problem(s); nothing was written.", file=sys.stderr)
        print(plan.problem_frame().map(lambda v: printable(v) if isinstance(v, str) else v).to_string(index=False),
              file=sys.stderr)
        return 1
    print(plan.summary().to_string(index=False))
    if args.dry_run:
        print(f"Dry run (checked as of {plan.as_of}): nothing was written.")
        return 0
    try:
        result = commit_import(engine, plan, as_of=args.as_of, imported_by=args.by)
    except ImportRejected as exc:
        print(f"{name}: {printable(str(exc))}", file=sys.stderr)
        return 1
    except ImportFailed as exc:
        return _error(f"{exc}; nothing was written. Check that {safe_url(url)} is writable by this user.")
    if result.log_id is None:
        print("Nothing to change: every row is already stored.")
    else:
        print(f"Imported {name} into {printable(safe_url(url))} as of {plan.as_of}: "
              f"{result.added} added, {result.updated} updated, {result.unchanged} unchanged (import #{result.log_id}).")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit code. Never shows a traceback."""
    try:
        return _run(argv)
    except SystemExit as exc:  # argparse: --help, or a bad option (it has printed why)
        return exc.code if isinstance(exc.code, int) else 2
    except KeyboardInterrupt:
        return _error("interrupted; nothing was written")
    except Exception as exc:  # one line instead of a traceback; the transaction was rolled back
        lines = str(exc).strip().splitlines()
        return _error(f"the import stopped unexpectedly ({type(exc).__name__}{': ' + lines[0][:200] if lines else ''}); "
                      f"nothing was written")


if __name__ == "__main__":
    sys.exit(main())
