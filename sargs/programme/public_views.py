"""The public page of an approved programme and its progress: no sign-in, no child data,
counts of people 1–4 suppressed, no free-text answers."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from sargs.core.access import PUBLIC, access

from . import selectors
from .models import Programme


@access(PUBLIC)
def public_detail(request: HttpRequest, pk: int) -> HttpResponse:
    programme = Programme.objects.select_related("municipality").filter(pk=pk).first()
    version = selectors.approved_version(programme) if programme else None
    if programme is None or version is None:
        raise Http404
    rows = selectors.progress_rows(version=version, suppress=True)
    return render(
        request,
        "programme/public_detail.html",
        {
            "programme": programme,
            "version": version,
            "problems": version.problems.all(),
            "priorities": version.priorities.all(),
            "rows": rows,
            "counts": selectors.track_counts(rows),
            "budget": selectors.budget_summary(version=version),
        },
    )
