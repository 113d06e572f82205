"""The cases app's public write services in one place, for other apps.

The services live in modules by concern (see docs/adr/0008-case-access.md):

* ``concern_services``: ``concern_report``, ``alert_acknowledge``, ``concern_accept``,
  ``concern_accept_new_child``, ``concern_close``, ``triage_working_days``;
* ``case_services``: ``case_participant_add``, ``case_participant_end``, ``note_add``,
  ``assessment_record``, ``case_close``, ``open_case_of``;
* ``task_services``: ``task_create``, ``task_complete``, ``task_cancel``;
* ``plan_services``: ``plan_current``, ``plan_save``, ``plan_record_agreement``;
* ``referral_services`` and ``proceeding_services`` as before.

Code inside sargs.cases imports the modules directly; other apps (cooperation) may keep using
``sargs.cases.services`` with the same names and signatures.
"""

from __future__ import annotations

from .case_services import (
    assessment_record,
    case_close,
    case_participant_add,
    case_participant_end,
    note_add,
    open_case_of,
)
from .concern_services import (
    alert_acknowledge,
    concern_accept,
    concern_accept_new_child,
    concern_close,
    concern_report,
    triage_working_days,
)
from .models import Task
from .plan_services import plan_current, plan_record_agreement, plan_save
from .task_services import task_cancel, task_complete, task_create

__all__ = [
    "Task",
    "alert_acknowledge",
    "assessment_record",
    "case_close",
    "case_participant_add",
    "case_participant_end",
    "concern_accept",
    "concern_accept_new_child",
    "concern_close",
    "concern_report",
    "note_add",
    "open_case_of",
    "plan_current",
    "plan_record_agreement",
    "plan_save",
    "task_cancel",
    "task_complete",
    "task_create",
    "triage_working_days",
]
