"""Running the suite on several pytest-xdist workers (``make test``: ``-n logical``).

Each worker is its own process with its own session: session-scoped fixtures (the
template stations, the throwaway PostgreSQL server) are made once per worker, and
``tmp_path`` is per worker, so tests stay independent. What workers must not share is
a module's (or class's) fixture: it is made where the tests using it run, so those
tests are kept on one worker (``--dist loadgroup``) and it is made once, as in a
serial run — a hub process shared by a module's tests is started once, not on each
worker. Everything else is spread test by test.
"""

from __future__ import annotations

import pytest

SHARED_SCOPES = ("class", "module", "package")


def _group_of(item: pytest.Item) -> str | None:
    """The module (or package) whose shared fixture ``item`` uses, if any."""
    info = getattr(item, "_fixtureinfo", None)
    if info is None:
        return None
    for name in info.names_closure:
        definitions = info.name2fixturedefs.get(name)
        if not definitions:
            continue
        scope = definitions[-1].scope
        if scope == "package":
            return str(item.path.parent)
        if scope in ("class", "module"):
            return item.nodeid.split("::", 1)[0]
    return None


def keep_shared_fixtures_on_one_worker(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark each test that uses a module-, class- or package-scoped fixture with an
    ``xdist_group`` of its module (a no-op without pytest-xdist)."""
    if not config.pluginmanager.hasplugin("xdist"):
        return
    for item in items:
        group = _group_of(item)
        if group is not None:
            item.add_marker(pytest.mark.xdist_group(name=group))
