"""The API's documentation page, ``/api/v1/docs``: the OpenAPI document rendered on the server (endpoints,
parameters, request bodies, responses, schemas), readable without JavaScript and without scripts from a CDN."""

from __future__ import annotations

from typing import Any

from flask import render_template

from portal.api import bp, document

METHOD_ORDER = ("get", "post", "put", "patch", "delete")


def type_of(schema: dict[str, Any]) -> str:
    """A schema's type in a few words: ``integer``, ``string (date)``, ``list of Problem``, ``Person | null``."""
    if "$ref" in schema:
        return str(schema["$ref"].rsplit("/", 1)[-1])
    if "anyOf" in schema:
        return " | ".join(type_of(part) for part in schema["anyOf"])
    kind = schema.get("type")
    if kind == "array":
        return "list of " + type_of(schema.get("items", {}))
    if "enum" in schema:
        return " | ".join(f'"{value}"' for value in schema["enum"])
    if "const" in schema:
        return f'"{schema["const"]}"'
    if kind is None:
        return "any"
    text = str(kind)
    if "format" in schema:
        text += f" ({schema['format']})"
    return text


def _operations(spec_document: dict[str, Any]) -> list[tuple[str, list[dict[str, Any]]]]:
    """The operations by tag, in path order."""
    tags: dict[str, list[dict[str, Any]]] = {}
    for path, methods in sorted(spec_document.get("paths", {}).items()):
        for method in sorted(methods, key=lambda m: METHOD_ORDER.index(m) if m in METHOD_ORDER else 99):
            operation = methods[method]
            body = (operation.get("requestBody") or {}).get("content", {})
            tags.setdefault((operation.get("tags") or ["API"])[0], []).append({
                "method": method.upper(), "path": path, "id": f"{method}-{path}".replace("/", "-").strip("-"),
                "summary": operation.get("summary", ""), "description": operation.get("description", ""),
                "secured": bool(operation.get("security")),
                "parameters": operation.get("parameters", []),
                "body": [(media, type_of(content.get("schema", {}))) for media, content in body.items()],
                "responses": [
                    (status, response.get("description", ""),
                     [(media, type_of(content.get("schema", {}))) for media, content in response.get("content", {}).items()])
                    for status, response in sorted(operation.get("responses", {}).items())
                ],
            })
    return sorted(tags.items())


@bp.get("/docs")
def docs() -> str:
    """Dokumentationen: hvert endpoint med parametre, forespørgsel og svar, og hvert skema med sine felter."""
    spec_document = document()
    schemas = spec_document.get("components", {}).get("schemas", {})
    return render_template(
        "api/docs.html", info=spec_document["info"], tags=_operations(spec_document), schemas=sorted(schemas.items()),
        type_of=type_of,
    )
