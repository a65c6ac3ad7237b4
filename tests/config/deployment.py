"""Readers for the deployment files (docker-compose.yml, Dockerfile, .env.example).

No Docker engine runs where the tests do, so the tests read these files the way compose
and the Docker builder would, closely enough to check what they name.
"""
from __future__ import annotations

import json
import re
import shlex
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]
COMPOSE_FILE = ROOT / "docker-compose.yml"
DOCKERFILE = ROOT / "Dockerfile"
ENV_EXAMPLE = ROOT / ".env.example"
SETTINGS_DIR = ROOT / "config" / "settings"

# Compose's interpolation: $$ is a literal $, then ${NAME}, ${NAME:-default},
# ${NAME-default}, ${NAME:?error}, ${NAME?error}, and bare $NAME.
_VARIABLE = re.compile(
    r"\$(?:(?P<escaped>\$)"
    r"|\{(?P<name>[A-Za-z_][A-Za-z0-9_]*)(?:(?P<op>:?[-?])(?P<arg>[^}]*))?\}"
    r"|(?P<bare>[A-Za-z_][A-Za-z0-9_]*))"
)
_ENV_ENTRY = re.compile(r"^(?P<commented>#\s*)?(?P<name>[A-Z][A-Z0-9_]*)=(?P<value>.*)$")
_SETTINGS_READ = re.compile(r"\benv(?:_bool|_int|_list)?\(\s*[\"']([A-Z][A-Z0-9_]*)[\"']")


def load_compose() -> dict[str, Any]:
    """docker-compose.yml as compose sees it before interpolation (anchors merged)."""
    return yaml.safe_load(COMPOSE_FILE.read_text())


def _strings(node: Any) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [s for key, value in node.items() for s in (*_strings(key), *_strings(value))]
    if isinstance(node, list):
        return [s for item in node for s in _strings(item)]
    return []


def interpolated_names(node: Any) -> set[str]:
    """Every variable that compose would read from the environment or .env for `node`."""
    return {
        match["name"] or match["bare"]
        for text in _strings(node)
        for match in _VARIABLE.finditer(text)
        if not match["escaped"]
    }


def interpolate(text: str, variables: dict[str, str]) -> str:
    """`text` with compose's substitutions applied; raises KeyError where compose stops."""

    def substitute(match: re.Match[str]) -> str:
        if match["escaped"]:
            return "$"
        name = match["name"] or match["bare"]
        value, op, arg = variables.get(name), match["op"] or "", match["arg"] or ""
        missing = value is None or (op.startswith(":") and value == "")
        if missing and op.endswith("?"):
            raise KeyError(f"{name}: {arg}")
        if missing and op.endswith("-"):
            return arg
        return value or ""

    return _VARIABLE.sub(substitute, text)


def command_argv(command: str | list[str]) -> list[str]:
    """A compose or Dockerfile command as the argument vector it runs."""
    return shlex.split(command) if isinstance(command, str) else [str(c) for c in command]


def healthcheck_argv(test: str | list[str]) -> list[str] | None:
    """The argument vector of a compose healthcheck `test`, or None when it is disabled."""
    if isinstance(test, str):  # the string form runs in a shell, like CMD-SHELL
        return shlex.split(test.replace("$$", "$"))
    kind, *rest = test
    if kind == "NONE":
        return None
    if kind == "CMD-SHELL":
        return shlex.split(" ".join(rest).replace("$$", "$"))
    assert kind == "CMD", f"unknown healthcheck form {kind!r}"
    return [str(arg) for arg in rest]


@dataclass(frozen=True)
class EnvEntry:
    name: str
    value: str
    commented: bool


def env_example_entries() -> dict[str, EnvEntry]:
    """NAME=value lines of .env.example; `# NAME=value` lines are documented but not set."""
    entries = {}
    for line in ENV_EXAMPLE.read_text().splitlines():
        match = _ENV_ENTRY.match(line.strip())
        if match:
            entry = EnvEntry(match["name"], match["value"], bool(match["commented"]))
            entries.setdefault(entry.name, entry)
    return entries


def settings_variables() -> set[str]:
    """Every environment variable that config/settings reads through its env helpers."""
    return {
        name
        for path in SETTINGS_DIR.glob("*.py")
        for name in _SETTINGS_READ.findall(path.read_text())
    }


@dataclass(frozen=True)
class Instruction:
    keyword: str
    arguments: str


def dockerfile_instructions() -> list[Instruction]:
    """The Dockerfile's instructions, with continuation lines joined and comments dropped."""
    instructions, pending = [], ""
    for raw in DOCKERFILE.read_text().splitlines():
        line = raw.strip()
        if not pending and (not line or line.startswith("#")):
            continue
        if pending and line.startswith("#"):  # comments may sit inside a continuation
            continue
        if line.endswith("\\"):
            pending += line[:-1] + " "
            continue
        keyword, _, arguments = (pending + line).partition(" ")
        instructions.append(Instruction(keyword.upper(), arguments.strip()))
        pending = ""
    return instructions


def exec_form(arguments: str) -> list[str]:
    """A CMD/ENTRYPOINT's arguments: the JSON exec form, or the shell form split."""
    if arguments.startswith("["):
        return [str(arg) for arg in json.loads(arguments)]
    return shlex.split(arguments)
