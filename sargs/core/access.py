"""Access rules, declared once per view: the one vocabulary for "who may open this page".

Every page and API view carries an ``access_rule``: a :class:`Rule` that says who may open it.
``tests/test_url_access.py`` walks every URL and fails on a view without one; ``manage.py
access_matrix`` reads the same rules to write docs/access.md. Object-level checks come from
each app's policy (``<app>/access.py``, :mod:`sargs.core.policy`): records a user may not see
are 404, records they see but may not change are 403.

Rules compose: ``IS_COORDINATOR | HasRole(Role.COUNCILLOR)``, ``SEES_CASES & KEEPS_REGISTRY``.
Rules decided on the user's roles subclass :class:`PrincipalRule` and get the principal (the
user's active roles, institutions and municipalities) from the source that ``organisations``
registers at start-up, so that ``core`` imports no higher app (docs/adr/0013-layers.md).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from functools import wraps
from typing import Any, Protocol, TypeVar

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.http import HttpRequest
from django.http.response import HttpResponseBase

ViewFunc = TypeVar("ViewFunc", bound=Callable[..., HttpResponseBase])


# --- The principal, as core sees it -----------------------------------------------------------
class GrantLike(Protocol):
    """One active role of a user in one institution (``organisations.principal.Grant``)."""

    @property
    def role(self) -> str: ...
    @property
    def institution_id(self) -> int: ...
    @property
    def institution_type(self) -> str: ...
    @property
    def municipality_id(self) -> int | None: ...


class PrincipalLike(Protocol):
    """What a signed-in user may act as (``organisations.principal.Principal``)."""

    @property
    def user_id(self) -> int | None: ...
    @property
    def grants(self) -> tuple[Any, ...]: ...
    def has_role(self, *roles: Any) -> bool: ...


_principal_source: Callable[[HttpRequest], Any] | None = None


def use_principal_source(source: Callable[[HttpRequest], Any]) -> None:
    """Called once by ``organisations`` at start-up: how a request becomes a principal."""
    global _principal_source  # set once at start-up, read by every rule
    _principal_source = source


def principal_of(request: HttpRequest) -> Any:
    """The request's principal, from the source ``organisations`` registered."""
    if _principal_source is None:
        raise ImproperlyConfigured("No principal source: is sargs.organisations installed?")
    return _principal_source(request)


# --- Rules ------------------------------------------------------------------------------------
class RuleLike(Protocol):
    """Anything a view may declare: ``public`` and ``allows(request)``."""

    public: bool

    def allows(self, request: HttpRequest) -> bool: ...


class Rule:
    """Who may open a view. ``allows`` runs after sign-in (and second factor) are settled.

    ``describe()`` is what docs/access.md prints; combine rules with ``|`` and ``&``."""

    public: bool = False
    description: str = ""

    def allows(self, request: HttpRequest) -> bool:
        raise NotImplementedError

    def describe(self) -> str:
        return self.description

    def __or__(self, other: Rule) -> Rule:
        return AnyOf(self, other)

    def __and__(self, other: Rule) -> Rule:
        return AllOf(self, other)

    def __repr__(self) -> str:
        return f"<{type(self).__name__}: {self.describe()}>"


class Public(Rule):
    """No sign-in: the sign-in pages, health, language switch, anonymous questionnaires."""

    public = True
    description = "public"

    def allows(self, request: HttpRequest) -> bool:
        return True


class SignedIn(Rule):
    """Any signed-in user; what they then see is narrowed by the records' policies."""

    description = "signed in"

    def allows(self, request: HttpRequest) -> bool:
        return bool(request.user.is_authenticated)


class AnyOf(Rule):
    """Passes when one of the rules does."""

    def __init__(self, *rules: Rule) -> None:
        self.rules = _flatten(AnyOf, rules)
        self.public = any(r.public for r in self.rules)

    def allows(self, request: HttpRequest) -> bool:
        return any(r.allows(request) for r in self.rules)

    def describe(self) -> str:
        return " or ".join(r.describe() for r in self.rules)


class AllOf(Rule):
    """Passes when every rule does."""

    def __init__(self, *rules: Rule) -> None:
        self.rules = _flatten(AllOf, rules)
        self.public = all(r.public for r in self.rules)

    def allows(self, request: HttpRequest) -> bool:
        return all(r.allows(request) for r in self.rules)

    def describe(self) -> str:
        return " and ".join(f"({r.describe()})" for r in self.rules)


def _flatten(kind: type[Rule], rules: Iterable[Rule]) -> tuple[Rule, ...]:
    flat: list[Rule] = []
    for rule in rules:
        same_kind = type(rule) is kind
        if same_kind and isinstance(rule, AnyOf | AllOf):
            flat.extend(rule.rules)
        else:
            flat.append(rule)
    return tuple(flat)


class PrincipalRule(Rule):
    """A rule decided on the user's roles and institutions: subclasses give ``check``."""

    def check(self, principal: Any) -> bool:
        raise NotImplementedError

    def allows(self, request: HttpRequest) -> bool:
        return self.check(principal_of(request))


class HasRole(PrincipalRule):
    """The user holds at least one of the roles, in any institution."""

    def __init__(self, *roles: Any, description: str = "") -> None:
        self.roles = frozenset(roles)
        self.description = description or "role in " + ", ".join(sorted(str(r) for r in roles))

    def check(self, principal: Any) -> bool:
        return bool(principal.has_role(*self.roles))

    def __iter__(self) -> Iterator[Any]:
        return iter(self.roles)


class Holds(PrincipalRule):
    """A named test on the principal, for rules no role set expresses (e.g. "works in an
    institution that reports an indicator"). ``describe()`` is the name."""

    def __init__(self, description: str, test: Callable[[Any], bool]) -> None:
        self.description = description
        self.test = test

    def check(self, principal: Any) -> bool:
        return bool(self.test(principal))


PUBLIC = Public()
SIGNED_IN = SignedIn()


def access(rule: RuleLike) -> Callable[[ViewFunc], ViewFunc]:
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


def declared_rule(callback: Any) -> RuleLike | None:
    """The rule a resolved URL callback declares (function views, class views, DRF views)."""
    rule = getattr(callback, "access_rule", None)
    if rule is not None:
        return rule  # type: ignore[no-any-return]
    for attr in ("view_class", "cls"):
        klass = getattr(callback, attr, None)
        if klass is not None and getattr(klass, "access_rule", None) is not None:
            return klass.access_rule  # type: ignore[no-any-return]
    return None


def describe(rule: RuleLike) -> str:
    """A rule's description, also for rules written before :class:`Rule` had ``describe``."""
    if isinstance(rule, Rule):
        return rule.describe()
    return str(getattr(rule, "description", "") or type(rule).__name__)
