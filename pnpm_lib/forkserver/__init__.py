"""Fork-server kernels: each brief still gets a fresh kernel process, without paying the imports again.

``start()`` launches the server (``server.py``) for one batch and writes a
kernelspec, ``pnpm-fork``, whose provisioner (``provisioner.py``) asks the
server for a kernel; papermill, nbval and nbmake use it by kernel name. The
server's socket and the kernelspec's folder reach worker processes through
the environment (``PNPM_FORK_SOCKET``, ``JUPYTER_PATH``). When the server is
down the provisioner starts an ordinary kernel instead. A server lives for one
batch, so a changed library is always picked up by the next batch.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

KERNEL_NAME = "pnpm-fork"
PROVISIONER = "pnpm-fork-provisioner"
SOCKET_ENV = "PNPM_FORK_SOCKET"
CLIENT_OPTIONS = {"kernel_manager_class": "pnpm_lib.forkserver.client.FastKernelManager",
                  "shutdown_kernel": "immediate"}
"""nbclient options for forked kernels: no fixed start-up drain, no graceful-shutdown wait (0.52 → 0.24 s)."""


@dataclass
class ForkServer:
    process: subprocess.Popen
    folder: Path  # socket + kernelspec

    @property
    def socket(self) -> str:
        return str(self.folder / "server.sock")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        os.environ.pop(SOCKET_ENV, None)
        _restore_jupyter_path(self.folder)
        shutil.rmtree(self.folder, ignore_errors=True)


def start(log_file: Path | None = None, timeout: float = 120) -> ForkServer:
    """Start a fork server for this process and its future children; raise RuntimeError if it fails."""
    folder = Path(tempfile.mkdtemp(prefix="pnpm-fork-"))
    _write_kernelspec(folder / "kernels" / KERNEL_NAME)
    stderr = open(log_file, "ab") if log_file else subprocess.DEVNULL  # noqa: SIM115 (closed by the child's exit)
    process = subprocess.Popen([sys.executable, "-m", "pnpm_lib.forkserver.server", str(folder / "server.sock")],
                               stdout=subprocess.PIPE, stderr=stderr, stdin=subprocess.DEVNULL)
    server = ForkServer(process, folder)
    line = _read_ready(process, timeout)
    if line != "ready":
        server.stop()
        raise RuntimeError(f"fork server did not start (said {line!r}); see {log_file or 'its stderr'}")
    process.stdout.close()
    os.environ[SOCKET_ENV] = server.socket
    os.environ["JUPYTER_PATH"] = os.pathsep.join(filter(None, [str(folder), os.environ.get("JUPYTER_PATH")]))
    return server


def _read_ready(process: subprocess.Popen, timeout: float) -> str:
    import select

    ready, _, _ = select.select([process.stdout], [], [], timeout)
    return process.stdout.readline().decode().strip() if ready else "(nothing: timed out)"


def _restore_jupyter_path(folder: Path) -> None:
    parts = [p for p in os.environ.get("JUPYTER_PATH", "").split(os.pathsep) if p and p != str(folder)]
    if parts:
        os.environ["JUPYTER_PATH"] = os.pathsep.join(parts)
    else:
        os.environ.pop("JUPYTER_PATH", None)


def _write_kernelspec(folder: Path) -> None:
    """The ordinary python3 kernelspec plus our provisioner (its argv is the fallback)."""
    folder.mkdir(parents=True)
    spec = {"argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
            "display_name": "Python 3 (pnpm fork server)", "language": "python",
            "metadata": {"kernel_provisioner": {"provisioner_name": PROVISIONER}}}
    (folder / "kernel.json").write_text(json.dumps(spec, indent=1))
