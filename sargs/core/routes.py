"""Every URL pattern of the project with the view it calls: what the URL access test and the
access page (``manage.py access_matrix``) walk."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver


@dataclass(frozen=True)
class Route:
    route: str  # the pattern, e.g. "registry/children/<int:pk>/"
    name: str  # namespaced, e.g. "registry:child-detail"
    callback: Any

    @property
    def namespace(self) -> str:
        return self.name.split(":", 1)[0] if ":" in self.name else ""


def walk(resolver: URLResolver, prefix: str = "", ns: str = "") -> Iterator[Route]:
    for pattern in resolver.url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            sub_ns = f"{ns}{pattern.namespace}:" if pattern.namespace else ns
            yield from walk(pattern, route, sub_ns)
        elif isinstance(pattern, URLPattern):
            yield Route(route, f"{ns}{pattern.name}", pattern.callback)


def own_routes() -> list[Route]:
    """The project's URL patterns (the Django admin's own are left out)."""
    return [r for r in walk(get_resolver()) if not r.name.startswith("admin:")]
