"""`make loadtest`: simulated councillors and officers doing the real journeys against
gunicorn, PostgreSQL, Redis and a Celery worker, then a check that nothing they were told
was saved is missing. Run by hand, not in CI.

    python -m bench.loadtest            # 50 users for 120 s (LOAD_USERS, LOAD_SECONDS)

It creates the PostgreSQL database named by LOAD_DATABASE_URL if missing (default
postgres://postgres@127.0.0.1:5432/casework_load; its name must contain "load"), migrates
it, seeds the demo council and gives the simulated accounts the demo password; starts
gunicorn on a free loopback port and one Celery worker, with Redis (LOAD_REDIS_URL, default
database 6) and DEBUG off; then runs locust headless (bench/loadtest_users.py) with the
users arriving one a second (LOAD_SPAWN_RATE), each pausing 5-15 s between journeys.
Afterwards it waits for the worker to send the emails the run queued, checks every
reference a councillor was shown and every holding reply and response an officer was told
was sent against the database (and the hash chains of the enquiry histories), prints requests/s and
p50/p95/p99 overall and per page, and says PASS or FAIL against the target
(bench.loadtest_report). Exit status 1 on FAIL. Every process it started is stopped at the
end, on Ctrl-C and on error. Logs: var/loadtest/."""
from __future__ import annotations

import argparse
import json
import os
import resource
import secrets
import signal
import sys
import time
from pathlib import Path

from bench.loadtest_servers import VAR, Processes, free_port, wait_until_up

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/casework_load"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/6"
# Each user signs in once; its password hash costs ~0.4 s of CPU by design (PBKDF2).
SIGNING_IN = {"GET /sign-in/", "POST /sign-in/", "GET / (home)"}


