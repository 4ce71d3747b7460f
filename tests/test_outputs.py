"""Every file jhviewer writes: complete or not at all, with normal permissions, never onto a
device, a read-only file or the open database, and with a message that says why.

A full disk is a real 300 KB tmpfs where the test may mount one (root); elsewhere the same
test injects ENOSPC at the write call and says so in its name (`injected`), never a skip.
"""

from __future__ import annotations

import errno
import os
import platform
import shutil
import stat
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from jhviewer.data import atomic
from jhviewer.data.atomic import WriteError, shown_path, write_bytes
from jhviewer.data.store import Store
from tests.test_outputs_content import chart_of


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    env.update(extra)
    return env


def _jhviewer(*args: str, env: dict[str, str] | None = None,
              cwd: Path | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "jhviewer", *args], capture_output=True, timeout=180,
        env=env or _env(), cwd=cwd,
    )


def _leftovers(folder: Path) -> list[str]:
    return sorted(name for name in os.listdir(folder) if name.startswith(atomic.TEMP_PREFIX))


@contextmanager
def small_disk(tmp_path: Path, size: str = "300k") -> Iterator[Path | None]:
    """A real tmpfs of `size`, or None where mounting is not permitted."""
    folder = tmp_path / "small-disk"
    folder.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
        capture_output=True,
    ).returncode == 0 if shutil.which("mount") else False
    try:
        yield folder if mounted else None
    finally:
        if mounted:
            subprocess.run(["umount", str(folder)], check=True)


def _inject_enospc(monkeypatch: pytest.MonkeyPatch, after: int = 0) -> None:
    """os.write in the writer fails with ENOSPC once `after` bytes are written."""
    real_write = os.write
    written = [0]

    def write(fd: int, data: bytes) -> int:
        if written[0] + len(data) > after:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        written[0] += len(data)
        return real_write(fd, data)

    monkeypatch.setattr("jhviewer.data.atomic.os.write", write)


# --- full disk -------------------------------------------------------------------------------


@pytest.mark.slow  # fills a small filesystem; the atomic writer's unit tests stay fast
def test_full_disk_keeps_the_old_pdf_and_says_the_disk_is_full(built_db: Path,
                                                                tmp_path: Path) -> None:
    """The issue's recipe: a 300 KB disk, the summary fits, the full briefing does not."""
    with small_disk(tmp_path) as disk:
        if disk is None:
            pytest.fail("mount is not permitted here; "
                        "test_full_disk_injected covers the same path with an injected ENOSPC")
        out = disk / "brief.pdf"
        first = _jhviewer("pdf", str(out), "--summary-only", "--db", str(built_db))
        assert first.returncode == 0, first.stderr
        old = out.read_bytes()
        assert old.startswith(b"%PDF-") and old.rstrip().endswith(b"%%EOF")
        second = _jhviewer("pdf", str(out), "--db", str(built_db), env=_env(LANG="C.UTF-8"))
        assert second.returncode == 1
        assert second.stdout == b""
        assert second.stderr.decode() == (
            f"jhviewer: Could not write {out}: the disk is full. "
            "The old file, if any, is unchanged.\n"
        )
        assert out.read_bytes() == old
        assert os.listdir(disk) == ["brief.pdf"]
        chinese = _jhviewer("pdf", str(out), "--db", str(built_db),
                            env=_env(LANG="zh_CN.UTF-8", LC_ALL=""))
        assert chinese.returncode == 1
        assert "磁盘已满" in chinese.stderr.decode()
        assert out.read_bytes() == old
        assert os.listdir(disk) == ["brief.pdf"]


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_full_disk_on_export_is_refused_whole(built_db: Path, tmp_path: Path, fmt: str) -> None:
    with small_disk(tmp_path, "16k") as disk:
        if disk is None:
            pytest.fail("mount is not permitted here; see test_full_disk_injected")
        filler = disk / "filler"
        filler.write_bytes(b"x" * 12_000)  # leaves less than one export
        out = disk / f"facts.{fmt}"
        result = _jhviewer("export", fmt, str(out), "--db", str(built_db))
        assert result.returncode == 1
        assert b"the disk is full" in result.stderr
        assert sorted(os.listdir(disk)) == ["filler"]


