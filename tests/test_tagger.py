"""The place tagger: enumerations, context rules, variants, recall against the curated events, and the CLI."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from geo import schema as S
from geo.__main__ import main
from geo.annals import read_annals, read_chronicle
from geo.seeds import normalise_quote
from geo.tagger import Gazetteer, fold, propose_names, rank_candidates, tag_chronicle, tag_entries, tag_text

REPO = Path(__file__).parent.parent
DATA = Path(__file__).parent / "data" / "annals"


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.from_csv(DATA / "gazetteer.csv")


def _names(text: str, gaz: Gazetteer, **kw: str) -> list[tuple[str, tuple[str, ...]]]:
    return [(m.name, m.ids) for m in tag_text(text, gaz, **kw)]


def test_enumeration_with_count(gaz: Gazetteer) -> None:
    found = _names("遂遣楊朴以誓書及燕京、涿、易、檀、順、景、薊六州歸之", gaz)
    assert found[0] == ("燕京", ("liao_nanjing",))
    assert [n for n, _ in found[1:]] == ["涿州", "易州", "檀州", "順州", "景州", "薊州"]
    assert [i[0] for _, i in found[1:]] == ["zhuo_zhou", "yi_zhou", "tan_zhou", "shun_zhou", "jing_zhou", "ji_zhou"]


def test_enumeration_with_deng(gaz: Gazetteer) -> None:
    found = _names("領麾下掠慶、饒、懷、祖等州，嘯聚渤海盜衆數萬", gaz)
    assert found == [("慶州", ("qing_zhou",)), ("饒州", ("rao_zhou",)), ("懷州", ("huai_zhou",)),
                     ("祖州", ("zu_zhou",))]


def test_enumeration_of_towns(gaz: Gazetteer) -> None:
    found = _names("六年正月癸酉，都統杲克高、恩、回紇三城。", gaz)
    assert [i for _, i in found] == [("gao_zhou",), ("en_zhou",), ("huihe_cheng",)]
    assert [n for n, _ in found] == ["高城", "恩城", "回紇城"]


def test_enumeration_offsets_point_at_the_items(gaz: Gazetteer) -> None:
    text = "克高、恩、回紇三城。"
    assert [text[m.start:m.end] for m in tag_text(text, gaz)] == ["高", "恩", "回紇"]
    assert not propose_names(text, gaz)  # 三城 is no unknown name


def test_emperor_is_not_a_place(gaz: Gazetteer) -> None:
    assert _names("四月乙未，上自將伐遼。", gaz) == []
    assert _names("至上京，詔官民", gaz) == [("上京", ("liao_shangjing",))]


def test_longest_match_first(gaz: Gazetteer) -> None:
    assert _names("攻中京大定府", gaz) == [("中京大定府", ("liao_zhongjing",))]
    assert _names("上京臨潢府", gaz) == [("上京臨潢府", ("liao_shangjing",))]


@pytest.mark.parametrize(("text", "place"), [
    ("女真首犯甯江州", "ningjiang_zhou"), ("攻宁江州", "ningjiang_zhou"), ("詣鹹州", "xian_zhou"),
    ("敗夏人於野穀", "yegu"), ("败夏人于野谷", "yegu"), ("至 中 京", "liao_zhongjing"),
])
def test_variant_characters_and_scripts(gaz: Gazetteer, text: str, place: str) -> None:
    assert [i for _, i in _names(text, gaz)] == [(place,)]


def test_one_character_names_only_in_context(gaz: Gazetteer) -> None:
    assert _names("是月，遼秦晉國王耶律捏里即位於燕。", gaz) == [("燕", ("liao_nanjing",))]
    assert _names("入燕，晡時到燕。", gaz) == [("燕", ("liao_nanjing",)), ("燕", ("liao_nanjing",))]
    assert _names("燕王淳守燕二十年", gaz) == [("燕", ("liao_nanjing",))]
    assert _names("先鋒接戰，雲塵亙天", gaz) == []
    assert _names("比以幽、薊一方招之不服", gaz) == [("幽", ("liao_nanjing",)), ("薊", ("ji_zhou",))]
    assert _names("燕人有簞食之迎", gaz) == []


def test_southern_capital_in_song_context(gaz: Gazetteer) -> None:
    assert _names("遣使至南京", gaz) == [("南京", ("liao_nanjing",))]
    assert _names("遣使至南京", gaz, regime="song") == []
    assert _names("帝幸宋南京", gaz) == []


def test_unknown_candidates_ranked(gaz: Gazetteer) -> None:
    text = "次沃黑河。辽主保阴山。復次沃黑河，至鸳鸯泺。處之泰州。"
    ranked = rank_candidates(propose_names(text, gaz))
    assert [(name, count) for name, count, _ in ranked] == [("沃黑河", 2), ("阴山", 1), ("鸳鸯泺", 1), ("泰州", 1)]


@pytest.mark.parametrize(("text", "names"), [
    ("是歲，置永州、涪州。", ["永州", "涪州"]),  # 置 "set up" is not part of the name
    ("皇帝幸鎮江。", ["鎮江"]),  # 幸 "the emperor visits"
    ("詔州縣守令", []), ("罷郡縣之兵", []), ("路州縣官", []),  # generic phrases, not places
    ("以總管府兵", []),  # an office, not a place
    ("金人得石州、請援中山", ["石州", "中山"]),
    ("攻得勝口", ["得勝口"]),  # a "victory" name keeps its 得
    ("攻府州", ["府州"]), ("至幸州", ["幸州"]), ("至管州", ["管州"]), ("攻塞門寨", ["塞門寨"]),  # real names
])
def test_candidates_stop_at_verbs_and_skip_generic_phrases(gaz: Gazetteer, text: str, names: list[str]) -> None:
    assert [m.name for m in propose_names(text, gaz)] == names


def test_fold_keeps_length() -> None:
    assert fold("甯江州") == fold("寧江州") == "宁江州"
    assert len(fold("鴛鴦濼 ")) == 4


def _events() -> list[dict[str, str]]:
    path = REPO / S.EVENTS_FILE
    if not path.is_file():
        pytest.skip("campaigns/events.csv is not there yet")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def _recall() -> tuple[int, int, int, int]:
    """(hits, events, hits among events whose place is named in the entry, those events)."""
    gaz = Gazetteer.from_csv(REPO / S.GAZETTEER_FILE)
    entries = {}
    for siglum in ("JS", "DJGZ", "QDGZ"):
        text = read_chronicle(REPO / S.SEEDS_DIR / f"{siglum}.txt")
        entries[siglum] = tag_entries(read_annals(text), text, gaz).entries
    forms: dict[str, set[str]] = {}
    for key, ids in gaz.index.items():
        for place in ids:
            forms.setdefault(place, set()).add(key)
    hits = total = named_hits = named = 0
    for event in _events():
        siglum, _, line = event[S.EVENT_SOURCE].partition(":")
        on_line = [e for e in entries.get(siglum, ()) if str(e.line) == line]
        quote = normalise_quote(event[S.QUOTE])
        chosen = [e for e in on_line if quote in normalise_quote(e.text)] or on_line
        if not chosen:
            continue
        found = any(event[S.PLACE] in e.places for e in chosen)
        is_named = any(f in fold("".join(e.text.split())) for e in chosen for f in forms.get(event[S.PLACE], ()))
        hits, total = hits + found, total + 1
        named_hits, named = named_hits + (found and is_named), named + is_named
    return hits, total, named_hits, named


def test_recall_against_curated_events() -> None:
    hits, total, named_hits, named = _recall()
    # Measured 2026-11-23: 193/252 (77%) of all events citing a dated entry; 159/160 (99%) of those whose
    # place is named in the entry (the others place the Jin court or the Song capital by inference).
    assert total > 100 and hits / total >= 0.70
    assert named > 100 and named_hits / named >= 0.95


def test_cli_tag_json(capsys: pytest.CaptureFixture[str]) -> None:
    seeds = REPO / S.SEEDS_DIR
    assert main(["tag", str(seeds / "JS.txt"), "--json", "--gazetteer", str(DATA / "gazetteer.csv")]) == 0
    result = json.loads(capsys.readouterr().out)
    assert set(result) >= {"places", "candidates", "regime"}
    by_id = {p["id"]: p for p in result["places"]}
    assert by_id["liao_zhongjing"]["count"] >= 5 and "咸州" in by_id["xian_zhou"]["forms"]
    assert any(c["name"] == "黄龙府" for c in result["candidates"])


def test_cli_tag_html_escapes_and_writes_atomically(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    chronicle = tmp_path / "evil.txt"
    chronicle.write_text('天輔六年正月，<script>alert("x")</script>取中京 & 燕京。\n', encoding="utf-8")
    out = tmp_path / "site" / "evil.html"
    assert main(["tag", str(chronicle), "--html", str(out), "--gazetteer", str(DATA / "gazetteer.csv")]) == 0
    html = out.read_text(encoding="utf-8")
    assert "<script>" not in html and "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html
    assert "&amp;" in html
    assert '<a class="place" href="gazetteer.html#liao_zhongjing"' in html
    assert 'title="天輔六年正月"' in html
    assert sorted(p.name for p in out.parent.iterdir()) == ["evil.html"]  # no temporary file left
    capsys.readouterr()


def test_cli_tag_without_gazetteer(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["tag", str(DATA / "wrong_day.txt"), "--gazetteer", str(tmp_path / "none.csv")]) == 1
    assert "no gazetteer" in capsys.readouterr().err


PROJECT = Path(__file__).parent / "data" / "project"


def _propose(capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, list[dict[str, str]]]:
    argv = ["propose", str(PROJECT / "seeds" / "T.txt"), "--campaign", "pursuit",
            "--gazetteer", str(PROJECT / "places" / "gazetteer.csv"), *extra]
    code = main(argv)
    out = capsys.readouterr().out
    return code, list(csv.DictReader(out.splitlines()))


def test_cli_propose_rows(capsys: pytest.CaptureFixture[str]) -> None:
    from geo.seeds import quote_in_line

    code, rows = _propose(capsys)
    assert code == 0
    assert tuple(rows[0]) == S.EVENT_COLUMNS
    lines = (PROJECT / "seeds" / "T.txt").read_text(encoding="utf-8").splitlines()
    got = {(r[S.DATE], r[S.PLACE], r[S.EVENT_SOURCE]) for r in rows}
    assert ("天輔六年正月", "liao_zhongjing", "T:1") in got
    assert ("天輔六年三月己巳", "jia_shan", "T:2") in got
    assert ("天輔六年三月", "yuanyang_luo", "T:2") in got
    for row in rows:
        assert row[S.CAMPAIGN] == "pursuit" and row[S.REGIME] == "jin"
        assert quote_in_line(row[S.QUOTE], lines[int(row[S.EVENT_SOURCE].split(":")[1]) - 1])
    assert next(r for r in rows if r[S.PLACE] == "jia_shan")[S.ACTION] == "flight"


def test_cli_propose_output_file_and_refusal(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "proposed.csv"
    code, _ = _propose(capsys, "-o", str(out), "--siglum", "X")
    assert code == 0 and out.read_text(encoding="utf-8").startswith(",".join(S.EVENT_COLUMNS))
    assert "X:1" in out.read_text(encoding="utf-8")
    curated = tmp_path / "campaigns" / "events.csv"
    code, _ = _propose(capsys, "-o", str(curated))
    assert code == 2 and not curated.exists()


# --- homonyms: a name whose place depends on the regime, the date or the seed (places/homonyms.csv) ---------


def _homonym_gazetteer() -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """燕京 carries 南京 (its Liao name); the Jin 南京 (平州) and both 京師 are readings; 京師 is Kaifeng's name."""
    from geo.testing import make_homonym, make_place

    places = [make_place(id="yanjing", name="燕京", name_simplified="燕京", variants="南京;燕山"),
              make_place(id="pingzhou", name="平州", name_simplified="平州", variants=""),
              make_place(id="huining", name="會寧府", name_simplified="会宁府", variants=""),
              make_place(id="kaifeng", name="京師", name_simplified="京师", variants="汴京")]
    homonyms = [make_homonym(name="南京", place="yanjing", regime="liao", from_year="938", to_year="1122"),
                make_homonym(name="南京", place="pingzhou", regime="jin", from_year="1123", to_year="1126"),
                make_homonym(name="京師", place="huining", regime="jin", from_year="1115", to_year="1152"),
                make_homonym(name="京師", place="kaifeng", regime="song", from_year="960", to_year="1126"),
                make_homonym(name="京師", place="kaifeng", regime="", from_year="", to_year="", siglum="D")]
    return places, homonyms


