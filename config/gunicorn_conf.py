"""gunicorn settings for production: `gunicorn config.wsgi -c config/gunicorn_conf.py`.

Each worker builds its rights index (the avails engine's columns) as it starts, in the background,
so that the first avails query after a deploy does not wait for it (seconds at a million grants).
"""

import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", "4"))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))


def post_worker_init(worker: object) -> None:
    from cinebridge.rights.loader import warm_in_background

    warm_in_background()
