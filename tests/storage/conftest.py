import pytest

from tests.conftest import ARTIFACTS
from tests.storage.servers import S3Server


@pytest.fixture(scope="session")
def s3_server():
    """moto in server mode: an S3-compatible HTTP endpoint, a process of its own."""
    server = S3Server(ARTIFACTS / "moto-server.log").start()
    yield server
    server.stop()