def arguments(argv: list[str] | None = None) -> argparse.Namespace:
    env = os.environ.get
    parser = argparse.ArgumentParser(prog="python -m bench.loadtest", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--users", type=int, default=int(env("LOAD_USERS", "50")))
    parser.add_argument("--seconds", type=int, default=int(env("LOAD_SECONDS", "120")))
    # One arrival a second: 50 people signing in within a minute. Each sign-in's password
    # hash costs ~0.35 s of CPU, so LOAD_SPAWN_RATE=10 (50 sign-ins in 5 s, ~17 CPU-seconds
    # on 2 cores) queues sign-ins and the pages behind them for several seconds.
    parser.add_argument("--spawn-rate", type=float, default=float(env("LOAD_SPAWN_RATE", "1")))
    parser.add_argument("--workers", type=int, default=int(env("LOAD_WORKERS", "3")),
                        help="gunicorn worker processes (default 3)")
    # Threads: a sign-in's password hash (PBKDF2, ~0.4 s of CPU) releases the GIL, so with
    # more threads than the hashes in flight the other pages are not queued behind them.
    parser.add_argument("--threads", type=int, default=int(env("LOAD_THREADS", "8")),
                        help="threads per gunicorn worker (default 8)")
    # A person reads the page or types between two steps; LOAD_WAIT=1,3 is a stress run
    # (about four times the requests offered: past what two cores serve within the target).
    parser.add_argument("--wait", default=env("LOAD_WAIT", "5,15"),
                        help="each user's pause between journeys, min,max seconds (5,15)")
    return parser.parse_args(argv)


def environment() -> dict[str, str]:
    """The servers' environment and this process's, before Django reads it."""
    os.environ.update({
        "DATABASE_URL": os.environ.get("LOAD_DATABASE_URL", DEFAULT_DATABASE_URL),
        "REDIS_URL": os.environ.get("LOAD_REDIS_URL", DEFAULT_REDIS_URL),
        "DJANGO_SETTINGS_MODULE": "config.settings.local",
        "DJANGO_DEBUG": "false",
        "CASEWORK_MFA_REQUIRED": "false",
        "CASEWORK_VAR_DIR": str(VAR),
    })
    os.environ.setdefault("DJANGO_SECRET_KEY", secrets.token_urlsafe(50))
    os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.dummy.EmailBackend")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    os.environ.setdefault("PYTHONPATH", str(ROOT))
    return dict(os.environ)


def load_database(url: str) -> dict:
    """The database's settings, or exit: only a PostgreSQL database whose name contains
    "load", so that a slip of LOAD_DATABASE_URL never writes into a real one."""
    import dj_database_url

    config = dj_database_url.parse(url)
    if config["ENGINE"] != "django.db.backends.postgresql" or "load" not in config["NAME"]:
        sys.exit(f"loadtest: LOAD_DATABASE_URL must name a PostgreSQL database whose name "
                 f"contains 'load' (default {DEFAULT_DATABASE_URL}); got {config['NAME']!r}.")
    return config


def ensure_database(url: str) -> str:
    """Create the load-test database if it is missing; its name."""
    import psycopg
    from psycopg import sql

    config = load_database(url)
    name = config["NAME"]
    connect = {"host": config["HOST"], "port": config["PORT"], "user": config["USER"],
               "password": config["PASSWORD"]}
    with psycopg.connect(dbname="postgres", autocommit=True,
                         **{k: v for k, v in connect.items() if v}) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            print(f"Created database {name}.")
    return name


def start_servers(processes: Processes, args: argparse.Namespace) -> str:
    """gunicorn on a free loopback port and one Celery worker; the site's address."""
    port = free_port()
    processes.start("gunicorn", [
        str(BIN / "gunicorn"), "config.wsgi:application", "--bind", f"127.0.0.1:{port}",
        "--workers", str(args.workers), "--threads", str(args.threads),
        "--worker-class", "gthread" if args.threads > 1 else "sync",
        # Keep-alive longer than a user's pause, so that no idle connection is closed just
        # as the client reuses it (a reset the client would count as a failure).
        "--keep-alive", "30", "--timeout", "60", "--graceful-timeout", "10",
        "--log-level", "warning", "--access-logfile", str(VAR / "access.log"),
        "--access-logformat", '%(t)s %(p)s "%(r)s" %(s)s %(D)s'])
    processes.start("celery", [
        str(BIN / "celery"), "-A", "config", "worker", "--concurrency", "1", "--loglevel",
        "WARNING", "--without-gossip", "--without-mingle", "-n", f"loadtest-{port}@%h"])
    host = f"http://127.0.0.1:{port}"
    wait_until_up(f"{host}/healthz", processes)
    return host


def run_locust(processes: Processes, args: argparse.Namespace, host: str,
               plan_path: Path, results_path: Path) -> float:
    """Run the simulated users to the end; the wall time it took."""
    processes.env.update(LOADTEST_PLAN=str(plan_path), LOADTEST_RESULTS=str(results_path))
    started = time.monotonic()
    locust = processes.start("locust", [
        str(BIN / "locust"), "-f", str(ROOT / "bench" / "loadtest_users.py"), "--headless",
        "--users", str(args.users), "--spawn-rate", str(args.spawn_rate),
        "--run-time", f"{args.seconds}s", "--stop-timeout", "30", "--host", host,
        "--only-summary", "--loglevel", "WARNING", "--csv", str(VAR / "locust")])
    print(f"Running {args.users} users for {args.seconds} s against {host} "
          f"(locust's own output: {VAR}/locust.log) ...", flush=True)
    locust.wait(timeout=args.seconds + 120)
    return time.monotonic() - started


def span_seconds(requests: list[list]) -> float:
    """From the first request's start to the last one's end."""
    if not requests:
        return 0.0
    return max(r[4] + r[1] / 1000 for r in requests) - min(r[4] for r in requests)


def _machine_busy(before, after) -> float:
    """Share of all CPUs busy between two psutil.cpu_times() readings."""
    idle = (after.idle - before.idle) + (getattr(after, "iowait", 0) - getattr(before, "iowait", 0))
    total = sum(after) - sum(before)
    return 1 - idle / total if total else 0.0


def run(processes: Processes, args: argparse.Namespace, database: str) -> dict:
    """Servers up, the users' run, the outbox drained; what was measured on the way."""
    import psutil

    from bench import loadtest_check

    host = start_servers(processes, args)
    started_at, cpu_before = loadtest_check.now(), psutil.cpu_times()
    children_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall = run_locust(processes, args, host, VAR / "plan.json", VAR / "results.json")
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    busy = _machine_busy(cpu_before, psutil.cpu_times())
    if not (VAR / "results.json").exists():
        raise RuntimeError(f"locust wrote no results: see {VAR}/locust.log")
    unsent = loadtest_check.drain_outbox(since=started_at)
    cpu = processes.cpu_seconds(database)
    cpu["locust"] = (children.ru_utime + children.ru_stime
                     - children_before.ru_utime - children_before.ru_stime)
    return {"wall": wall, "busy": busy, "unsent": unsent, "cpu": cpu}


def report(args: argparse.Namespace, measured: dict, load: tuple[float, ...]) -> int:
    """Print the figures and the verdict; the exit status."""
    from bench import loadtest_check
    from bench import loadtest_report as r

    results = json.loads((VAR / "results.json").read_text())
    requests = results["requests"]
    overall, pages = r.summarise(requests, span_seconds(requests))
    ramp = args.users / args.spawn_rate + 10
    steady, _ = r.summarise(r.started_after(requests, ramp), span_seconds(requests) - ramp)
    problems, broken = loadtest_check.check(results)
    cpu = ", ".join(f"{k} {v:.0f}" for k, v in measured["cpu"].items())
    print(f"\nLoad average (1, 5, 15 min) before: {', '.join(f'{x:.2f}' for x in load)}; "
          f"after: {', '.join(f'{x:.2f}' for x in os.getloadavg())} on {os.cpu_count()} "
          f"CPUs, {measured['busy']:.0%} busy during the run (every process on the machine).\n"
          f"CPU seconds used by this run: {cpu}. Locust ran {measured['wall']:.0f} s.\n")
    print(r.table(overall, pages))
    pages_only, _ = r.summarise([q for q in requests if q[0] not in SIGNING_IN], 1)
    print(f"\nAfter the first {ramp:.0f} s (all users spawned): {steady.count} requests, "
          f"{steady.per_second:.1f}/s, p50 {steady.p50_ms:.0f} ms, p95 {steady.p95_ms:.0f} ms, "
          f"p99 {steady.p99_ms:.0f} ms. Every request but signing in: p50 "
          f"{pages_only.p50_ms:.0f} ms, p95 {pages_only.p95_ms:.0f} ms, p99 "
          f"{pages_only.p99_ms:.0f} ms.")
    print(f"\n{len(results['logged'])} enquiries logged and {len(results['responses'])} "
          f"holding replies or responses confirmed to the simulated users, each checked in "
          f"the database; {len(results['refused'])} stale forms refused (409); "
          f"{measured['unsent']} emails of the run still unsent after the wait.")
    for problem in problems[:20]:
        print(f"  LOST: {problem}")
    reasons = r.verdict(overall, problems, broken)
    print(f"\nPASS: no 5xx, no failed request, no lost write, p95 {overall.p95_ms:.0f} ms "
          f"< {r.TARGET_P95_MS:.0f} ms" if not reasons else "\nFAIL: " + "; ".join(reasons))
    return 1 if reasons else 0


def main(argv: list[str] | None = None) -> int:
    args = arguments(argv)
    VAR.mkdir(parents=True, exist_ok=True)
    env = environment()
    database = ensure_database(os.environ["DATABASE_URL"])
    import django

    django.setup()
    from bench import loadtest_check

    print(f"Database {database}; Redis {os.environ['REDIS_URL']}; gunicorn {args.workers} "
          f"x {args.threads} threads; one Celery worker; pauses of {args.wait} s.")
    plan = loadtest_check.prepare(args.users, wait=[float(x) for x in args.wait.split(",")])
    (VAR / "plan.json").write_text(json.dumps(plan))
    (VAR / "results.json").unlink(missing_ok=True)
    processes = Processes(env)
    # Ctrl-C and a plain kill both end in the `finally` below (SIGINT explicitly: a shell
    # that starts this in the background ignores it otherwise).
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    load = os.getloadavg()
    try:
        measured = run(processes, args, database)
    finally:
        processes.stop()
    return report(args, measured, load)


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        print("\nloadtest: interrupted; every process it started has been stopped.")
        sys.exit(130)
