"""The production server's settings (gunicorn.conf.py): no client address in its log, and a
worker that has loaded the app keeps the app's objects out of later garbage collections."""

import gc
import runpy
from pathlib import Path

CONFIG = Path(__file__).resolve().parent.parent / "gunicorn.conf.py"


def test_the_access_log_leaves_out_the_client_address_and_query_string():
    config = runpy.run_path(str(CONFIG))
    assert "%(h)s" not in config["access_log_format"]
    assert "%(U)s" in config["access_log_format"] and "%(q)s" not in config["access_log_format"]


def test_a_worker_freezes_what_the_app_loaded():
    config = runpy.run_path(str(CONFIG))
    assert gc.get_freeze_count() == 0
    try:
        config["post_worker_init"](worker=None)
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()


def test_metrics_files_start_empty_and_dead_workers_are_forgotten(tmp_path, monkeypatch):
    folder = tmp_path / "metrics"
    folder.mkdir()
    (folder / "gauge_live_9999.db").write_bytes(b"old run")
    monkeypatch.setenv("SANAD_METRICS_DIR", str(folder))
    monkeypatch.delenv("PROMETHEUS_MULTIPROC_DIR", raising=False)
    config = runpy.run_path(str(CONFIG))
    config["on_starting"](server=None)
    assert folder.is_dir() and list(folder.iterdir()) == []
    (folder / "gauge_livesum_4242.db").write_bytes(b"")
    config["child_exit"](server=None, worker=type("Worker", (), {"pid": 4242})())
    assert not (folder / "gauge_livesum_4242.db").exists()
