"""Two languages through Qt's translation system: the catalogue is complete and current, the
placeholders survive translation, and switching installs or removes the translators."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ElementTree

import pytest
from PySide6.QtCore import QCoreApplication

from jhviewer.paths import REPO_ROOT
from jhviewer.ui.app import create_application
from jhviewer.ui.i18n import (
    CATALOGUE,
    TRANSLATIONS_DIR,
    Translators,
    entity_type_name,
    translate,
    translate_for,
)

TS_FILE = TRANSLATIONS_DIR / f"{CATALOGUE}.ts"
QM_FILE = TS_FILE.with_suffix(".qm")
PLACEHOLDER = re.compile(r"\{\w+\}")
CJK = re.compile(r"[\u3400-\u9fff]")


def messages() -> list[tuple[str, str, ElementTree.Element]]:
    root = ElementTree.parse(TS_FILE).getroot()
    found = []
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            found.append((name, message.findtext("source") or "", message))
    return found


def test_catalogue_and_compiled_file_exist() -> None:
    assert TS_FILE.is_file()
    assert QM_FILE.is_file() and QM_FILE.stat().st_size > 1000


def test_every_message_is_translated() -> None:
    found = messages()
    assert len(found) > 100
    for context, source, message in found:
        translation = message.find("translation")
        assert translation is not None
        assert translation.get("type") not in ("unfinished", "obsolete", "vanished"), source
        assert translation.text, f"{context}: {source!r} has no translation"


def test_placeholders_and_accelerators_survive_translation() -> None:
    for context, source, message in messages():
        translated = message.findtext("translation") or ""
        assert sorted(PLACEHOLDER.findall(source)) == sorted(PLACEHOLDER.findall(translated)), (
            context, source,
        )
        if "&" in source.replace("&&", "") and context in ("Actions", "MainWindow"):
            assert "&" in translated, (context, source)


@pytest.mark.skipif(
    shutil.which("pyside6-lupdate", path=str(REPO_ROOT / ".venv" / "bin")) is None
    and shutil.which("pyside6-lupdate") is None,
    reason="pyside6-lupdate is not installed",
)
def test_catalogue_is_up_to_date_with_the_code() -> None:
    """Every string marked in the code is in the .ts, and the .qm matches the .ts."""
    result = subprocess.run(
        [sys.executable, "scripts/update_translations.py", "--check"],
        cwd=REPO_ROOT, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_switching_installs_and_removes_the_translators(qapp) -> None:
    create_application()
    translators = Translators()
    try:
        translators.set_language("zh")
        assert translate("MainWindow", "Overview") == "概览"
        assert QCoreApplication.translate("MainWindow", "District Facts") == "区情"
        translators.set_language("en")
        assert translate("MainWindow", "Overview") == "Overview"
    finally:
        translators.set_language("en")


def test_translate_for_ignores_the_ui_language(qapp) -> None:
    translators = Translators()
    try:
        translators.set_language("en")
        assert translate_for("zh", "Charts", "No briefing is open.") == "尚未打开简报。"
        translators.set_language("zh")
        assert translate_for("en", "Charts", "No briefing is open.") == "No briefing is open."
    finally:
        translators.set_language("en")


def test_value_words_in_both_languages(qapp) -> None:
    translators = Translators()
    try:
        translators.set_language("zh")
        assert CJK.search(entity_type_name("company"))
        translators.set_language("en")
        assert entity_type_name("industry") == "Industry"
        assert entity_type_name("unknown-type") == "unknown-type"
    finally:
        translators.set_language("en")
