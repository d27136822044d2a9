from __future__ import annotations

import json
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio
import pytest

from geo.pipeline import join_project
from geo.project import read_project
from geo.render.export import write_downloads
from geo.render.export.ccodes import point_ccodes
from geo.render.export.lpf import DATASET_URI, lpf_problems, places_to_lpf
from geo.render.site import build_site
from geo.testing import make_event, make_place, write_project


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("export") / "site"
    build_site(read_project(Path(__file__).parent / "data" / "project"), out)
    return out


@pytest.mark.parametrize("name", ["pursuit.geojson", "pursuit.gpkg", "pursuit.csv"])
def test_every_download_round_trips_the_events(site: Path, name: str) -> None:
    path = site / "data" / name
    frame = pd.read_csv(path) if name.endswith(".csv") else gpd.read_file(path, layer="events" if
                                                                          name.endswith(".gpkg") else None)
    assert sorted(frame["id"]) == ["t_001", "t_002", "t_003", "t_004", "t_005"]
    row = frame.set_index("id").loc["t_003"]
    assert row["quote"] == "遼主奔夾山"
    assert str(row["julian_start"])[:10] == "1122-04-18"  # GDAL reads ISO strings in GeoJSON as dates
    assert str(row["gregorian_start"])[:10] == "1122-04-25"
    assert int(row["jdn_start"]) == 2130976
    if not name.endswith(".csv"):
        geom = frame.set_index("id").loc["t_003"].geometry
        assert (round(geom.x, 3), round(geom.y, 3)) == (111.45, 40.95)


def test_geopackage_has_three_layers(site: Path) -> None:
    layers = {name for name, _ in pyogrio.list_layers(site / "data" / "pursuit.gpkg")}
    assert layers == {"events", "routes", "places"}
    routes = gpd.read_file(site / "data" / "pursuit.gpkg", layer="routes")
    assert len(routes) == 3
    assert routes.crs.to_epsg() == 4326


