"""Render GOV.UK Frontend components (the govuk-frontend-django set) from Python.

govuk-frontend-django compiles a Jinja environment on every render; a page with a
dozen form fields would pay that a dozen times. Here the environment and each
component's compiled macro are kept, and the component's template and macro name are
taken from the govuk-frontend-django component classes, so the markup stays theirs.
"""

import importlib
from functools import cache

from django.utils.safestring import mark_safe
from jinja2 import Environment, PackageLoader, PrefixLoader, select_autoescape

_environment = Environment(
    loader=PrefixLoader({"govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja")}),
    autoescape=select_autoescape(default=True, default_for_string=True),
    auto_reload=False,
)


@cache
def _macro_template(component: str):
    module = importlib.import_module(f"govuk_frontend_django.components.{component.replace('-', '_')}")
    cls = module.COMPONENT
    source = f"{{%- from '{cls._jinja2_template}' import {cls._macro_name} -%}}{{{{ {cls._macro_name}(data) }}}}"
    return _environment.from_string(source)


def _without_none(value):
    if isinstance(value, dict):
        return {k: _without_none(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_without_none(v) for v in value]
    return value


def render_component(component: str, params: dict):
    """Render one component ('input', 'error-summary', ...) with the Nunjucks-style params."""
    return mark_safe(_macro_template(component).render(data=_without_none(params)))  # noqa: S308 (the GOV.UK components' Jinja environment autoescapes every value)
