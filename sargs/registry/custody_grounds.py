"""The grounds on which an orphan's court suspends a parent's custody, in one place: the code
stored on the registry's custody record and on the court's decision, a short label for lists,
and the law's own wording for the decision page (Civil Law 203; domain.md §6).

The wording below is copied from the consolidated text in /work/shared/law/
(civillikums-1-2015-12-03.txt, in force from 03.12.2015). It is an older consolidated text:
it MUST be checked against the current consolidated text on likumi.lv before it is shown as
the law, and updated here (only here) if the article changed.

Disability of a parent or of the child is never a ground for separating them (the Supreme
Court's test quoted in the guideline; UN CRPD art. 23(4)): there is deliberately no such
ground, and the decision page says so wherever a disability is recorded.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class SuspensionGround(models.TextChoices):
    """Civil Law 203: the five grounds of the first part, and the third part's."""

    FACTUAL_OBSTACLES = "1", _("CL 203(1)1: factual obstacles to exercising custody")
    DANGER_BY_FAULT = "2", _("CL 203(1)2: danger to the child through the parent's fault")
    ABUSE_OR_NO_CARE = "3", _("CL 203(1)3: abuse of rights or no care and supervision")
    CONSENT_TO_ADOPTION = "4", _("CL 203(1)4: consent to adoption")
    VIOLENCE = "5", _("CL 203(1)5: violence or well-founded suspicion of violence")
    COURT_RULING_NOT_COMPLIED = (
        "p3",
        _("CL 203(3): not complying with a court ruling on custody or contact"),
    )


# The law's wording (Latvian, the language of the law), per ground. Checked against:
# Civillikums, consolidated text of 03.12.2015 (see the module docstring: check the current one).
LAW_TEXT: dict[str, str] = {
    SuspensionGround.FACTUAL_OBSTACLES: (
        "Civillikuma 203. panta pirmās daļas 1. punkts: ir faktiski šķēršļi, kas liedz "
        "vecākam iespēju aprūpēt bērnu."
    ),
    SuspensionGround.DANGER_BY_FAULT: (
        "Civillikuma 203. panta pirmās daļas 2. punkts: bērns atrodas veselībai vai dzīvībai "
        "bīstamos apstākļos vecāka vainas dēļ (vecāku apzinātas rīcības vai nolaidības dēļ)."
    ),
    SuspensionGround.ABUSE_OR_NO_CARE: (
        "Civillikuma 203. panta pirmās daļas 3. punkts: vecāks ļaunprātīgi izmanto savas "
        "tiesības vai nenodrošina bērna aprūpi un uzraudzību."
    ),
    SuspensionGround.CONSENT_TO_ADOPTION: (
        "Civillikuma 203. panta pirmās daļas 4. punkts: vecāks ir devis piekrišanu bērna "
        "adopcijai, izņemot gadījumu, kad viņš kā laulātais ir devis piekrišanu tam, ka bērnu "
        "adoptē otrs laulātais."
    ),
    SuspensionGround.VIOLENCE: (
        "Civillikuma 203. panta pirmās daļas 5. punkts: konstatēta vecāka vardarbība pret "
        "bērnu vai ir pamatotas aizdomas par vecāka vardarbību pret bērnu."
    ),
    SuspensionGround.COURT_RULING_NOT_COMPLIED: (
        "Civillikuma 203. panta trešā daļa: vecāks ļaunprātīgi izmanto savas tiesības, nepildot "
        "tiesas nolēmumu lietā, kas izriet no aizgādības vai saskarsmes tiesībām, ja tas nodara "
        "būtisku kaitējumu bērnam un ja nepastāv otram vecākam šķēršļi īstenot bērna aprūpi."
    ),
}

GROUND_CODES: tuple[str, ...] = tuple(SuspensionGround.values)
GROUND_MAX_LENGTH = 2


def law_text(code: str) -> str:
    """The law's wording of a ground ("" for no ground)."""
    return LAW_TEXT.get(code, "")
