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


def point_on(path, fraction: float) -> list[float]:
    """Screen coordinates of the point ``fraction`` of the way along an SVG path, to click it as a reader does."""
    return path.evaluate(
        "(p, f) => { const q = p.getPointAtLength(p.getTotalLength() * f), svg = p.ownerSVGElement,"
        " r = svg.getBoundingClientRect(), vb = svg.viewBox.baseVal;"
        " return [r.left + (q.x - vb.x) * r.width / vb.width, r.top + (q.y - vb.y) * r.height / vb.height]; }",
        fraction)


def between(page, a: str, b: str, fraction: float) -> list[float]:
    """Screen coordinates of the point ``fraction`` of the way from event ``a``'s place to event ``b``'s."""
    return page.evaluate(
        "([a, b, f]) => { const map = Object.values(window).find(v => v && v.geo && v.geo.state), s = map.geo.state;"
        " const p = s.events[s.byId[a]].placeObj, q = s.events[s.byId[b]].placeObj;"
        " const u = map.latLngToContainerPoint([p.lat, p.lon]), v = map.latLngToContainerPoint([q.lat, q.lon]);"
        " const r = map.getContainer().getBoundingClientRect();"
        " return [r.left + u.x + (v.x - u.x) * f, r.top + u.y + (v.y - u.y) * f]; }", [a, b, fraction])


def _card(page) -> str:
    return page.locator(".geo-story-card").inner_text()


def _hash(page) -> str:
    return page.evaluate("location.hash")


def test_story_steps_through_the_events_in_date_order(browser, fixture_site: Path, output_dir: Path) -> None:
    page, log = open_page(browser, fixture_site / "pursuit.html")
    page.get_by_role("button", name="Next event (n or j)").click()
    assert "金兵克中京" in _card(page)
    assert "Event 1 of 5" in page.locator(".geo-story-position").inner_text()
    assert _hash(page) == "#event=t_001"
    assert page.locator(".geo-time-input").input_value() == "0"
    assert page.locator(".geo-event").count() == 2  # the slider follows the story: only 正月's events
    assert page.locator(".geo-current").count() == 1
    for _ in range(3):  # 三月 (the month, from its first day) comes before 三月己巳
        page.keyboard.press("n")
    assert "遼主奔夾山" in _card(page)
    assert "己巳" in _card(page)  # the date as written
    assert "1122-04-18 (Julian)" in _card(page)
    assert _hash(page) == "#event=t_003"
    assert page.locator('.geo-story-event[aria-current="true"]').inner_text().startswith("夾山")
    page.keyboard.press("p")
    assert _hash(page) == "#event=t_004"
    page.screenshot(path=str(output_dir / "fixture-story.png"))
    assert log.errors == []
    assert log.failed == []


def test_slider_moves_the_story_and_the_address(browser, fixture_site: Path) -> None:
    page, log = open_page(browser, fixture_site / "pursuit.html")
    page.locator(".geo-time-input").fill("1")
    assert "闍母至鴛鴦濼" in _card(page)  # the first event of the step
    assert _hash(page) == "#date=1122-04-09"
    page.locator(".geo-story-event").nth(4).click()
    assert "復取西京" in _card(page)
    assert page.locator(".geo-time-input").input_value() == "3"
    assert log.errors == []


def test_deep_links_open_an_event_or_a_date(browser, fixture_site: Path) -> None:
    page, log = open_page(browser, fixture_site / "pursuit.html", fragment="#event=t_004")
    assert "闍母至鴛鴦濼" in _card(page)
    assert page.locator(".geo-time-input").input_value() == "1"
    page, log2 = open_page(browser, fixture_site / "pursuit.html", fragment="#date=1122-04-20")
    assert page.locator(".geo-time-input").input_value() == "2"  # the last step on or before that day
    assert page.locator(".geo-event").count() == 4
    page.evaluate("location.hash = '#event=t_001'")
    page.wait_for_function("document.querySelector('.geo-story-card').innerText.includes('金兵克中京')")
    assert log.errors == log2.errors == []


def test_every_event_at_a_place_is_listed_in_its_popup(browser, fixture_site: Path) -> None:
    page, log = open_page(browser, fixture_site / "pursuit.html")
    page.locator(".geo-action-capture").last.click()  # 西京 holds two events: t_002 and t_005
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    assert "2 events at 西京" in popup.inner_text()
    popup.get_by_role("button", name="Tianzuo flees to the Western Capital", exact=False).click()
    page.wait_for_function("location.hash === '#event=t_002'")
    page.wait_for_function("document.querySelectorAll('.leaflet-popup-content').length === 1")  # the old one faded
    assert "遼主走西京" in page.locator(".leaflet-popup-content").inner_text()
    gazetteer = page.locator(".leaflet-popup-content a.geo-gazetteer-link")
    assert gazetteer.get_attribute("href") == "gazetteer.html#liao_xijing"
    assert log.errors == []


def test_a_leg_opens_its_actor_dates_distance_and_end_events(browser, fixture_site: Path) -> None:
    page, log = open_page(browser, fixture_site / "pursuit.html")
    page.mouse.click(*point_on(page.locator("path.geo-leg").first, 0.5))  # the middle of the line
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    text = popup.inner_text()
    assert "Jin main army" in text or "Tianzuo's court" in text
    assert " km (" in text and " li)" in text
    assert "Days" in text and "The events at both ends" in text
    assert popup.locator("button").count() == 2
    assert log.errors == []


