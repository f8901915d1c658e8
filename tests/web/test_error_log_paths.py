"""Error lines never carry a request's path either (issue 9: "Feed tokens never appear in access logs").

Flask's own ``log_exception`` writes "Exception on <path> [GET]" when an error escapes the error handlers, e.g. an
``after_request`` hook that fails while the response is finished. For the calendar feed that path is its secret
token; the portal's log names the route template instead.
"""

from __future__ import annotations

import logging

from scheduling.adapters.orm import CitizenRow
from scheduling.demo import SOFIE
from tests.web.calendar_helpers import citizen_id, feed_path


def test_an_error_while_finishing_a_feed_response_logs_the_route_not_the_token(app, caplog, capsys):
    caplog.set_level(logging.DEBUG)
    path = feed_path(app, CitizenRow, citizen_id(app, SOFIE))
    token = path.removeprefix("/kalender/feed/").removesuffix(".ics")

    @app.after_request
    def failing(response):
        raise RuntimeError("the response could not be finished")

    app.config["PROPAGATE_EXCEPTIONS"] = False  # as in production: the error becomes a 500, not a test failure
    response = app.test_client().get(path)
    assert response.status_code == 500
    captured = capsys.readouterr()
    everything = caplog.text + captured.err + captured.out
    assert "the response could not be finished" in everything  # the error is logged ...
    assert "/kalender/feed/<token>.ics" in everything  # ... with its route ...
    assert token not in everything  # ... never its path
