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

# Seconds an idle keep-alive connection stays open. gunicorn's default (2 s) closes connections
# an ingress or a load balancer still holds in its upstream pool: the proxy's next request on one
# races the close and gets "connection reset by peer" (3 in a 10-minute soak, issue #15). The
# server must outlive the proxy's idle timeout, so that it is always the proxy that closes an idle
# connection: ingress-nginx keeps upstream connections 60 s (`upstream-keepalive-timeout`), an
# AWS ALB 60 s, GCP's load balancer 600 s (raise this there). The chart passes
# `--keep-alive={{ web.keepAliveSeconds }}` and refuses a value not above
# `ingress.upstreamIdleTimeoutSeconds`. gthread workers hold idle connections in their poller,
# not in a thread, so a long keep-alive does not take threads from requests.
keepalive = 75
