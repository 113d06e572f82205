"""Sign in as each demo user and save their home page and a case page (bin/screenshots).

Each user signs in once (a second-factor code may be used once) and switches language with
the header's switch, as a person would. Pages are saved as PNG at 1280 px, full page."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from django_otp.oath import TOTP
from PIL import Image
from playwright.sync_api import Page, sync_playwright

# The demo's shared secret (sargs/organisations/demo.py; README "Demo sign-ins").
DEMO_TOTP_KEY = b"SargsDemoTotpKey2026"
PASSWORD = "Sargs-demo-2026!"
USERS = (
    "koordinators",
    "socialais",
    "asistents",
    "barintiesa",
    "policija",
    "izglitiba",
    "skola",
    "pakalpojumi",
    "sadarbiba",
    "deputats",
    "analitikis",
    "administrators",
)
# Whose case page is shot, and how it is found: the Ozoliņi family's case.
CASE_USERS = ("socialais", "barintiesa")
CASE_FAMILY = "Ozoli"


def _code() -> str:
    totp = TOTP(DEMO_TOTP_KEY)
    totp.time = time.time()
    return f"{totp.token():06d}"


def sign_in(page: Page, username: str) -> None:
    page.goto("/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    if page.locator("input[name=code]").count():
        page.fill("input[name=code]", _code())
        page.locator("main form button[type=submit]").click()
        page.wait_for_load_state()


def language(page: Page, code: str) -> None:
    switch = page.locator(f"form.language-switch button[value={code}]")
    if switch.count():
        switch.click()
        page.wait_for_load_state()


def shoot(page: Page, out: Path, name: str) -> None:
    path = out / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    # 256 colours are plenty for a page of text and a third of the size in the repository.
    with Image.open(path) as image:
        small = image.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT)
    small.save(path, optimize=True)
    print(f"    {path}")


def case_url(page: Page) -> str | None:
    for tab in ("mine", "open"):
        page.goto(f"/cases/?tab={tab}")
        row = page.locator("main table tbody tr").filter(has_text=CASE_FAMILY)
        if row.count():
            return row.first.locator("a[href^='/cases/']").first.get_attribute("href")
    return None


def main(base_url: str, out: str, only: list[str]) -> None:
    target = Path(out)
    target.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        for username in only or USERS:
            print(f"==> {username}")
            context = browser.new_context(
                base_url=base_url, viewport={"width": 1280, "height": 900}, locale="lv-LV"
            )
            page = context.new_page()
            sign_in(page, username)
            url = case_url(page) if username in CASE_USERS else None
            for lang in ("lv", "en"):
                page.goto("/")
                language(page, lang)
                shoot(page, target, f"{username}-home-{lang}")
                if url:
                    page.goto(url)
                    shoot(page, target, f"{username}-case-{lang}")
            context.close()
            time.sleep(0.2)
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3:])
