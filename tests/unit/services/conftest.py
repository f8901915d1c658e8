"""Service tests on the in-memory unit of work: no database (see fakes.py for what only a database can show)."""

from __future__ import annotations

import pytest

from tests.integration.world import World, a_world
from tests.unit.services.fakes import FakeUnitOfWork


@pytest.fixture
def uow() -> FakeUnitOfWork:
    """One in-memory world per test; every service call gets this same unit of work."""
    return FakeUnitOfWork()


@pytest.fixture
def world(uow: FakeUnitOfWork):
    """``world(**options)`` builds :func:`tests.integration.world.a_world` in the fake and returns its ids."""

    def build(**options) -> World:
        return a_world(lambda: uow, **options)

    return build
