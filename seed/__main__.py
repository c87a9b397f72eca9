"""Command line: `python -m seed [--database-url URL] [--reset] [--scale N] [--seed N]`."""

from __future__ import annotations

import argparse
import sys
import time
from datetime import date

from data_access.db import DatabaseUnavailable, check_connection, database_url, drop_schema, make_engine, safe_url
from seed import initialise_empty, seed_database
from seed.anchors import DEFAULT_SEED
from seed.generator import CalibrationError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m seed", description=__doc__)
    parser.add_argument("--database-url", default=None, help="default: $DATABASE_URL or data/qsmo.db")
    parser.add_argument("--reset", action="store_true", help="drop every table first (destroys data)")
    parser.add_argument("--scale", type=int, default=1,
                        help="multiply the monthly measurement rows (reporting units per customer)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--empty", action="store_true",
                        help="create the schema with only the five marketplaces, for your own data (no demo data)")
    parser.add_argument("--as-of", type=date.fromisoformat, default=None,
                        help="with --empty: the data-as-of date to record (YYYY-MM-DD; default: today)")
    args = parser.parse_args(argv)
    if args.scale < 1:
        parser.error("--scale must be a whole number >= 1")
    url = args.database_url or database_url()
    try:
        engine = make_engine(url)
        check_connection(engine)
        if args.empty:
            if args.reset:
                drop_schema(engine)
            made = initialise_empty(engine, args.as_of or date.today())
            print("Created an empty database for imports." if made else "The database already holds data; nothing changed.")
            return 0
        started = time.perf_counter()
        counts = seed_database(engine, seed=args.seed, scale=args.scale, reset=args.reset, progress=True)
    except DatabaseUnavailable as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except CalibrationError as exc:  # raised before any demo row is inserted
        print(f"error: seed {args.seed} cannot be calibrated ({exc}); try another --seed", file=sys.stderr)
        return 1
    if counts is None:
        print(f"{safe_url(url)} already holds data; nothing changed (use --reset to regenerate).")
        return 0
    total = sum(counts.values())
    print(f"Seeded {safe_url(url)} with {total:,} rows in {time.perf_counter() - started:.1f} s:")
    for table, n in counts.items():
        print(f"  {table:20} {n:>10,}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
