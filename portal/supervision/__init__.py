"""Supervision (R27, issue 17): an organisation's leaders see its monthly figures and the people behind them; the
agency's supervisor sees every organisation's figures, as aggregates only."""

from portal.supervision.views import bp

__all__ = ["bp"]
