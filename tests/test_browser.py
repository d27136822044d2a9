"""The pages as a user sees them: opened in Chromium with the network cut off."""

from __future__ import annotations

from pathlib import Path

import pytest
from browser import open_page

from geo.project import read_project
from geo.render.site import build_site

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("browser") / "site"
    build_site(read_project(Path(__file__).parent / "data" / "project"), out)
    return out


def test_campaign_page_draws_markers_and_routes(browser, fixture_site: Path, output_dir: Path) -> None:
    page, log = open_page(browser, fixture_site / "pursuit.html")
    assert page.locator(".geo-event").count() == 5
    assert page.locator("path.geo-leg").count() == 3
    assert page.locator(".geo-uncertainty").count() == 4
    assert page.locator("path.leaflet-interactive").count() >= 3
    page.screenshot(path=str(output_dir / "fixture-pursuit.png"))
    assert log.errors == []
    assert log.failed == []


def test_toggling_an_actor_hides_its_route(browser, fixture_site: Path) -> None:
    page, log = open_page(browser, fixture_site / "pursuit.html")
    page.get_by_label("天祚行營 Tianzuo's court").uncheck()
    assert page.locator("path.geo-leg").count() == 2
    assert page.locator(".geo-event").count() == 3
    page.get_by_label("天祚行營 Tianzuo's court").check()
    assert page.locator("path.geo-leg").count() == 3
    assert log.errors == []


def test_time_control_shows_events_up_to_a_date(browser, fixture_site: Path) -> None:
    page, log = open_page(browser, fixture_site / "pursuit.html")
    slider = page.locator(".geo-time-input")
    slider.fill("1")  # the second step: 天輔六年三月 (1122-04-09 Julian)
    label = page.locator(".geo-time-label").inner_text()
    assert "天輔六年三月" in label
    assert "1122-04-09" in label
    assert "Julian" in label
    assert page.locator(".geo-event").count() == 3
    assert page.locator("path.geo-leg").count() == 1
    slider.fill("3")
    assert page.locator(".geo-event").count() == 5
    assert log.errors == []


def test_popup_shows_quote_date_and_source(browser, fixture_site: Path) -> None:
    page, log = open_page(browser, fixture_site / "pursuit.html")
    page.locator(".geo-action-flight").last.click()
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    text = popup.inner_text()
    assert "遼主奔夾山" in text
    assert "天輔六年三月己巳" in text
    assert "1122-04-18 (Julian)" in text
    assert "T:2" in text
    assert log.errors == []


def test_gazetteer_page_searches_any_name_form(browser, fixture_site: Path, output_dir: Path) -> None:
    page, log = open_page(browser, fixture_site / "gazetteer.html")
    assert page.locator("path.geo-place").count() == 4
    search = page.locator(".geo-search-input")
    for query in ("鸳鸯泺", "鴛鴦濼", "yuanyang", "Yuānyāng", "安固里淖", "yuanyang_luo"):
        search.fill(query)
        assert page.locator("path.geo-place").count() == 1, query
    search.fill("")
    assert page.locator("path.geo-place").count() == 4
    page.screenshot(path=str(output_dir / "fixture-gazetteer.png"))
    assert log.errors == []


def test_index_and_about_pages_load(browser, fixture_site: Path) -> None:
    for name in ("index.html", "about.html"):
        page, log = open_page(browser, fixture_site / name)
        assert page.locator("h1").count() == 1
        assert log.errors == []
        assert log.failed == []