def test_full_disk_injected(built_db: Path, tmp_path: Path,
                            monkeypatch: pytest.MonkeyPatch) -> None:
    """Where no tmpfs can be mounted: ENOSPC half way through the write, same outcome."""
    out = tmp_path / "brief.pdf"
    out.write_bytes(b"%PDF- the old printout %%EOF")
    _inject_enospc(monkeypatch, after=4096)
    with Store.open(built_db) as store:
        from jhviewer.report import BriefingPrinter
        from jhviewer.ui.charts import FIGURE_PAINTER

        with pytest.raises(WriteError) as caught:
            BriefingPrinter(store, "zh", figures=FIGURE_PAINTER).to_pdf(out)
    assert caught.value.reason == "disk-full"
    assert caught.value.message("zh") == f"无法写入 {out}：磁盘已满。原有文件（如有）未被改动。"
    assert out.read_bytes() == b"%PDF- the old printout %%EOF"
    assert _leftovers(tmp_path) == []


def test_full_disk_chart_svg_and_png(qapp, store: Store, tmp_path: Path) -> None:
    from jhviewer.ui import charts

    data = chart_of(store, "result-vs-target", "zh")
    with small_disk(tmp_path, "40k") as disk:
        if disk is None:
            pytest.fail("mount is not permitted here; see test_full_disk_injected")
        for fmt in ("svg", "png"):
            out = disk / f"chart.{fmt}"
            out.write_bytes(b"old")
            with pytest.raises(WriteError) as caught:
                charts.export_chart(data, out)
            assert caught.value.reason == "disk-full"
            assert out.read_bytes() == b"old"
            assert _leftovers(disk) == []


def test_read_only_disk_says_so(built_db: Path, tmp_path: Path) -> None:
    folder = tmp_path / "ro-disk"
    folder.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "ro,size=64k", "tmpfs", str(folder)],
                      capture_output=True).returncode != 0:
        pytest.fail("mount is not permitted here (EROFS is also covered by the errno table)")
    try:
        result = _jhviewer("export", "csv", str(folder / "facts.csv"), "--db", str(built_db))
        assert result.returncode == 1
        assert result.stderr.decode().startswith(
            f"jhviewer: Could not write {folder / 'facts.csv'}: the disk or folder is read-only."
        )
    finally:
        subprocess.run(["umount", str(folder)], check=True)


@pytest.mark.parametrize(("code", "words"), [
    (errno.ENOSPC, "the disk is full"),
    (errno.EACCES, "permission denied"),
    (errno.EROFS, "the disk or folder is read-only"),
])
def test_each_failure_keeps_the_old_file_and_leaves_no_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int, words: str
) -> None:
    out = tmp_path / "facts.json"
    out.write_text("old")

    def fail(fd: int, data: bytes) -> int:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr("jhviewer.data.atomic.os.write", fail)
    with pytest.raises(WriteError) as caught:
        write_bytes(out, b"new")
    assert words in str(caught.value)
    assert out.read_text() == "old"
    assert os.listdir(tmp_path) == ["facts.json"]


def test_an_incomplete_output_is_never_written(tmp_path: Path) -> None:
    from jhviewer.report.printer import pdf_complete

    out = tmp_path / "brief.pdf"
    out.write_bytes(b"old")
    with pytest.raises(WriteError) as caught:
        write_bytes(out, b"%PDF-1.4 cut short", verify=pdf_complete)
    assert str(caught.value) == (
        f"Could not write {out}: the output was incomplete, so nothing was written."
    )
    assert out.read_bytes() == b"old"
    assert os.listdir(tmp_path) == ["brief.pdf"]


# --- permissions and owners ---------------------------------------------------------------


