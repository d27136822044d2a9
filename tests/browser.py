"""Open a page in Chromium and collect what a user would see: console errors, failed requests."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class PageLog:
    """Console messages, page errors, failed requests and dialogs of one page."""

    errors: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)


# A page is ready when it has loaded and, if it holds a map, the map script has drawn it (``data-geo-ready``).
READY = ("document.readyState === 'complete' && "
         "(!document.querySelector('.folium-map') || document.body.hasAttribute('data-geo-ready'))")

# A map is settled when a deep link's fly-to has ended: its view is the same on two polls in a row
# and no zoom animation runs (a click during the animation is lost).
SETTLED = ("(() => { const m = Object.values(window).find(v => v && v.geo && v.geo.state);"
           " if (!m) { return true; } const c = m.getCenter(), view = c.lat + ',' + c.lng + ',' + m.getZoom();"
           " const same = window.__geoView === view; window.__geoView = view;"
           " return same && !m.getContainer().classList.contains('leaflet-zoom-anim'); })()")


def open_page(browser: object, path: Path, *, offline: bool = True, size: tuple[int, int] = (1400, 900),
              fragment: str = ""):
    """Open ``path`` (a file, with an optional ``#fragment``) in a new page and wait until it is drawn;
    return ``(page, log)``. Network is cut off when ``offline``."""
    context = browser.new_context(viewport={"width": size[0], "height": size[1]}, offline=offline)
    page = context.new_page()
    log = PageLog()
    page.on("console", lambda m: log.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: log.errors.append(str(e)))
    page.on("requestfailed", lambda r: log.failed.append(r.url))

    def on_dialog(dialog: object) -> None:
        log.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.goto(path.resolve().as_uri() + fragment)
    page.wait_for_function(READY, timeout=20_000)
    page.wait_for_function(SETTLED, polling=150, timeout=20_000)
    return page, log
