"""Pages for families as they are (issue 15, point 4): a brother or sister added to an open
case from the case page, chosen from the family's household or registered there and then.
Thin: the services decide (docs/adr/0008); part of the ``cases`` URL namespace."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from sargs.core.access import access
from sargs.core.forms import once_per_form, run_service
from sargs.organisations.principal import principal_for, signed_in_user
from sargs.registry.models import Child, Sex

from . import family_services, selectors
from .access import MANAGES_CASES
from .family_selectors import sibling_candidates
from .models import Case


class SiblingForm(forms.Form):
    child = forms.ModelChoiceField(
        label=gettext_lazy("Brother or sister from the family's household"),
        queryset=Child.objects.none(),
    )

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["child"]
        field.queryset = sibling_candidates(case)  # type: ignore[attr-defined]
        field.label_from_instance = lambda c: f"{c.full_name}, {c.birth_date:%d.%m.%Y}"  # type: ignore[attr-defined]


class SiblingRegisterForm(forms.Form):
    first_name = forms.CharField(label=gettext_lazy("First name"), max_length=100)
    last_name = forms.CharField(label=gettext_lazy("Last name"), max_length=100)
    birth_date = forms.DateField(label=gettext_lazy("Birth date"))
    sex = forms.ChoiceField(label=gettext_lazy("Sex"), choices=Sex.choices)
    personal_code = forms.CharField(
        label=gettext_lazy("Personal code"), max_length=12, required=False
    )


def sibling_forms(case: Case, **bound: forms.Form) -> dict[str, forms.Form]:
    """The case page's two forms for adding a brother or sister (``bound`` when re-shown)."""
    return {
        "sibling_form": bound.get("sibling_form") or SiblingForm(case=case),
        "sibling_register_form": bound.get("sibling_register_form") or SiblingRegisterForm(),
    }


def _page(request: HttpRequest, case: Case, **bound: forms.Form) -> HttpResponse:
    from .views import _case_page

    return _case_page(request, case, **bound)


@access(MANAGES_CASES)
@require_POST
@once_per_form
def case_child_add(request: HttpRequest, pk: int) -> HttpResponse:
    case = selectors.case_get_for_change(principal=principal_for(request), pk=pk)
    form = SiblingForm(request.POST, case=case)
    if (
        form.is_valid()
        and run_service(
            form,
            lambda: family_services.case_child_add(
                case=case, actor=signed_in_user(request), child=form.cleaned_data["child"]
            ),
        )
        is not None
    ):
        messages.success(request, _("The child was added to the family's case."))
        return redirect("cases:case-detail", pk=pk)
    return _page(request, case, sibling_form=form)


@access(MANAGES_CASES)
@require_POST
@once_per_form
def case_sibling_register(request: HttpRequest, pk: int) -> HttpResponse:
    case = selectors.case_get_for_change(principal=principal_for(request), pk=pk)
    form = SiblingRegisterForm(request.POST)
    if (
        form.is_valid()
        and run_service(
            form,
            lambda: family_services.case_sibling_register(
                case=case, actor=signed_in_user(request), **form.cleaned_data
            ),
        )
        is not None
    ):
        messages.success(request, _("The child was registered and added to the family's case."))
        return redirect("cases:case-detail", pk=pk)
    return _page(request, case, sibling_register_form=form)
