"""Browser journeys in Debian's Chromium through Playwright, with axe-core on every page."""

import os

import pytest

# Playwright's sync API runs an event loop in this thread; Django's ORM calls from the test
# itself are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def pagina(browser, live_server, settings):
    settings.TWEESTAPS_VERPLICHT = True
    context = browser.new_context(locale="nl-NL", base_url=live_server.url)
    page = context.new_page()
    yield page
    context.close()


class Toegankelijkheid:
    def __init__(self):
        from axe_playwright_python.sync_playwright import Axe

        self.axe = Axe()
        self.bezocht = []

    def controleer(self, page):
        resultaat = self.axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG}})
        self.bezocht.append(page.url)
        assert resultaat.violations_count == 0, f"{page.url}:\n{resultaat.generate_report()}"


@pytest.fixture
def axe():
    return Toegankelijkheid()
