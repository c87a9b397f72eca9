"""Command line: `python -m data_access.importer FILE [--dry-run] [--as-of YYYY-MM-DD] [--by NAME]`.

Exit codes: 0 imported (or nothing to change), 1 the file has problems (all listed), 2 the database or
file could not be used. Nothing is written unless the whole file is valid.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from data_access.db import DatabaseUnavailable, check_connection, database_url, make_engine, safe_url
from data_access.importer import ImportFailed, commit_import, plan_import


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m data_access.importer", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("file", type=Path, help="a .csv (one dataset) or .xlsx (one sheet per dataset)")
    parser.add_argument("--dry-run", action="store_true", help="validate and show the changes; write nothing")
    parser.add_argument("--database-url", default=None, help="default: $DATABASE_URL or data/qsmo.db")
    parser.add_argument("--as-of", type=date.fromisoformat, default=None, help="data-as-of date to record")
    parser.add_argument("--by", default="", help="who is importing (recorded in the import log)")
    args = parser.parse_args(argv)
    try:
        data = args.file.read_bytes()
    except OSError as exc:
        print(f"error: cannot read {args.file}: {exc.strerror}", file=sys.stderr)
        return 2
    url = args.database_url or database_url()
    try:
        engine = make_engine(url)
        check_connection(engine)
        plan = plan_import(engine, data, args.file.name)
    except DatabaseUnavailable as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if not plan.ok:
        print(f"{args.file.name}: {len(plan.problems)} problem(s); nothing was written.", file=sys.stderr)
        print(plan.problem_frame().to_string(index=False), file=sys.stderr)
        return 1
    print(plan.summary().to_string(index=False))
    if args.dry_run:
        print("Dry run: nothing was written.")
        return 0
    try:
        result = commit_import(engine, plan, as_of=args.as_of, imported_by=args.by)
    except ImportFailed as exc:
        print(f"error: {exc}; nothing was written. Check that {safe_url(url)} is writable by this user.",
              file=sys.stderr)
        return 2
    if result.log_id is None:
        print("Nothing to change: every row is already stored.")
    else:
        print(f"Imported into {safe_url(url)}: {result.added} added, {result.updated} updated, "
              f"{result.unchanged} unchanged (import #{result.log_id}).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
