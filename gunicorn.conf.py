"""gunicorn settings shared by every place that serves the app: the image's default command
(Dockerfile), the chart's web Deployment and benchmarks/portal_throughput.py. Each passes
`--config` with this file; what differs between them (bind address, workers, threads, timeouts,
max-requests) stays on its own command line.
"""

# Threads in each worker process: requests mostly wait on PostgreSQL and Redis.
worker_class = "gthread"

# The workers' heartbeat files. In the image /tmp is the only writable path (the chart mounts a
# memory-backed emptyDir there; the root filesystem is read-only).
worker_tmp_dir = "/tmp"  # noqa: S108

# A listening socket per worker process: the kernel spreads long-lived keep-alive connections (an
# ingress's, wrk's) over the processes. Measured: without it, one greedy gthread process took all
# of a load test's connections and halved throughput.
reuse_port = True
