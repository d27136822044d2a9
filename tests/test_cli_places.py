"""Tests of ``geo places find`` and ``geo places fmt``, including round-trip safety."""

from __future__ import annotations

import csv
import io
import random
import shutil
import string
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geo import schema as S
from geo.__main__ import main
from geo.gazetteer_format import canonical_cell, canonical_csv
from geo.tables import Table, parse_csv_text, parse_float, read_table
from geo.testing import make_place, write_project
from geo.validate_places import check_places, normalise_cell

DATA = Path(__file__).parent / "data" / "places"
GOOD = DATA / "good.csv"


@pytest.fixture
def gazetteer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the good fixture at the default path, with the current folder set to its project."""
    path = tmp_path / S.GAZETTEER_FILE
    path.parent.mkdir(parents=True)
    shutil.copyfile(GOOD, path)
    monkeypatch.chdir(tmp_path)
    return path


def messy_bytes() -> bytes:
    """The good fixture as a spreadsheet might save it: columns shuffled, extra columns, messy cells."""
    rows = list(csv.reader(io.StringIO(GOOD.read_text(encoding="utf-8"))))
    order = [15, 3, 0, 14, 1, 2, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]
    header = ["checked_by"] + [rows[0][i] for i in order] + ["remark"]
    body = [[f"ed{n}"] + [r[i] for i in order] + [f"r {n}"] for n, r in enumerate(rows[1:])]
    body.reverse()
    body[0][header.index(S.LAT)] = "４１．３０００"
    body[1][header.index(S.MODERN)] = "  Kaifeng,\u00a0 Henan "
    body[2][header.index(S.NOTE)] = "line one\r\nline two, with a comma"
    body[3][header.index(S.VALID_FROM)] = "1007.0"
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows([[*header, ""], *[[*r, ""] for r in body]])
    return b"\xef\xbb\xbf" + out.getvalue().encode("utf-8") + b",,,\r\n\r\n"


def cells_by_id(table: Table) -> dict[str, dict[str, str]]:
    return {row[S.PLACE_ID].strip(): row for row in table.rows}


# --- find ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("query", ["上京", "臨潢府", "临潢府", "Shàngjīng", "shangjing", "liao_shangjing"])
def test_find_by_any_form(query: str, gazetteer: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["places", "find", query]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split() == ["id", "name", "pinyin", "type", "lat", "lon", "±km", "modern"]
    assert out[1].split()[:7] == ["liao_shangjing", "上京", "Shàngjīng", "capital", "43.98", "119.38", "2"]
    assert out[0].index("pinyin") == out[1].index("Shàngjīng") + 2  # 上京 is two columns wide per character


def test_find_with_explicit_path(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["places", "find", "甯江州", "--gazetteer", str(GOOD)]) == 0
    assert "ningjiang_zhou" in capsys.readouterr().out


def test_find_nothing_suggests(gazetteer: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["places", "find", "shangjin"]) == 1
    err = capsys.readouterr().err
    assert "no place matches 'shangjin'" in err
    assert "did you mean: liao_shangjing (上京)" in err


def test_find_in_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["places", "find", "上京", "--gazetteer", str(tmp_path / "none.csv")]) == 1
    assert "cannot read the file" in capsys.readouterr().err


# --- fmt -----------------------------------------------------------------------------------------

def test_good_fixture_is_canonical(gazetteer: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = gazetteer.read_bytes()
    assert main(["places", "fmt", "--check"]) == 0
    assert main(["places", "fmt"]) == 0
    assert gazetteer.read_bytes() == before
    assert "already canonical" in capsys.readouterr().out


def test_fmt_rewrites_messy_file_losing_nothing(gazetteer: Path) -> None:
    gazetteer.write_bytes(messy_bytes())
    original = read_table(gazetteer)
    assert main(["places", "fmt", "--check"]) == 1
    assert main(["places", "fmt"]) == 0
    data = gazetteer.read_bytes()
    assert not data.startswith(b"\xef\xbb\xbf")
    assert b"\r" not in data
    text = data.decode("utf-8")
    assert text.splitlines()[0] == ",".join([*S.PLACE_COLUMNS, "checked_by", "remark"])
    result = read_table(gazetteer)
    assert [row[S.PLACE_ID] for row in result.rows] == sorted(row[S.PLACE_ID] for row in original.rows)
    new = cells_by_id(result)
    for place, row in cells_by_id(original).items():
        for column, cell in row.items():
            assert new[place][column] == canonical_cell(column, cell)
            assert bool(new[place][column]) == bool(cell.strip())
    assert new["yuanyang_luo"][S.LAT] == "41.3"
    assert new["song_bianjing"][S.MODERN] == "Kaifeng, Henan"
    assert new["ningjiang_zhou"][S.NOTE] == "line one\nline two, with a comma"
    assert new["liao_zhongjing"][S.VALID_FROM] == "1007"
    assert [(i.line, i.column) for i in check_places(result)] == [(1, 21), (1, 22)]  # the extra columns
    assert main(["places", "fmt", "--check"]) == 0
    assert main(["places", "fmt"]) == 0
    assert gazetteer.read_bytes() == data
    assert [p.name for p in gazetteer.parent.iterdir()] == ["gazetteer.csv"]


@pytest.mark.parametrize("bad", ["duplicate_id", "extra_cell", "fullwidth_unreadable", "duplicate_column"])
def test_fmt_refuses_on_errors(bad: str, gazetteer: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copyfile(DATA / "bad" / f"{bad}.csv", gazetteer)
    before = gazetteer.read_bytes()
    for argv in (["places", "fmt"], ["places", "fmt", "--check"]):
        assert main(argv) == 1
        assert gazetteer.read_bytes() == before
    err = capsys.readouterr().err
    assert "error" in err
    assert "the file was not changed" in err
    assert [p.name for p in gazetteer.parent.iterdir()] == ["gazetteer.csv"]


def test_fmt_refuses_on_other_encodings(gazetteer: Path, capsys: pytest.CaptureFixture[str]) -> None:
    gazetteer.write_bytes(GOOD.read_text(encoding="utf-8").encode("gb18030"))
    before = gazetteer.read_bytes()
    assert main(["places", "fmt"]) == 1
    assert gazetteer.read_bytes() == before
    assert "GB18030" in capsys.readouterr().err


def test_fmt_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["places", "fmt", "--gazetteer", str(tmp_path / "none.csv")]) == 1
    assert "cannot read the file" in capsys.readouterr().err


def test_fmt_keeps_warnings_file_and_fixes_what_it_can(gazetteer: Path) -> None:
    shutil.copyfile(DATA / "bad" / "fullwidth_digits.csv", gazetteer)
    assert main(["places", "fmt"]) == 0
    assert check_places(read_table(gazetteer)) == []


def test_places_needs_an_action(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["places"])
    assert caught.value.code == 2


# --- property: fmt of random valid rows loses nothing ---------------------------------------------

HAN = "上中東南西北京州府城江河山關寧遼龍黃臨潢大定開封"
TEXT = string.ascii_letters + string.digits + " ,;\"'\n\u00a0\u3000()-" + HAN
slugs = st.from_regex(r"[a-z][a-z0-9_]{0,8}", fullmatch=True)
names = st.text(HAN + " ", min_size=1, max_size=5).filter(str.strip)
texts = st.text(TEXT, min_size=1, max_size=20).filter(str.strip)
optional = st.one_of(st.just(""), texts)


def number(low: float, high: float) -> st.SearchStrategy[str]:
    """Numbers as people type them: varied decimals, trailing zeros, full-width digits."""
    value = st.floats(low, high, allow_nan=False)
    decimals = st.integers(0, 6)
    zeros = st.integers(0, 3)
    wide = st.booleans()

    def spell(v: float, d: int, z: int, w: bool) -> str:
        text = f"{v:.{d}f}" + ("0" * z if d else "")
        return text.translate(str.maketrans("0123456789.", "０１２３４５６７８９．")) if w else text

    return st.builds(spell, value, decimals, zeros, wide)


@st.composite
def gazetteer_rows(draw: st.DrawFn) -> list[dict[str, str]]:
    ids = draw(st.lists(slugs, min_size=1, max_size=6, unique=True))
    rows = []
    for n, place in enumerate(ids):
        start = draw(st.one_of(st.just(""), st.integers(900, 1100).map(str)))
        rows.append({
            S.PLACE_ID: place, S.NAME: draw(names), S.NAME_SIMPLIFIED: draw(names),
            S.PINYIN: draw(st.text("abcdeghijklmnoprstuwxyzāáǎàēéěèü '", min_size=1, max_size=12).filter(str.strip)),
            S.VARIANTS: draw(optional), S.PLACE_TYPE: draw(st.sampled_from(S.PLACE_TYPES)),
            S.LAT: draw(number(16 + 6 * n, 20 + 6 * n)), S.LON: draw(number(61, 149)),
            S.UNCERTAINTY_KM: draw(number(0, 500)), S.LOCATION_BASIS: draw(st.sampled_from(S.LOCATION_BASES)),
            S.MODERN: draw(texts), S.POLITY: draw(st.sampled_from(("", *S.POLITIES))),
            S.VALID_FROM: start, S.VALID_TO: str(int(start) + draw(st.integers(0, 200))) if start else "",
            S.SOURCE: draw(texts), S.NOTE: draw(optional), "extra": draw(optional),
        })
    return rows


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=gazetteer_rows(), order=st.randoms(use_true_random=False))
def test_fmt_of_random_valid_rows_loses_nothing(rows: list[dict[str, str]], order: random.Random) -> None:
    header = list(rows[0])
    order.shuffle(header)
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows([header, *[[r[c] for c in header] for r in rows]])
    table = parse_csv_text(out.getvalue(), path="g.csv")
    assert not [i for i in check_places(table) if i.severity == "error"]
    text = canonical_csv(table)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "g.csv"
        path.write_bytes(text.encode("utf-8"))
        again = read_table(path)
    assert canonical_csv(again) == text
    new = cells_by_id(again)
    assert len(new) == len(rows)
    for row in rows:
        for column, cell in row.items():
            kept = new[row[S.PLACE_ID]][column]
            if column in (S.LAT, S.LON, S.UNCERTAINTY_KM):
                assert parse_float(kept) == parse_float(cell)
            else:
                assert kept == normalise_cell(cell)


def test_find_lists_every_row_sharing_a_name(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    places = [make_place(id="liao_dongjing", name="東京", name_simplified="东京", pinyin="Dōngjīng", variants="遼陽府"),
              make_place(id="song_bianjing", name="開封", name_simplified="开封", pinyin="Kāifēng",
                         variants="開封府;東京", lat="34.79", lon="114.35")]
    path = write_project(tmp_path, places=places) / "places" / "gazetteer.csv"
    assert main(["places", "find", "东京", "--gazetteer", str(path)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in out[1:]] == ["liao_dongjing", "song_bianjing"]


def test_find_works_in_a_file_with_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = DATA / "bad" / "duplicate_id.csv"
    assert main(["places", "find", "中京", "--gazetteer", str(path)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert [line.split()[:2] for line in out[1:]] == [["liao_shangjing", "上京"], ["liao_shangjing", "中京"]]