def _read(text: str, gaz: Gazetteer, **context: object) -> list[tuple[tuple[str, ...], str]]:
    return [(m.ids, m.how) for m in tag_text(text, gaz, **context)]  # type: ignore[arg-type]


def test_without_homonyms_the_capital_word_is_read_as_kaifeng() -> None:
    """The misreading the readings fix: 京師 in a Jin text taken for the Song capital, 南京 for 燕京."""
    places, _ = _homonym_gazetteer()
    gaz = Gazetteer(places)
    assert _read("斡魯以遼主至京師", gaz, regime="jin", year=1125) == [(("kaifeng",), "name")]
    assert _read("詔諭南京官僚", gaz, regime="jin", year=1124) == [(("yanjing",), "name")]


def test_a_homonym_is_resolved_by_the_regime_and_the_year() -> None:
    gaz = Gazetteer(*_homonym_gazetteer())
    assert _read("斡魯以遼主至京師", gaz, regime="jin", year=1125) == [(("huining",), "reading")]
    assert _read("詔諭南京官僚", gaz, regime="jin", year=1124) == [(("pingzhou",), "reading")]
    assert _read("幸南京", gaz, regime="liao", year=1110) == [(("yanjing",), "reading")]
    mention = tag_text("詔諭南京官僚", gaz, regime="jin", year=1124)[0]
    assert mention.why == "read as pingzhou by its reading for jin, 1123–1126" and not mention.ambiguous


