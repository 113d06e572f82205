"""Access rules, declared once per view.

Every page and API view carries an ``access_rule``: an object that says who may open it.
``tests/test_url_access.py`` walks every URL and fails on a view without one. Object-level
checks come from each app's policy (``<app>/access.py``): records a user may not see are
404, records they see but may not change are 403.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, Protocol, TypeVar

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.http.response import HttpResponseBase

ViewFunc = TypeVar("ViewFunc", bound=Callable[..., HttpResponseBase])


class Rule(Protocol):
    """Who may open a view. ``allows`` runs after sign-in (and second factor) are settled."""

    public: bool
    description: str

    def allows(self, request: HttpRequest) -> bool: ...


class Public:
    """No sign-in: the sign-in pages, health, language switch, anonymous questionnaires."""

    public = True
    description = "public"

    def allows(self, request: HttpRequest) -> bool:
        return True


class SignedIn:
    """Any signed-in user; what they then see is narrowed by the records' policies."""

    public = False
    description = "signed in"

    def allows(self, request: HttpRequest) -> bool:
        return bool(request.user.is_authenticated)


PUBLIC = Public()
SIGNED_IN = SignedIn()


def access(rule: Rule) -> Callable[[ViewFunc], ViewFunc]:
    """Declare a function view's access rule; 403 when the rule does not allow the request."""

    def decorate(view: ViewFunc) -> ViewFunc:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if not rule.allows(request):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapper.access_rule = rule  # type: ignore[attr-defined]
        if rule.public:
            return login_not_required(wrapper)  # type: ignore[return-value]
        return wrapper  # type: ignore[return-value]

    return decorate


def declared_rule(callback: Any) -> Rule | None:
    """The rule a resolved URL callback declares (function views, class views, DRF views)."""
    rule = getattr(callback, "access_rule", None)
    if rule is not None:
        return rule  # type: ignore[no-any-return]
    for attr in ("view_class", "cls"):
        klass = getattr(callback, attr, None)
        if klass is not None and getattr(klass, "access_rule", None) is not None:
            return klass.access_rule  # type: ignore[no-any-return]
    return None
