"""Alembic migrations for the Selvbooking schema (run through scheduling.adapters.db.upgrade)."""