def test_a_homonym_without_a_fitting_reading_is_offered_with_the_places_left_open() -> None:
    gaz = Gazetteer(*_homonym_gazetteer())
    # no year: the Jin reading of 南京 holds only in 1123–1126, so nothing decides between the two
    assert _read("詔諭南京官僚", gaz, regime="jin") == [(("yanjing", "pingzhou"), "ambiguous")]
    # a Jin text of 1127: no reading fits, and the year rules the Jin one out; the row that carries the name stays
    assert _read("復以南京爲平州", gaz, regime="jin", year=1127)[0] == (("yanjing",), "ambiguous")
    # no context at all: 京師 is never silently the Song capital
    assert _read("至京師", gaz) == [(("kaifeng", "huining"), "ambiguous")]
    # another dynasty: a Ming 南京 is not offered the Liao or Jin readings, only the row that carries the name
    assert _read("帝至南京", gaz, regime="ming", year=1368) == [(("yanjing",), "ambiguous")]
    # a Liao text of 1123 (the Liao 南京 was lost in 1122): open, not silently 平州
    found = tag_text("金人遂改平州為南京", gaz, regime="liao", year=1123)
    assert [(m.name, m.ids, m.how) for m in found] == [("平州", ("pingzhou",), "name"),
                                                       ("南京", ("yanjing",), "ambiguous")]
    assert found[1].why == "no reading fits liao, 1123"


