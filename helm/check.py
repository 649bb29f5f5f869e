"""`make helm-check`: lint and render the chart, validate what it renders, refuse broken values.

    python helm/check.py

For every values file in `satupintu/ci/`: Helm's lint (strict), a render, every rendered object
validated against the Kubernetes API schemas of the oldest and newest supported versions, and the
chart's own promises checked (below). Every file in `checks/broken/` must be refused, with an
error that contains the text of its `# expect:` line (the value's path).

Offline: Helm runs in this process from the helm-python-sdk wheel (Helm's Go SDK built as a
shared library and called through ctypes; nothing is downloaded), and kubernetes-validate ships
the Kubernetes JSON schemas.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import helm_python as helm
import kubernetes_validate
import yaml

HERE = Path(__file__).resolve().parent
CHART = HERE / "satupintu"
BROKEN = HERE / "checks" / "broken"
KUBE_VERSIONS = ("1.29.0", "1.37.0")  # the chart's kubeVersion floor, and the newest schemas
RELEASE, NAMESPACE = "satupintu", "satupintu"
SECRET_KEYS = ("SECRET_KEY", "DATABASE_URL", "REDIS_URL", "CELERY_BROKER_URL")
SECRET_LIKE = (*SECRET_KEYS, "SENTRY_DSN", "EMAIL_HOST_PASSWORD", "AWS_SECRET_ACCESS_KEY")


def load_values(path: Path) -> dict[str, Any]:
    return yaml.safe_load(path.read_text()) or {}


def render(values: dict[str, Any]) -> list[dict[str, Any]]:
    with helm.Chart.load(CHART) as chart:
        manifests = chart.render(values, name=RELEASE, namespace=NAMESPACE, is_install=True)
    objects = []
    for path, text in sorted(manifests.items()):
        if path.endswith("NOTES.txt"):
            continue
        objects.extend(doc for doc in yaml.safe_load_all(text) if doc)
    return objects


def lint_problems(values: dict[str, Any]) -> list[str]:
    report = helm.lint(CHART, values, strict=True, namespace=NAMESPACE)
    # Severity 1 is information ("icon is recommended"); warnings and errors fail.
    return [f"{m['path']}: {m['error']}" for m in report["messages"] if m["severity"] >= 2]


def schema_problems(objects: list[dict[str, Any]]) -> list[str]:
    problems = []
    for obj in objects:
        for version in KUBE_VERSIONS:
            try:
                kubernetes_validate.validate(obj, version, strict=True)
            except kubernetes_validate.ValidationError as exc:
                problems.append(f"{obj['kind']}/{obj['metadata']['name']} ({version}): {exc}")
    return problems


def pod_specs(objects: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {
        f"{obj['kind']}/{obj['metadata']['name']}": obj["spec"]["template"]["spec"]
        for obj in objects
        if obj["kind"] in ("Deployment", "Job")
    }


def promise_problems(objects: list[dict[str, Any]], values: dict[str, Any]) -> list[str]:
    """What the chart promises beyond valid Kubernetes: non-root, read-only root, secrets by
    reference only, one beat, the migration hook, probes, autoscaling."""
    problems = []
    secret_name = values["secret"]["name"]
    by_kind: dict[str, dict[str, dict[str, Any]]] = {}
    for obj in objects:
        by_kind.setdefault(obj["kind"], {})[obj["metadata"]["name"]] = obj

    for name, spec in pod_specs(objects).items():
        if spec["securityContext"].get("runAsNonRoot") is not True:
            problems.append(f"{name}: pod may run as root")
        if spec.get("automountServiceAccountToken") is not False:
            problems.append(f"{name}: mounts a service account token")
        for container in spec["containers"]:
            where = f"{name}/{container['name']}"
            context = container["securityContext"]
            if context.get("readOnlyRootFilesystem") is not True:
                problems.append(f"{where}: root filesystem is writable")
            if context.get("allowPrivilegeEscalation") is not False:
                problems.append(f"{where}: privilege escalation allowed")
            if context.get("capabilities", {}).get("drop") != ["ALL"]:
                problems.append(f"{where}: capabilities not dropped")
            tmp_mount = {"name": "tmp", "mountPath": "/tmp"}  # noqa: S108 - the emptyDir mount
            if tmp_mount not in container.get("volumeMounts", []):
                problems.append(f"{where}: no writable /tmp")
            env = {item["name"]: item for item in container.get("env", [])}
            for key in SECRET_KEYS:
                ref = env.get(key, {}).get("valueFrom", {}).get("secretKeyRef", {})
                if ref != {"name": secret_name, "key": key}:
                    problems.append(f"{where}: {key} is not read from Secret {secret_name}")
            problems += [
                f"{where}: {key} has a literal value"
                for key in SECRET_LIKE
                if "value" in env.get(key, {})
            ]
            if container.get("envFrom") != [{"secretRef": {"name": secret_name}}]:
                problems.append(f"{where}: optional secrets are not read from {secret_name}")

    deployments = by_kind.get("Deployment", {})
    beat = deployments.get(f"{RELEASE}-beat")
    if beat is not None and (beat["spec"]["replicas"], beat["spec"]["strategy"]["type"]) != (
        1,
        "Recreate",
    ):
        problems.append("beat: not exactly one replica with the Recreate strategy")

    job = by_kind.get("Job", {}).get(f"{RELEASE}-migrate")
    if job is None:
        problems.append("the migration Job is missing")
    else:
        if job["metadata"]["annotations"].get("helm.sh/hook") != "pre-install,pre-upgrade":
            problems.append("migrate: not a pre-install and pre-upgrade hook")
        container = job["spec"]["template"]["spec"]["containers"][0]
        if container["command"] != ["python", "manage.py", "migrate_regencies"]:
            problems.append("migrate: does not run manage.py migrate_regencies")

    web = deployments[f"{RELEASE}-web"]["spec"]["template"]["spec"]["containers"][0]
    probes = (web["livenessProbe"]["httpGet"]["path"], web["readinessProbe"]["httpGet"]["path"])
    if probes != ("/healthz", "/readyz"):
        problems.append(f"web: probes are {probes}, not /healthz and /readyz")

    autoscalers = by_kind.get("HorizontalPodAutoscaler", {})
    for component in ("web", "worker"):
        enabled = values.get(component, {}).get("autoscaling", {}).get("enabled", False)
        has_hpa = f"{RELEASE}-{component}" in autoscalers
        fixed = "replicas" in deployments[f"{RELEASE}-{component}"]["spec"]
        if (has_hpa, fixed) != (enabled, not enabled):
            problems.append(f"{component}: autoscaling={enabled} but HPA={has_hpa}")
    return problems


def check_valid(path: Path) -> list[str]:
    values = load_values(path)
    problems = [f"lint: {p}" for p in lint_problems(values)]
    try:
        objects = render(values)
    except helm.HelmError as exc:
        return [*problems, f"render: {exc}"]
    problems += schema_problems(objects)
    problems += promise_problems(objects, values)
    if not problems:
        kinds = sorted({obj["kind"] for obj in objects})
        versions = ", ".join(KUBE_VERSIONS)
        print(f"ok      {path.relative_to(HERE)}: {len(objects)} objects valid for {versions}")
        print(f"        ({', '.join(kinds)})")
    return problems


def check_refused(path: Path) -> list[str]:
    expected = next(
        line.removeprefix("# expect:").strip()
        for line in path.read_text().splitlines()
        if line.startswith("# expect:")
    )
    try:
        render(load_values(path))
    except helm.HelmError as exc:
        message = str(exc)
        if expected not in message:
            return [f"refused, but the error does not name {expected!r}: {message}"]
        first_line = next(line for line in message.splitlines() if expected in line)
        print(f"refused {path.relative_to(HERE)}: {first_line.strip()}")
        return []
    return [f"accepted, but must be refused naming {expected!r}"]


def main() -> int:
    valid = sorted((CHART / "ci").glob("*.yaml"))
    broken = sorted(BROKEN.glob("*.yaml"))
    if not valid or not broken:
        print("no values files found", file=sys.stderr)
        return 1
    failures = 0
    for path, check in [(p, check_valid) for p in valid] + [(p, check_refused) for p in broken]:
        for problem in check(path):
            failures += 1
            print(f"FAIL    {path.relative_to(HERE)}: {problem}", file=sys.stderr)
    print(
        f"helm-check: {len(valid)} values files valid, {len(broken)} broken ones refused, "
        f"{failures} problem(s)"
    )
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
