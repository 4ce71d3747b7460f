"""A briefing is data: any district and year shows in every tab, chart, export and PDF from
its briefing file alone. The made-up fixtures (tests/fixtures/) sit beside the shipped
briefing in one database; the strict authoring format names every mistake."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from PySide6.QtWidgets import QFrame, QLabel

from jhviewer.cli import cli
from jhviewer.data.build import build_database
from jhviewer.data.errors import BriefingFormatError, UnknownBriefingError
from jhviewer.data.source import load_briefings
from jhviewer.data.store import Store
from jhviewer.paths import BRIEFINGS_DIR, REPO_ROOT
from jhviewer.ui.app import create_application
from jhviewer.ui.main_window import MainWindow
from jhviewer.ui.overview import OverviewPanel
from jhviewer.ui.settings import Settings
from tests.test_report import pdf_text, squeeze
from tests.uihelpers import close_window, make_window, settle, visible_texts

FIXTURES = Path(__file__).parent / "fixtures"
SHARED_SOURCES = REPO_ROOT.parent / "shared" / "source"
# What only one briefing says: its district and a figure no other briefing has.
OWN_WORDS = {
    "jianghan-2024": ("Jianghan", "1,000"),
    "newtown-2030": ("Newtown District: 2030", "CNY 82 billion"),
    "newtown-2031": ("Newtown District: 2031", "2031 test briefing"),
}


@pytest.fixture(scope="module")
def sources(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every briefing file (shipped and fixtures) and its source text, in one folder each."""
    folder = tmp_path_factory.mktemp("briefings")
    for path in [*BRIEFINGS_DIR.glob("*.toml"), *(FIXTURES / "briefings").glob("*.toml")]:
        shutil.copy(path, folder / path.name)
    return folder