def _all_writers(built_db: Path, folder: Path) -> dict[str, Path]:
    """Run every writer into `folder` (CLI commands in a subprocess, chart exports here)."""
    outs = {
        "csv": folder / "facts.csv",
        "json": folder / "facts.json",
        "pdf": folder / "brief.pdf",
        "db": folder / "built.db",
    }
    for args in (
        ("export", "csv", str(outs["csv"]), "--db", str(built_db)),
        ("export", "json", str(outs["json"]), "--db", str(built_db)),
        ("pdf", str(outs["pdf"]), "--summary-only", "--db", str(built_db)),
        ("build-db", "--out", str(outs["db"])),
    ):
        result = _jhviewer(*args)
        assert result.returncode == 0, result.stderr
    return outs


@pytest.mark.parametrize("umask", [0o022, 0o002])
def test_new_files_get_the_umask_mode(qapp, built_db: Path, store: Store, tmp_path: Path,
                                      umask: int) -> None:
    from jhviewer.ui import charts

    old = os.umask(umask)
    try:
        outs = _all_writers(built_db, tmp_path)
        data = chart_of(store, "targets-growth", "en")
        for fmt in charts.EXPORT_FORMATS:
            outs[f"chart-{fmt}"] = charts.export_chart(data, tmp_path / f"chart.{fmt}")
    finally:
        os.umask(old)
    modes = {name: stat.S_IMODE(path.stat().st_mode) for name, path in outs.items()}
    assert modes == dict.fromkeys(outs, 0o666 & ~umask)


