"""jupyter_client provisioner that gets its kernel from the fork server, or an ordinary one if it is down.

Registered as ``pnpm-fork-provisioner`` (entry point group
``jupyter_client.kernel_provisioners``). The kernel is the server's child, not
ours, so it is watched through a pidfd (Linux) and signalled by pid and
process group; its exit code is not visible here and reads as 0.
"""

from __future__ import annotations

import asyncio
import json
import os
import select
import signal
import socket
import time
from typing import Any

from jupyter_client.connect import KernelConnectionInfo
from jupyter_client.provisioning import LocalProvisioner

from pnpm_lib.forkserver import PID_ENV, SOCKET_ENV

LAUNCHED: set[int] = set()
"""Pids of forked kernels started from this process, for a watchdog that must stop them."""


class ForkedKernel:
    """The little of ``subprocess.Popen`` that LocalProvisioner uses, for a process that is not our child."""

    stdout = stderr = stdin = None

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self._fd = os.pidfd_open(pid)
        self.returncode: int | None = None

    def poll(self) -> int | None:
        if self.returncode is None and select.select([self._fd], [], [], 0)[0]:
            self._exited()
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        if self.returncode is None:
            select.select([self._fd], [], [], timeout)
            self._exited()
        return self.returncode or 0

    def _exited(self) -> None:
        self.returncode = 0
        os.close(self._fd)
        LAUNCHED.discard(self.pid)

    def send_signal(self, signum: int) -> None:
        if self.returncode is None:
            try:
                os.kill(self.pid, signum)
            except ProcessLookupError:
                pass

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)


class ForkProvisioner(LocalProvisioner):
    """LocalProvisioner whose launch asks the fork server; connection files and ports are unchanged."""

    async def launch_kernel(self, cmd: list[str], **kwargs: Any) -> KernelConnectionInfo:
        address = os.environ.get(SOCKET_ENV)
        env = kwargs.get("env") or dict(os.environ)
        try:
            if not address or self.parent is None or not await _listening(address):
                raise ConnectionError("no fork server")
            pid = request_kernel(address, str(self.parent.connection_file), env, str(kwargs.get("cwd") or os.getcwd()))
        except (OSError, ValueError):
            return await super().launch_kernel(cmd, **kwargs)  # server down: an ordinary kernel
        self.process = ForkedKernel(pid)  # type: ignore[assignment]  # has the Popen methods the provisioner calls
        LAUNCHED.add(pid)
        self.pid = self.pgid = pid  # the child called setsid()
        self.cwd = kwargs.get("cwd", os.getcwd())
        return self.connection_info


async def _listening(address: str, timeout: float = 60) -> bool:
    """Wait while the server is still starting (alive, socket not yet there); False if it is gone."""
    deadline = time.monotonic() + timeout
    while not os.path.exists(address):
        if not _alive(os.environ.get(PID_ENV)) or time.monotonic() > deadline:
            return False
        await asyncio.sleep(0.02)
    return True


def _alive(pid: str | None) -> bool:
    """The server process exists and has not exited (an unreaped zombie counts as gone)."""
    import psutil

    if not pid:
        return False
    try:
        return psutil.Process(int(pid)).status() != psutil.STATUS_ZOMBIE
    except (psutil.NoSuchProcess, ValueError):
        return False


def request_kernel(address: str, connection_file: str, env: dict[str, str], cwd: str) -> int:
    """Ask the server at ``address`` for a kernel on ``connection_file``; returns its pid."""
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as conn:
        conn.settimeout(30)
        conn.connect(address)
        conn.sendall(json.dumps({"connection_file": connection_file, "env": env, "cwd": cwd}).encode() + b"\n")
        reply = b""
        while not reply.endswith(b"\n"):
            chunk = conn.recv(4096)
            if not chunk:
                raise ConnectionError("fork server closed the connection")
            reply += chunk
    return int(json.loads(reply)["pid"])
