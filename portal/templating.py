"""Jinja's template imports without their per-import set arithmetic (issue 11, round 7).

Every ``{% from "macros/…" import … %}`` asks the imported template for its module, and Jinja first works out
which of the importing context's globals the imported template lacks: ``ctx.globals_keys - self.globals.keys()``,
a set difference against a ``ChainMap`` that costs three Python calls per global (the portal has ~55 globals, a
page imports 3–4 times: ~1,300 calls a request, a tenth of Mine samtaler). The portal's templates have no
template-specific globals, so the answer is nearly always "none": :class:`Template` answers that with one
C-level comparison when it holds, and asks Jinja otherwise. The module and the output are Jinja's.
"""

from __future__ import annotations

from collections import ChainMap
from typing import Any

from flask import Flask
from jinja2 import Template as JinjaTemplate
from jinja2.runtime import Context


class Template(JinjaTemplate):
    def _get_default_module(self, ctx: Context | None = None) -> Any:
        if ctx is not None:
            own = self.globals
            # Jinja's test is "any of ctx.globals_keys not in self.globals"; with no template-specific globals
            # (the ChainMap's first map empty) and every one of them an environment global, there is none
            if isinstance(own, ChainMap) and len(own.maps) == 2 and not own.maps[0] \
                    and own.maps[1].keys() >= ctx.globals_keys:
                ctx = None
        return super()._get_default_module(ctx)


def init_app(app: Flask) -> None:
    """Before any template is loaded (the loader makes each template of ``template_class``)."""
    app.jinja_env.template_class = Template
