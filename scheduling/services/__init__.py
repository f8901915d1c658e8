"""Booking services: one function per use case, each one transaction."""