@pytest.fixture(scope="module")
def multi_db(sources: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("multi") / "multi.db"
    assert build_database(sources, out) == 115 + 8 + 4
    return out


@pytest.fixture(scope="module")
def texts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("texts")
    for path in [*SHARED_SOURCES.glob("*.txt"), *(FIXTURES / "sources").glob("*.txt")]:
        shutil.copy(path, folder / path.name)
    return folder


@pytest.fixture
def multi(multi_db: Path) -> Iterator[Store]:
    with Store.open(multi_db) as store:
        yield store


def run(*arguments: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(arguments))
    return result.exit_code, result.stdout, result.stderr


# --- one database, many briefings ---------------------------------------------------------


def test_the_default_briefing_is_the_newest_year(multi: Store) -> None:
    assert [b.id for b in multi.briefings()] == ["jianghan-2024", "newtown-2030", "newtown-2031"]
    assert multi.briefing().id == "newtown-2031"  # type: ignore[union-attr]
    multi.select_briefing("jianghan-2024")
    assert multi.briefing().targets_title("zh") == "数说江汉"  # type: ignore[union-attr]
    with pytest.raises(UnknownBriefingError, match="briefings: jianghan-2024, newtown-2030, "
                                                    "newtown-2031"):
        multi.select_briefing("nowhere-1999")


def test_one_briefing_is_read_alike_without_the_whole_list(multi_db: Path) -> None:
    with Store.open(multi_db) as store:  # the first screen reads one briefing, not all
        newest = store.briefing()
        assert newest is not None and (newest.id, newest.label("zh")) == (
            "newtown-2031", "新城区 2031"
        )
        chosen = store.select_briefing("jianghan-2024")
        assert chosen is not None and chosen.label("en") == "Jianghan District 2024"
        assert store.briefing("nowhere-1999") is None
        assert store.count_briefings() == 3
        assert [b.label("zh") for b in store.briefings()] == [
            "江汉区 2024", "新城区 2030", "新城区 2031"
        ]
        assert store.briefing() == chosen  # the selected one, now from the list


def test_each_briefing_keeps_its_own_targets_tiers_and_charts(multi: Store) -> None:
    assert [t.key for t in multi.targets("newtown-2030")] == [
        "goal-growth", "goal-schools", "goal-investment"
    ]
    assert [(t.title("en"), [e.name("en") for e in t.entities])
            for t in multi.tiers("newtown-2030")] == [
        ("The core", ["Smart manufacturing"]),
        ("The wings", ["Modern logistics", "Digital services"]),
    ]
    assert [t.title("zh") for t in multi.tiers("jianghan-2024")] == [
        "总部经济引领、数字经济赋能", "三大主导产业", "五大新兴产业"
    ]
    drivers = multi.tiers("jianghan-2024")[0]  # the source's words; it never says 两大
    assert drivers.title("en") == "HQ economy leads, digital economy enables"
    assert multi.tiers("newtown-2031") == []
    assert [c.key for c in multi.charts("newtown-2031")] == ["growth-by-year", "school-goals"]


def test_an_indicator_across_years_is_one_series(multi: Store) -> None:
    series = multi.indicator_series("newtown", "gdp-growth")
    assert [(f.year, f.kind, f.value) for f in series] == [
        (2029, "result", 6.1), (2030, "result", 6.8), (2030, "target", 6.5),
        (2031, "target", 7.0),
    ]
    assert [f.year for f in multi.indicator_series("wuhan-jianghan", "gdp-growth")] == [
        2023, 2024
    ]


def test_search_with_a_briefing_finds_only_its_facts(multi_db: Path) -> None:
    code, out, err = run("search", "增速", "--db", str(multi_db), "--briefing", "newtown-2030")
    assert code == 0 and err == ""
    assert [line.split("\t")[0] for line in out.splitlines()] == ["growth-2029", "goal-growth"]
    code, out, err = run("search", "增速", "--db", str(multi_db))
    assert err == "jhviewer: using briefing newtown-2031 (the newest); choose another with " \
                  "--briefing\n"
    assert [line.split("\t")[0] for line in out.splitlines()] == [
        "growth-2030", "goal-growth-2031"
    ]


def test_an_unknown_briefing_is_one_line_listing_the_ids(multi_db: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "jhviewer", "search", "x", "--db", str(multi_db),
         "--briefing", "nope"], capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 1
    assert result.stderr == (
        "jhviewer: There is no briefing 'nope' in multi.db (briefings: jianghan-2024, "
        "newtown-2030, newtown-2031).\n"
    )


def test_a_single_briefing_database_needs_no_choice(built_db: Path) -> None:
    code, out, err = run("search", "瞪羚", "--db", str(built_db))
    assert (code, err) == (0, "")
    assert out.startswith("target-gazelle-firms\t2024\t新增瞪羚企业")


@pytest.mark.parametrize("briefing_id", sorted(OWN_WORDS))
def test_export_charts_writes_each_declared_chart(
    multi_db: Path, tmp_path: Path, briefing_id: str
) -> None:
    code, out, err = run("export", "charts", str(tmp_path), "--db", str(multi_db),
                         "--briefing", briefing_id, "--format", "svg", "--lang", "en")
    assert code == 0, err
    with Store.open(multi_db) as store:
        keys = [c.key for c in store.charts(briefing_id)]
    assert out.splitlines() == [f"wrote {tmp_path / key}.svg" for key in keys]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f"{k}.svg" for k in keys)


