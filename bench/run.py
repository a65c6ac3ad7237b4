"""`make bench`: load a million enquiries and 100,000 complaints into PostgreSQL, then time
the casework and complaint pages and the reminder sweep on them. Run by hand, not in CI.

    DJANGO_SETTINGS_MODULE=config.settings.local \\
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/casework_bench python -m bench.run

The database must be PostgreSQL and its name must contain "bench": the run creates it if
missing, migrates it, seeds the demo council, bulk-loads enquiries up to --enquiries and
complaints up to --complaints (a re-run loads only what is missing), and for the sweep
deletes its own earlier reminders.

Pages are timed in-process with Django's test client (server time: middleware, views,
queries and templates, no network), with DEBUG off as in production. Defaults set here
unless already in the environment: DJANGO_DEBUG=false, EMAIL_BACKEND=dummy,
DJANGO_ALLOWED_HOSTS gains "testserver", CASEWORK_VAR_DIR=var/bench (so the Celery file
broker's queue, if REDIS_URL is unset, is the bench's own and no worker consumes it).
If you set REDIS_URL, give the bench a Redis database of its own (e.g. /14): the sweep
purges the Celery queue it filled there."""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/casework_bench"
ROOT = Path(__file__).resolve().parent.parent


def arguments(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--enquiries", type=int, default=1_000_000,
                        help="enquiries to have in the database (default 1,000,000)")
    parser.add_argument("--complaints", type=int, default=100_000,
                        help="complaints to have in the database (default 100,000)")
    parser.add_argument("--runs", type=int, default=30, help="timed runs a page (default 30)")
    parser.add_argument("--warmup", type=int, default=3, help="untimed runs first (default 3)")
    parser.add_argument("--due", type=int, default=10_000,
                        help="reminders due for the sweep (default 10,000)")
    parser.add_argument("--events", choices=["all", "sample"], default="all",
                        help="timelines for every enquiry, or only the councillor's and one "
                             "in ten (default all)")
    parser.add_argument("--skip-sweep", action="store_true", help="pages only")
    parser.add_argument("--skip-pages", action="store_true", help="sweep only")
    parser.add_argument("--plans", action="store_true",
                        help="print each query's full EXPLAIN (ANALYZE) tree")
    return parser.parse_args(argv)


def environment() -> None:
    """Settings for the bench, before Django reads them."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    os.environ.setdefault("DATABASE_URL", DEFAULT_DATABASE_URL)
    os.environ.setdefault("DJANGO_DEBUG", "false")
    os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.dummy.EmailBackend")
    os.environ.setdefault("CASEWORK_VAR_DIR", str(ROOT / "var" / "bench"))
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    hosts = [h.strip() for h in os.environ.get("DJANGO_ALLOWED_HOSTS",
                                               "localhost,127.0.0.1").split(",") if h.strip()]
    if "testserver" not in hosts:
        os.environ["DJANGO_ALLOWED_HOSTS"] = ",".join([*hosts, "testserver"])


def ensure_database() -> str:
    """Refuse anything but a PostgreSQL bench database; create it if it is missing."""
    import dj_database_url
    import psycopg
    from psycopg import sql

    config = dj_database_url.parse(os.environ["DATABASE_URL"])
    if config["ENGINE"] != "django.db.backends.postgresql":
        sys.exit("bench: DATABASE_URL must name a PostgreSQL database (e.g. "
                 f"{DEFAULT_DATABASE_URL}); the bench measures PostgreSQL's plans and "
                 "bulk-loads with PostgreSQL SQL, so SQLite is refused.")
    name = config["NAME"]
    if "bench" not in name:
        sys.exit(f"bench: refusing database {name!r}: the bench bulk-loads and deletes "
                 "reminders, so its database's name must contain 'bench' "
                 "(default casework_bench).")
    connect = {"host": config["HOST"] or None, "port": config["PORT"] or None,
               "user": config["USER"] or None, "password": config["PASSWORD"] or None}
    with psycopg.connect(dbname="postgres", autocommit=True,
                         **{k: v for k, v in connect.items() if v}) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            print(f"Created database {name}.")
    return name


def prepare(args: argparse.Namespace) -> None:
    """Migrate, seed the demo council, static files for DEBUG off, then the bulk load."""
    import io

    from django.conf import settings
    from django.core.management import call_command

    from bench import load, load_complaints

    started = time.monotonic()
    call_command("migrate", interactive=False, verbosity=0)
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    print(out.getvalue().splitlines()[0] if out.getvalue() else "seed_demo done")
    if not settings.DEBUG:  # the manifest must list every file the templates name
        call_command("collectstatic", interactive=False, verbosity=0)
    print(f"Migrated and seeded in {time.monotonic() - started:.1f} s.")
    load.load_to(args.enquiries, events_for_all=args.events == "all")
    load_complaints.load_to(args.complaints)


def main(argv: list[str] | None = None) -> None:
    args = arguments(argv)
    environment()
    name = ensure_database()
    import django

    django.setup()
    from django.conf import settings

    from bench import load

    print(f"Database {name}: PostgreSQL "
          f"{load.scalar('SHOW server_version')}, DEBUG={settings.DEBUG}")
    prepare(args)
    print("Load average (1, 5, 15 min) before timing: "
          + ", ".join(f"{x:.2f}" for x in os.getloadavg()) + f" on {os.cpu_count()} CPUs")
    if not args.skip_pages:
        from bench import pages

        pages.run(runs=args.runs, warmup=args.warmup, plans=args.plans)
    if not args.skip_sweep:
        from bench import sweep

        sweep.run(due=args.due, runs=args.runs)
    print("\nLoad average (1, 5, 15 min) after: "
          + ", ".join(f"{x:.2f}" for x in os.getloadavg()))


if __name__ == "__main__":
    main()
