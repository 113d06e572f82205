"""Anonymous questionnaires: the coordinator's pages, and the public answering page, which
needs no sign-in, asks nothing about the respondent and stores no address. One submission
per browser is kept by a signed cookie; answers per link and client address are rate-limited
by the service (the address is used for the count and not kept)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sargs.core.access import PUBLIC, access
from sargs.core.client_address import client_address
from sargs.core.forms import add_service_errors, run_action, run_service
from sargs.core.suppression import suppress_count
from sargs.organisations.principal import principal_for, signed_in_user

from . import questionnaire_services, selectors
from .access import DRAFTS_PROGRAMME, programme_policy
from .forms import AnswerForm, QuestionForm, QuestionnaireForm
from .models import Programme, Questionnaire, QuestionnaireStatus

ANSWERED_COOKIE = "sargs_answered_{pk}"
ANSWERED_SALT = "programme.questionnaire"
ONE_YEAR = 365 * 24 * 3600


def _managed_programme(request: HttpRequest, pk: int) -> Programme:
    principal = principal_for(request)
    programme = selectors.programme_get(principal=principal, pk=pk)
    programme_policy.require_change(principal, programme)
    return programme


def _managed(request: HttpRequest, pk: int) -> Questionnaire:
    principal = principal_for(request)
    programmes = selectors.programme_list(principal=principal)
    questionnaire = (
        Questionnaire.objects.select_related("programme")
        .filter(pk=pk, programme__in=programmes)
        .first()
    )
    if questionnaire is None:
        raise Http404
    programme_policy.require_change(principal, questionnaire.programme)
    return questionnaire


@access(DRAFTS_PROGRAMME)
def questionnaire_list(request: HttpRequest, pk: int) -> HttpResponse:
    programme = _managed_programme(request, pk)
    form = QuestionnaireForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        created = run_service(
            form,
            lambda: questionnaire_services.questionnaire_create(
                actor=signed_in_user(request), programme=programme, **form.cleaned_data
            ),
        )
        if created is not None:
            messages.success(request, _("The questionnaire was created; add its questions."))
            return redirect("programme:questionnaire-detail", pk=created.pk)
    return render(
        request,
        "programme/questionnaire_list.html",
        {
            "programme": programme,
            "version": selectors.current_version(programme),
            "questionnaires": programme.questionnaires.all(),
            "form": form,
            "section": "questionnaires",
        },
    )


@access(DRAFTS_PROGRAMME)
def questionnaire_detail(request: HttpRequest, pk: int) -> HttpResponse:
    questionnaire = _managed(request, pk)
    programme = questionnaire.programme
    form = QuestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        added = run_service(
            form,
            lambda: questionnaire_services.question_add(
                actor=signed_in_user(request),
                questionnaire=questionnaire,
                kind=form.cleaned_data["kind"],
                text=form.cleaned_data["text"],
                options=form.option_list(),
            ),
        )
        if added is not None:
            messages.success(request, _("The question was added."))
            return redirect("programme:questionnaire-detail", pk=questionnaire.pk)
    return render(
        request,
        "programme/questionnaire_detail.html",
        {
            "programme": programme,
            "version": selectors.current_version(programme),
            "draft": selectors.draft_version(programme),
            "questionnaire": questionnaire,
            "questions": questionnaire.questions.all(),
            "form": form,
            "results": selectors.questionnaire_results(
                questionnaire=questionnaire, with_texts=True
            ),
            "responses": selectors.response_count(questionnaire),
            "repeated": suppress_count(questionnaire.repeated_address_answers).display,
            "public_url": request.build_absolute_uri(f"/programme/q/{questionnaire.token}/"),
            "section": "questionnaires",
        },
    )


@require_POST
@access(DRAFTS_PROGRAMME)
def questionnaire_status(request: HttpRequest, pk: int) -> HttpResponse:
    questionnaire = _managed(request, pk)
    run_action(
        request,
        lambda: questionnaire_services.questionnaire_set_status(
            actor=signed_in_user(request),
            questionnaire=questionnaire,
            status=request.POST.get("status", ""),
        ),
        done=_("Saved."),
    )
    return redirect("programme:questionnaire-detail", pk=questionnaire.pk)


@require_POST
@access(DRAFTS_PROGRAMME)
def questionnaire_summarise(request: HttpRequest, pk: int) -> HttpResponse:
    questionnaire = _managed(request, pk)
    draft = selectors.draft_version(questionnaire.programme)
    if draft is None:
        messages.error(request, _("Summaries go into a draft version: start an amendment first."))
        return redirect("programme:questionnaire-detail", pk=questionnaire.pk)
    questionnaire_services.questionnaire_summarise(
        actor=signed_in_user(request), questionnaire=questionnaire, version=draft
    )
    messages.success(request, _("The results were summarised into the strategic part."))
    return redirect("programme:version-detail", pk=draft.pk)


# --- Public ----------------------------------------------------------------------------------


def _open_questionnaire(token: str) -> Questionnaire:
    questionnaire = (
        Questionnaire.objects.select_related("programme__municipality")
        .filter(token=token)
        .exclude(status=QuestionnaireStatus.DRAFT)
        .first()
    )
    if questionnaire is None:
        raise Http404
    return questionnaire


def _already_answered(request: HttpRequest, questionnaire: Questionnaire) -> bool:
    value = request.get_signed_cookie(
        ANSWERED_COOKIE.format(pk=questionnaire.pk), default=None, salt=ANSWERED_SALT
    )
    return value == questionnaire.token


@access(PUBLIC)
def questionnaire_answer(request: HttpRequest, token: str) -> HttpResponse:
    """Answer a questionnaire anonymously: no sign-in, nothing about the respondent."""
    questionnaire = _open_questionnaire(token)
    closed = questionnaire.status != QuestionnaireStatus.OPEN
    answered = _already_answered(request, questionnaire)
    form = AnswerForm(request.POST or None, questions=list(questionnaire.questions.all()))
    status = 200
    if request.method == "POST" and not closed and not answered and form.is_valid():
        try:
            questionnaire_services.questionnaire_answer(
                questionnaire=questionnaire,
                answers=form.answers(),
                address=client_address(request),
            )
        except questionnaire_services.AnswerLimitReached as error:
            add_service_errors(form, error)
            status = 429
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            response = redirect("programme:questionnaire-thanks", token=token)
            response.set_signed_cookie(
                ANSWERED_COOKIE.format(pk=questionnaire.pk),
                questionnaire.token,
                salt=ANSWERED_SALT,
                max_age=ONE_YEAR,
                httponly=True,
                samesite="Lax",
                secure=request.is_secure(),
            )
            return response
    return render(
        request,
        "programme/questionnaire_answer.html",
        {"questionnaire": questionnaire, "form": form, "closed": closed, "answered": answered},
        status=status,
    )


@access(PUBLIC)
def questionnaire_thanks(request: HttpRequest, token: str) -> HttpResponse:
    questionnaire = _open_questionnaire(token)
    return render(request, "programme/questionnaire_thanks.html", {"questionnaire": questionnaire})