def test_geojson_is_rfc7946(site: Path) -> None:
    data = json.loads((site / "data" / "pursuit-routes.geojson").read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection"
    assert "crs" not in data
    lon, lat = data["features"][0]["geometry"]["coordinates"][0]
    assert 60 < lon < 150
    assert 15 < lat < 60


def test_linked_places_output_follows_the_rules(site: Path) -> None:
    doc = json.loads((site / "data" / "gazetteer.lpf.json").read_text(encoding="utf-8"))
    assert lpf_problems(doc) == []
    feature = next(f for f in doc["features"] if f["@id"] == f"{DATASET_URI}yuanyang_luo")
    toponyms = {n["toponym"]: n["lang"] for n in feature["names"]}
    assert toponyms["鴛鴦濼"] == "zh-Hant"
    assert toponyms["鸳鸯泺"] == "zh-Hans"
    assert "安固里淖" in toponyms
    assert feature["names"][0]["citations"]
    assert feature["geometry"]["geometries"][0]["certainty"] == "less-certain"
    capital = next(f for f in doc["features"] if f["@id"].endswith("/liao_zhongjing"))
    assert capital["when"] == {"timespans": [{"start": {"in": "1007"}, "end": {"in": "1122"}}]}


@pytest.mark.parametrize(
    ("breakage", "words"),
    [
        (lambda d: d.pop("@context"), "@context"),
        (lambda d: d["features"][0].pop("@id"), "'@id' is required"),
        (lambda d: d["features"][0]["properties"].pop("title"), "title is required"),
        (lambda d: d["features"][0]["names"][0].pop("citations"), "citation"),
        (lambda d: d["features"][0].update(when={"timespans": [{"start": {"in": "1122/3"}}]}), "bad timespan"),
        (lambda d: d["features"][0]["geometry"]["geometries"][0].update(certainty="sure"), "certainty"),
        (lambda d: d["features"][0]["properties"].update(ccodes=["China"]), "ccodes"),
    ],
)
def test_lpf_rules_catch_each_breakage(site: Path, breakage, words: str) -> None:
    doc = json.loads((site / "data" / "gazetteer.lpf.json").read_text(encoding="utf-8"))
    breakage(doc)
    assert any(words in p for p in lpf_problems(doc))


def test_authority_links_reach_the_linked_places_download(tmp_path: Path) -> None:
    from geo.render.export.lpf import lpf_problems, places_to_lpf
    from geo.testing import make_place, write_project

    root = write_project(tmp_path, places=[make_place(wikidata="Q877229", chgis="hvd_1;hvd_2", dila="PL000000007806")])
    places = join_project(read_project(root)).places
    document = places_to_lpf(places)
    links = document["features"][0]["links"]
    assert {"type": "closeMatch", "identifier": "wd:Q877229"} in links
    assert {"type": "closeMatch", "identifier": "https://maps.cga.harvard.edu/tgaz/placename/hvd_2"} in links
    assert lpf_problems(document) == []


def test_authority_ids_of_the_wrong_form_are_errors(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    from geo.__main__ import main
    from geo.testing import make_place, write_project

    root = write_project(tmp_path, places=[make_place(wikidata="877229", chgis="12345")])
    assert main(["check", "--root", str(root)]) == 1
    err = capsys.readouterr().err
    assert "wikidata '877229' is not a Wikidata Q-number — write Q and digits, like Q877229" in err
    assert "chgis '12345' is not CHGIS ids" in err


def test_the_site_lists_the_lp_tsv_download(site: Path) -> None:
    assert (site / "data" / "gazetteer.lp.tsv").is_file()
    for page in ("index.html", "gazetteer.html"):
        assert 'href="data/gazetteer.lp.tsv"' in (site / page).read_text(encoding="utf-8"), page


@pytest.mark.parametrize(
    ("lon", "lat", "km", "codes"),
    [
        (123.43, 41.80, 0, ("CN",)),  # Shenyang, Liaoning
        (120.18, 41.42, 8, ("CN",)),  # a Liao prefecture in Liaoning, far from any border
        (106.92, 47.92, 5, ("MN",)),  # Ulaanbaatar
        (125.75, 39.03, 5, ("KP",)),  # Pyongyang
        (127.48, 50.24, 0, ("CN",)),  # Heihe, on the Chinese bank of the Amur
        (127.48, 50.24, 50, ("CN", "RU")),  # ... whose 50 km circle reaches Blagoveshchensk
        (124.39, 40.13, 20, ("CN", "KP")),  # Dandong on the Yalu: its own country first
        (124.45, 40.08, 30, ("KP", "CN")),  # Sinuiju, across the Yalu from Dandong
        (120.5, 39.5, 0, ("CN",)),  # in the Bohai Sea, outside every country: the nearest one
    ],
)
def test_ccodes_come_from_the_point_and_its_circle(lon: float, lat: float, km: float, codes: tuple) -> None:
    assert point_ccodes(lon, lat, km=km) == codes


def test_linked_places_ccodes_ignore_the_polity(tmp_path: Path) -> None:
    root = write_project(tmp_path, places=[make_place(id="pyongyang", lat="39.03", lon="125.75", polity="liao",
                                                      uncertainty_km="5"), make_place()],
                         events=[make_event()])
    document = places_to_lpf(join_project(read_project(root)).places)
    codes = {f["@id"].rsplit("/", 1)[1]: f["properties"]["ccodes"] for f in document["features"]}
    assert codes == {"pyongyang": ["KP"], "xijing": ["CN"]}
    assert lpf_problems(document) == []


def _lpf_ids(folder: Path) -> list[str]:
    return [f["@id"] for f in json.loads((folder / "gazetteer.lpf.json").read_text(encoding="utf-8"))["features"]]


def test_ids_are_absolute_with_a_base_url_and_do_not_depend_on_the_folder(tmp_path: Path) -> None:
    joined = join_project(read_project(write_project(tmp_path / "project", events=[make_event()])))
    for folder in ("a", "b/c"):
        write_downloads(joined, tmp_path / folder, campaigns=["pursuit"])
    assert _lpf_ids(tmp_path / "a") == _lpf_ids(tmp_path / "b" / "c") == [f"{DATASET_URI}xijing"]
    assert DATASET_URI.startswith("tag:")
    assert (tmp_path / "a" / "gazetteer.lpf.json").read_bytes() == (tmp_path / "b/c/gazetteer.lpf.json").read_bytes()
    write_downloads(joined, tmp_path / "web", campaigns=["pursuit"], base_url="https://example.org/maps/")
    assert _lpf_ids(tmp_path / "web") == ["https://example.org/maps/gazetteer.html#xijing"]
    write_downloads(joined, tmp_path / "doi", campaigns=["pursuit"], dataset_uri="https://doi.org/10.1234/abc#")
    assert _lpf_ids(tmp_path / "doi") == ["https://doi.org/10.1234/abc#xijing"]
