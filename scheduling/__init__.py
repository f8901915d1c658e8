"""Selvbooking's domain: the rules of the simplified contact course as code, and the booking services.

``scheduling`` never imports Flask or the web layer. The pure core (``course``, ``parameters``, ``reasons``,
``rules``, ``evaluation``, ``slots``) imports neither SQLAlchemy nor a clock: "today" is always an argument.
"""
