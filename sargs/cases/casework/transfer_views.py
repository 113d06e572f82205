"""The transfer summary of a handed-over child's case: a page and a Word/PDF document for the
case managers of both municipalities (404 to anyone else). The receiver also gets a link to
its case and to the case the child came from; the sender sees that and when the child was
transferred, never the receiving case. Every read is recorded."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from sargs.audit.services import record_view
from sargs.core.access import access
from sargs.core.documents import to_docx, to_pdf
from sargs.organisations.principal import principal_for

from .access import MANAGES_CASES
from .transfer_selectors import is_receiver, summary_lines, transfer_document, transfer_get


@access(MANAGES_CASES)
def transfer_detail(request: HttpRequest, pk: int) -> HttpResponse:
    principal = principal_for(request)
    transfer = transfer_get(principal=principal, pk=pk)
    record_view(request=request, obj=transfer.child, purpose="case transfer", transfer=pk)
    return render(
        request,
        "cases/transfer_detail.html",
        {
            "transfer": transfer,
            "receiver": is_receiver(principal, transfer),
            "lines": summary_lines(transfer.summary),
        },
    )


@access(MANAGES_CASES)
def transfer_download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    if fmt not in ("docx", "pdf"):
        raise Http404
    transfer = transfer_get(principal=principal_for(request), pk=pk)
    record_view(request=request, obj=transfer.child, purpose="case transfer document", transfer=pk)
    doc = transfer_document(transfer)
    body = to_docx(doc) if fmt == "docx" else to_pdf(doc)
    content_type = (
        "application/pdf"
        if fmt == "pdf"
        else "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="transfer-{pk}.{fmt}"'
    response["Cache-Control"] = "private, no-store"
    return response
