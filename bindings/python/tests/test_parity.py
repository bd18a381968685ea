"""The Python side of the parity check: every item of ``api/surface.json`` exists in Python's
spelling, both in the built module (introspected) and in its stub (``_native.pyi``, read with
``ast``). A cell is one item checked in one place (e.g. ``sync_env_file`` on ``AsyncScope`` in the
stub); the total is shown at the end of the run (conftest's terminal summary).

An item Python cannot have belongs under ``exceptions.python`` in surface.json (``item`` or
``section.item`` -> reason); it is then skipped here.
"""

from __future__ import annotations

import ast
import inspect
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Optional, get_args, get_type_hints

import pytest

import codespaces_secrets
from codespaces_secrets import fleet
from codespaces_secrets import (
    AsyncClient,
    AsyncScope,
    BulkReport,
    Client,
    DeviceCode,
    DeviceLogin,
    GitHubApp,
    PlannedChange,
    Progress,
    Scope,
    SyncAction,
    SyncReport,
    Visibility,
    WriteReason,
    device_flow,
    device_flow_async,
    errors,
)
from conftest import PARITY_CELLS

SURFACE_PATH = Path(__file__).resolve().parents[3] / "api" / "surface.json"
STUB_PATH = Path(codespaces_secrets.__file__).with_name("_native.pyi")

SURFACE: dict[str, Any] = json.loads(SURFACE_PATH.read_text(encoding="utf-8"))
STUB = ast.parse(STUB_PATH.read_text(encoding="utf-8"), filename=str(STUB_PATH))
STUB_CLASSES = {node.name: node for node in STUB.body if isinstance(node, ast.ClassDef)}
EXCUSED: dict[str, str] = SURFACE.get("exceptions", {}).get("python", {})

SCOPES = (Scope, AsyncScope)
CLIENTS = (Client, AsyncClient)
REPORTS = {
    "bulk_report": BulkReport,
    "sync_report": SyncReport,
    "planned_change": PlannedChange,
    "progress": Progress,
}
# Sections naming the attributes (properties) of one class.
ATTRIBUTES = {"device_code": DeviceCode, "device_login": DeviceLogin}
ENUMS = {"sync_actions": SyncAction, "write_reasons": WriteReason, "visibilities": Visibility}
# The fleet types, by their section in `fleet_fields`.
FLEET_TYPES = {
    "plan": fleet.Plan,
    "change": fleet.Change,
    "access_change": fleet.AccessChange,
    "visibility_change": fleet.VisibilityChange,
    "notice": fleet.Notice,
    "totals": fleet.Totals,
    "apply_report": fleet.ApplyReport,
    "applied_change": fleet.AppliedChange,
    "apply_progress": fleet.ApplyProgress,
}
FLEET_ENUMS = {"change_actions": fleet.ChangeAction, "change_reasons": fleet.ChangeReason}
KEYWORD_KINDS = (inspect.Parameter.POSITIONAL_OR_KEYWORD, inspect.Parameter.KEYWORD_ONLY)


class Parity:
    """Counts cells and collects the missing ones, so one run names every gap at once."""

    def __init__(self, config: pytest.Config) -> None:
        self.config = config
        self.cells = 0
        self.missing: list[str] = []

    def items(self, section: str, names: Optional[list[str]] = None) -> Iterator[str]:
        for name in SURFACE[section] if names is None else names:
            if name not in EXCUSED and f"{section}.{name}" not in EXCUSED:
                yield name

    def check(self, ok: bool, cell: str) -> None:
        self.cells += 1
        if not ok:
            self.missing.append(cell)

    def done(self) -> None:
        self.config.stash[PARITY_CELLS] = self.config.stash.get(PARITY_CELLS, 0) + self.cells
        assert not self.missing, (
            f"the Python binding differs from api/surface.json in {len(self.missing)} of "
            f"{self.cells} cells:\n  " + "\n  ".join(self.missing)
        )


@pytest.fixture
def parity(pytestconfig: pytest.Config) -> Parity:
    return Parity(pytestconfig)


# The stub, read as a tree.


def stub_defs(cls: str, name: str) -> list[ast.FunctionDef]:
    """Every definition of `name` in the stub's class `cls` (several for an @overload)."""
    node = STUB_CLASSES.get(cls)
    body = node.body if node else []
    return [d for d in body if isinstance(d, ast.FunctionDef) and d.name == name]


def stub_keywords(fn: ast.FunctionDef) -> set[str]:
    """The parameters a caller may pass by keyword."""
    return {a.arg for a in fn.args.args + fn.args.kwonlyargs}


def stub_has_keyword(cls: str, method: str, keyword: str) -> bool:
    defs = stub_defs(cls, method)
    return bool(defs) and all(keyword in stub_keywords(d) for d in defs)


def stub_function(name: str) -> list[ast.FunctionDef]:
    """The stub's module-level function `name` (a list: empty when absent)."""
    return [d for d in STUB.body if isinstance(d, ast.FunctionDef) and d.name == name]


