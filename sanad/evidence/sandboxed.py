"""Running Debian's media tools (ffprobe, ffmpeg, tesseract) on a file held in memory.

The file is handed over as an anonymous in-memory file (memfd): plaintext evidence never
touches the disk, and the tool can still seek (an MP4's index is often at its end, which a
pipe cannot give). Each tool runs in its own process with a time and memory limit, so a
hostile file that crashes or bloats a decoder costs that process only.
"""

import os
import resource
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager

# Generous for a 20 MB upload; a decoder stuck in a loop is killed well before a worker hangs.
DEFAULT_TIMEOUT = 60
DEFAULT_MEMORY = 1024 * 1024 * 1024


class ToolFailed(Exception):
    """The tool could not read the file, crashed, or ran over its limits."""


@contextmanager
def in_memory_file(data: bytes) -> Iterator[str]:
    """A path (/dev/fd/N) to `data` that exists only in memory, readable by child processes."""
    fd = os.memfd_create("sanad-evidence", os.MFD_CLOEXEC)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.lseek(fd, 0, os.SEEK_SET)
        os.set_inheritable(fd, True)
        yield f"/dev/fd/{fd}"
    finally:
        os.close(fd)


def run(
    command: list[str],
    *,
    data: bytes | None = None,
    stdin: bytes | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    memory: int = DEFAULT_MEMORY,
    env: dict[str, str] | None = None,
) -> bytes:
    """Run `command`, with "{file}" replaced by an in-memory path to `data`; return its output."""
    if data is None:
        return _run(command, stdin=stdin, timeout=timeout, memory=memory, env=env, fds=())
    with in_memory_file(data) as path:
        fd = int(path.rsplit("/", 1)[1])
        argv = [path if part == "{file}" else part for part in command]
        return _run(argv, stdin=stdin, timeout=timeout, memory=memory, env=env, fds=(fd,))


def _run(
    argv: list[str],
    *,
    stdin: bytes | None,
    timeout: float,
    memory: int,
    env: dict[str, str] | None,
    fds: tuple[int, ...],
) -> bytes:
    def limits() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))

    try:
        done = subprocess.run(  # noqa: S603  (a fixed program and arguments, never a shell)
            argv,
            input=stdin,
            capture_output=True,
            timeout=timeout,
            preexec_fn=limits,  # only resource limits, set before exec
            pass_fds=fds,
            env={"PATH": "/usr/bin:/bin", "LC_ALL": "C.UTF-8", **(env or {})},
            check=False,
        )
    except (subprocess.TimeoutExpired, OSError) as error:
        raise ToolFailed(str(error)) from None
    if done.returncode != 0:
        raise ToolFailed(done.stderr.decode(errors="replace")[-500:])
    return done.stdout
