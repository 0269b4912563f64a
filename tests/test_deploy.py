"""The deployment as shipped: docker-compose's settings pass ``check --deploy``, and the image
leaves secrets out.

PyYAML is not among the requirements, so the web service's environment is written out below
as it stands in docker-compose.yml, and a test holds the two together line by line.
"""
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# x-app's environment and the web service's own additions, verbatim.
COMPOSE_WEB_ENVIRONMENT = {
    "DATABASE_URL": "${DATABASE_URL:-postgres://smewg:${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD in .env}"
                    "@postgres:5432/smewg}",
    "REDIS_URL": "redis://redis:6379/0",
    "S3_BUCKET": "${S3_BUCKET:-smewg-files}",
    "S3_ENDPOINT_URL": "${S3_ENDPOINT_URL:-http://minio:9000}",
    "S3_PUBLIC_ENDPOINT_URL": "${S3_PUBLIC_ENDPOINT_URL:-https://${SITE_DOMAIN}}",
    "S3_REGION": "${S3_REGION:-us-east-1}",
    "S3_ACCESS_KEY_ID": "${S3_ACCESS_KEY_ID:?set S3_ACCESS_KEY_ID in .env}",
    "S3_SECRET_ACCESS_KEY": "${S3_SECRET_ACCESS_KEY:?set S3_SECRET_ACCESS_KEY in .env}",
    "SECRET_KEY": "${SECRET_KEY:?set SECRET_KEY in .env}",
    "SITE_DOMAIN": "${SITE_DOMAIN:?set SITE_DOMAIN in .env}",
    "ALLOWED_HOSTS": "${ALLOWED_HOSTS:-${SITE_DOMAIN}}",
    "SITE_URL": "${SITE_URL:-https://${SITE_DOMAIN}}",
    "BEHIND_TLS_PROXY": '"1"',
    "TRUSTED_PROXY_COUNT": '"1"',
}
# The least a .env must hold: what compose refuses to start without.
DOT_ENV = {
    "SECRET_KEY": "kM3#pQ9zR!vT2wX8yB4nL6hJ0fD5sA7gC1eU-oI_Zq8Wm2^tY-Hs4Vb7Nc1",
    "POSTGRES_PASSWORD": "Xq7Lm2Vt9Rk4",
    "SITE_DOMAIN": "secretariat.example.org",
    "S3_ACCESS_KEY_ID": "smewg-files",
    "S3_SECRET_ACCESS_KEY": "Pz4Kd8Qw1Ns6Vb3M",
}
_INNERMOST = re.compile(r"\$\{(\w+)(?::([-?])([^${}]*))?\}")


def compose_interpolate(value: str, variables: dict[str, str]) -> str:
    """Compose's ${VAR}, ${VAR:-default} and ${VAR:?error}, innermost first."""
    def one(match):
        name, operator, operand = match.groups()
        if variables.get(name):
            return variables[name]
        assert operator != "?", f"compose would refuse to start: {operand}"
        return operand if operator == "-" else ""

    while _INNERMOST.search(value):
        value = _INNERMOST.sub(one, value)
    return value.strip('"')


def test_compose_file_sets_the_web_environment_written_out_here():
    compose = (ROOT / "docker-compose.yml").read_text()

    missing = [name for name, value in COMPOSE_WEB_ENVIRONMENT.items() if f"{name}: {value}\n" not in compose]

    assert missing == []


def _python(*args, env):
    """Run Python on the project with only ``env`` (and PATH) in the environment."""
    return subprocess.run([sys.executable, *args], cwd=ROOT, env={"PATH": os.environ["PATH"], **env},
                          capture_output=True, text=True)


def test_check_deploy_passes_without_warnings_on_compose_defaults(tmp_path):
    environment = {name: compose_interpolate(value, DOT_ENV) for name, value in COMPOSE_WEB_ENVIRONMENT.items()}
    environment["STATIC_ROOT"] = str(tmp_path)
    # As the Dockerfile does: the manifest of static files exists before the app starts.
    collected = _python("manage.py", "collectstatic", "--no-input",
                        env={"STATIC_ROOT": str(tmp_path), "ALLOW_INSECURE_KEY": "1"})

    result = _python("manage.py", "check", "--deploy", "--fail-level", "WARNING", env=environment)

    assert (collected.returncode, result.returncode, result.stderr.strip()[-600:], result.stdout.strip()) == (
        0, 0, "", "System check identified no issues (0 silenced)."
    )


def test_compose_web_trusts_the_proxy_header_and_publishes_no_port():
    compose = (ROOT / "docker-compose.yml").read_text()
    web = compose.split("\n  web:\n", 1)[1].split("\n  worker:\n", 1)[0]

    caddyfile = (ROOT / "deploy" / "Caddyfile").read_text()

    assert ("ports:" in web, "expose:" in web, "dynamic a web 8000" in caddyfile) == (False, True, True)


def test_compose_takes_the_database_password_from_env():
    compose = (ROOT / "docker-compose.yml").read_text()

    assert ("POSTGRES_PASSWORD: ${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD in .env}" in compose,
            "smewg:smewg@" in compose) == (True, False)


def test_proxy_ssl_header_trusted_only_behind_a_tls_proxy():
    code = "import django; django.setup(); from django.conf import settings; print(settings.SECURE_PROXY_SSL_HEADER)"
    environment = {"DJANGO_SETTINGS_MODULE": "smewg.settings", "SECRET_KEY": DOT_ENV["SECRET_KEY"]}

    printed = [_python("-c", code, env={**environment, **extra}).stdout.strip()
               for extra in ({}, {"BEHIND_TLS_PROXY": "1"})]

    assert printed == ["None", "('HTTP_X_FORWARDED_PROTO', 'https')"]


def test_dockerignore_keeps_secrets_and_local_state_out_of_the_image():
    ignored = {line.strip() for line in (ROOT / ".dockerignore").read_text().splitlines()}

    wanted = {".env", ".env.*", ".venv", ".git", "__pycache__", "*.pyc", ".pytest_cache", "media", "db.sqlite3",
              "tests/artifacts"}

    assert wanted - ignored == set()


def test_compose_keeps_files_in_minio_and_runs_a_worker_per_queue():
    import yaml

    services = yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]

    app_services = ["web", "worker", "renderer", "beat"]
    assert {name: services[name].get("volumes", []) for name in app_services} == {name: [] for name in app_services}
    assert [services[name]["depends_on"]["minio-bucket"]["condition"] for name in app_services] == [
        "service_completed_successfully"] * 4
    assert (services["worker"]["command"].split(" -Q ")[1].split()[0],
            services["renderer"]["command"].split(" -Q ")[1].split()[0]) == ("default", "pdf")
    assert "mc mb --ignore-existing" in services["minio-bucket"]["entrypoint"][-1]
    assert services["web"]["healthcheck"]["test"][-1].count("/healthz") == 1
