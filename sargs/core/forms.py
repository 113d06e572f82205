"""The one way a page runs a service (issue 13, point 5): ``run_service`` for a posted form,
which the page re-shows with the service's errors on it; ``run_action`` for a button, whose
refusal becomes a message on the next page. Views do not catch ValidationError themselves."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpRequest

T = TypeVar("T")


def add_service_errors(form: Form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: by field where it names one."""
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, list(errors))
    else:
        form.add_error(None, error)


def run_service(form: Form, call: Callable[[], T]) -> T | None:
    """Run a service for a valid form; on ValidationError, put the messages on the form."""
    try:
        return call()
    except ValidationError as exc:
        add_service_errors(form, exc)
        return None


def run_action(request: HttpRequest, call: Callable[[], object], *, done: str = "") -> bool:
    """Run a service behind a button (no form to re-show): on ValidationError, show its
    messages on the next page and return False; on success show ``done``, if given."""
    try:
        call()
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return False
    if done:
        messages.success(request, done)
    return True
