"""gunicorn settings for `make run` and production. Override with GUNICORN_CMD_ARGS."""

from whitepaper.env import env_int, env_str

bind = f"{env_str('HOST', '127.0.0.1')}:{env_int('PORT', 8000, minimum=1)}"
worker_class = "gthread"
workers = env_int("WEB_CONCURRENCY", 2, minimum=1)
threads = env_int("GUNICORN_THREADS", 4, minimum=1)
timeout = 60
graceful_timeout = 20
accesslog = "-"
errorlog = "-"
control_socket_disable = True
forwarded_allow_ips = env_str("FORWARDED_ALLOW_IPS", "127.0.0.1")
