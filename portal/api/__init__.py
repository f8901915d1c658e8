"""The integration API (issue 16): ``/api/v1/…``, JSON, for the case systems of one organisation each.

Library: **SpecTree with pydantic v2**. It validates each request and response against the pydantic models on
our plain Flask app factory and blueprints (APIFlask and flask-openapi3 need their own app class), and the
OpenAPI 3.1 document is generated from those same models: pydantic v2 writes JSON Schema 2020-12, OpenAPI 3.1's
dialect, so the document cannot drift from what is validated.

One module per area (``persons``, ``courses``, ``interviews``, ``availability``, ``settings``, ``webhooks``), each importing :data:`bp` and
:data:`spec` from here; :func:`init_app` imports them (one line each). A view is::

    @bp.get("/persons/<int:person_id>")
    @token_required("read")
    @spec.validate(resp=Response(HTTP_200=PersonOut, HTTP_404=Problem), tags=["Personer"])
    def get_person(person_id: int) -> PersonOut:
        \"\"\"Summary in Danish.

        Description in Danish.\"\"\"

Errors are problems (:mod:`portal.api.problems`); tokens and scopes :mod:`portal.api.auth`; ``Idempotency-Key``
:mod:`portal.api.idempotency`; paging :mod:`portal.api.paging`. Rate limits per token: :func:`_limit_per_token`.
"""

from __future__ import annotations

import copy
import hashlib
from typing import Any

from flask import Blueprint, Flask, current_app, jsonify, request
from flask_limiter.util import get_remote_address
from spectree import SpecTree

from portal.api import problems
from portal.api.problems import Problem

bp = Blueprint("api", __name__, url_prefix="/api/v1", template_folder="templates")

TITLE = "Selvbooking API"
VERSION = "1.0.0"
DESCRIPTION = (
    "Selvbookings API til a-kassers og jobcentres egne sagssystemer: registrér kontaktforløb og timer, læs "
    "vurderinger, book, flyt og aflys samtaler, over de samme services som sagsbehandlernes sider. "
    "Hver organisation laver sine API-nøgler på administrationssiden; send nøglen som "
    "`Authorization: Bearer <nøgle>`. Fejl er application/problem+json (RFC 9457). Lister er delt i sider med "
    "en markør (next_cursor). Ændringer med headeren Idempotency-Key udføres kun én gang."
)

spec = SpecTree(
    "flask",
    title=TITLE,
    description=DESCRIPTION,
    version=VERSION,
    mode="strict",  # only the views decorated with spec.validate
    path="_spectree",  # SpecTree's own routes are never registered: the document is served by openapi_json()
    page_templates={},  # no documentation pages from CDNs: /api/v1/docs renders the document on the server
    validation_error_model=Problem,
    before=problems.validation_failed,
    naming_strategy=lambda model: model.__name__,
    nested_naming_strategy=lambda _parent, child: child,
)

problems.init_app(bp)

SECURITY_SCHEME = "bearer"


def _limit_per_token() -> str:
    """The rate limit's key: the token (as a hash of the Authorization header), or the address without one."""
    header = request.headers.get("Authorization")
    if header:
        return "api-token:" + hashlib.sha256(header.encode()).hexdigest()[:32]
    return "api-address:" + get_remote_address()


def init_app(app: Flask) -> None:
    """Import the areas' endpoints, exempt the API from CSRF (no cookies: a bearer token), register it, with its
    rate limit per token."""
    # one import line per area: its module adds its views to bp
    import portal.api.availability  # noqa: F401
    import portal.api.interviews  # noqa: F401
    from portal.api import (
        courses,  # noqa: F401
        docs,  # noqa: F401  # the documentation page
        persons,  # noqa: F401
        settings,  # noqa: F401
        webhooks,  # noqa: F401
    )
    from portal.api.admin import admin_bp
    from portal.extensions import csrf

    csrf.exempt(bp)
    app.register_blueprint(bp)
    app.register_blueprint(admin_bp)
    limiter = app.extensions.get("selvbooking_limiter")
    if limiter is not None:
        limiter.limit(lambda: current_app.config["API_RATE_LIMIT"], key_func=_limit_per_token)(bp)


@bp.get("/openapi.json")
def openapi_json() -> Any:
    """The OpenAPI 3.1 document, generated from the schemas that validate the requests and responses."""
    return jsonify(document())


def document() -> dict[str, Any]:
    """SpecTree's document with what it does not know: the bearer security scheme, 401/403/429 problems on every
    operation, the Idempotency-Key header of the changes, and problem+json as the problems' media type."""
    spec_document = copy.deepcopy(spec.spec)
    spec_document["servers"] = [{"url": "/", "description": "Denne server"}]
    components = spec_document.setdefault("components", {})
    components["securitySchemes"] = {
        SECURITY_SCHEME: {"type": "http", "scheme": "bearer",
                          "description": "API-nøglen fra administrationssiden: Authorization: Bearer sb_…"},
    }
    views = _views_by_operation()
    for path, operations in spec_document.get("paths", {}).items():
        for method, operation in operations.items():
            view = views.get((path, method))
            scope = getattr(view, "api_scope", None)
            responses = operation.setdefault("responses", {})
            if scope is not None:
                operation["security"] = [{SECURITY_SCHEME: []}]
                responses.setdefault("401", _problem_response("Manglende, ukendt eller tilbagekaldt API-nøgle."))
                if scope == "write":
                    responses.setdefault("403", _problem_response("API-nøglen må kun læse."))
            responses.setdefault("429", _problem_response("For mange forespørgsler; se Retry-After."))
            if getattr(view, "idempotent", False):
                operation.setdefault("parameters", []).append(_IDEMPOTENCY_PARAMETER)
                responses.setdefault("409", _problem_response("Afvist, eller behandles allerede."))
            for response in responses.values():
                content = response.get("content", {})
                json_content = content.get("application/json")
                if json_content and json_content.get("schema", {}).get("$ref", "").endswith("/Problem"):
                    content[problems.MEDIA_TYPE] = content.pop("application/json")
    return spec_document


_IDEMPOTENCY_PARAMETER = {
    "name": "Idempotency-Key",
    "in": "header",
    "required": False,
    "description": "En nøgle, klienten vælger pr. ændring (f.eks. et UUID). Sendes samme forespørgsel igen med "
                   "samme nøgle, svares det første svar igen, og ændringen sker kun én gang.",
    "schema": {"type": "string", "minLength": 1, "maxLength": 200, "pattern": "^[\\x21-\\x7e]([\\x20-\\x7e]*[\\x21-\\x7e])?$"},
}


def _problem_response(description: str) -> dict[str, Any]:
    return {"description": description,
            "content": {problems.MEDIA_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}}}


def _views_by_operation() -> dict[tuple[str, str], Any]:
    """The API's view functions by (OpenAPI path, method), to read what their decorators marked."""
    found: dict[tuple[str, str], Any] = {}
    for rule in current_app.url_map.iter_rules():
        if not rule.endpoint.startswith(bp.name + "."):
            continue
        path, _parameters = spec.backend.parse_path(rule, None)
        for method in rule.methods or ():
            found[(path, method.lower())] = current_app.view_functions[rule.endpoint]
    return found
