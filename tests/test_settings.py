"""Settings read from the environment behave as documented."""
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _manage(*args, **env):
    clean = {k: v for k, v in os.environ.items() if k not in {"ALLOW_INSECURE_KEY", "DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env={**clean, **env}, capture_output=True, text=True
    )


def test_check_deploy_quiet_with_debug_off_and_real_secret():
    result = _manage(
        "check", "--deploy", "--fail-level", "WARNING",
        DEBUG="0", SECRET_KEY="kM3#pQ9zR!vT2wX8yB4nL6hJ0fD5sA7gC1eU-oI_Zq8Wm2^tY-Hs4Vb7Nc1", ALLOWED_HOSTS="secretariat.example.org",
        SECURE_SSL_REDIRECT="1", SESSION_COOKIE_SECURE="1", CSRF_COOKIE_SECURE="1",
    )

    assert (result.returncode, result.stderr.strip()[-600:]) == (0, "")
    assert "no issues" in result.stdout


def test_settings_refuse_missing_secret_with_debug_off():
    result = _manage("check", DEBUG="0")

    assert result.returncode == 1
    assert "Set SECRET_KEY" in result.stderr