def test_export_facts_of_one_briefing(multi_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "facts.json"
    code, stdout, _err = run("export", "json", str(out), "--db", str(multi_db),
                             "--briefing", "newtown-2031")
    assert code == 0 and stdout == f"wrote {out} (4 facts)\n"


@pytest.mark.parametrize("briefing_id", sorted(OWN_WORDS))
def test_the_pdf_holds_its_own_briefing_and_no_other(
    multi_db: Path, tmp_path: Path, briefing_id: str
) -> None:
    out = tmp_path / f"{briefing_id}.pdf"
    code, _out, err = run("pdf", str(out), "--db", str(multi_db), "--briefing", briefing_id,
                          "--lang", "en")
    assert code == 0, err
    text = squeeze(pdf_text(out))
    for other, words in OWN_WORDS.items():
        for word in words:
            assert (squeeze(word) in text) == (other == briefing_id), (other, word)


@pytest.mark.parametrize("briefing_id", sorted(OWN_WORDS))
def test_every_tab_shows_the_chosen_briefing(
    qtbot, multi_db: Path, tmp_path: Path, briefing_id: str
) -> None:
    window = make_window(qtbot, tmp_path, multi_db, "en")
    window.session.set_briefing(briefing_id)
    for key in ("overview", "facts", "targets", "charts"):
        window.show_tab(key)
        settle()
    picker = {window.briefing_box.itemText(i) for i in range(window.briefing_box.count())}
    seen = "\n".join(t for t in visible_texts(window, frozenset({"briefing-box"}))
                     if t not in picker)
    for other, (district, _figure) in OWN_WORDS.items():
        assert (district in seen) == (other == briefing_id), other
    assert window.settings.briefing() == briefing_id
    close_window(window)


def test_the_picker_switches_every_tab_and_is_remembered(
    qtbot, multi_db: Path, tmp_path: Path
) -> None:
    window = make_window(qtbot, tmp_path, multi_db, "zh")
    assert window.briefing_box.count() == 3
    assert [window.briefing_box.itemText(i) for i in range(3)] == [
        "新城区 2031", "新城区 2030", "江汉区 2024"
    ]
    assert window.tabs.tabText(2) == "数说新城"
    window.show_tab("charts")
    window.briefing_box.activated.emit(2)  # as a click on 江汉区 2024 does
    settle()
    assert window.store.briefing().id == "jianghan-2024"  # type: ignore[union-attr]
    assert window.tabs.tabText(2) == "数说江汉"
    assert window.counts_label.text().startswith("简报：江汉区 2024 · 数据 115 条")
    assert window.panel("charts").chart_list.count() == 9  # type: ignore[attr-defined]
    window.briefing_menu.aboutToShow.emit()  # as opening File ▸ Briefing does
    assert [a.text() for a in window.session.briefing_actions.actions()] == [
        "新城区 2031", "新城区 2030", "江汉区 2024"
    ]
    checked = [a.text() for a in window.session.briefing_actions.actions() if a.isChecked()]
    assert checked == ["江汉区 2024"]
    window.session.briefing_actions.actions()[1].trigger()
    assert window.store.briefing().id == "newtown-2030"  # type: ignore[union-attr]
    close_window(window)
    again = make_window(qtbot, tmp_path, multi_db, "zh")  # same settings file
    assert again.store.briefing().id == "newtown-2030"  # type: ignore[union-attr]
    close_window(again)


def test_the_picker_lists_the_other_briefings_once_wanted(
    qtbot, multi_db: Path, tmp_path: Path
) -> None:
    """The first screen reads only the briefing shown; the picker lists the others once it is
    painted, opened or its menu is (here the window is never shown, so never painted)."""
    create_application()
    window = MainWindow(Settings.in_file(tmp_path / "settings.ini"), "zh")
    qtbot.addWidget(window)
    assert window.session.load_database(multi_db) is None
    assert [window.briefing_box.itemText(i) for i in range(window.briefing_box.count())] == [
        "新城区 2031"
    ]
    assert window.briefing_box.isEnabled()
    window.briefing_menu.aboutToShow.emit()  # as opening File ▸ Briefing does
    assert [a.text() for a in window.session.briefing_actions.actions()] == [
        "新城区 2031", "新城区 2030", "江汉区 2024"
    ]
    assert window.briefing_box.count() == 3
    assert window.briefing_box.currentText() == "新城区 2031"
    window.session.set_briefing("jianghan-2024")
    assert window.briefing_box.currentText() == "江汉区 2024"
    window.session.close_store()


def test_tabs_hidden_during_a_switch_show_the_new_briefing(
    qtbot, multi_db: Path, tmp_path: Path
) -> None:
    window = make_window(qtbot, tmp_path, multi_db, "en")
    for key in ("facts", "targets", "charts", "overview"):  # every tab built, then hidden
        window.show_tab(key)
        settle()
    window.session.set_briefing("newtown-2030")  # only the Overview is on show
    for key in ("facts", "targets", "charts"):
        window.show_tab(key)
        settle()
    picker = {window.briefing_box.itemText(i) for i in range(window.briefing_box.count())}
    seen = "\n".join(t for t in visible_texts(window, frozenset({"briefing-box"}))
                     if t not in picker)
    assert "CNY 82 billion" in seen and "Newtown District: 2030" in seen
    assert "Newtown District: 2031" not in seen and "2031 test briefing" not in seen
    assert window.panel("charts").chart_list.count() == 4  # type: ignore[attr-defined]
    close_window(window)


def test_settings_are_written_a_moment_later(qtbot, tmp_path: Path) -> None:
    path = tmp_path / "settings.ini"
    settings = Settings.in_file(path)
    settings.set_briefing("newtown-2030")
    settings.set_briefing("newtown-2031")  # stepping through: one write, after the last
    assert settings.briefing() == "newtown-2031"
    assert not path.exists()  # not yet: each write of the file is flushed to disk
    qtbot.waitUntil(lambda: "newtown-2031" in path.read_text(encoding="utf-8")
                    if path.exists() else False, timeout=5000)
    assert Settings.in_file(path).briefing() == "newtown-2031"
    settings.set_briefing("jianghan-2024")
    settings.sync()  # as closing the window does
    assert Settings.in_file(path).briefing() == "jianghan-2024"


# A briefing shaped like newtown-2030 (a summary, headline figures, two tiers), with other
# texts, one more tile, a qualifier on its first figure and the tiers' entities moved.
OLDTOWN = (
    ('"newtown-2030"', '"oldtown-2030"'),
    ('district_id = "newtown"', 'district_id = "oldtown"'),
    ("newtown-2030.txt", "oldtown-2030.txt"),
    ('district_en = "Newtown District"', 'district_en = "Oldtown District"'),
    ('value = 820\nunit = "亿元"\n', 'value = 820\nunit = "亿元"\nqualifier = "超"\n'),
    ("Newtown's made-up output", "Oldtown's made-up output"),
    ('paragraph = 3\n\n[[facts]]\nid = "new-parks"',
     'paragraph = 3\nheadline = 3\n\n[[facts]]\nid = "new-parks"'),
    ('entities = ["smart-manufacturing"]\n',
     'fact = "industry-layout"\nentities = ["smart-manufacturing", "logistics"]\n'),
    ('fact = "industry-layout"\nentities = ["logistics", "digital-services"]',
     'entities = ["digital-services"]'),
)


def overview_seen(overview: OverviewPanel) -> dict[str, object]:
    """What the Overview shows: the district line, each tile (label, figure parts, tooltip's
    first two lines), each tier (count, tooltip's first line, boxes)."""
    parts = ("qualifier", "figure", "unit")
    district = overview.content.findChild(QLabel, "district")
    grid = overview.content.findChild(QFrame, "system-diagram").layout()
    tiers = []
    for row in range(grid.rowCount()):
        caption = grid.itemAtPosition(row, 0).widget().findChildren(QLabel)
        boxes = grid.itemAtPosition(row, 1).widget().findChildren(QLabel, "tier-box")
        tip = caption[1].toolTip().removeprefix("<qt>").split("<br>")[0]
        tiers.append((caption[0].text(), tip, [b.text() for b in boxes]))
    return {
        "district": district.text(),
        "tiles": [(tile.accessibleName(),
                   [(w.objectName(), w.text()) for w in tile.findChildren(QLabel)
                    if w.objectName() in parts and w.text()],
                   tile.toolTip().split("<br>")[1])
                  for tile in overview.tiles],
        "tiers": tiers,
    }


NEWTOWN_SEEN = {
    "district": "Newtown District · River City · 2030",
    "tiles": [("GDP", [("figure", "CNY 82 billion")],
               "Newtown&#x27;s made-up output for the past year."),
              ("GDP growth", [("figure", "6.1%")], "The made-up growth rate of the past year.")],
    "tiers": [("1", "", ["Smart manufacturing"]),
              ("2", "&quot;One core, two wings&quot; industries",
               ["Modern logistics", "Digital services"])],
}
OLDTOWN_SEEN = {
    "district": "Oldtown District · River City · 2030",
    "tiles": [("GDP", [("qualifier", "more than"), ("figure", "CNY 82 billion")],
               "Oldtown&#x27;s made-up output for the past year."),
              ("GDP growth", [("figure", "6.1%")], "The made-up growth rate of the past year."),
              ("Schools", [("figure", "12"), ("unit", "schools")], "A made-up count of schools.")],
    "tiers": [("2", "&quot;One core, two wings&quot; industries",
               ["Smart manufacturing", "Modern logistics"]),
              ("1", "", ["Digital services"])],
}


def test_switching_between_briefings_shaped_alike_shows_each_exactly(
    qtbot, tmp_path: Path
) -> None:
    """The Overview keeps its widgets between briefings with the same blocks and puts the
    other briefing's texts in: A, B, A again each show their own, nothing of the other."""
    folder = tmp_path / "alike"
    folder.mkdir()
    text = (FIXTURES / "briefings" / "newtown-2030.toml").read_text(encoding="utf-8")
    (folder / "newtown-2030.toml").write_text(text, encoding="utf-8")
    for old, new in OLDTOWN:
        assert old in text, old
        text = text.replace(old, new, 1 if old != '"newtown-2030"' else -1)
    (folder / "oldtown-2030.toml").write_text(text, encoding="utf-8")
    db = tmp_path / "alike.db"
    assert build_database(folder, db) == 16
    window = make_window(qtbot, tmp_path, db, "en")
    overview = window.panels["overview"]
    assert isinstance(overview, OverviewPanel)
    assert overview_seen(overview) == OLDTOWN_SEEN  # the default: same year, greater id
    kept = overview.tiles[1]  # GDP growth: the same parts in both
    window.session.set_briefing("newtown-2030")
    settle()
    assert overview_seen(overview) == NEWTOWN_SEEN
    assert overview.tiles[1] is kept  # filled in, not built anew
    window.session.set_briefing("oldtown-2030")
    settle()
    assert overview_seen(overview) == OLDTOWN_SEEN
    window.session.set_briefing("newtown-2030")
    settle()
    assert overview_seen(overview) == NEWTOWN_SEEN
    close_window(window)


def test_the_detail_pane_lists_the_indicator_in_other_years(
    qtbot, multi_db: Path, tmp_path: Path
) -> None:
    window = make_window(qtbot, tmp_path, multi_db, "en")
    window.session.set_briefing("newtown-2031")
    facts = window.show_tab("facts")
    settle()
    facts.table.selectRow(0)  # type: ignore[attr-defined]
    settle()
    pane = facts.detail  # type: ignore[attr-defined]
    assert pane.fields["other-years"].text() == (
        "2029 · Result: 6.1%\n2030 · Target: 6.5%\n2031 · Target: 7%"
    )
    close_window(window)


# --- a strict authoring format ------------------------------------------------------------


def broken(tmp_path: Path, old: str, new: str, count: int = 1) -> Path:
    """A copy of the 2030 fixture with `old` replaced by `new`."""
    text = (FIXTURES / "briefings" / "newtown-2030.toml").read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "newtown-2030.toml"
    path.write_text(text.replace(old, new, count), encoding="utf-8")
    return path


def problems_of(*paths: Path) -> list[str]:
    with pytest.raises(BriefingFormatError) as caught:
        load_briefings(list(paths))
    return caught.value.problems


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("headline = 1", "headlnie = 1",
     "newtown-2030.toml:99: facts[0].headlnie: unknown key; did you mean headline?"),
    ("year = 2030\nsource_zh", 'year = "2030"\nsource_zh',
     "newtown-2030.toml:15: briefing.year: Input should be a valid integer"),
    ('label_en = "Schools"\n', "",
     "newtown-2030.toml:118: facts[2].label_en: required key is missing"),
    ('id = "new-parks"', 'id = "schools"',
     "newtown-2030.toml:136: facts[3].id: duplicate id 'schools'"),
    ('entities = ["logistics", "digital-services"]', 'entities = ["logistics", "ports"]',
     "newtown-2030.toml:229: structure.tiers[1].entities: 'ports' is not defined in this file"),
    ('facts = ["schools"]', 'facts = ["school"]',
     "newtown-2030.toml:243: charts[1].facts: 'school' is not defined in this file"),
    ('value = 35', "value = nan",
     "newtown-2030.toml:142: facts[3].value: Input should be a finite number"),
    ('type = "series"', 'type = "pie"',
     "newtown-2030.toml:255: charts[3].type: Input should be 'bars', 'targets', "
     "'result-vs-target', 'parts', 'shares' or 'series'"),
])
def test_each_mistake_is_one_line_with_file_line_and_key_path(
    tmp_path: Path, old: str, new: str, expected: str
) -> None:
    assert problems_of(broken(tmp_path, old, new)) == [expected]


