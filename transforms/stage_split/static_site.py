"""A static front end built with Node and served by nginx from the same image: the runtime is the official nginx
image on the builder's Debian release, serving the folder the build copied into nginx's web root. Only when the
original already serves the build with the distribution's nginx and its default site (no nginx config of its
own): the official image's default site serves ``/usr/share/nginx/html`` the same way."""

from __future__ import annotations

import posixpath

from refactor.edits import Finding
from refactor.knowledge.runtime_bases import RuntimeChoice, split_ref
from transforms.stage_split.gate import finding
from transforms.stage_split.layout import Plan
from transforms.stage_split.subject import Subject

# Debian's nginx serves /var/www/html (its sites-available/default); the official image /usr/share/nginx/html
# (its conf.d/default.conf; docker-library nginx and nginx.org packaging).
WEB_ROOTS = ("/var/www/html", "/usr/share/nginx/html")
OFFICIAL_ROOT = "/usr/share/nginx/html"
SUITES = ("bookworm", "bullseye", "trixie")


def serves_with_nginx(s: Subject) -> bool:
    return next(iter(s.model.start_programs), "") == "nginx"


def _web_root_copy(s: Subject) -> tuple[str, str, int] | None:
    """``(built folder, web root, line)`` of the copy of the build into the web root (``cp -r dist /var/www/html``)."""
    for c in s.commands_of(s.builder_part):
        args = [a for a in c.argv[1:] if not a.startswith("-")]
        if c.tool == "cp" and len(args) == 2 and posixpath.normpath(args[1]) in WEB_ROOTS:
            source = s.absolute(c, args[0])
            if source:
                return source, posixpath.normpath(args[1]), c.ins.lineno
    return None


def plan(s: Subject) -> Plan | Finding:
    if "nginx" not in s.model.installed_packages:
        return finding(s.stage.from_, "artifact unknown: nginx is started but not installed by the build; "
                       "which nginx serves the site is unknown")
    config = next((i for i in s.stage.body() if i.name in ("COPY", "ADD") and i.words
                   and "/etc/nginx" in i.words[-1].value), None)
    edits = [c for c in s.commands if c.tool in ("sed", "tee") and any("/etc/nginx" in a for a in c.argv)]
    if config is not None or edits:
        where = config or edits[0].ins
        return finding(where, f"nginx configured by hand: line {where.lineno} changes nginx's configuration, "
                       "which the official nginx image lays out differently; split by hand")
    found = _web_root_copy(s)
    if found is None:
        return finding(s.build_end, "artifact unknown: the build output is not copied into nginx's web root "
                       "(/var/www/html)")
    parts = split_ref(s.stage.base_image)
    tag = parts[2] if parts else ""
    suite = next((x for x in SUITES if x in tag), "bookworm")
    if "alpine" in tag:
        image, why = "nginx:alpine", "the official nginx image on Alpine, like the builder"
    else:
        image, why = f"nginx:{suite}", f"the official nginx image on Debian {suite}, the builder's release"
    runtime = RuntimeChoice(image, why + " (its default site serves /usr/share/nginx/html)")
    build = s.build[-1]
    source, root, line = found
    evidence = [f"{build.text} at line {build.ins.lineno}",
                f"the original serves {source} with nginx (copied into its web root {root} at line {line}); the "
                "web root is copied, nginx's packages and Node stay in the builder"]
    return Plan(s, "static site, nginx", runtime, [(root, OFFICIAL_ROOT)], evidence)
