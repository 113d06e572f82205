"""The one way a page runs a service (issue 13, point 5): ``run_service`` for a posted form,
which the page re-shows with the service's errors on it; ``run_action`` for a button, whose
refusal becomes a message on the next page. Views do not catch ValidationError themselves.

Every form that creates something is sent once (issue 15, point 8): the template puts
``{% form_token %}`` in it (a fresh one-time token per rendered form) and the view is wrapped
in ``once_per_form``, which records the token in the same transaction as the view's change.
The same token sent again (Back and submit, a double click, a reload of the POST) creates
nothing: it is shown the page the first submission led to, with a message. The token is a
text input made invisible rather than a hidden input, because browsers restore the values of
text inputs, not hidden ones, when the user goes Back to a form (a hidden one would come back
fresh and let the old text through as a new record). ``static/js/sargs.js`` also disables the
submit button once a form is sent.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.forms import Form
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from .models import FormSubmission

T = TypeVar("T")


def add_service_errors(
    form: Form, error: ValidationError, *, field_for: Callable[[str], str | None] | None = None
) -> None:
    """Show a service's ValidationError on the form: by field where it names one.

    ``field_for`` maps a service's error key to the form field that shows it, for forms whose
    fields are not named like the service's keys (an indicator cell, an uploaded file)."""
    if hasattr(error, "error_dict"):
        for key, errors in error.message_dict.items():
            field = field_for(key) if field_for else key
            form.add_error(field if field in form.fields else None, list(errors))
    else:
        field = field_for("") if field_for else None
        form.add_error(field if field in form.fields else None, error)


def run_service(
    form: Form,
    call: Callable[[], T],
    *,
    field_for: Callable[[str], str | None] | None = None,
) -> T | None:
    """Run a service for a valid form; on ValidationError, put the messages on the form
    (``form.errors`` then says it failed, also for services that return nothing)."""
    try:
        return call()
    except ValidationError as exc:
        add_service_errors(form, exc, field_for=field_for)
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


# --- One-time form tokens ------------------------------------------------------------------

FORM_TOKEN_FIELD = "form_token"
_TOKEN_SHAPE = re.compile(r"^[A-Za-z0-9_-]{20,64}$")

View = Callable[..., HttpResponse]


def form_token_input() -> SafeString:
    """A fresh token as an invisible text input (see the module docstring for why text)."""
    return format_html(
        '<input type="text" name="{}" value="{}" hidden aria-hidden="true" tabindex="-1" '
        'data-form-token="">',
        FORM_TOKEN_FIELD,
        secrets.token_urlsafe(24),
    )


def _claim(token: str, user_id: int) -> FormSubmission | None:
    """Record the token as used; None when it already was (inside the caller's transaction:
    a concurrent first submission holds the row until it commits or rolls back)."""
    try:
        with transaction.atomic():
            return FormSubmission.objects.create(token=token, user_id=user_id)
    except IntegrityError:
        return None


def once_per_form(view: View) -> View:
    """Run a creating view at most once per form token. The token is recorded in the same
    transaction as the view's writes; a submission that does not succeed (the form comes back
    with errors: any response but a redirect) releases it, so the corrected form can be sent.
    A request without a token (the API, a script) runs as it is."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        token = request.POST.get(FORM_TOKEN_FIELD, "") if request.method == "POST" else ""
        if not _TOKEN_SHAPE.match(token) or not request.user.is_authenticated:
            return view(request, *args, **kwargs)
        with transaction.atomic():
            used = _claim(token, request.user.pk)
            if used is None:
                return _replayed(request, token, request.user.pk)
            response = view(request, *args, **kwargs)
            if isinstance(response, HttpResponseRedirect):
                used.result_url = response["Location"][:500]
                used.save(update_fields=["result_url"])
            else:
                used.delete()
        return response

    return wrapped


def form_submissions_delete_for_retention(*, pks: list[int]) -> int:
    """Removes used form tokens past their retention period (sargs/retention): a token only
    has to outlive the page a user could go Back to and submit again."""
    deleted, _rows = FormSubmission.objects.filter(pk__in=pks).delete()
    return deleted


def _replayed(request: HttpRequest, token: str, user_id: int) -> HttpResponse:
    """The page the first submission of ``token`` led to, with a message saying so."""
    first = FormSubmission.objects.filter(token=token, user_id=user_id).first()
    messages.info(request, _("This form was already sent; nothing was saved twice."))
    if first is not None and first.result_url:
        return redirect(first.result_url)
    # Only while the first submission is still being saved (it holds the row): back to the
    # page the form was on.
    back = request.META.get("HTTP_REFERER", "")
    safe = url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure())
    return redirect(back if safe else "/")
