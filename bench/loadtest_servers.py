"""`make loadtest`'s servers: each started in its own process group on the loopback
interface, its output in var/loadtest/<name>.log, its CPU time read before it is stopped,
and every one stopped at the end (bench.loadtest calls `stop` on exit, Ctrl-C or error)."""
from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VAR = ROOT / "var" / "loadtest"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Processes:
    """The servers this run started, each in its own process group; all stopped on exit."""

    def __init__(self, env: dict[str, str]) -> None:
        self.env, self.running, self.logs = env, [], []

    def start(self, name: str, command: list[str]) -> subprocess.Popen:
        log = (VAR / f"{name}.log").open("w")
        self.logs.append(log)
        process = subprocess.Popen(command, cwd=ROOT, env=self.env, stdout=log,
                                   stderr=subprocess.STDOUT, start_new_session=True)
        self.running.append((name, process))
        return process

    def cpu_seconds(self, database: str) -> dict[str, float]:
        """CPU time used so far by each server (with its children) and by the PostgreSQL
        backends serving the load-test database, read before they are stopped."""
        import psutil

        def used(process: psutil.Process) -> float:
            try:
                times = process.cpu_times()
                return times.user + times.system
            except psutil.Error:
                return 0.0

        totals = {}
        for name, popen in self.running:
            try:
                parent = psutil.Process(popen.pid)
                family = [parent, *parent.children(recursive=True)]
            except psutil.Error:
                continue
            totals[name] = sum(used(p) for p in family)
        backends = [p for p in psutil.process_iter(["cmdline"])
                    if f" {database} " in " ".join(p.info["cmdline"] or [])]
        totals["postgres"] = sum(used(p) for p in backends)
        return totals

    def stop(self) -> None:
        # The whole group: a server's own children (gunicorn's workers) go with it, even
        # when the server itself has already exited.
        for _name, process in reversed(self.running):
            _signal_group(process, signal.SIGTERM)
        for name, process in reversed(self.running):
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                print(f"{name} did not stop in 20 s: killed.")
                _signal_group(process, signal.SIGKILL)
                process.wait()
        self.running = []
        for log in self.logs:
            log.close()
        self.logs = []


def _signal_group(process: subprocess.Popen, sig: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, sig)


def wait_until_up(url: str, processes: Processes, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for name, process in processes.running:
            if process.poll() is not None:
                raise RuntimeError(f"{name} exited ({process.returncode}): see {VAR}/{name}.log")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"{url} did not answer in {timeout:.0f} s")