def test_two_files_with_one_briefing_id(tmp_path: Path) -> None:
    first = FIXTURES / "briefings" / "newtown-2030.toml"
    second = tmp_path / "copy.toml"
    shutil.copy(first, second)
    assert problems_of(first, second) == [
        "copy.toml: briefing.id: 'newtown-2030' is already the id of newtown-2030.toml"
    ]


def test_build_db_prints_every_problem_on_its_own_line(tmp_path: Path) -> None:
    broken(tmp_path, "headline = 1", "headlnie = 1")
    code, out, err = run("build-db", "--source-dir", str(tmp_path), "--out",
                         str(tmp_path / "x.db"))
    assert code == 1 and out == ""
    assert err == "newtown-2030.toml:99: facts[0].headlnie: unknown key; did you mean headline?\n"
    assert not (tmp_path / "x.db").exists()


def test_check_sources_uses_each_briefings_own_source_file(
    multi_db: Path, texts: Path, tmp_path: Path
) -> None:
    assert run("check", "--db", str(multi_db), "--sources", str(texts)) == (0, "ok\n", "")
    partial = tmp_path / "partial"
    partial.mkdir()
    shutil.copy(texts / "newtown-2030.txt", partial)
    code, out, _err = run("check", "--db", str(multi_db), "--sources", str(partial))
    assert code == 1
    assert out.splitlines() == [
        f"briefing jianghan-2024: its source file jianghan-2024.txt is not in {partial}",
        f"briefing newtown-2031: its source file newtown-2031.txt is not in {partial}",
    ]


