"""The pages of sargs.cases under /cases/, one list per sub-area (docs/adr/0013). The URL
names stay in the one ``cases`` namespace; the paths do not overlap, so order does not
matter."""

from sargs.cases.casework.urls import urlpatterns as casework
from sargs.cases.concerns.urls import urlpatterns as concerns
from sargs.cases.court.urls import urlpatterns as court
from sargs.cases.npais.urls import urlpatterns as npais
from sargs.cases.police.urls import urlpatterns as police
from sargs.cases.referrals.urls import urlpatterns as referrals

app_name = "cases"
urlpatterns = [*casework, *concerns, *referrals, *court, *police, *npais]