def test_an_existing_file_keeps_its_mode_and_owner(built_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "facts.csv"
    out.write_text("old")
    os.chmod(out, 0o640)
    owner = (1234, 5678) if os.geteuid() == 0 else (os.getuid(), os.getgid())
    if os.geteuid() == 0:
        os.chown(out, *owner)
    result = _jhviewer("export", "csv", str(out), "--db", str(built_db))
    assert result.returncode == 0, result.stderr
    info = out.stat()
    assert (stat.S_IMODE(info.st_mode), info.st_uid, info.st_gid) == (0o640, *owner)
    assert out.read_bytes().startswith(b"\xef\xbb\xbfid,briefing")


def test_a_read_only_file_is_refused_unless_forced(built_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "facts.json"
    out.write_text("keep me")
    os.chmod(out, 0o444)
    refused = _jhviewer("export", "json", str(out), "--db", str(built_db))
    assert refused.returncode == 1
    assert refused.stderr.decode() == (
        f"jhviewer: Will not write over {out}: the file is read-only. Choose another name, "
        "or make it writable first.\n"
    )
    assert out.read_text() == "keep me"
    forced = _jhviewer("export", "json", str(out), "--db", str(built_db), "--force")
    assert forced.returncode == 0, forced.stderr
    assert out.read_text().startswith("[")
    assert stat.S_IMODE(out.stat().st_mode) == 0o444
    assert _leftovers(tmp_path) == []


# --- special files, links, the open database ------------------------------------------------


def _device(tmp_path: Path, name: str) -> str:
    """A device to write to. As root, a private node (mknod) in `tmp_path`, so that a
    regression replaces that node and never the machine's /dev/null; otherwise /dev/NAME,
    which a user without root cannot replace anyway. 'stdout' is a link to fd 1."""
    if os.geteuid() != 0:
        return f"/dev/{name}"
    path = tmp_path / name
    if name == "stdout":
        path.symlink_to("/proc/self/fd/1")
    else:
        os.mknod(path, 0o666 | stat.S_IFCHR, os.makedev(1, {"null": 3, "full": 7}[name]))
    return str(path)


@pytest.mark.parametrize(("command", "device"), [
    (("export", "csv", "{out}"), "null"),
    (("export", "json", "{out}"), "stdout"),
    (("pdf", "{out}", "--summary-only"), "full"),
    (("build-db", "--out", "{out}"), "null"),
])
def test_devices_are_refused_and_stay_devices(built_db: Path, tmp_path: Path,
                                              command: tuple[str, ...], device: str) -> None:
    target = _device(tmp_path, device)
    before = os.stat(target).st_mode
    extra = () if command[0] == "build-db" else ("--db", str(built_db))
    result = _jhviewer(*(part.format(out=target) for part in command), *extra)
    assert result.returncode == 1
    assert f"Will not write to {target}: it is not a regular file" in result.stderr.decode()
    assert os.stat(target).st_mode == before
    assert result.stdout == b""  # nothing written to the subprocess's stdout either
    if device != "stdout":  # (this process's stdout may be a file under pytest)
        assert stat.S_ISCHR(os.stat(target).st_mode)
    else:
        assert os.path.islink(target) or target == "/dev/stdout"


def test_a_fifo_is_refused_without_blocking(built_db: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    result = _jhviewer("export", "csv", str(fifo), "--db", str(built_db))
    assert result.returncode == 1
    assert "is not a regular file" in result.stderr.decode()
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert _leftovers(tmp_path) == []


def test_a_symlink_is_written_through_and_stays_a_link(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    real = shared / "data.db"
    real.write_bytes(b"old")
    link = tmp_path / "data.db"
    link.symlink_to(real)
    result = _jhviewer("build-db", "--out", str(link))
    assert result.returncode == 0, result.stderr
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_bytes().startswith(b"SQLite format 3\x00")
    assert _leftovers(shared) == [] and _leftovers(tmp_path) == []


def test_no_writer_replaces_the_open_database(qapp, db_copy: Path, tmp_path: Path) -> None:
    """Every writer in one process while the store is open: CLI-style, PDF, charts."""
    from jhviewer.data.export import export_facts
    from jhviewer.report import BriefingPrinter
    from jhviewer.ui import charts

    link = tmp_path / "hard.db"
    link.hardlink_to(db_copy)
    before = db_copy.read_bytes()
    with Store.open(db_copy) as store:
        data = chart_of(store, "targets-growth", "zh")
        for target in (db_copy, link):
            attempts = [
                lambda t=target: export_facts(store, "csv", t),
                lambda t=target: BriefingPrinter(store, "zh").to_pdf(t, summary_only=True),
                lambda t=target: charts.export_chart(data, t, "svg"),
                lambda t=target: charts.export_chart(data, t, "csv"),
            ]
            for attempt in attempts:
                with pytest.raises(WriteError) as caught:
                    attempt()
                assert caught.value.reason == "open-database"
    assert db_copy.read_bytes() == before
    # closed: the database is an ordinary file again
    export_target = tmp_path / "after.csv"
    with Store.open(db_copy) as store:
        export_facts(store, "csv", export_target)
    assert export_target.exists()


def test_the_window_export_pdf_refuses_the_open_database(qtbot, db_copy: Path,
                                                          monkeypatch: pytest.MonkeyPatch,
                                                          tmp_path: Path) -> None:
    from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox

    from jhviewer.ui.main_window import MainWindow
    from jhviewer.ui.pdf_dialog import PdfOptionsDialog
    from jhviewer.ui.settings import Settings

    window = MainWindow(Settings.in_file(tmp_path / "s.ini"), "zh")
    qtbot.addWidget(window)
    assert window.session.load_database(db_copy) is None
    target = db_copy.with_suffix(".pdf")
    os.link(db_copy, target)  # the database under a PDF name (a hard link)
    before = db_copy.read_bytes()
    shown: list[str] = []
    monkeypatch.setattr(PdfOptionsDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(target), "")))
    monkeypatch.setattr(QMessageBox, "exec", lambda self: shown.append(self.text()) or 0)
    window.printing.export_pdf()
    assert shown == [f"不会覆盖 {target}：这是正在读取的数据库。请另选文件名。"]
    assert db_copy.read_bytes() == before
    window.session.close_store()


def test_the_window_export_pdf_on_a_full_disk_says_so(qtbot, built_db: Path, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """Export PDF said 已保存 over a truncated file; now the old file stays and it says why."""
    from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox

    from jhviewer.ui.main_window import MainWindow
    from jhviewer.ui.pdf_dialog import PdfOptionsDialog
    from jhviewer.ui.settings import Settings

    window = MainWindow(Settings.in_file(tmp_path / "s.ini"), "zh")
    qtbot.addWidget(window)
    assert window.session.load_database(built_db) is None
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    out = out_dir / "brief.pdf"
    out.write_bytes(b"%PDF- old %%EOF")
    shown: list[str] = []
    messages: list[str] = []
    monkeypatch.setattr(PdfOptionsDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(out), "")))
    monkeypatch.setattr(QMessageBox, "exec", lambda self: shown.append(self.text()) or 0)
    monkeypatch.setattr(window, "show_message", messages.append)
    _inject_enospc(monkeypatch, after=1000)
    window.printing.export_pdf()
    assert shown == [f"无法写入 {out}：磁盘已满。原有文件（如有）未被改动。"]
    assert messages == []  # no 已保存
    assert out.read_bytes() == b"%PDF- old %%EOF"
    assert os.listdir(out_dir) == ["brief.pdf"]
    window.session.close_store()


def test_the_charts_tab_export_refuses_the_open_database(qtbot, db_copy: Path,
                                                          monkeypatch: pytest.MonkeyPatch,
                                                          tmp_path: Path) -> None:
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    from jhviewer.ui.main_window import MainWindow
    from jhviewer.ui.settings import Settings

    window = MainWindow(Settings.in_file(tmp_path / "s.ini"), "en")
    qtbot.addWidget(window)
    assert window.session.load_database(db_copy) is None
    panel = window.show_tab("charts")
    target = db_copy.with_suffix(".svg")
    os.link(db_copy, target)  # the same file under an SVG name
    before = db_copy.read_bytes()
    shown: list[str] = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(target), "")))
    monkeypatch.setattr(QMessageBox, "exec", lambda self: shown.append(self.text()) or 0)
    panel.export_with_dialog("svg")
    assert shown == [
        f"Will not write over {target}: it is the database being read. Choose another file name."
    ]
    assert db_copy.read_bytes() == before
    window.session.close_store()


