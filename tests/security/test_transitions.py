"""Every state change goes through a service, which checks who may make it: django-fsm
does not check a transition's permission when the method runs, so views, the admin, tasks
and commands must never call a transition method themselves (ASVS 5.0 V8.3.1; DESIGN
'business logic lives in services')."""
from __future__ import annotations

import ast
import inspect

from django.apps import apps
from django_fsm import FSMFieldMixin

from tests.security.source import BASE_DIR, module_aliases, own_apps, parse, python_files

# The thin layers: what a person or a schedule triggers, which must call a service.
THIN = ("views.py", "views_*.py", "views/*.py", "admin.py", "admin_*.py", "admin/*.py",
        "tasks.py", "tasks_*.py", "management/commands/*.py")
# Admin helpers that run transitions straight from a button, unchecked.
FSM_ADMIN_MODULES = ("django_fsm.admin", "fsm_admin", "django_fsm_admin")


def transitions() -> dict[str, set[str]]:
    """Transition method names by model, from django-fsm's own metadata."""
    found: dict[str, set[str]] = {}
    for model in apps.get_models():
        for name, member in inspect.getmembers(model):
            if hasattr(member, "_django_fsm"):
                found.setdefault(model._meta.label, set()).add(name)
    return found


def fsm_fields() -> set[str]:
    return {f.name for model in apps.get_models() for f in model._meta.fields
            if isinstance(f, FSMFieldMixin)}


# django-fsm's read-only checks: asking whether a transition may run is not running it.
READ_ONLY = {"can_proceed", "has_transition_perm"}


def _read_only_arguments(tree: ast.Module) -> set[int]:
    """Every node inside an argument of can_proceed(...) or has_transition_perm(...)."""
    inside: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            if name in READ_ONLY:
                for arg in [*node.args, *(k.value for k in node.keywords)]:
                    inside |= {id(n) for n in ast.walk(arg)}
    return inside


def scan(tree: ast.Module, methods: set[str], fields: set[str]) -> list[str]:
    """What in this module changes a state machine without a service, by line."""
    modules = module_aliases(tree)
    checks = _read_only_arguments(tree)
    found = []

    def on_module(node: ast.AST) -> bool:
        return isinstance(node, ast.Name) and node.id in modules

    for node in ast.walk(tree):
        where = f"line {getattr(node, 'lineno', '?')}"
        if id(node) in checks:
            continue
        if isinstance(node, ast.Attribute) and node.attr in methods and not on_module(
                node.value):
            # A call, or the method taken to call later (`move = complaint.escalate`).
            found.append(f"{where}: .{node.attr}")
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) \
                and node.func.id == "getattr" and len(node.args) >= 2 \
                and not on_module(node.args[0]):
            name = node.args[1]
            if not isinstance(name, ast.Constant) or name.value in methods:
                found.append(f"{where}: getattr of a method chosen at run time")
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                and node.func.attr in ("update", "bulk_update") \
                and any(k.arg in fields for k in node.keywords):
            found.append(f"{where}: {node.func.attr}() of a state field")
        elif isinstance(node, ast.Assign | ast.AugAssign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            found += [f"{where}: assigns .{t.attr}" for t in targets
                      if isinstance(t, ast.Attribute) and t.attr in fields]
        elif isinstance(node, ast.ImportFrom | ast.Import):
            names = [node.module or ""] if isinstance(node, ast.ImportFrom) else [
                a.name for a in node.names]
            found += [f"{where}: imports {n}" for n in names if n.startswith(FSM_ADMIN_MODULES)]
    return found


def test_the_transitions_are_found():
    found = transitions()
    assert {"accept", "hold", "respond", "reassign", "withdraw", "reopen", "confirm",
            "close_after_follow_up"} <= found["casework.Enquiry"]
    assert {"resolve_informally", "go_formal", "give_outcome", "decide", "accept_outcome",
            "escalate", "refer_on", "withdraw"} <= found["complaints.Complaint"]
    assert "state" in fsm_fields()


def test_the_scan_reads_every_thin_module():
    read = {str(p.relative_to(BASE_DIR)) for p in python_files(*THIN)}
    assert {"casework/views.py", "casework/tasks.py", "complaints/views.py",
            "complaints/views_dashboard.py", "complaints/tasks.py", "protocol/admin.py",
            "demo/management/commands/seed_demo.py"} <= read
    assert {"protocol", "casework", "complaints"} <= set(own_apps())


def test_views_admin_and_tasks_never_run_a_transition():
    methods = set().union(*transitions().values())
    fields = fsm_fields()
    problems = {str(path.relative_to(BASE_DIR)): found for path in python_files(*THIN)
                if (found := scan(parse(path), methods, fields))}
    assert problems == {}, "call the service that checks permission instead"


SAMPLES = {  # source: is it a direct state change?
    "def v(request, e):\n    e.accept()": True,
    "def v(request, c):\n    move = c.escalate\n    move()": True,
    "def v(request, c, name):\n    getattr(c, name)()": True,
    "def v(c):\n    getattr(c, 'refer_on')()": True,
    "def v(qs):\n    qs.update(state='closed')": True,
    "def v(e):\n    e.state = 'closed'": True,
    "from django_fsm.admin import FSMAdminMixin": True,
    "from casework import services\ndef v(e, u):\n    services.enquiry_accept(enquiry=e, "
    "actor=u)": False,
    "from complaints import services\ndef v(name):\n    getattr(services, f'c_{name}')": False,
    "def v(form):\n    form.cleaned_data['reason']": False,
    "from django_fsm import can_proceed, has_transition_perm\ndef v(e, u):\n"
    "    can_proceed(e.accept) and has_transition_perm(getattr(e, 'accept'), u)": False,
}


def test_the_scan_finds_direct_state_changes():
    """The scan itself: it must catch each way of changing a state outside a service."""
    methods = set().union(*transitions().values())
    for source, direct in SAMPLES.items():
        assert bool(scan(ast.parse(source), methods, fsm_fields())) == direct, source


def test_only_services_run_transitions():
    """Beyond the thin layers too: outside the models (which define them) and the
    services, no module runs a transition; seed data is played through the services."""
    methods = set().union(*transitions().values())
    fields = fsm_fields()
    runners = set()
    for path in python_files("**/*.py"):
        parts = path.relative_to(BASE_DIR).parts
        if "services" in parts or "models" in parts or path.name in ("models.py",
                                                                    "services.py"):
            continue
        if any(problem.split(": ", 1)[1].startswith(".") for problem in
               scan(parse(path), methods, fields)):
            runners.add("/".join(parts))
    assert runners == set()
