"""Convert a Word 97-2003 (.doc) plan to .docx with LibreOffice headless, in a sandbox.

A .doc is an OLE2 binary that no maintained pure-Python library reads well, so LibreOffice
(`soffice --convert-to docx`) converts it and the result goes through the same checks and
reader as an uploaded .docx. LibreOffice is a large C++ program fed a hostile file, so each
run is fenced in:

- its own throw-away profile and work directory (`-env:UserInstallation=file:///tmp/...`):
  runs never share state, and two conversions at once never fight over one profile lock;
- a wall-clock timeout, after which its whole process group is killed (soffice forks
  soffice.bin, so killing the first process alone would leave the converter running);
- an address-space limit (RLIMIT_AS) and a CPU-time limit set in the child before exec,
  plus a cap on the size of any file it writes (RLIMIT_FSIZE);
- no network: an environment with no proxy variables and, where the kernel allows
  unprivileged user namespaces, `unshare --net --map-root-user`, which gives the converter a
  network namespace with only a loopback interface. Where `unshare` is missing or refused
  (some containers), the conversion still runs, without the network fence: LibreOffice
  fetches nothing by itself when converting, the fence only guards against a document that
  makes it try (linked images, OLE links).

The converter is optional at run time: without `soffice` a .doc is refused with a message
that says how to install LibreOffice or save the file as .docx.
"""

from __future__ import annotations

import contextlib
import functools
import os
import resource
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from importer.parsing.document import ImportFileError

CONVERT_TIMEOUT_SECONDS = 60
MEMORY_LIMIT_BYTES = 2 * 1024 * 1024 * 1024
CPU_LIMIT_SECONDS = 60
OUTPUT_LIMIT_BYTES = 100 * 1024 * 1024
_SOFFICE_NAMES = ("soffice", "libreoffice")

_MISSING_MESSAGE = (
    "Máy chủ chưa cài LibreOffice nên chưa đọc được tệp .doc (Word 97-2003). Vui lòng mở tệp "
    "bằng Word và lưu lại dưới dạng .docx rồi tải lên, hoặc nhờ quản trị cài LibreOffice "
    "(gói libreoffice-writer-nogui)."
)
_FAILED_MESSAGE = (
    "Không chuyển được tệp .doc sang .docx: tệp bị hỏng, có mật khẩu hoặc không phải văn bản "
    "Word. Vui lòng mở tệp bằng Word, lưu lại dưới dạng .docx rồi tải lên."
)


def soffice_path() -> str | None:
    """The LibreOffice executable on PATH, or None when it is not installed."""
    for name in _SOFFICE_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def convert_doc_to_docx(
    raw: bytes, *, timeout: float = CONVERT_TIMEOUT_SECONDS, soffice: str | None = None
) -> bytes:
    """The .docx bytes LibreOffice makes of `raw`; ImportFileError (Vietnamese) otherwise."""
    executable = soffice or soffice_path()
    if executable is None:
        raise ImportFileError(_MISSING_MESSAGE)
    with tempfile.TemporaryDirectory(prefix="cchc-doc-") as work:
        root = Path(work)
        source = root / "ke-hoach.doc"
        source.write_bytes(raw)
        command = [
            *_network_fence(),
            executable,
            f"-env:UserInstallation={(root / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(root / "out"),
            str(source),
        ]
        _run(command, cwd=root, timeout=timeout)
        result = root / "out" / "ke-hoach.docx"
        if not result.is_file() or result.stat().st_size == 0:
            raise ImportFileError(_FAILED_MESSAGE)
        return result.read_bytes()


def _run(command: list[str], *, cwd: Path, timeout: float) -> None:
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(cwd),
        "TMPDIR": str(cwd),
        "LANG": "C.UTF-8",
    }
    process = subprocess.Popen(
        command,
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
        preexec_fn=_limit_child,
    )
    try:
        returncode = process.wait(timeout=timeout)
    except subprocess.TimeoutExpired as exc:
        _kill_group(process)
        raise ImportFileError(
            f"Chuyển tệp .doc sang .docx quá thời gian cho phép ({timeout:.0f} giây). "
            "Vui lòng mở tệp bằng Word, lưu lại dưới dạng .docx rồi tải lên."
        ) from exc
    finally:
        _kill_group(process)
    if returncode != 0:
        raise ImportFileError(_FAILED_MESSAGE)


def _limit_child() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT_BYTES, MEMORY_LIMIT_BYTES))
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_LIMIT_SECONDS, CPU_LIMIT_SECONDS))
    resource.setrlimit(resource.RLIMIT_FSIZE, (OUTPUT_LIMIT_BYTES, OUTPUT_LIMIT_BYTES))


def _kill_group(process: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()


@functools.cache
def _network_fence() -> tuple[str, ...]:
    """`unshare` arguments that cut the network off, when this machine allows them."""
    unshare = shutil.which("unshare")
    if unshare is None:
        return ()
    fence = (unshare, "--net", "--map-root-user")
    try:
        probe = subprocess.run([*fence, "true"], capture_output=True, timeout=5, check=False)
    except (OSError, subprocess.SubprocessError):
        return ()
    return fence if probe.returncode == 0 else ()