# --- names ----------------------------------------------------------------------------------


def test_a_non_utf8_pdf_name_is_written(built_db: Path, tmp_path: Path) -> None:
    name = os.fsdecode(b"\xbd\xad\xba\xba.pdf")  # 江汉.pdf in GBK
    out = tmp_path / name
    result = _jhviewer("pdf", str(out), "--summary-only", "--db", str(built_db))
    assert result.returncode == 0, result.stderr
    assert os.listdir(os.fsencode(tmp_path)) == [b"\xbd\xad\xba\xba.pdf"]
    assert result.stdout == os.fsencode(f"wrote '{tmp_path}/\\xbd\\xad\\xba\\xba.pdf' (1 page)\n")
    assert (tmp_path / name).read_bytes().startswith(b"%PDF-")


def gb18030_locales(folder: Path, tmp_path: Path) -> Path | None:
    """`folder` as a LOCPATH holding zh_CN.GB18030, made there if it is not yet; None if
    localedef cannot make it. It is built in a temporary folder and moved in at once, so
    an interrupted build is never taken for a finished one."""
    if (folder / "zh_CN.GB18030" / "LC_CTYPE").exists():
        return folder
    if shutil.which("localedef") is None:
        return None
    building = tmp_path / "locale-build"
    subprocess.run(["localedef", "-i", "zh_CN", "-f", "GB18030", str(building)],
                   capture_output=True)
    if not (building / "LC_CTYPE").exists():
        return None
    folder.mkdir(parents=True, exist_ok=True)
    try:
        building.rename(folder / "zh_CN.GB18030")
    except OSError:  # another process moved its own in first
        shutil.rmtree(building, ignore_errors=True)
    return folder if (folder / "zh_CN.GB18030" / "LC_CTYPE").exists() else None