# --- no briefing in code -------------------------------------------------------------------


def test_no_district_article_or_fact_id_lives_in_the_code(sources: Path) -> None:
    words = {"jianghan", "江汉", "数说", "235", "wuhan", "武汉", "newtown", "新城"}
    for path in sources.glob("*.toml"):
        document = tomllib.loads(path.read_text(encoding="utf-8"))
        words |= {fact["id"] for fact in document["facts"] if len(fact["id"]) >= 8}
    found = []
    for path in sorted((REPO_ROOT / "jhviewer").rglob("*.py")):
        lowered = path.read_text(encoding="utf-8").lower()
        found += [f"{path.name}: {word}" for word in sorted(words) if word.lower() in lowered]
    assert found == []


# --- the guide's own example ---------------------------------------------------------------


def test_the_minimal_example_in_format_md_builds_checks_and_renders(tmp_path: Path) -> None:
    guide = (BRIEFINGS_DIR / "FORMAT.md").read_text(encoding="utf-8")
    example = guide[guide.index("## A minimal complete example"):]
    source = re.search(r"```text\n(.*?)```", example, re.S)
    briefing = re.search(r"```toml\n(.*?)```", example, re.S)
    assert source and briefing
    folder = tmp_path / "example"
    folder.mkdir()
    (folder / "example-2030.txt").write_text(source.group(1), encoding="utf-8")
    (folder / "example-2030.toml").write_text(briefing.group(1), encoding="utf-8")
    db = tmp_path / "example.db"
    assert run("build-db", "--source-dir", str(folder), "--out", str(db))[0] == 0
    assert run("check", "--db", str(db), "--sources", str(folder)) == (0, "ok\n", "")
    code, out, err = run("snapshot", str(tmp_path / "shots"), "--db", str(db), "--size",
                         "900x700")
    assert code == 0, err
    assert len(out.splitlines()) == 4
    code, _out, err = run("pdf", str(tmp_path / "example.pdf"), "--db", str(db), "--lang", "en")
    assert code == 0, err
    text = squeeze(pdf_text(tmp_path / "example.pdf"))
    assert squeeze("Growth: last year's result and this year's goal") in text
    assert squeeze("Newtown in numbers") in text