def test_a_regime_named_before_a_homonym_decides_its_reading() -> None:
    gaz = Gazetteer(*_homonym_gazetteer())
    text = "天會四年十一月，宗翰、宗望克宋京師。"
    assert [(m.name, m.ids, m.how) for m in tag_chronicle(text, read_annals(text, regime="jin"), gaz)][-1] == \
        ("京師", ("kaifeng",), "reading")


def test_every_command_reads_an_entry_the_same_way() -> None:
    """geo tag and the source pages (tag_chronicle) read each entry as geo annals does (tag_entries)."""
    gaz = Gazetteer(*_homonym_gazetteer())
    text = "天會二年正月，詔南京官民。\n宋宣和六年三月，童貫至南京。\n"
    annals = read_annals(text, regime="jin")
    whole = tag_chronicle(text, annals, gaz)
    by_entry = [p for e in tag_entries(annals, text, gaz).entries for p in e.places]
    assert [m.ids for m in whole] == [("pingzhou",)] and by_entry == ["pingzhou"]  # a Song-dated 南京 is Song's


def test_readings_bound_to_a_seed_replace_the_others_there() -> None:
    gaz = Gazetteer(*_homonym_gazetteer())
    # a Song compilation dating by Jin eras: its 京師 is the Song capital
    assert _read("令至京師易之", gaz, regime="jin", year=1123, siglum="D") == [(("kaifeng",), "reading")]
    assert _read("令至京師易之", gaz, regime="jin", year=1123, siglum="JS") == [(("huining",), "reading")]


