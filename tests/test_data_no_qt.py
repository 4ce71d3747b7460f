"""The data layer and the headless CLI commands never import Qt (napari's rule)."""

from __future__ import annotations

import subprocess
import sys

PROBE = """
import sys
import jhviewer.data, jhviewer.data.store, jhviewer.data.build, jhviewer.data.validate
import jhviewer.data.export, jhviewer.data.format, jhviewer.data.search, jhviewer.cli
import jhviewer.data.progress.files, jhviewer.data.progress.db, jhviewer.progress_commands
loaded = sorted(m for m in sys.modules if m.split('.')[0] in {'PySide6', 'shiboken6', 'pyqtgraph'})
print(','.join(loaded))
"""


def test_importing_the_data_layer_imports_no_qt() -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""