def test_citation_links_to_its_line_in_the_source_reader(browser, fixture_site: Path) -> None:
    page, log = open_page(browser, fixture_site / "pursuit.html", fragment="#event=t_003")
    cite = page.locator(".geo-story-card a.geo-cite")
    assert cite.inner_text() == "T:2"
    cite.click()
    page.wait_for_url("**/sources/T.html#L2")
    line = page.locator("#L2")
    assert "三月己巳" in line.inner_text()
    assert "1122-04-18" in line.inner_text()  # the dated entry, in the margin
    assert line.locator('a.place[href="../gazetteer.html#jia_shan"]').count() == 1
    assert log.errors == []


def test_phone_layout_is_a_bottom_sheet(browser, fixture_site: Path, output_dir: Path) -> None:
    page, log = open_page(browser, fixture_site / "pursuit.html", size=(390, 844), fragment="#event=t_003")
    sheet = page.locator(".geo-story").bounding_box()
    assert sheet["y"] > 844 * 0.5
    assert sheet["width"] == 390
    assert page.locator(".geo-title").get_attribute("open") is None  # the title box starts collapsed
    assert page.locator(".geo-title h1").is_visible()
    page.screenshot(path=str(output_dir / "fixture-phone.png"))
    page.get_by_role("button", name="Show more of the story").click()
    assert page.locator(".geo-story").bounding_box()["height"] > sheet["height"]
    assert log.errors == []


def test_tab_reaches_the_story_first_and_markers_in_date_order(browser, fixture_site: Path) -> None:
    page, log = open_page(browser, fixture_site / "pursuit.html")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('.geo-story') !== null")
    labels = page.locator(".geo-event").evaluate_all("els => els.map(e => e.getAttribute('aria-label'))")
    assert [label.split(", ")[1] for label in labels] == [
        "天輔六年正月", "天輔六年正月", "天輔六年三月", "天輔六年三月己巳", "天輔六年四月辛卯"]
    assert log.errors == []


def test_gazetteer_finds_modern_names_lists_results_and_opens_deep_links(browser, fixture_site: Path) -> None:
    page, log = open_page(browser, fixture_site / "gazetteer.html")
    search = page.locator(".geo-search-input")
    for query, place in (("Datong", "西京"), ("Dading", "中京"), ("Hohhot", "夾山")):
        search.fill(query)
        assert page.locator("path.geo-place").count() == 1, query
        assert page.locator(".geo-result").first.inner_text().startswith(place)
    search.fill("Inner Mongolia")
    assert page.locator(".geo-result").count() == 2
    page.locator(".geo-result").first.click()
    page.wait_for_function("document.querySelectorAll('.leaflet-popup-content').length === 1")  # others faded
    assert page.evaluate("location.hash") == "#jia_shan"  # the first of the two, in id order
    page, log2 = open_page(browser, fixture_site / "gazetteer.html", fragment="#yuanyang_luo")
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    assert "鴛鴦濼" in popup.inner_text()
    assert popup.locator('a[href="pursuit.html#event=t_004"]').count() == 1
    assert log.errors == log2.errors == []


def test_an_online_base_map_that_fails_says_so(browser, fixture_site: Path) -> None:
    page, log = open_page(browser, fixture_site / "pursuit.html")
    page.locator(".leaflet-control-layers").hover()
    page.get_by_label("OpenStreetMap").check()
    notice = page.locator(".geo-notice")
    notice.wait_for(state="visible")
    assert "could not be loaded" in notice.inner_text()
    notice.get_by_role("button", name="Use the offline outline").click()
    assert page.get_by_label("Outline (offline)").is_checked()
    assert log.failed  # the tiles were refused: the network is cut off


def test_the_embed_snippet_carries_the_readers_place(browser, fixture_site: Path) -> None:
    page, log = open_page(browser, fixture_site / "pursuit.html", fragment="#event=t_003")
    page.locator(".geo-embed summary").click()
    assert 'src="pursuit.html#event=t_003"' in page.locator(".geo-embed textarea").input_value()
    page.keyboard.press("Escape")
    page.locator(".geo-next").click()
    assert 'src="pursuit.html#event=t_005"' in page.locator(".geo-embed textarea").input_value()
    assert log.errors == []


@pytest.fixture(scope="module")
def disputed_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture with a second reading of the fall of 中京 that puts it a month later at 鴛鴦濼."""
    import shutil

    root = tmp_path_factory.mktemp("disputed") / "project"
    shutil.copytree(Path(__file__).parent / "data" / "project", root)
    with (root / "campaigns" / "events.csv").open("a", encoding="utf-8") as events:
        events.write("t_006,pursuit,1,天輔六年二月,,jin,yuanyang_luo,jin_main,capture,Zhongjing,金兵克中京,T:1,"
                     "Another reading: the Jin take it at the lake.,uncertain,fall_of_zhongjing,\n")
    build_site(read_project(root), root / "site")
    return root / "site"


def test_two_readings_of_one_event_are_drawn_as_a_pair(browser, disputed_site: Path) -> None:
    page, log = open_page(browser, disputed_site / "pursuit.html", fragment="#event=t_001")
    assert "the date and the place differ" in _card(page)
    pair = page.locator("path.geo-reading-pair")
    assert pair.count() == 1
    page.mouse.click(*between(page, "t_001", "t_006", 0.3))
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    assert "Two readings of one event: the date and the place differ" in popup.inner_text()
    assert popup.locator("button").count() == 2
    assert log.errors == []
