"""The API's documentation, ``/api/v1/docs``: the OpenAPI document rendered on the server (endpoints,
parameters, request bodies, responses, schemas), readable without JavaScript and without scripts from a CDN.

One page would hold every operation and schema (over 200 kB of tables, heavy on a phone and for a screen
reader), so the overview lists the operations by section and links to a page per section (``/api/v1/docs/samtaler``)
and one for the schemas (``/api/v1/docs/skemaer``)."""

from __future__ import annotations

import re
from typing import Any

from flask import abort, render_template

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
                "method": method.upper(), "path": path, "id": re.sub(r"[^a-z0-9_]+", "-", f"{method}-{path}").strip("-"),
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


SCHEMAS = "skemaer"
_ASCII = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", " ": "-"})


def slug(tag: str) -> str:
    """A section's address: ``Aftalte tidsrum`` → ``aftalte-tidsrum``."""
    return tag.lower().translate(_ASCII)


@bp.get("/docs")
def docs() -> str:
    """Dokumentationen: en oversigt over alle endpoints efter afsnit, med et link til hvert afsnits side."""
    spec_document = document()
    return render_template("api/docs.html", info=spec_document["info"], tags=_operations(spec_document), slug=slug,
                           schemas=SCHEMAS)


@bp.get("/docs/<section>")
def docs_section(section: str) -> str:
    """Et afsnit af dokumentationen: hvert endpoint med parametre, forespørgsel og svar; eller skemaerne."""
    spec_document = document()
    if section == SCHEMAS:
        schemas = spec_document.get("components", {}).get("schemas", {})
        return render_template("api/docs_schemas.html", info=spec_document["info"], schemas=sorted(schemas.items()),
                               type_of=type_of)
    for tag, operations in _operations(spec_document):
        if slug(tag) == section:
            return render_template("api/docs_section.html", info=spec_document["info"], tag=tag,
                                   operations=operations, type_of=type_of, schemas=SCHEMAS)
    abort(404)
