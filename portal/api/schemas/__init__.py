"""The API's pydantic models, one module per area. English field names as in the course JSON
(docs/course-json.md), Danish descriptions. A model's class name is its name in the OpenAPI document's
components: make it unique across the areas."""
