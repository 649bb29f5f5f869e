"""The door between schemas, as a test: every import of every first-party module (at module level
and inside functions, parsed with `ast`) is checked against the floors' rules below.

Floors, bottom to top (docs/architecture.md, docs/adr/0027):

- public: the platform's apps under platform/ (schema public; `accounts` lives in both schemas);
- onboarding: the applicant's journey, above the platform (schema public);
- tenant: the regency's capabilities under tenants_app/ (each regency's schema);
- cms: the citizen portal, above the tenant apps (each regency's schema);
- the roof: the few project modules that wire every floor together (URL confs, ops commands).

A crossing that a rule forbids fails with the importing file and line. A door is a module whose
whole purpose is to be the crossing: public `selectors` (reads) and `portal` (what a portal may ask
of the platform) modules, `satupintu.portal_door` (what the platform may do in a portal), and
onboarding's seeding and provisioning.
"""

from __future__ import annotations

import ast
import fnmatch
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE_ROOTS = {"platform": True, "tenants_app": True, "cms": False, "onboarding": False}

# --- the rules, in one table ----------------------------------------------------------------------
PUBLIC_APPS = {"satupintu", "regions", "audit", "regencies", "billing", "accounts"}
BOTH_SCHEMAS = {"accounts"}  # its tables exist in every schema: any floor may import it
ONBOARDING = {"onboarding"}
TENANT_APPS = {
    "catalogue",
    "workdays",
    "activity",
    # the homes of the next capabilities (their folders may not exist yet on this branch)
    "staff",
    "queueing",
    "complaints",
    "surveys",
    "notify",
}
CMS = {"cms"}
ROOF = (  # the composition root: may import every floor; nothing imports it
    "satupintu.urls_public",
    "satupintu.urls_tenant",
    "satupintu.demo",
    "satupintu.settings.*",
    "satupintu.management.commands.*",
)
DOORS_OF_PUBLIC = ("*.selectors", "*.portal")  # what tenant code and cms may import of public apps
ONBOARDING_DOORS = (  # the only onboarding modules that reach into tenant apps or cms
    "onboarding.seeding",  # writes a template's catalogue and branding into a new portal
    "onboarding.provisioning",  # the job that builds a portal, step by step
    "onboarding.library",  # validates and compares portable catalogue documents
)

RULES: list[tuple[str, str, str]] = [
    # (floor importing, floor imported, what is allowed across)
    ("public", "onboarding", "nothing"),
    ("public", "tenant", "nothing"),
    ("public", "cms", "nothing"),
    ("onboarding", "tenant", "only from ONBOARDING_DOORS"),
    ("onboarding", "cms", "only from ONBOARDING_DOORS"),
    ("tenant", "cms", "nothing"),
    ("tenant", "public", "satupintu infrastructure and DOORS_OF_PUBLIC"),
    ("tenant", "onboarding", "DOORS_OF_PUBLIC"),
    ("cms", "public", "satupintu infrastructure and DOORS_OF_PUBLIC"),
    ("cms", "onboarding", "DOORS_OF_PUBLIC"),
]

# Crossings not mended yet, each with its reason; the test fails when one disappears, so the list
# only shrinks (remove the line when you mend it).
KNOWN: dict[tuple[str, str], str] = {}


@dataclass(frozen=True)
class Import:
    source: str  # dotted module name of the importing file
    target: str  # dotted name imported
    path: Path
    line: int
    in_function: bool


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).parts)
    if SOURCE_ROOTS.get(parts[0]):
        parts = parts[1:]
    parts[-1] = parts[-1].removesuffix(".py")
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _imports() -> list[Import]:
    found: list[Import] = []
    for top in SOURCE_ROOTS:
        for path in sorted((ROOT / top).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            module = _module_name(path)
            package = module if path.name == "__init__.py" else module.rpartition(".")[0]
            tree = ast.parse(path.read_text(), filename=str(path))
            inside: set[int] = set()
            for node in ast.walk(tree):
                if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                    inside.update(id(n) for n in ast.walk(node) if n is not node)
            for node in ast.walk(tree):
                targets: list[str] = []
                if isinstance(node, ast.Import):
                    targets = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom):
                    if node.level:
                        base = package.split(".")[: len(package.split(".")) - node.level + 1]
                        targets = [".".join([*base, node.module] if node.module else base)]
                    else:
                        targets = [node.module or ""]
                found += [
                    Import(module, target, path, node.lineno, id(node) in inside)
                    for target in targets
                ]
    return found


