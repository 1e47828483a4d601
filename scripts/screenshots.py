"""Take the README's screenshots from a running demo (`make run`), in headless Chromium.

    .venv/bin/python scripts/screenshots.py [http://127.0.0.1:8000]

Logs in as demo accounts and writes PNGs to docs/screenshots/."""

import re
import sys
from pathlib import Path

from playwright.sync_api import ViewportSize, sync_playwright

BASE = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000"
OUT = Path(__file__).resolve().parents[1] / "docs" / "screenshots"
PASSWORD = "demo-community-2026"  # noqa: S105  (the demo's printed password)
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-sync"]
DESKTOP: ViewportSize = {"width": 1280, "height": 860}
PHONE: ViewportSize = {"width": 390, "height": 844}

SHOTS = [
    # file name, account, language, viewport, path
    ("home-coordinator-en", "coordinator-meadowbrook", "en", DESKTOP, "/"),
    ("home-coordinator-he-phone", "coordinator-kfar-hadar", "he", PHONE, "/"),
    ("home-coordinator-he", "coordinator-kfar-hadar", "he", DESKTOP, "/"),
    ("residents-sl", "coordinator-zgornja-lipa", "sl", DESKTOP, "/residents/"),
    ("council-en", "council", "en", DESKTOP, "/"),
    ("survey-results-en", "coordinator-meadowbrook", "en", DESKTOP, "results"),
    ("needs-en", "coordinator-meadowbrook", "en", DESKTOP, "/needs/"),
    # The shared link, opened logged out: what a resident sees.
    ("survey-answer-he-phone", "coordinator-kfar-hadar", "he", PHONE, "shared"),
    ("events-week-he", "coordinator-kfar-hadar", "he", DESKTOP, "/events/?view=week"),
    ("classes-sl", "coordinator-zgornja-lipa", "sl", DESKTOP, "/classes/"),
    ("class-reports-en", "coordinator-meadowbrook", "en", DESKTOP, "/classes/reports/"),
    ("plan-he", "coordinator-kfar-hadar", "he", DESKTOP, "plan"),
    ("plan-en-phone", "coordinator-meadowbrook", "en", PHONE, "plan"),
    ("plan-quarterly-sl", "coordinator-zgornja-lipa", "sl", DESKTOP, "plan:quarterly/"),
    ("competencies-he", "coordinator-kfar-hadar", "he", DESKTOP, "/competencies/"),
    ("competencies-council-en", "council", "en", DESKTOP, "/competencies/council/"),
    ("welfare-home-he", "coordinator-kfar-hadar", "he", DESKTOP, "/#welfare-home-title"),
    ("welfare-cases-en", "coordinator-meadowbrook", "en", DESKTOP, "/welfare/cases/"),
    ("emergency-board-he", "coordinator-kfar-hadar", "he", DESKTOP, "board"),
    ("emergency-board-en-phone", "coordinator-meadowbrook", "en", PHONE, "board"),
    ("emergency-team-sl", "coordinator-zgornja-lipa", "sl", DESKTOP, "/welfare/emergency/team/"),
    ("support-programme-en", "coordinator-meadowbrook", "en", DESKTOP, "programme"),
    ("welfare-council-en", "council", "en", DESKTOP, "/#council-welfare-title"),
    # Public pages, logged out.
    (
        "classes-public-he-phone",
        "coordinator-kfar-hadar",
        "he",
        PHONE,
        "public:/p/kfar-hadar/classes/",
    ),
]


def running_survey(page) -> str:  # noqa: ANN001
    """The path of the settlement's running survey (the demo has one)."""
    page.goto("/surveys/?state=running")
    href = page.locator("a[href^='/surveys/']").evaluate_all(
        "links => links.map(l => l.getAttribute('href'))"
    )
    return next(h for h in href if re.fullmatch(r"/surveys/\d+/", h))


def this_years_plan(page) -> str:  # noqa: ANN001
    """The path of this year's plan (the demo's approved one: the list's older of two)."""
    page.goto("/plans/")
    href = page.locator("a[href^='/plans/']").evaluate_all(
        "links => links.map(l => l.getAttribute('href'))"
    )
    return [h for h in href if re.fullmatch(r"/plans/\d+/", h)][-1]


def first_link(page, listing: str, pattern: str) -> str:  # noqa: ANN001
    """The first link on ``listing`` whose path matches ``pattern``."""
    page.goto(listing)
    href = page.locator("a[href]").evaluate_all("links => links.map(l => l.getAttribute('href'))")
    return next(h for h in href if re.fullmatch(pattern, h))


def resolve(page, path: str, context) -> str:  # noqa: ANN001
    if path == "board":  # the demo's emergency (over: the coordinator still reads its board)
        return first_link(page, "/welfare/emergency/", r"/welfare/emergency/\d+/")
    if path == "programme":  # the demo's meal train
        page.goto("/welfare/support/")
        row = page.locator("tr", has_text="Meal train")
        return row.locator("a[href^='/welfare/support/']").first.get_attribute("href") or ""
    if path.startswith("plan"):
        return this_years_plan(page) + path.removeprefix("plan").removeprefix(":")
    if path == "results":
        return running_survey(page) + "results/"
    if path == "shared":
        page.goto(running_survey(page) + "share/")
        link = page.locator("#share-link").input_value()
        context.clear_cookies()
        context.add_cookies([{"name": "django_language", "value": "he", "url": BASE}])
        return link.replace("http://127.0.0.1:8000", BASE) + "?lang=he"
    if path.startswith("public:"):
        context.clear_cookies()
        return path.removeprefix("public:") + "?lang=he"
    return path


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        for name, username, language, viewport, path in SHOTS:
            context = browser.new_context(viewport=viewport, base_url=BASE)
            context.add_cookies([{"name": "django_language", "value": language, "url": BASE}])
            page = context.new_page()
            page.goto("/accounts/login/")
            page.locator("#id_username").fill(username)
            page.locator("#id_password").fill(PASSWORD)
            page.locator("main form button[type=submit]").click()
            page.wait_for_load_state("networkidle")
            target = resolve(page, path, context)
            page.goto(target)
            page.wait_for_load_state("networkidle")  # panels that load on their own (HTMX)
            full = viewport is PHONE and path != "shared"  # a long form: its first screen
            if "#" in target:  # a part of the page: the section holding that heading
                heading = page.locator("#" + target.split("#", 1)[1])
                heading.locator("xpath=ancestor::section[1]").screenshot(
                    path=str(OUT / f"{name}.png")
                )
            else:
                page.screenshot(path=str(OUT / f"{name}.png"), full_page=full)
            context.close()
        browser.close()
    print(f"Screenshots in {OUT}")


if __name__ == "__main__":
    main()
