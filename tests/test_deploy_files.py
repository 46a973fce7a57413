"""The deployment kit of docs/deploy.md holds together: nginx accepts the proxy sample and it logs
no client address, never spools bodies or answers to disk and bounds what a client may send;
systemd accepts the units; the units, the container's entrypoint and the compose file run
commands that exist, with the same steps as the doc."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from django.conf import settings
from django.core.management import get_commands

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
NGINX = (DEPLOY / "nginx" / "sanad.conf").read_text()
UNITS = sorted((DEPLOY / "systemd").glob("*.service")) + sorted((DEPLOY / "systemd").glob("*.timer"))


def test_the_proxy_logs_no_client_address():
    formats = re.findall(r"log_format\s+(\S+)\s+'([^']*)'", NGINX)
    assert [name for name, _ in formats] == ["sanad_no_address"]
    for variable in (
        "$remote_addr",
        "$binary_remote_addr",
        "$http_x_forwarded_for",
        "$proxy_add_x_forwarded_for",
        "$http_user_agent",
        "$http_referer",
        "$request_uri",
        "$args",
        "$query_string",
        "$request ",
    ):
        assert variable not in formats[0][1], variable
    assert re.findall(r"access_log\s+([^;]+);", NGINX) == ["/var/log/nginx/sanad.access.log sanad_no_address"] * 2
    assert set(re.findall(r"error_log\s+[^;\s]+\s+(\w+);", NGINX)) == {"emerg"}  # lower levels name the client


def test_the_proxy_bounds_bodies_and_slow_clients_and_keeps_plaintext_off_its_disk():
    limit = int(re.search(r"client_max_body_size (\d+)m;", NGINX).group(1)) * 1024 * 1024
    assert settings.UPLOAD_MAX_BYTES < limit <= 2 * settings.UPLOAD_MAX_BYTES
    assert re.search(r"client_body_buffer_size (\d+)m;", NGINX).group(1) == re.search(
        r"client_max_body_size (\d+)m;", NGINX
    ).group(1)
    assert "proxy_max_temp_file_size 0;" in NGINX
    for timeout in ("client_header_timeout", "client_body_timeout", "send_timeout"):
        assert re.search(rf"{timeout} \d+s;", NGINX), timeout
    assert "ssl_protocols TLSv1.2 TLSv1.3;" in NGINX
    assert "proxy_set_header X-Forwarded-For $remote_addr;" in NGINX  # one proxy: SANAD_TRUSTED_PROXIES=1


@pytest.mark.skipif(shutil.which("nginx") is None, reason="nginx is installed by scripts/bootstrap.sh dev")
def test_nginx_accepts_the_sample(tmp_path):
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=localhost",
            "-keyout",
            tmp_path / "privkey.pem",
            "-out",
            tmp_path / "fullchain.pem",
        ],
        check=True,
        capture_output=True,
    )
    site = (
        NGINX.replace("/etc/ssl/sanad", str(tmp_path))
        .replace("/var/log/nginx", str(tmp_path))
        .replace("/run/sanad", str(tmp_path))
    )
    (tmp_path / "sanad.conf").write_text(site)
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid; error_log {tmp_path}/main.log emerg; events {{}}\n"
        f"http {{ client_body_temp_path {tmp_path}/body; proxy_temp_path {tmp_path}/proxy;"
        f" fastcgi_temp_path {tmp_path}/f; uwsgi_temp_path {tmp_path}/u; scgi_temp_path {tmp_path}/s;"
        f" access_log off; include {tmp_path}/sanad.conf; }}\n"
    )
    checked = subprocess.run(["nginx", "-t", "-c", tmp_path / "nginx.conf"], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze comes with Debian's systemd")
def test_systemd_accepts_the_units(tmp_path):
    for name in ("sanad.env", "kek", "index_key", "secret_key"):
        (tmp_path / name).write_text("")
    for unit in UNITS:
        text = (
            unit.read_text()
            .replace("/opt/sanad", str(ROOT))
            .replace("/etc/sanad/sanad.env", str(tmp_path / "sanad.env"))
        )
        (tmp_path / unit.name).write_text(text.replace("/etc/sanad/secrets", str(tmp_path)))
    checked = subprocess.run(
        ["systemd-analyze", "verify", *(str(tmp_path / unit.name) for unit in UNITS)], capture_output=True, text=True
    )
    assert checked.returncode == 0 and checked.stderr.strip() == "", checked.stderr


def _manage_commands(text: str) -> set[str]:
    return set(re.findall(r"manage\.py (\w+)", text))


def test_every_command_the_kit_runs_exists():
    known = set(get_commands())
    units = "".join(unit.read_text() for unit in UNITS)
    entrypoint = (DEPLOY / "container" / "entrypoint.sh").read_text()
    doc = (ROOT / "docs" / "deploy.md").read_text()
    used = _manage_commands(units) | _manage_commands(entrypoint) | set(re.findall(r"deploy/manage\.sh (\w+)", doc))
    assert {"run_worker", "run_schedule", "erase_expired", "verify_audit", "migrate", "create_admin"} <= used
    assert used - known == set()
    for unit in UNITS:
        started = re.search(r"^ExecStart=(\S+)", unit.read_text(), re.MULTILINE)
        if started:
            executable = started.group(1).replace("/opt/sanad/", "")
            assert executable in {".venv/bin/gunicorn", ".venv/bin/python"} or (ROOT / executable).exists(), unit.name


def test_the_container_is_built_and_run_with_the_same_steps():
    containerfile = (DEPLOY / "container" / "Containerfile").read_text()
    assert "scripts/bootstrap.sh runtime" in containerfile and "manage.py collectstatic" in containerfile
    compose = yaml.safe_load((DEPLOY / "container" / "compose.yaml").read_text())
    roles = set(re.findall(r"^\s+([\w-]+)\)", (DEPLOY / "container" / "entrypoint.sh").read_text(), re.MULTILINE))
    services = compose["services"]
    assert {"database", "migrate", "web", "worker", "scheduler", "proxy"} <= set(services)
    for name, service in services.items():
        if "command" in service and name != "database":
            assert service["command"][0] in roles, name
    assert services["worker"]["deploy"]["replicas"] >= 2
    assert services["proxy"]["volumes"][0].startswith("../nginx/sanad.conf:")
    environment = services["web"]["environment"]
    assert environment["SANAD_DEBUG"] == "false" and environment["SANAD_KEK_FILE"].startswith("/run/secrets/")
