"""Running the app in processes of its own: a worker, beat, one-off commands, a Redis server.

Every process starts in a session of its own, so that the test can end it with everything it
forked (a worker's pool), and `Processes.close` ends each one the test started, even when the
test fails."""
from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

ROOT = Path(__file__).resolve().parent.parent.parent
T = TypeVar("T")


def wait_until(check: Callable[[], T], *, timeout: float, what: str,
               explain: Callable[[], str] = lambda: "") -> T:
    """Poll `check` until it returns something true; fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}\n{explain()}")
        time.sleep(0.05)


@dataclass
class Spawned:
    name: str
    popen: subprocess.Popen
    log: Path

    @property
    def pid(self) -> int:
        return self.popen.pid

    def output(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""

    def running(self) -> bool:
        return self.popen.poll() is None


@dataclass
class Processes:
    folder: Path
    env: dict[str, str]
    started: list[Spawned] = field(default_factory=list)

    def start(self, name: str, *argv: str, env: dict[str, str] | None = None) -> Spawned:
        log = self.folder / f"{name}.log"
        with log.open("ab") as out:
            popen = subprocess.Popen(argv, cwd=ROOT, env={**self.env, **(env or {})},
                                     stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                     start_new_session=True)
        spawned = Spawned(name, popen, log)
        self.started.append(spawned)
        return spawned

    def python(self, name: str, *argv: str, env: dict[str, str] | None = None) -> Spawned:
        return self.start(name, sys.executable, *argv, env=env)

    def celery(self, name: str, *argv: str, env: dict[str, str] | None = None) -> Spawned:
        return self.python(name, "-m", "celery", "-A", "config", *argv, "--loglevel=INFO",
                           env=env)

    def worker(self, name: str, *, concurrency: int = 1,
               env: dict[str, str] | None = None) -> Spawned:
        """A worker on the test's broker keys, started and ready to consume."""
        worker = self.celery(name, "worker", "--pool=prefork", f"--concurrency={concurrency}",
                             "--without-gossip", "--without-mingle", "--without-heartbeat",
                             "-n", f"{name}-{os.getpid()}@%h", env=env)
        wait_until(lambda: " ready." in worker.output() or not worker.running(), timeout=30,
                   what=f"{name} to be ready", explain=self.logs)
        assert worker.running(), self.logs()
        return worker

    def beat(self, name: str, env: dict[str, str] | None = None) -> Spawned:
        return self.celery(name, "beat", "-s", str(self.folder / f"{name}-schedule"),
                           "--pidfile", str(self.folder / f"{name}.pid"), env=env)

    def run(self, name: str, *argv: str, timeout: float = 60,
            env: dict[str, str] | None = None) -> dict:
        """Run `python -m tests.support.reliability ...` to the end; its line of JSON."""
        spawned = self.python(name, "-m", "tests.support.reliability", *argv, env=env)
        return self.result(spawned, timeout=timeout)

    def result(self, spawned: Spawned, *, timeout: float = 60) -> dict:
        try:
            code = spawned.popen.wait(timeout=timeout)
        except subprocess.TimeoutExpired as expired:
            raise AssertionError(f"{spawned.name} still running after {timeout} s\n"
                                 f"{self.logs()}") from expired
        assert code == 0, f"{spawned.name} exited with {code}\n{self.logs()}"
        return json.loads(spawned.output().strip().splitlines()[-1])

    def stop(self, spawned: Spawned, *, grace: float = 10) -> None:
        """SIGTERM the process and what it forked; SIGKILL whatever is left after `grace`."""
        if spawned.running():
            self._signal(spawned, signal.SIGTERM)
            with contextlib.suppress(subprocess.TimeoutExpired):
                spawned.popen.wait(timeout=grace)
        self.kill(spawned)

    def kill(self, spawned: Spawned) -> None:
        """SIGKILL the process and everything in its session (`kill -9` of the group)."""
        self._signal(spawned, signal.SIGKILL)
        spawned.popen.wait(timeout=10)

    def close(self) -> None:
        for spawned in reversed(self.started):
            self.stop(spawned, grace=5)

    def logs(self) -> str:
        return "\n".join(f"----- {s.name} (pid {s.pid}) -----\n{s.output()[-4000:]}"
                         for s in self.started)

    @staticmethod
    def _signal(spawned: Spawned, signum: int) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(spawned.pid, signum)  # the session the test started, by its id
