"""The cases app's single model registration point: nothing else lives here.

Django imports ``<app>/models.py`` while it builds the app registry, before any ``ready()``,
so every model of the app must be imported from here for migrations, the admin and
``apps.get_model("cases", ...)`` to find it. The models themselves live in the sub-areas
(docs/adr/0013-cases-sub-areas.md); code imports them from there, never from this module.
"""

from .casework import models as casework_models  # noqa: F401
from .casework import transfer_models  # noqa: F401
from .concerns import models as concern_models  # noqa: F401
from .court import crisis_models  # noqa: F401
from .court import models as court_models  # noqa: F401
from .npais import models as npais_models  # noqa: F401
from .police import models as police_models  # noqa: F401
from .referrals import models as referral_models  # noqa: F401
