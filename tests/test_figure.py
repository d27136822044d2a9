"""Tests of the publication figures (``geo figure`` and :mod:`geo.render.figure`) on the fixture project.

Every figure drawn here is also saved as a PNG under ``test-output/figures/`` for a person to look at.
"""

from __future__ import annotations

import shutil
import subprocess
from itertools import combinations
from pathlib import Path

import matplotlib as mpl
import pytest
from conftest import DATA

from geo import schema as S
from geo.__main__ import main
from geo.calendar import convert_date
from geo.errors import FontError, GeoDataError
from geo.pipeline import Joined, join_project
from geo.project import read_project
from geo.render.figure import Options, draw_figure, fonts, render_campaign_figure, render_preview_png, stop_numbers
from geo.render.figure.data import filter_until

NAMES = ("中京", "西京", "夾山", "鴛鴦濼")
PDFTOTEXT = shutil.which("pdftotext")
PDFTOPPM = shutil.which("pdftoppm")


@pytest.fixture(scope="module")
def joined() -> Joined:
    """The fixture project, joined."""
    return join_project(read_project(DATA / "project"))


@pytest.fixture(scope="module")
def figures(output_dir: Path) -> Path:
    """``test-output/figures/``, where PNG renderings of the test figures go."""
    folder = output_dir / "figures"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _keep_png(path: Path, figures: Path) -> None:
    """Save a PNG rendering of ``path`` (a PDF through pdftoppm, a PNG as it is) for a person to look at."""
    if path.suffix == ".png":
        shutil.copyfile(path, figures / path.name)
    elif path.suffix == ".pdf" and PDFTOPPM:
        stem = figures / f"{path.stem}-pdf"
        subprocess.run([PDFTOPPM, "-png", "-r", "200", "-singlefile", str(path), str(stem)], check=True,
                       capture_output=True)


def _until(text: str) -> int:
    return convert_date(text, regime="jin").jdn_end


@pytest.mark.parametrize("suffix", ["pdf", "svg", "png"])
def test_each_format_is_written(joined: Joined, tmp_path: Path, figures: Path, suffix: str) -> None:
    path = render_campaign_figure(joined, ["pursuit"], path=tmp_path / f"pursuit.{suffix}", dpi=150)
    data = path.read_bytes()
    magic = {"pdf": b"%PDF", "svg": b"<?xml", "png": b"\x89PNG"}[suffix]
    assert data.startswith(magic) and len(data) > 10_000
    _keep_png(path, figures)


def test_svg_keeps_chinese_names_and_caption_as_text(joined: Joined, tmp_path: Path) -> None:
    svg = render_campaign_figure(joined, ["pursuit"], path=tmp_path / "p.svg").read_text(encoding="utf-8")
    for name in (*NAMES, "Zhōngjīng", "追襲天祚", "Albers equal-area conic", "Julian calendar"):
        assert name in svg, name
    assert "Noto" in svg and "CJK" in svg  # the font is named, so viewers use a real CJK face
    assert "<dc:date>" not in svg


@pytest.mark.skipif(PDFTOTEXT is None, reason="pdftotext (poppler-utils) is not installed")
def test_pdf_text_is_searchable(joined: Joined, tmp_path: Path) -> None:
    pdf = render_campaign_figure(joined, ["pursuit"], path=tmp_path / "p.pdf")
    text = subprocess.run([PDFTOTEXT, str(pdf), "-"], capture_output=True, check=True, text=True).stdout
    for name in (*NAMES, "Zhōngjīng", "Albers", "Julian calendar"):
        assert name in text, name
    assert b"CreationDate" not in pdf.read_bytes()


@pytest.mark.parametrize("suffix", ["svg", "pdf"])
def test_two_runs_give_identical_bytes(joined: Joined, tmp_path: Path, suffix: str) -> None:
    first = render_campaign_figure(joined, ["pursuit"], path=tmp_path / f"a.{suffix}").read_bytes()
    second = render_campaign_figure(joined, ["pursuit"], path=tmp_path / f"b.{suffix}").read_bytes()
    assert first == second


def _no_fonts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fonts, "_registered_families", lambda: set())
    monkeypatch.setattr(fonts, "_font_files", lambda dirs: [])


