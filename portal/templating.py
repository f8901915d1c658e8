"""What every page's template does, for less (issue 11, round 7).

**Imports.** Every ``{% from "macros/…" import … %}`` asks the imported template for its module, and Jinja first
works out which of the importing context's globals the imported template lacks (``ctx.globals_keys -
self.globals.keys()``): a set difference against a ``ChainMap`` that costs three Python calls per global (the portal has ~55 globals, a
page imports 3–4 times: ~1,300 calls a request, a tenth of Mine samtaler). The portal's templates have no
template-specific globals, so the answer is nearly always "none": :class:`Template` answers that with one
C-level comparison when it holds, and asks Jinja otherwise. The module and the output are Jinja's.

**Icons.** ``icon`` of ``macros/components.html`` is :func:`icon`: the macro's output (now ``icon_uncached``)
rendered once per app, script root, name and label, and kept.

**The menu.** The layout shows the menu twice (the desktop bar and the phone's drawer), each a loop of macros
(~800 Python calls a page); its HTML depends only on the links (their addresses, words, unread count and which is
current) and the language (the words of the unread count). :func:`menu` renders a macro of ``macros/menu.html``
once per app for each of those and keeps it.
"""

from __future__ import annotations

from collections import ChainMap
from typing import Any

from flask import Flask, current_app, request
from jinja2 import Template as JinjaTemplate
from jinja2.runtime import Context
from markupsafe import Markup

from portal.i18n import locale_key

#: How many menus an app remembers before it starts again.
MENUS_LIMIT = 10_000


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


def menu(macro: str, links: list[Any], *args: Any) -> Markup:
    """``macro(links, *args)`` of ``macros/menu.html`` (``menu_items`` or ``mobile_navigation``), remembered per
    app, links, arguments and language; the macros use nothing else (no context: only the catalogue's ``_``)."""
    return _kept("selvbooking_menu_html", (macro, tuple(links), args, locale_key()),
                 "macros/menu.html", macro, links, *args)


def icon(name: str, label: Any = None) -> Markup:
    """``icon(name, label)`` of ``macros/components.html`` (its ``icon_uncached``), remembered per app, script
    root, name and label (the label's type too: a ``Markup`` label is not escaped again)."""
    return _kept("selvbooking_icons", (request.script_root, name, type(label), label),
                 "macros/components.html", "icon_uncached", name, label)


def _kept(store: str, key: tuple[Any, ...], template: str, macro: str, *args: Any) -> Markup:
    """``macro(*args)`` of ``template``, rendered once per ``key`` and kept in ``app.extensions[store]`` (emptied
    when it reaches :data:`MENUS_LIMIT` entries)."""
    kept: dict[tuple[Any, ...], Markup] = current_app.extensions[store]
    found = kept.get(key)
    if found is None:
        if len(kept) >= MENUS_LIMIT:
            kept.clear()
        module: Any = current_app.jinja_env.get_template(template).module
        found = kept[key] = Markup(getattr(module, macro)(*args))  # nosec B704  # our template's output
    return found


def init_app(app: Flask) -> None:
    """Before any template is loaded (the loader makes each template of ``template_class``)."""
    app.jinja_env.template_class = Template
    app.extensions["selvbooking_menu_html"] = {}
    app.jinja_env.globals["menu"] = menu
    app.extensions["selvbooking_icons"] = {}
    app.jinja_env.globals["cached_icon"] = icon
