"""Adapters: the database (SQLAlchemy models, unit of work) and other outside systems."""
