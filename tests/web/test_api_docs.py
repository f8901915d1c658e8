"""The API's documentation pages (issue 16): an overview of every operation by section, a page per section with
each operation's parameters and answers, and a page of the schemas — all from the served OpenAPI document."""

from __future__ import annotations

import re

from portal.api.docs import slug


def _document(client) -> dict:
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.get_json()


def test_the_overview_links_every_operation_to_its_sections_page(client):
    document = _document(client)
    page = client.get("/api/v1/docs")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    for path, methods in document["paths"].items():
        for method, operation in methods.items():
            section = slug(operation["tags"][0])
            anchor = re.sub(r"[^a-z0-9_]+", "-", f"{method}-{path}").strip("-")
            assert f'href="/api/v1/docs/{section}#{anchor}"' in html, (method, path)
    assert 'href="/api/v1/docs/skemaer"' in html
    assert "<table" not in html  # the details are on the sections' pages


def test_the_problem_type_of_interviews_hit_is_explained_where_its_uri_points(client):
    from portal.api.problems import CHOICES_TYPE

    path, anchor = CHOICES_TYPE.split("#")
    html = client.get(path).get_data(as_text=True)
    assert f'id="{anchor}"' in html and "choices" in html


def test_each_sections_page_has_its_operations_and_links_their_schemas(client):
    document = _document(client)
    sections: dict[str, set[str]] = {}
    for path, methods in document["paths"].items():
        for method, operation in methods.items():
            sections.setdefault(slug(operation["tags"][0]), set()).add(f"{method.upper()} {path}")
    assert len(sections) > 1
    for section, operations in sections.items():
        page = client.get(f"/api/v1/docs/{section}")
        assert page.status_code == 200, section
        html = page.get_data(as_text=True)
        shown = set(re.findall(r'<h2 id="[^"]+"><code>([A-Z]+ [^<]+)</code></h2>', html))
        assert shown == operations, section
        for schema in re.findall(r'href="/api/v1/docs/skemaer#schema-([^"]+)"', html):
            assert schema in document["components"]["schemas"], schema


def test_the_schemas_page_has_every_schema_and_its_fields(client):
    document = _document(client)
    html = client.get("/api/v1/docs/skemaer").get_data(as_text=True)
    for name, schema in document["components"]["schemas"].items():
        assert f'id="schema-{name}"' in html, name
        for field in schema.get("properties", {}):
            assert f"<code>{field}</code>" in html, (name, field)


def test_an_unknown_section_is_not_found(client):
    response = client.get("/api/v1/docs/ingen-saadan")
    assert response.status_code == 404
    assert "ingen side med den adresse" in response.get_data(as_text=True)
