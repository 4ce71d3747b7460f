"""No network, in any code path: a whole session with every way out to the network shut.

Python's own ways (socket connect/sendto, create_connection, name lookups) are replaced
by functions that record the attempt and fail, and an audit hook records any socket event
they might miss. Qt's networking lives in C++ where neither reaches, so the session also
checks that Qt's network module is never loaded and, on Linux, that the process holds no
TCP or UDP socket afterwards. The built-in briefing (a copy standing in for data.db) is
hashed before and after: the session leaves it byte for byte as it was.
"""

from __future__ import annotations

import os
import socket
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from jhviewer.data.store import Store
from tests.badcorpus.probe import changes, cli_in_process, read_everything, snapshot

_armed: list[list[str]] = []  # the attempts list of the guard that is on, if any


def _audit(event: str, args: tuple[Any, ...]) -> None:
    if _armed and event.startswith(("socket.", "http.client.", "urllib.", "ftplib.",
                                    "smtplib.", "webbrowser.")):
        _armed[-1].append(f"audit: {event} {args!r:.200}")


sys.addaudithook(_audit)  # hooks cannot be removed; it records only while a guard is on


class NoNetwork:
    """Every Python path to the network fails and is recorded while the guard is on."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.attempts: list[str] = []
        self._monkeypatch = monkeypatch

    def _refuse(self, name: str) -> Callable[..., Any]:
        def refuse(*args: Any, **kwargs: Any) -> Any:
            self.attempts.append(f"{name}{args[1:] if name.startswith('socket.') else args}")
            raise OSError(f"network access in a test: {name}")

        return refuse

    def __enter__(self) -> NoNetwork:
        patch = self._monkeypatch.setattr
        for method in ("connect", "connect_ex", "sendto", "sendmsg"):
            patch(socket.socket, method, self._refuse(f"socket.{method}"))
        for function in ("create_connection", "getaddrinfo", "gethostbyname",
                         "gethostbyname_ex", "gethostbyaddr"):
            patch(socket, function, self._refuse(function))
        _armed.append(self.attempts)
        return self

    def __exit__(self, *exc: object) -> None:
        _armed.remove(self.attempts)


def _inet_sockets() -> set[str]:
    """Inodes of the TCP and UDP sockets this process holds (Linux), or nothing."""
    try:
        held = {os.readlink(f"/proc/self/fd/{fd}") for fd in os.listdir("/proc/self/fd")}
    except OSError:
        return set()
    inodes = {link[8:-1] for link in held if link.startswith("socket:[")}
    inet = set()
    for table in ("tcp", "tcp6", "udp", "udp6"):
        try:
            lines = Path(f"/proc/self/net/{table}").read_text().splitlines()[1:]
        except OSError:
            continue
        inet |= {line.split()[9] for line in lines if len(line.split()) > 9}
    return inodes & inet



@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[NoNetwork]:
    with NoNetwork(monkeypatch) as guard:
        yield guard


def test_the_guard_catches_an_attempt(no_network: NoNetwork) -> None:
    with pytest.raises(OSError, match="network access in a test"):
        socket.create_connection(("example.com", 80), timeout=1)
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock, \
            pytest.raises(OSError, match="network access in a test"):
        sock.connect(("192.0.2.1", 80))
    assert len(no_network.attempts) >= 2
    assert any(attempt.startswith("audit: socket.") for attempt in no_network.attempts)
    no_network.attempts.clear()


def test_a_headless_session_uses_no_network(builtin_copy: Path, tmp_path: Path,
                                            no_network: NoNetwork) -> None:
    """Store, search and every headless command on the built-in briefing."""
    before = snapshot(builtin_copy.parent)
    sockets = _inet_sockets()
    with Store.open() as store:
        assert store.trusted
        read_everything(store)
    out = tmp_path / "out"
    for arguments in (["check"], ["search", "GDP"], ["search", "江汉", "--lang", "en"],
                      ["export", "csv", str(out / "facts.csv")],
                      ["export", "json", str(out / "facts.json")]):
        out.mkdir(exist_ok=True)
        code, stdout, stderr, escaped = cli_in_process(arguments)
        assert (code, escaped) == (0, ""), (arguments, stdout, stderr)
    assert no_network.attempts == []
    assert _inet_sockets() <= sockets
    assert changes(before, snapshot(builtin_copy.parent)) == []


@pytest.mark.slow
def test_a_gui_session_uses_no_network(builtin_copy: Path, tmp_path: Path, qtbot: Any,
                                       no_network: NoNetwork) -> None:
    """The window with every tab, search, every chart exported, a PDF, the Qt commands."""
    from jhviewer.report import BriefingPrinter
    from jhviewer.ui import charts
    from jhviewer.ui.tabs import TAB_KEYS
    from tests.uihelpers import close_window, make_window, settle

    before = snapshot(builtin_copy.parent)
    sockets = _inet_sockets()
    window = make_window(qtbot, tmp_path, None)
    try:
        assert window.session.load_database(None) is None
        for key in TAB_KEYS:
            window.show_tab(key)
            settle()
        facts = window.facts_panel()
        assert facts is not None
        for query in ("金融", "GDP", "<b>"):
            facts.search(query)
            settle()
        panel = window.show_tab("charts")
        out = tmp_path / "exports"
        out.mkdir()
        for chart_id in (spec.key for spec in window.store.charts()):  # type: ignore[union-attr]
            panel.show_chart(chart_id)
            settle()
            for fmt in ("png", "svg"):
                panel.export(fmt, out / f"{chart_id}.{fmt}")
        assert window.store is not None
        assert BriefingPrinter(window.store, "zh", figures=charts.FIGURE_PAINTER).to_pdf(
            out / "briefing.pdf"
        ) > 0
    finally:
        close_window(window)
    for arguments in (["pdf", str(tmp_path / "cli.pdf")],
                      ["snapshot", str(tmp_path / "tabs"), "--size", "900x700"]):
        code, stdout, stderr, escaped = cli_in_process(arguments)
        assert (code, escaped) == (0, ""), (arguments, stdout, stderr)
    assert no_network.attempts == []
    assert "PySide6.QtNetwork" not in sys.modules
    assert _inet_sockets() <= sockets
    assert changes(before, snapshot(builtin_copy.parent)) == []
