"""The viewer under a real X server with a window manager, as a user on a scaled screen runs it.

Offscreen Qt has no window manager: it cannot show that the first window fits a scaled
screen with its frame, that Esc leaves a real full-screen state, or that quitting while
presenting saves the normal window. This test starts its own Xvfb (1600x1000) and openbox,
runs `python -m jhviewer` at QT_SCALE_FACTOR=2 and drives it with xdotool. `./dev test`
installs xvfb, openbox and xdotool; where they are missing the test is skipped (marker
`xserver`), like the printer test.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from jhviewer.paths import REPO_ROOT

# A real X server and window manager per test: minutes of start-up, in the full suite only.
pytestmark = [pytest.mark.xserver, pytest.mark.slow]
TOOLS = ("Xvfb", "openbox", "xdotool")
SCREEN = (1600, 1000)


@pytest.fixture
def display(tmp_path: Path) -> Iterator[str]:
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if missing:
        pytest.skip(f"needs {', '.join(missing)} (./dev test installs them)")
    read, write = os.pipe()
    xvfb = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", f"{SCREEN[0]}x{SCREEN[1]}x24",
         "-nolisten", "tcp"],
        pass_fds=(write,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    os.close(write)
    with os.fdopen(read) as pipe:
        name = f":{pipe.readline().strip()}"
    manager = subprocess.Popen(["openbox"], env={**os.environ, "DISPLAY": name},
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        time.sleep(1.0)
        yield name
    finally:
        for process in (manager, xvfb):
            process.terminate()
            process.wait(timeout=10)


def xdotool(display: str, *args: str) -> str:
    result = subprocess.run(["xdotool", *args], env={**os.environ, "DISPLAY": display},
                            capture_output=True, text=True, timeout=30)
    return result.stdout


def main_window(display: str) -> tuple[str, tuple[int, int, int, int]]:
    """The id and (x, y, width, height) of the viewer's largest window, once it is up."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        found = []
        for window in xdotool(display, "search", "--name", "jhviewer").split():
            shell = xdotool(display, "getwindowgeometry", "--shell", window)
            values = dict(line.split("=", 1) for line in shell.splitlines() if "=" in line)
            if values.get("WIDTH", "0").isdigit() and int(values["WIDTH"]) > 100:
                found.append((window, tuple(int(values[k]) for k in ("X", "Y", "WIDTH",
                                                                      "HEIGHT"))))
        if found:
            return max(found, key=lambda item: item[1][2] * item[1][3])  # type: ignore[return-value]
        time.sleep(0.3)
    raise AssertionError("the viewer's window did not appear")


def start_viewer(display: str, tmp_path: Path, db: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb", "QT_SCALE_FACTOR": "2",
           "XDG_CONFIG_HOME": str(tmp_path / "config")}
    return subprocess.Popen([sys.executable, "-m", "jhviewer", "--lang", "zh", "--db", str(db)],
                            cwd=REPO_ROOT, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def wait_for(check: Callable[[], bool], timeout: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.3)
    return False


def test_scaled_window_presentation_and_quit(display: str, tmp_path: Path, built_db: Path) -> None:
    viewer = start_viewer(display, tmp_path, built_db)
    try:
        time.sleep(2.0)  # let the window manager place and frame it
        window, (x, y, width, height) = main_window(display)
        # At scale 2 the default 1360x860 window (2720x1720 pixels) must shrink to fit.
        assert x >= 0 and y >= 0 and x + width <= SCREEN[0] and y + height <= SCREEN[1]
        normal = (width, height)
        xdotool(display, "windowactivate", "--sync", window)
        xdotool(display, "windowfocus", "--sync", window)
        xdotool(display, "key", "F11")
        assert wait_for(lambda: main_window(display)[1][2:] == SCREEN), "not full screen"
        xdotool(display, "key", "Next", "Next", "b", "a", "Prior")
        xdotool(display, "key", "Escape")
        assert wait_for(lambda: main_window(display)[1][2:] == normal), "Esc did not leave"
        xdotool(display, "key", "F11")
        assert wait_for(lambda: main_window(display)[1][2:] == SCREEN)
        xdotool(display, "key", "ctrl+q")  # quit while presenting
        xdotool(display, "keyup", "ctrl")
        _, errors = viewer.communicate(timeout=30)
        assert viewer.returncode == 0
        assert "Traceback" not in errors
    finally:
        if viewer.poll() is None:
            viewer.kill()
            viewer.communicate()
    again = start_viewer(display, tmp_path, built_db)
    try:
        _, (x, y, width, height) = main_window(display)
        assert (width, height) == normal  # the window as it was, not the full screen
        assert x + width <= SCREEN[0] and y + height <= SCREEN[1]
    finally:
        again.kill()
        again.communicate()
