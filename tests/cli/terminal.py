"""Running the installed ``workspace-scripts`` in a real terminal and reading what it showed.

Two ways, the same assertions: tmux (where it is installed), whose terminal emulator renders the live
display and whose ``capture-pane`` reads the screen as a person sees it; and a pseudo-terminal from the
standard library (always), where the command sees a terminal (``isatty()``) and the test reads everything
it wrote, escape sequences removed.
"""

from __future__ import annotations

import os
import re
import select
import shlex
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

COMMAND = Path(sys.executable).parent / "workspace-scripts"
WIDTH, HEIGHT = 140, 50
ESCAPES = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b[()][A-Z0-9]|\x1b[=>]|\r")
EXIT_MARK = re.compile(r"\[exit (\d+)\]")


@dataclass
class Screen:
    """What the terminal showed: ``frames`` while the command ran, ``final`` after it ended."""

    exit_code: int
    final: str
    frames: list[str] = field(default_factory=list)
    via: str = ""


# The pseudo-terminal always; tmux too where it is installed (a fresh machine without it still runs the
# pty case, so the test never skips).
BACKENDS = ["pty", *(["tmux"] if shutil.which("tmux") else [])]


def run_in_terminal(backend: str, args: list[str], env: Mapping[str, str], timeout: float = 60) -> Screen:
    return (_tmux if backend == "tmux" else _pty)(args, env, timeout)


def _tmux(args: list[str], env: Mapping[str, str], timeout: float) -> Screen:
    socket = f"wsc-test-{uuid.uuid4().hex[:8]}"
    tmux = ["tmux", "-L", socket, "-f", "/dev/null"]
    assignments = " ".join(f"{name}={shlex.quote(value)}" for name, value in env.items())
    line = f'env {assignments} {shlex.quote(str(COMMAND))} {shlex.join(args)}; echo "[exit $?]"; sleep 60'
    subprocess.run(
        [*tmux, "new-session", "-d", "-s", "cli", "-x", str(WIDTH), "-y", str(HEIGHT), line],
        check=True, timeout=30,
    )  # fmt: skip
    frames: list[str] = []
    try:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            shown = subprocess.run(
                [*tmux, "capture-pane", "-p", "-J", "-t", "cli", "-S", "-"],
                capture_output=True, text=True, check=True, timeout=30,
            ).stdout  # fmt: skip
            if (done := EXIT_MARK.search(shown)) is not None:
                return Screen(int(done.group(1)), shown, frames, "tmux")
            frames.append(shown)
            time.sleep(0.05)
        raise AssertionError(f"the command did not end within {timeout}s; the screen:\n{frames[-1:]}")
    finally:
        subprocess.run([*tmux, "kill-server"], capture_output=True, timeout=30)


def _pty(args: list[str], env: Mapping[str, str], timeout: float) -> Screen:
    import fcntl
    import pty
    import struct
    import termios

    primary, secondary = pty.openpty()
    fcntl.ioctl(secondary, termios.TIOCSWINSZ, struct.pack("HHHH", HEIGHT, WIDTH, 0, 0))
    process = subprocess.Popen(
        [str(COMMAND), *args],
        stdin=secondary, stdout=secondary, stderr=secondary,
        env={**os.environ, **env, "TERM": "xterm-256color"}, close_fds=True,
    )  # fmt: skip
    os.close(secondary)
    written = b""
    frames = []
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([primary], [], [], 0.05)
            if ready:
                try:
                    chunk = os.read(primary, 65536)
                except OSError:  # the command closed the terminal: it has ended
                    break
                if not chunk:
                    break
                written += chunk
                frames.append(ESCAPES.sub("", written.decode(errors="replace")))
            elif process.poll() is not None:
                break
        code = process.wait(timeout=max(1.0, deadline - time.monotonic()))
    finally:
        os.close(primary)
        if process.poll() is None:
            process.kill()
    return Screen(code, ESCAPES.sub("", written.decode(errors="replace")), frames, "pty")