def test_ids_of_a_homonym_include_every_reading() -> None:
    gaz = Gazetteer(*_homonym_gazetteer())
    assert gaz.ids("南京") == ("yanjing", "pingzhou") and gaz.ids("京师") == ("kaifeng", "huining")


def test_tag_entries_read_homonyms_by_the_date_of_each_entry() -> None:
    gaz = Gazetteer(*_homonym_gazetteer())
    text = "天輔六年四月，詔諭南京官民。\n天會二年正月丁丑，始自京師至南京每五十里置驛。\n"
    entries = tag_entries(read_annals(text), text, gaz).entries
    assert [e.date.ce_year for e in entries if e.date] == [1122, 1124]
    assert entries[0].places == ("yanjing",)  # a Jin text of 1122: no reading fits; the year rules 平州 out
    assert entries[1].places == ("huining", "pingzhou")


def test_gazetteer_from_csv_reads_the_homonyms_beside_it(tmp_path: Path) -> None:
    from geo.testing import write_project

    places, homonyms = _homonym_gazetteer()
    root = write_project(tmp_path, places=places, homonyms=homonyms)
    gaz = Gazetteer.from_csv(root / S.GAZETTEER_FILE)
    assert _read("至京師", gaz, regime="jin", year=1125) == [(("huining",), "reading")]
    assert _read("至京師", Gazetteer.from_csv(root / S.GAZETTEER_FILE, homonyms=tmp_path / "none.csv"),
                 regime="jin", year=1125) == [(("kaifeng",), "name")]


def _homonym_project(tmp_path: Path) -> Path:
    from geo.testing import write_project

    places, homonyms = _homonym_gazetteer()
    seeds = {"J": ["天輔六年四月，詔諭南京官民。", "天會二年正月丁丑，始自京師至南京每五十里置驛。",
                   "天會五年三月，南京路都統闍母爲元帥左都監。"]}
    return write_project(tmp_path, places=places, homonyms=homonyms, seeds=seeds)


def test_cli_tag_lists_the_names_left_ambiguous(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = _homonym_project(tmp_path)
    assert main(["tag", str(root / "seeds" / "J.txt"), "--json", "--gazetteer", str(root / S.GAZETTEER_FILE)]) == 0
    result = json.loads(capsys.readouterr().out)
    by_id = {p["id"]: p["count"] for p in result["places"]}
    assert by_id == {"huining": 1, "pingzhou": 1}  # 京師 and 南京 of 天會二年; never kaifeng
    assert [(a["name"], a["ids"], a["count"], a["first_line"]) for a in result["ambiguous"]] == [
        ("南京", ["yanjing"], 2, 1)]
    assert main(["tag", str(root / "seeds" / "J.txt"), "--gazetteer", str(root / S.GAZETTEER_FILE)]) == 0
    assert "南京\tyanjing\t2\t1" in capsys.readouterr().out


def test_cli_propose_reads_homonyms_and_leaves_an_open_one_to_the_curator(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = _homonym_project(tmp_path)
    argv = ["propose", str(root / "seeds" / "J.txt"), "--campaign", "pursuit",
            "--gazetteer", str(root / S.GAZETTEER_FILE)]
    assert main(argv) == 0
    rows = list(csv.DictReader(capsys.readouterr().out.splitlines()))
    got = [(r[S.EVENT_SOURCE], r[S.PLACE]) for r in rows]
    assert got == [("J:1", ""), ("J:2", "huining"), ("J:2", "pingzhou"), ("J:3", "")]
    assert "kaifeng" not in {r[S.PLACE] for r in rows}
    assert "may stand for yanjing (no reading fits jin, 1122, J in places/homonyms.csv)" in rows[0][S.NOTE]
    assert "read as huining by its reading for jin, 1115–1152" in rows[1][S.NOTE]
