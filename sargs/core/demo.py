"""Demo loaders, found app by app so that no app has to import the ones above it.

Each app that has demo data gives its ``demo`` module a ``DEMO_PARTS`` list of
``(label, loader)``; a loader is idempotent and answers what it added. ``demo_parts()`` walks
the installed apps in ``INSTALLED_APPS`` order, which is the layer order (docs/adr), so every
part finds the parts it builds on already loaded.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module

from django.apps import apps
from django.utils.module_loading import module_has_submodule

Loader = Callable[[], dict[str, int]]


def demo_parts() -> list[tuple[str, Loader]]:
    """Every app's demo parts, lower layers first."""
    parts: list[tuple[str, Loader]] = []
    for config in apps.get_app_configs():
        if not config.name.startswith("sargs.") or not module_has_submodule(config.module, "demo"):
            continue
        module = import_module(f"{config.name}.demo")
        parts.extend(getattr(module, "DEMO_PARTS", ()))
    return parts