def stub_has_property(cls: str, name: str) -> bool:
    return any(
        any(isinstance(d, ast.Name) and d.id == "property" for d in fn.decorator_list)
        for fn in stub_defs(cls, name)
    )


def stub_class_attributes(cls: str) -> set[str]:
    node = STUB_CLASSES.get(cls)
    body = node.body if node else []
    return {
        a.target.id for a in body if isinstance(a, ast.AnnAssign) and isinstance(a.target, ast.Name)
    }


def stub_literal_values(cls: str, prop: str) -> set[str]:
    """The strings a property's `Literal[...]` return type allows (an alias is followed)."""
    aliases = {
        t.id: a.value
        for a in STUB.body
        if isinstance(a, ast.Assign)
        for t in a.targets
        if isinstance(t, ast.Name)
    }
    values: set[str] = set()
    for fn in stub_defs(cls, prop):
        annotation = fn.returns
        if isinstance(annotation, ast.Name):
            annotation = aliases.get(annotation.id)
        if isinstance(annotation, ast.Subscript) and ast.unparse(annotation.value) == "Literal":
            elements = annotation.slice
            items = elements.elts if isinstance(elements, ast.Tuple) else [elements]
            values |= {str(e.value) for e in items if isinstance(e, ast.Constant)}
    return values


# The built module.


def runtime_has_keyword(obj: object, keyword: str) -> bool:
    try:
        parameters = inspect.signature(obj).parameters  # type: ignore[arg-type]
    except (TypeError, ValueError):  # no __text_signature__
        return False
    return keyword in parameters and parameters[keyword].kind in KEYWORD_KINDS


def members(enum: type) -> dict[str, Any]:
    return {name: value for name, value in vars(enum).items() if isinstance(value, enum)}


# The checks, one test per part of the surface.


def test_the_surface_has_no_part_this_test_does_not_check() -> None:
    known = {
        "about", "exceptions", "scope_operations", "selectable_operations", "client_settings",
        "set_options", "sync_options", "report_fields", "error_codes", "github_app",
        "device_flow_options", "login_failures", *ATTRIBUTES, *ENUMS,
        "fleet_operations", "plan_options", "apply_options", "fleet_fields", *FLEET_ENUMS,
    }
    unknown = sorted(set(SURFACE) - known)
    assert not unknown, f"api/surface.json has parts test_parity.py does not check: {unknown}"
    unknown = sorted(set(SURFACE["report_fields"]) - set(REPORTS))
    assert not unknown, f"report_fields without a Python class in test_parity.py: {unknown}"
    unknown = sorted(set(SURFACE["fleet_fields"]) - set(FLEET_TYPES))
    assert not unknown, f"fleet_fields without a Python class in test_parity.py: {unknown}"


def test_every_operation_on_both_scopes(parity: Parity) -> None:
    for section in ("scope_operations", "selectable_operations"):
        for op in parity.items(section):
            for scope in SCOPES:
                cell = f"{section}: {scope.__name__}.{op}"
                parity.check(callable(getattr(scope, op, None)), f"{cell} (module)")
                parity.check(bool(stub_defs(scope.__name__, op)), f"{cell} (stub)")
    parity.done()


def test_every_client_setting_is_a_keyword(parity: Parity) -> None:
    for setting in parity.items("client_settings"):
        for client in CLIENTS:
            cell = f"client_settings: {client.__name__}({setting}=)"
            parity.check(runtime_has_keyword(client, setting), f"{cell} (module)")
            parity.check(stub_has_keyword(client.__name__, "__new__", setting), f"{cell} (stub)")
    parity.done()


def test_every_option_is_a_keyword(parity: Parity) -> None:
    methods = {"set_options": ("set",), "sync_options": ("sync", "sync_env_file")}
    for section, names in methods.items():
        for option in parity.items(section):
            for scope in SCOPES:
                for method in names:
                    cell = f"{section}: {scope.__name__}.{method}({option}=)"
                    runtime = runtime_has_keyword(getattr(scope, method), option)
                    parity.check(runtime, f"{cell} (module)")
                    parity.check(stub_has_keyword(scope.__name__, method, option), f"{cell} (stub)")
    parity.done()


def test_every_report_field_is_an_attribute(parity: Parity) -> None:
    for report, fields in SURFACE["report_fields"].items():
        cls = REPORTS[report]
        for field in parity.items(f"report_fields.{report}", fields):
            cell = f"report_fields.{report}: {cls.__name__}.{field}"
            parity.check(inspect.isdatadescriptor(getattr(cls, field, None)), f"{cell} (module)")
            parity.check(stub_has_property(cls.__name__, field), f"{cell} (stub)")
    parity.done()


