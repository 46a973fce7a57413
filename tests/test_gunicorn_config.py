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
