"""The Selvbooking web portal: a thin Flask shell around the ``scheduling`` domain."""

from __future__ import annotations

import os
from typing import Any

from flask import Flask, render_template

from portal.config import CONFIGS, ProductionConfig


def create_app(config: str | None = None, overrides: dict[str, Any] | None = None) -> Flask:
    """Application factory: ``config`` names an environment (development, testing, production)."""
    name = config or os.environ.get("SELVBOOKING_CONFIG", "development")
    app = Flask(__name__, instance_relative_config=False)
    app.config.from_object(CONFIGS[name])
    if overrides:
        app.config.update(overrides)
    if name == "production":
        ProductionConfig.validate(app.config)

    @app.get("/")
    def index() -> str:
        return render_template("index.html")

    return app