def test_every_enum_member_has_the_canonical_value(parity: Parity) -> None:
    for section, enum in {**ENUMS, **FLEET_ENUMS}.items():
        name = enum.__name__
        found = members(enum)
        for value in parity.items(section):
            member = value.upper()
            cell = f"{section}: {name}.{member}"
            runtime = getattr(found.get(member), "value", None)
            parity.check(runtime == value, f"{cell}, whose .value is {value!r} (module)")
            parity.check(member in stub_class_attributes(name), f"{cell} (stub)")
            literal = stub_literal_values(name, "value")
            parity.check(value in literal, f"{cell}: {value!r} in {name}.value's Literal (stub)")
        extra = sorted(set(found) - {v.upper() for v in SURFACE[section]})
        parity.check(not extra, f"{section}: {name} has members the file lacks: {extra}")
    parity.done()


def test_every_error_code_has_its_exception_class(parity: Parity) -> None:
    """`errors._BY_CODE` is how the module picks a class for the SDK's error code: it must hold
    exactly the codes of surface.json, each a class under the one base, exported by `errors`."""
    by_code = errors._BY_CODE
    for code in parity.items("error_codes"):
        cls = by_code.get(code)
        parity.check(
            cls is not None
            and cls.code == code
            and issubclass(cls, errors.CodespacesSecretsError)
            and cls.__name__ in errors.__all__,
            f"error_codes: {code}: an exported CodespacesSecretsError subclass with that .code",
        )
    extra = sorted(set(by_code) - set(SURFACE["error_codes"]))
    parity.check(not extra, f"error_codes: errors._BY_CODE has codes the file lacks: {extra}")
    parity.done()


def test_github_app_takes_every_field(parity: Parity) -> None:
    for field in parity.items("github_app"):
        cell = f"github_app: GitHubApp({field}=)"
        parity.check(runtime_has_keyword(GitHubApp, field), f"{cell} (module)")
        parity.check(stub_has_keyword("GitHubApp", "__new__", field), f"{cell} (stub)")
    parity.done()


def test_every_device_flow_option_is_a_keyword(parity: Parity) -> None:
    for option in parity.items("device_flow_options"):
        for function in (device_flow, device_flow_async):
            cell = f"device_flow_options: {function.__name__}({option}=)"
            parity.check(runtime_has_keyword(function, option), f"{cell} (module)")
            defs = stub_function(function.__name__)
            in_stub = bool(defs) and all(option in stub_keywords(d) for d in defs)
            parity.check(in_stub, f"{cell} (stub)")
    parity.done()


def test_every_device_flow_field_is_an_attribute(parity: Parity) -> None:
    for section, cls in ATTRIBUTES.items():
        for field in parity.items(section):
            cell = f"{section}: {cls.__name__}.{field}"
            parity.check(inspect.isdatadescriptor(getattr(cls, field, None)), f"{cell} (module)")
            parity.check(stub_has_property(cls.__name__, field), f"{cell} (stub)")
    parity.done()


def test_every_login_failure_is_a_reason(parity: Parity) -> None:
    """`LoginFailed.reason` is one of these strings (the SDK's own names): the `Literal` its
    constructor's `reason` is typed with."""
    reasons = set(get_args(get_type_hints(errors.LoginFailed.__init__)["reason"]))
    for reason in parity.items("login_failures"):
        parity.check(reason in reasons, f"login_failures: LoginFailed(reason={reason!r})")
    extra = sorted(reasons - set(SURFACE["login_failures"]))
    parity.check(not extra, f"login_failures: LoginFailed's reason allows more: {extra}")
    parity.done()


def test_fleet_operations_and_their_options_on_both_clients(parity: Parity) -> None:
    keywords = {"plan_options": ("plan",), "apply_options": ("apply",)}
    for client in CLIENTS:
        name = client.__name__
        for op in parity.items("fleet_operations"):
            cell = f"fleet_operations: {name}.{op}"
            parity.check(callable(getattr(client, op, None)), f"{cell} (module)")
            parity.check(bool(stub_defs(name, op)), f"{cell} (stub)")
        for section, methods in keywords.items():
            for option in parity.items(section):
                for method in methods:
                    cell = f"{section}: {name}.{method}({option}=)"
                    runtime = runtime_has_keyword(getattr(client, method), option)
                    parity.check(runtime, f"{cell} (module)")
                    parity.check(stub_has_keyword(name, method, option), f"{cell} (stub)")
    parity.done()


def test_every_fleet_field_is_an_attribute(parity: Parity) -> None:
    for group, fields in SURFACE["fleet_fields"].items():
        cls = FLEET_TYPES[group]
        for field in parity.items(f"fleet_fields.{group}", fields):
            cell = f"fleet_fields.{group}: {cls.__name__}.{field}"
            member = getattr(cls, field, None)
            ok = inspect.isdatadescriptor(member) or callable(member)
            parity.check(ok, f"{cell} (module)")
            in_stub = stub_has_property(cls.__name__, field) or bool(stub_defs(cls.__name__, field))
            parity.check(in_stub, f"{cell} (stub)")
    parity.done()
