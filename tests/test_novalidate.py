"""The page's own error messages, never the browser's: every form that posts carries
``novalidate``, so a missing field is reported by the form in the page's language (the
browser's bubble speaks the browser's language and is missed by screen readers)."""

from __future__ import annotations

import re
from pathlib import Path

from django.conf import settings

FORM = re.compile(r"<form\b[^>]*>", re.IGNORECASE | re.DOTALL)


def test_every_posting_form_leaves_validation_to_the_page() -> None:
    root = Path(settings.BASE_DIR)
    missing = [
        f"{path.relative_to(root)}: {tag[:80]}"
        for path in [*root.glob("templates/**/*.html"), *root.glob("sargs/**/templates/**/*.html")]
        for tag in FORM.findall(path.read_text())
        if re.search(r"method=[\"']?post", tag, re.IGNORECASE) and "novalidate" not in tag
    ]
    assert not missing, "forms without novalidate:\n" + "\n".join(missing)