def test_an_unknown_briefing_in_the_window_is_said_and_not_remembered(
    qtbot, multi_db: Path, tmp_path: Path
) -> None:
    window = make_window(qtbot, tmp_path, multi_db, "en")
    window.session.set_briefing("jianghan-2024")
    window.session.set_briefing("nope")
    assert window.statusBar().currentMessage() == (
        "There is no briefing 'nope' in multi.db (briefings: jianghan-2024, newtown-2030, "
        "newtown-2031)."
    )
    assert window.store.briefing().id == "jianghan-2024"  # type: ignore[union-attr]
    assert window.settings.briefing() == "jianghan-2024"
    close_window(window)


def test_the_other_years_in_chinese_take_the_full_width_colon(
    qtbot, multi_db: Path, tmp_path: Path
) -> None:
    window = make_window(qtbot, tmp_path, multi_db, "zh")
    window.session.set_briefing("jianghan-2024")
    facts = window.show_tab("facts")
    settle()
    store = window.store
    assert store is not None
    fact = next(f for f in store.indicator_series("wuhan-jianghan", "gdp-growth")
                if f.year == 2023)
    pane = facts.detail  # type: ignore[attr-defined]
    pane.show_fact(store, fact, "zh", "")
    assert pane.fields["other-years"].text() == "2024 · 目标：7.3%"
    close_window(window)


def test_the_charts_tab_keeps_a_chart_by_id_else_shows_the_first(
    qtbot, multi_db: Path, tmp_path: Path
) -> None:
    from jhviewer.ui.charts_panel import ChartsPanel

    window = make_window(qtbot, tmp_path, multi_db, "en")
    window.session.set_briefing("jianghan-2024")
    charts = window.show_tab("charts")
    assert isinstance(charts, ChartsPanel)
    charts.show_chart("targets-projects")  # the fourth chart
    window.session.set_briefing("newtown-2030")  # declares no chart of that id
    settle()
    assert (charts.chart_list.currentRow(), charts.current_chart_id()) == (0, "growth-goals")
    window.session.set_briefing("jianghan-2024")
    settle()
    assert charts.current_chart_id() == "targets-growth"
    charts.show_chart("energy-savings")
    close_window(window)
    # The next window opens the Charts tab on the chart shown last.
    again = make_window(qtbot, tmp_path, multi_db, "en")
    again.session.set_briefing("jianghan-2024")
    charts = again.show_tab("charts")
    assert isinstance(charts, ChartsPanel)
    assert charts.current_chart_id() == "energy-savings"
    close_window(again)