def floor(module: str) -> str | None:
    top = module.split(".")[0]
    if top == "satupintu" and any(fnmatch.fnmatch(module, pattern) for pattern in ROOF):
        return "roof"
    if top in PUBLIC_APPS:
        return "public"
    if top in ONBOARDING:
        return "onboarding"
    if top in TENANT_APPS:
        return "tenant"
    if top in CMS:
        return "cms"
    return None  # Django, Wagtail, the standard library...


def _allowed(source: str, target: str) -> bool:
    """Whether importing `target` from `source` respects RULES."""
    source_floor, target_floor = floor(source), floor(target)
    if source_floor in (None, "roof") or target_floor is None or source_floor == target_floor:
        return target_floor != "roof" or source_floor in (None, "roof")
    if target.split(".")[0] in BOTH_SCHEMAS:
        return True
    is_door = any(fnmatch.fnmatch(target, pattern) for pattern in DOORS_OF_PUBLIC)
    match source_floor, target_floor:
        case "public", _:
            return False
        case "onboarding", "public":
            return True
        case "onboarding", ("tenant" | "cms"):
            return source in ONBOARDING_DOORS
        case "tenant", "cms":
            return False
        case (("tenant" | "cms"), "public"):
            return target.split(".")[0] == "satupintu" or is_door
        case (("tenant" | "cms"), "onboarding"):
            return is_door
        case "cms", "tenant":
            return True  # the portal shows the capabilities below it
        case "tenant", "tenant":
            return True
    return False


def test_every_crossing_goes_through_a_door() -> None:
    crossings = {}
    for imp in _imports():
        if not _allowed(imp.source, imp.target):
            crossings.setdefault((imp.source, imp.target), []).append(
                f"{imp.path.relative_to(ROOT)}:{imp.line}"
                + (" (inside a function)" if imp.in_function else "")
            )
    unexpected = {k: v for k, v in crossings.items() if k not in KNOWN}
    assert not unexpected, "imports that cross a floor outside the door:\n" + "\n".join(
        f"  {s} -> {t}  at {', '.join(where)}" for (s, t), where in sorted(unexpected.items())
    )
    mended = sorted(set(KNOWN) - set(crossings))
    assert not mended, f"mended crossings still listed in KNOWN (remove them): {mended}"


def _package(module: str) -> str:
    """The node of the package graph: the platform's apps are one node, `platform` (their own
    cycles, audit <-> regencies <-> billing and satupintu <-> accounts, are older than this test
    and not yet mended); every other first-party package is its own node."""
    top = module.split(".")[0]
    return "platform" if top in PUBLIC_APPS else top


def test_no_cycles_between_packages() -> None:
    """The first-party packages, with the roof left out and an import of a door counted as an
    import of an interface (not of its package), form no cycle."""
    edges: dict[str, set[str]] = {}
    for imp in _imports():
        if floor(imp.source) in (None, "roof") or floor(imp.target) in (None, "roof"):
            continue
        source, target = _package(imp.source), _package(imp.target)
        if source == target or (imp.source, imp.target) in KNOWN:
            continue
        if any(fnmatch.fnmatch(imp.target, door) for door in DOORS_OF_PUBLIC):
            continue
        edges.setdefault(source, set()).add(target)
    cycles: list[list[str]] = []

    def visit(node: str, trail: list[str]) -> None:
        for nxt in sorted(edges.get(node, ())):
            if nxt in trail:
                cycles.append([*trail[trail.index(nxt) :], nxt])
            elif len(trail) < 12:
                visit(nxt, [*trail, nxt])

    for start in sorted(edges):
        visit(start, [start])
    cycles = list({frozenset(c): c for c in cycles}.values())
    assert not cycles, "cycles between packages:\n" + "\n".join(" -> ".join(c) for c in cycles)


def test_the_rules_catch_what_they_name() -> None:
    """The checker itself: each forbidden direction is refused, each door let through."""
    assert not _allowed("regencies.actions", "cms.actions")
    assert not _allowed("billing.webhooks", "onboarding.models")
    assert not _allowed("catalogue.views", "cms.selectors")
    assert not _allowed("catalogue.middleware", "billing.models")
    assert not _allowed("cms.middleware", "billing.usage")
    assert not _allowed("onboarding.views", "catalogue.models")
    assert not _allowed("catalogue.views", "satupintu.urls_tenant")
    assert _allowed("catalogue.limits", "billing.selectors")
    assert _allowed("catalogue.support", "regencies.portal")
    assert _allowed("catalogue.actions", "satupintu.page_cache")
    assert _allowed("onboarding.seeding", "cms.actions")
    assert _allowed("cms.selectors", "catalogue.models")
    assert _allowed("satupintu.urls_tenant", "catalogue.support")
    assert floor("queueing.models") == "tenant"
