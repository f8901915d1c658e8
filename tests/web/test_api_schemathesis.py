"""Schemathesis against the served OpenAPI document (issue 16): every operation of /api/v1, with a write token
on a fresh copy of the demo world, gets generated requests (valid and invalid); no answer may be a 5xx, and
every answer must match what the document says of it (status, media type, headers, schema).

A fixed budget keeps it within CI time: :data:`EXAMPLES` examples per operation, derandomized (the same
examples on every run, so a failure is reproducible), no example database, no deadline (the machine is shared).
The other areas' endpoints are fuzzed by this same test as soon as they are in the document."""

from __future__ import annotations

from tests.web.api_helpers import api_token

EXAMPLES = 12


def _fuzzer(operation, token: str, excluded: list):
    """The operation's Hypothesis test: generated requests with the token, every check but ``excluded``."""
    from hypothesis import HealthCheck, given, settings

    @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    @given(case=operation.as_strategy())
    def fuzz(case) -> None:
        case.call_and_validate(headers={"Authorization": f"Bearer {token}"}, excluded_checks=excluded)

    return fuzz


def test_every_operation_answers_as_its_document_says(app):
    import schemathesis
    from schemathesis.specs.openapi.checks import positive_data_acceptance

    token = api_token(app, "akasse", scope="write")
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 5
    failures: list[str] = []
    for operation in operations:
        # A cursor is signed (portal/api/paging.py): a string of the right form that this server did not sign is
        # rightly refused with 422, which no JSON Schema can tell from a valid one, so paged lists are spared the
        # check that schema-valid data is accepted; every other check holds for them too.
        paged = any(p.name == "cursor" for p in operation.iter_parameters())
        # A change's values are also checked by the services beyond what a schema can say (a CPR number's birth
        # date, a kommune with a jobcenter, a placement within 36 months of the registration, a time already
        # passed, a caseworker of another organisation, a reason of only spaces: 422 with the field), and so are
        # the parameters naming a caseworker or a span of days (free slots: at most 31 days, within the accepted
        # dates); those operations are spared that check too.
        change = operation.method.upper() in ("POST", "PUT", "PATCH", "DELETE") or any(
            p.name in ("caseworker_id", "first_day", "last_day") for p in operation.iter_parameters()
        )
        try:
            _fuzzer(operation, token, [positive_data_acceptance] if paged or change else [])()
        except Exception as error:  # noqa: BLE001 - collect every operation's failure, then report them all
            failures.append(f"{operation.method.upper()} {operation.path}: {error}")
    assert not failures, "\n\n".join(failures)
