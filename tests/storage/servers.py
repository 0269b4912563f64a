"""Real servers for the storage tests, each a process of its own: an S3 endpoint (moto in
server mode) and, for the health check, a Redis that a test may stop."""
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until(ready, *, timeout: float, what: str, process=None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"{what} exited with {process.returncode}")
        try:
            if ready():
                return
        except OSError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"{what} did not start in {timeout} s")


class S3Server:
    """``moto_server`` on a free port: an S3-compatible HTTP endpoint."""

    def __init__(self, log: Path):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = log
        self.process = None

    def start(self) -> "S3Server":
        self.log.parent.mkdir(parents=True, exist_ok=True)
        with open(self.log, "w") as log:
            self.process = subprocess.Popen(
                [str(BIN / "moto_server"), "-H", "127.0.0.1", "-p", str(self.port)],
                stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
            )
        wait_until(lambda: urllib.request.urlopen(self.url + "/moto-api/", timeout=1).status == 200,
                   timeout=30, what="moto_server", process=self.process)
        return self

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()

    def env(self, bucket: str) -> dict:
        """The app's S3 variables for a bucket on this server."""
        return {"S3_BUCKET": bucket, "S3_ENDPOINT_URL": self.url, "S3_REGION": "us-east-1",
                "S3_ACCESS_KEY_ID": "testing", "S3_SECRET_ACCESS_KEY": "testing"}

    def bucket_create(self, bucket: str) -> None:
        import boto3

        client = boto3.client("s3", endpoint_url=self.url, region_name="us-east-1",
                              aws_access_key_id="testing", aws_secret_access_key="testing")
        client.create_bucket(Bucket=bucket)


class RedisServer:
    """A ``redis-server`` of its own, that a test may stop."""

    def __init__(self):
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def start(self) -> "RedisServer":
        redis_server = shutil.which("redis-server") or "/usr/bin/redis-server"
        self.process = subprocess.Popen(
            [redis_server, "--bind", "127.0.0.1", "--port", str(self.port), "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
        )

        def answers():
            with socket.create_connection(("127.0.0.1", self.port), timeout=1) as sock:
                sock.sendall(b"PING\r\n")
                return sock.recv(16).startswith(b"+PONG")

        wait_until(answers, timeout=15, what="redis-server", process=self.process)
        return self

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)


def s3_settings(server: S3Server, bucket: str) -> dict:
    """The settings the app computes from ``server.env(bucket)`` (``smewg.storage_settings``)."""
    from django.conf import settings

    from smewg.storage_settings import file_storage

    return {"S3_BUCKET": bucket, "STORAGES": {**settings.STORAGES, "default": file_storage(server.env(bucket))}}


os.environ.setdefault("AWS_EC2_METADATA_DISABLED", "true")  # boto3 must not look for an instance role