def test_missing_cjk_font_gives_the_fix(joined: Joined, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _no_fonts(monkeypatch)
    with pytest.raises(FontError, match=r"apt-get install fonts-noto-cjk.*bootstrap\.py"):
        render_campaign_figure(joined, ["pursuit"], path=tmp_path / "p.pdf")
    assert not (tmp_path / "p.pdf").exists()


def test_cli_missing_font_exits_1(project_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    _no_fonts(monkeypatch)
    out = tmp_path / "p.pdf"
    assert main(["figure", "pursuit", "-o", str(out), "--root", str(project_dir)]) == 1
    assert "fonts-noto-cjk" in capsys.readouterr().err
    assert not out.exists()


def test_the_font_found_is_cjk() -> None:
    family = fonts.find_cjk_font()
    assert "CJK" in family or "Hei" in family or "Ming" in family


def test_filter_until_hides_later_events_and_legs(joined: Joined) -> None:
    events, legs = joined.events, joined.legs
    kept, kept_legs = filter_until(events, legs, _until("天輔六年三月"))
    assert set(kept[S.EVENT_ID]) == {"t_001", "t_002", "t_003", "t_004"}
    assert "t_005" not in set(kept_legs["to_event"]) and len(kept_legs) == len(legs) - 1
    early, early_legs = filter_until(events, legs, _until("天輔六年正月"))
    assert set(early[S.EVENT_ID]) == {"t_001", "t_002"} and early_legs.empty
    assert filter_until(events, legs, None)[0] is events


def test_until_hides_later_places_in_the_figure(joined: Joined, tmp_path: Path, figures: Path) -> None:
    svg = render_campaign_figure(joined, ["pursuit"], path=tmp_path / "early.svg", until_jdn=_until("天輔六年正月"))
    text = svg.read_text(encoding="utf-8")
    assert "中京" in text and "西京" in text
    assert "夾山" not in text and "鴛鴦濼" not in text  # reached only in the third month
    assert "events shown 1122-02-09 – 1122-03-09" in text
    pdf = render_campaign_figure(joined, ["pursuit"], path=tmp_path / "pursuit-until-1122-02.pdf", dpi=150,
                                 until_jdn=_until("天輔六年正月"))
    _keep_png(pdf, figures)


def _drawn(joined: Joined, campaigns: list[str], options: Options):
    with mpl.rc_context(fonts.figure_rc(fonts.find_cjk_font())):
        return draw_figure(joined, campaigns, options=options)


@pytest.mark.parametrize("width", [85.0, 174.0])
def test_labels_do_not_overlap(joined: Joined, width: float) -> None:
    fig, placement = _drawn(joined, ["pursuit"], Options(width_mm=width))
    renderer = fig.canvas.get_renderer()
    boxes = [label.get_window_extent(renderer) for label in placement.placed]
    assert len(placement.placed) >= len(NAMES) and not placement.dropped
    assert not [pair for pair in combinations(boxes, 2) if pair[0].overlaps(pair[1])]
    texts = {label.get_text() for label in placement.placed}
    assert {t.split("\n")[0] for t in texts} >= set(NAMES)


def test_stop_numbers(joined: Joined) -> None:
    stops = stop_numbers(joined.legs)
    jin = stops[stops["actor"] == "jin_main"].set_index("place")["text"].to_dict()
    assert jin == {"liao_zhongjing": "1", "yuanyang_luo": "2", "liao_xijing": "3"}
    court = stops[stops["actor"] == "tianzuo_court"].set_index("place")["text"].to_dict()
    assert court == {"liao_xijing": "1", "jia_shan": "2"}


@pytest.mark.parametrize(("name", "kwargs"), [
    ("pursuit-85mm-grayscale", {"width_mm": 85, "grayscale": True}),
    ("pursuit-85mm-zh", {"width_mm": 85, "labels": "zh"}),
    ("pursuit-pinyin-extent", {"labels": "pinyin", "extent": (108.0, 36.0, 126.0, 46.0)}),
    ("gazetteer", {"width_mm": 174}),
])
def test_variants(joined: Joined, tmp_path: Path, figures: Path, name: str, kwargs: dict) -> None:
    campaigns = ["gazetteer"] if name == "gazetteer" else ["pursuit"]
    path = render_campaign_figure(joined, campaigns, path=tmp_path / f"{name}.pdf", **kwargs)
    assert path.stat().st_size > 10_000
    _keep_png(path, figures)


def test_unknown_campaign_is_a_data_error(joined: Joined, tmp_path: Path) -> None:
    with pytest.raises(GeoDataError, match=r"no campaign 'nowhere'.*pursuit"):
        render_campaign_figure(joined, ["nowhere"], path=tmp_path / "x.pdf")


def test_preview_png(joined: Joined, tmp_path: Path, figures: Path) -> None:
    from PIL import Image

    path = render_preview_png(joined, "pursuit", path=tmp_path / "pursuit-preview.png")
    with Image.open(path) as image:
        assert image.width == 480 and 150 < image.height < 600
    _keep_png(path, figures)


def test_cli_writes_the_figure(project_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "fig" / "pursuit.png"
    args = ["figure", "pursuit", "-o", str(out), "--root", str(project_dir), "--dpi", "100", "--width", "85mm",
            "--until", "天輔六年三月", "--labels", "zh", "--grayscale", "--extent", "auto"]
    assert main(args) == 0
    assert out.read_bytes().startswith(b"\x89PNG")
    assert "wrote" in capsys.readouterr().out


def test_cli_bad_campaign_exits_1(project_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "x.pdf"
    assert main(["figure", "nowhere", "-o", str(out), "--root", str(project_dir)]) == 1
    assert "no campaign 'nowhere'" in capsys.readouterr().err and not out.exists()


def test_cli_bad_until_date_exits_1(project_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["figure", "pursuit", "-o", str(tmp_path / "x.pdf"), "--root", str(project_dir),
                 "--until", "not a date"]) == 1
    assert capsys.readouterr().err.startswith("geo: ")


@pytest.mark.parametrize("extra", [
    ["--width", "wide"], ["--width", "5mm"], ["--extent", "1,2,3"], ["--extent", "120,30,110,40"],
    ["--labels", "latin"], ["-o", "x.jpg"], [],
])
def test_cli_bad_usage_exits_2(project_dir: Path, tmp_path: Path, extra: list[str],
                               capsys: pytest.CaptureFixture[str]) -> None:
    args = ["figure", "pursuit", "--root", str(project_dir)]
    if "-o" not in extra:
        args += ["-o", str(tmp_path / "x.pdf")] if extra else []
    with pytest.raises(SystemExit) as exit_info:
        main(args + extra)
    assert exit_info.value.code == 2
    assert "usage:" in capsys.readouterr().err


def test_greedy_placement_avoids_labels_routes_and_drops_what_does_not_fit() -> None:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from shapely.geometry import LineString, box

    from geo.render.figure.labels import LabelPlacer, LabelRequest

    with mpl.rc_context(fonts.figure_rc(fonts.find_cjk_font())):
        fig = Figure(figsize=(2, 2), dpi=100)
        FigureCanvasAgg(fig)
        ax = fig.add_axes((0, 0, 1, 1))
        ax.set_xlim(0, 10)
        ax.set_ylim(0, 10)
        route = [(0.0, 5.0), (10.0, 5.0)]
        placer = LabelPlacer(ax, fig.canvas.get_renderer(), obstacles=[], lines=[route])
        for i in range(40):
            placer.place(LabelRequest(5.0, 5.0, f"地名{i}", 7.0))
        result = placer.result
        renderer = fig.canvas.get_renderer()
        boxes = [label.get_window_extent(renderer) for label in result.placed]
    assert result.placed and result.dropped and len(result.placed) + len(result.dropped) == 40
    assert result.leadered  # some went further out on a leader line
    assert not [pair for pair in combinations(boxes, 2) if pair[0].overlaps(pair[1])]
    line = LineString(ax.transData.transform(route))
    assert not [b for b in boxes if line.intersects(box(b.x0, b.y0, b.x1, b.y1))]


def test_cli_names_the_labels_left_out(joined: Joined, tmp_path: Path, project_dir: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "tiny.png"
    assert main(["figure", "pursuit", "-o", str(out), "--root", str(project_dir), "--dpi", "50",
                 "--width", "40mm", "--extent", "113,40,115,41.5"]) == 0
    captured = capsys.readouterr()
    assert out.exists() and "wrote" in captured.out
    # 40 mm for four names around 西京 and 中京 is too little: the CLI must say which were left out and how to fix it
    assert "no free room for" in captured.err and "--extent" in captured.err
    assert "西京" in captured.err.split("no free room for", 1)[1]


def test_until_keeps_the_frame_of_the_whole_campaign(joined: Joined) -> None:
    full, _ = _drawn(joined, ["pursuit"], Options())
    with mpl.rc_context(fonts.figure_rc(fonts.find_cjk_font())):
        early, placement = draw_figure(joined, ["pursuit"], options=Options(), until_jdn=_until("天輔六年正月"))
    assert full.axes[0].get_xlim() == early.axes[0].get_xlim()
    assert {t.get_text().split("\n")[0] for t in placement.placed} == {"中京", "西京"}


def test_grayscale_tells_actors_apart_without_colour(joined: Joined) -> None:
    from matplotlib.colors import to_rgb

    fig, _ = _drawn(joined, ["pursuit"], Options(width_mm=85, grayscale=True))
    routes = [line for line in fig.axes[0].lines if line.get_zorder() == 4]
    assert len(routes) == len(joined.legs)
    assert len({str(line.get_linestyle()) for line in routes}) == 2  # solid court, dashed Jin army
    for line in routes:
        r, g, b = to_rgb(line.get_color())
        assert r == g == b  # grey, not colour
