"""Fleets: one manifest keeps a few secrets in step across many repositories, organizations and
the user's own secrets -- planned (reads only), applied within GitHub's write limits, checked on a
schedule -- owning only what it wrote and never storing a value.

    from codespaces_secrets import Client

    client = Client()
    plan = client.plan("fleet.toml", state="fleet-state.json")
    print(plan)  # a table of changes, warnings, errors and the cost; never a value
    if plan.has_changes:
        report = client.apply(plan, state="fleet-state.json", progress=print)
        assert report.ok

A manifest is a TOML file's path, or a mapping of the same shape (``{"version": 1, "name":
"platform", "secrets": {"NPM_TOKEN": {"from": {"env": "NPM_TOKEN"}, "repos": [...]}}}``); a
literal value in it is refused. ``Client.check`` is a plan for schedulers (``plan.has_changes``).
``apply`` takes a `Plan` or a manifest (planned first); ``cancel=CancelHandle()`` stops it
between two writes with the state saved. ``AsyncClient`` has the same methods as awaitables.
"""

from ._native import (
    AccessChange,
    AppliedChange,
    ApplyProgress,
    ApplyReport,
    Change,
    ChangeAction,
    ChangeReason,
    Notice,
    Plan,
    Totals,
    VisibilityChange,
)

__all__ = [
    "AccessChange",
    "AppliedChange",
    "ApplyProgress",
    "ApplyReport",
    "Change",
    "ChangeAction",
    "ChangeReason",
    "Notice",
    "Plan",
    "Totals",
    "VisibilityChange",
]
