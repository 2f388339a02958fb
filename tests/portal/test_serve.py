"""`g287 serve` leaves nothing in the home folder that a second server on the machine would share."""

import http.client
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

G287 = str(Path(sys.executable).with_name("g287"))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _wait_for_port(port: int, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        assert process.poll() is None, "g287 serve exited"
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"nothing listens on {port}")


def test_two_servers_share_no_control_socket(tmp_path: Path) -> None:
    env = {**os.environ, "HOME": str(tmp_path), "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}
    servers = []
    try:
        for _ in range(2):
            port = _free_port()
            process = subprocess.Popen(
                [G287, "serve", "--port", str(port), "--workers", "1"],
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            servers.append(process)
            _wait_for_port(port, process)
        assert all(p.poll() is None for p in servers)
        assert not (tmp_path / ".gunicorn").exists()
    finally:
        for process in servers:
            process.terminate()
            process.wait(timeout=30)


def test_serve_keeps_a_clients_connection_open_between_requests(tmp_path: Path) -> None:
    """A client (a browser, or wrk) sends its next request on the same connection instead of opening a
    new one each time, as gunicorn's sync workers forced it to."""
    env = {**os.environ, "HOME": str(tmp_path), "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}
    subprocess.run([G287, "migrate", "-v0"], env=env, check=True)
    port = _free_port()
    process = subprocess.Popen(
        [G287, "serve", "--port", str(port), "--workers", "1"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_for_port(port, process)
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        statuses = []
        for _ in range(2):
            connection.request("GET", "/no-such-page/")
            response = connection.getresponse()
            response.read()
            statuses.append(response.status)
            assert response.getheader("Connection", "").lower() != "close"
        first_socket = connection.sock
        connection.request("GET", "/no-such-page/")
        connection.getresponse().read()
        assert connection.sock is first_socket  # not reconnected
        assert statuses == [404, 404]
        connection.close()
    finally:
        process.terminate()
        process.wait(timeout=30)