def test_a_chinese_name_under_a_gb18030_locale(
    built_db: Path, tmp_path: Path, pytestconfig: pytest.Config
) -> None:
    # Compiling the locale takes some 10 s: pytest's cache keeps it (per C library version).
    cache = pytestconfig.cache
    libc = "-".join(platform.libc_ver())
    folder = cache.mkdir(f"locale-{libc}") if cache is not None else tmp_path / "locales"
    locales = gb18030_locales(folder, tmp_path)
    if locales is None:
        pytest.skip("cannot build a zh_CN.GB18030 locale here (localedef or its "
                    "zh_CN/GB18030 sources are missing)")
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    env = _env(LOCPATH=str(locales), LC_ALL="zh_CN.GB18030", PYTHONUTF8="0",
               PYTHONCOERCECLOCALE="0")
    check = subprocess.run([sys.executable, "-c", "import sys; print(sys.getfilesystemencoding())"],
                           capture_output=True, text=True, env=env)
    assert check.stdout.strip() == "gb18030"
    out = os.fsencode(out_dir) + b"/" + "江汉简报.pdf".encode("gb18030")
    result = subprocess.run(
        [sys.executable, "-m", "jhviewer", "pdf", out, "--summary-only", "--db", str(built_db)],
        capture_output=True, timeout=180, env=env,
    )
    assert result.returncode == 0, result.stderr.decode("gb18030")
    assert os.listdir(os.fsencode(out_dir)) == ["江汉简报.pdf".encode("gb18030")]
    # A Chinese locale: the line is Chinese, in the terminal's own encoding.
    assert result.stdout.decode("gb18030") == f"已写入 {out_dir}/江汉简报.pdf（1页）\n"


def test_a_244_byte_name_can_be_written(built_db: Path, tmp_path: Path) -> None:
    out = tmp_path / ("a" * 240 + ".pdf")
    assert len(out.name.encode()) == 244
    result = _jhviewer("pdf", str(out), "--summary-only", "--db", str(built_db))
    assert result.returncode == 0, result.stderr
    assert os.listdir(tmp_path) == [out.name]


def test_a_newline_in_the_name_does_not_split_the_wrote_line(built_db: Path,
                                                               tmp_path: Path) -> None:
    out = tmp_path / "two\nlines.csv"
    result = _jhviewer("export", "csv", str(out), "--db", str(built_db))
    assert result.returncode == 0, result.stderr
    with Store.open(built_db) as store:
        count = store.count_facts()
    assert result.stdout.decode() == f"wrote '{tmp_path}/two\\nlines.csv' ({count} facts)\n"
    assert out.exists()


@pytest.mark.parametrize(("args", "message"), [
    (("export", "csv", "{tmp}/missing/facts.csv"),
     "jhviewer: Could not write {tmp}/missing/facts.csv: the folder does not exist.\n"),
    (("export", "csv", "{tmp}/" + "b" * 300 + ".csv"),
     "jhviewer: Could not write {tmp}/" + "b" * 300 + ".csv: the file name is too long.\n"),
    (("pdf", "{tmp}", "--summary-only"),
     "jhviewer: Cannot write {tmp}: it is a folder. Choose a file name.\n"),
])
def test_path_errors_say_why(built_db: Path, tmp_path: Path, args: tuple[str, ...],
                             message: str) -> None:
    result = _jhviewer(*(a.format(tmp=tmp_path) for a in args), "--db", str(built_db))
    assert result.returncode == 1
    assert result.stderr.decode() == message.format(tmp=tmp_path)


def test_shown_path_quotes_what_would_break_a_line() -> None:
    assert shown_path("brief.pdf") == "brief.pdf"
    assert shown_path("江汉.pdf") == "江汉.pdf"
    assert shown_path("a\nb.pdf") == "'a\\nb.pdf'"
    assert shown_path(os.fsdecode(b"\xbd\xad.pdf")) == "'\\xbd\\xad.pdf'"
