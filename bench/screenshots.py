"""Screenshots of the app at the widths a scientist uses: 1400, 1024 and 390 px.

    .venv/bin/python bench/screenshots.py --output /tmp/screens [--query 'dose=2&...'] [--site]

Starts the app as `make app` does (with --site: serves the static site `make site` built), opens
it in Debian's headless Chromium at each width and saves a whole-page PNG and a first-screen PNG
for each (``<width>-page.png``, ``<width>-screen.png``), so a person can look at the page as the
user meets it.
"""

import argparse
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import chromium_launch_options, running_voila, wait_until_interactive  # noqa: E402
from bench.static_site import serving_site  # noqa: E402

# Voila's lab page scrolls inside #rendered_cells, not the document: a whole-page picture needs
# it unrolled into the document first (and its length is read from it).
PAGE_LENGTH = "document.getElementById('rendered_cells').scrollHeight"
UNROLL = """
html, body, #main, #jp-main-content-panel, #rendered_cells { position: static !important;
  overflow: visible !important; height: auto !important; contain: none !important; }
"""
# Width -> the height of the first screen (a laptop, a small laptop, a phone).
SCREENS = {1400: 1000, 1024: 768, 390: 844}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=Path("/tmp/screens"))
    parser.add_argument("--query", default="", help="a share link's query string, without '?'")
    parser.add_argument("--site", action="store_true", help="the static site (_site/)")
    arguments = parser.parse_args()
    arguments.output.mkdir(parents=True, exist_ok=True)
    serving = serving_site() if arguments.site else running_voila()
    with serving as server, sync_playwright() as playwright:
        browser = playwright.chromium.launch(**chromium_launch_options())
        for width, height in SCREENS.items():
            page = browser.new_page(viewport={"width": width, "height": height})
            page.goto(server.url + (f"?{arguments.query}" if arguments.query else ""))
            wait_until_interactive(page, 180_000)
            page.wait_for_timeout(800)  # let the last panels render
            page.screenshot(path=arguments.output / f"{width}-screen.png")
            screens = page.evaluate(PAGE_LENGTH) / height
            page.add_style_tag(content=UNROLL)
            page.wait_for_timeout(500)
            page.screenshot(path=arguments.output / f"{width}-page.png", full_page=True)
            page.close()
            written = f"{arguments.output}/{width}-screen.png and -page.png"
            print(f"wrote {written}: the page is {screens:.1f} screens long")
        browser.close()


if __name__ == "__main__":
    main()
