"""The shipped data (places/, campaigns/, seeds/) built into a site and opened in Chromium."""

from __future__ import annotations

from pathlib import Path

import pytest
from browser import open_page

from geo import schema as S
from geo.events import campaign_events
from geo.pipeline import check_project, join_project
from geo.project import read_project
from geo.render.site import build_site

REPO = Path(__file__).parent.parent


@pytest.fixture(scope="module")
def joined():
    return join_project(read_project(REPO))


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("shipped") / "maps"
    build_site(read_project(REPO), out)
    return out


def test_shipped_data_has_no_errors() -> None:
    issues = check_project(read_project(REPO))
    assert [str(i) for i in issues if i.severity == "error"] == []


def test_every_campaign_has_events_and_the_five_capitals_fall(joined) -> None:
    for cid in joined.campaigns[S.CAMPAIGN_ID]:
        assert len(campaign_events(joined.events, cid)) >= 5, cid
    capitals = campaign_events(joined.events, "five_capitals")
    places = set(capitals[S.PLACE])
    assert {"liao_shangjing", "liao_dongjing", "liao_zhongjing", "liao_xijing", "liao_nanjing"} <= places


def test_every_event_quotes_its_line(joined) -> None:
    seeds = read_project(REPO).seeds
    from geo.seeds import parse_citation, quote_in_line

    for quote, cited in zip(joined.events[S.QUOTE], joined.events[S.EVENT_SOURCE]):
        siglum, line = parse_citation(cited)
        assert quote_in_line(quote, seeds[siglum].lines[line - 1]), cited


def campaign_ids() -> list[str]:
    return sorted(c.strip() for c in (REPO / "campaigns" / "campaigns.csv").read_text(encoding="utf-8")
                  .splitlines()[1:] for c in [c.split(",")[0]] if c)


@pytest.mark.browser
@pytest.mark.parametrize("cid", campaign_ids())
def test_campaign_page_in_chromium(browser, site: Path, joined, cid: str, output_dir: Path) -> None:
    page, log = open_page(browser, site / f"{cid}.html")
    events = campaign_events(joined.events, cid)
    legs = joined.legs[joined.legs["campaign"] == cid]
    page.wait_for_selector(f"body[data-geo-ready='{len(events)}']")
    assert page.locator(".geo-event").count() == len(events)
    assert page.locator("path.geo-leg").count() == len(legs)
    page.screenshot(path=str(output_dir / f"site-{cid}.png"))
    assert log.errors == []
    assert log.failed == []


@pytest.mark.browser
def test_time_control_on_the_pursuit(browser, site: Path, joined) -> None:
    from geo.calendar import convert_date

    page, log = open_page(browser, site / "tianzuo_pursuit.html")
    events = campaign_events(joined.events, "tianzuo_pursuit")
    cutoff = convert_date("天輔六年四月", regime="jin").jdn_start  # 1122
    page.evaluate(f"Object.values(window).find(v => v && v.geo && v.geoSetTime).geoSetTime({cutoff})")
    shown = int((events[S.JDN_START] <= cutoff).sum())
    assert 0 < shown < len(events)
    assert page.locator(".geo-event").count() == shown
    assert "1122" in page.locator(".geo-time-label").inner_text()
    assert log.errors == []


@pytest.mark.browser
def test_gazetteer_page_in_chromium(browser, site: Path, joined, output_dir: Path) -> None:
    page, log = open_page(browser, site / "gazetteer.html")
    assert page.locator("path.geo-place").count() == len(joined.places)
    page.locator(".geo-search-input").fill("燕京")
    assert page.locator("path.geo-place").count() >= 1
    page.screenshot(path=str(output_dir / "site-gazetteer.png"))
    assert log.errors == []
    assert log.failed == []


@pytest.mark.browser
def test_disagreeing_sources_show_both_readings(browser, site: Path) -> None:
    """The fall of the Central Capital: 天輔六年正月乙亥 in the 金史, 天輔五年三月 in the 大金國志."""
    page, log = open_page(browser, site / "five_capitals.html")
    marker = page.locator(".geo-event[title='中京 天輔六年正月乙亥']")
    marker.dispatch_event("click")
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    text = popup.inner_text()
    assert "The sources disagree" in text
    assert "JS:38" in text
    assert "DJGZ:7" in text
    assert "天輔五年三月" in text
    assert log.errors == []
