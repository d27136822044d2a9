"""Benchmark the gazetteer checker on a synthetic gazetteer (run by hand).

    python bench/check.py [--rows 100000] [--seed 1]

Writes a synthetic ``gazetteer.csv`` of plausible rows (names built from common
place-name characters, matching simplified forms and pinyin, points scattered over
East and Inner Asia) to a temporary folder, then times reading it and
``check_places`` in-process and prints rows per second. Target: 100,000 rows in
under 5 s.
"""

from __future__ import annotations

import argparse
import csv
import random
import tempfile
import time
from pathlib import Path

from geo import schema as S
from geo.tables import read_table
from geo.validate_places import check_places

# traditional, simplified, pinyin with tone
CHARS: tuple[tuple[str, str, str], ...] = (
    ("上", "上", "shàng"), ("中", "中", "zhōng"), ("東", "东", "dōng"), ("南", "南", "nán"), ("西", "西", "xī"),
    ("北", "北", "běi"), ("京", "京", "jīng"), ("江", "江", "jiāng"), ("河", "河", "hé"), ("山", "山", "shān"),
    ("寧", "宁", "níng"), ("遼", "辽", "liáo"), ("龍", "龙", "lóng"), ("黃", "黄", "huáng"), ("臨", "临", "lín"),
    ("潢", "潢", "huáng"), ("大", "大", "dà"), ("定", "定", "dìng"), ("開", "开", "kāi"), ("封", "封", "fēng"),
    ("安", "安", "ān"), ("平", "平", "píng"), ("興", "兴", "xīng"), ("春", "春", "chūn"), ("泰", "泰", "tài"),
    ("雲", "云", "yún"), ("陽", "阳", "yáng"), ("武", "武", "wǔ"), ("清", "清", "qīng"), ("順", "顺", "shùn"),
    ("德", "德", "dé"), ("化", "化", "huà"), ("寶", "宝", "bǎo"), ("慶", "庆", "qìng"), ("利", "利", "lì"),
    ("永", "永", "yǒng"), ("豐", "丰", "fēng"), ("靜", "静", "jìng"), ("遠", "远", "yuǎn"), ("威", "威", "wēi"),
)
SUFFIXES: tuple[tuple[str, str, str, str], ...] = (
    ("州", "州", "zhōu", "prefecture"), ("府", "府", "fǔ", "prefecture"), ("縣", "县", "xiàn", "county"),
    ("城", "城", "chéng", "town"), ("軍", "军", "jūn", "garrison"), ("關", "关", "guān", "pass"),
)


def synthetic_row(rng: random.Random, n: int) -> dict[str, str]:
    """One plausible gazetteer row with id ``p<n>``."""
    parts = rng.sample(CHARS, rng.randint(2, 4))
    trad, simp, tone, kind = rng.choice(SUFFIXES)
    name = "".join(p[0] for p in parts) + trad
    return {
        S.PLACE_ID: f"p{n:06d}", S.NAME: name, S.NAME_SIMPLIFIED: "".join(p[1] for p in parts) + simp,
        S.PINYIN: ("".join(p[2] for p in parts)).capitalize() + " " + tone,
        S.VARIANTS: "".join(p[0] for p in parts) if rng.random() < 0.3 else "",
        S.PLACE_TYPE: kind, S.LAT: f"{rng.uniform(18, 58):.4f}", S.LON: f"{rng.uniform(62, 148):.4f}",
        S.UNCERTAINTY_KM: str(rng.choice((1, 2, 5, 10, 20, 50))),
        S.LOCATION_BASIS: rng.choice(S.LOCATION_BASES), S.MODERN: f"near modern town {n}, somewhere",
        S.POLITY: rng.choice(S.POLITIES), S.VALID_FROM: str(rng.randint(900, 1000)),
        S.VALID_TO: str(rng.randint(1000, 1200)), S.SOURCE: "synthetic; CHGIS",
        S.NOTE: f"synthetic row {n}" if rng.random() < 0.5 else "",
    }


def write_gazetteer(path: Path, rows: int, seed: int) -> None:
    """Write ``rows`` synthetic rows to ``path``."""
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=S.PLACE_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(synthetic_row(rng, n) for n in range(rows))


def main() -> None:
    """Generate, read, check and report timings."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "gazetteer.csv"
        write_gazetteer(path, args.rows, args.seed)
        start = time.perf_counter()
        table = read_table(path)
        read = time.perf_counter() - start
        start = time.perf_counter()
        issues = check_places(table)
        checked = time.perf_counter() - start
    errors = sum(1 for i in issues if i.severity == "error")
    total = read + checked
    print(f"{len(table.rows):,} rows: read {read:.2f} s, check_places {checked:.2f} s, total {total:.2f} s "
          f"({len(table.rows) / total:,.0f} rows/s); {errors} error(s), {len(issues) - errors} warning(s)")


if __name__ == "__main__":
    main()
