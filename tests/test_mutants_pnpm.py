"""pnpm-directory-filter's helpers (transforms/pnpm/) on shapes the golden cases do not pin down: which COPY
destinations with a variable part may write a given path (transforms.pnpm.location.may_write)."""

from __future__ import annotations

import pytest

from refactor.document import parse
from transforms.pnpm.location import may_write


def _copy(text: str):
    doc = parse(text)
    return [i for i in doc.instructions if i.name in ("COPY", "ADD")][-1]


@pytest.mark.parametrize(("dockerfile", "path", "writes"), [
    # seed 002's template: the variable sits below ./services, so the workspace root is not written
    ("FROM node:20\nWORKDIR /app\nCOPY services/${SERVICE} ./services/${SERVICE}\n", "/app/pnpm-workspace.yaml",
     False),
    ("FROM node:20\nWORKDIR /app\nCOPY services/${SERVICE} ./services/${SERVICE}\n",
     "/app/services/auth/package.json", True),
    ("FROM node:20\nWORKDIR /app\nCOPY services/${SERVICE} ./services/${SERVICE}\n", "/app/services", True),
    ('FROM node:20\nCOPY ["services/${SERVICE}", "/srv/services/${SERVICE}"]\n', "/srv/pnpm-workspace.yaml", False),
    ('FROM node:20\nCOPY ["services/${SERVICE}", "/srv/services/${SERVICE}"]\n', "/srv/services/a/x.json", True),
    # the variable is the first segment: it may name any folder
    ("FROM node:20\nWORKDIR /app\nCOPY . ${APP_DIR}/\n", "/app/pnpm-workspace.yaml", True),
    # an unknown WORKDIR: a relative destination may be anywhere, an absolute one is still bounded
    ("FROM node:20\nWORKDIR $HOME\nCOPY services/${S} services/${S}\n", "/app/pnpm-workspace.yaml", True),
    ("FROM node:20\nWORKDIR $HOME\nCOPY services/${S} /opt/services/${S}\n", "/opt/pnpm-workspace.yaml", False),
    ("FROM node:20\nWORKDIR $HOME\nCOPY services/${S} /opt/services/${S}\n", "/opt/services/a/b", True),
    # ``..`` climbs out of the fixed folder
    ("FROM node:20\nWORKDIR /app/web\nCOPY shared/${LIB} ../shared/${LIB}\n", "/app/pnpm-workspace.yaml", True),
    ("FROM node:20\nWORKDIR /app\nCOPY --chown=node:node services/${SERVICE} /app/services/${SERVICE}\n",
     "/app/pnpm-workspace.yaml", False),
    # several sources: the destination is the last word
    ("FROM node:20\nWORKDIR /app\nCOPY services/${S}/package.json services/${S}/src ./services/${S}/\n",
     "/app/pnpm-workspace.yaml", False),
    ("FROM node:20\nWORKDIR /app\nCOPY ${SERVICE}/package.json ${SERVICE}/tsconfig.json ./services/${SERVICE}/\n",
     "/app/pnpm-workspace.yaml", False),
    # two variables: the fixed part ends at the first
    ("FROM node:20\nCOPY packages/${SCOPE}/${PKG} /app/packages/${SCOPE}/${PKG}\n", "/app/packages/a/b/c.json", True),
    # a partial last segment (svc-${NAME}) leaves its whole folder possible
    ("FROM node:20\nWORKDIR /app\nCOPY svc/${NAME} ./svc-${NAME}\n", "/app/pnpm-workspace.yaml", True),
    # the WORKDIR in effect at the COPY, not a later one
    ("FROM node:20\nWORKDIR /app\nCOPY services/${S} ./services/${S}\nWORKDIR /srv\n", "/app/services/a/b", True),
    # an absolute destination whose first segment is the variable may write anywhere, not just below WORKDIR
    ("FROM node:20\nWORKDIR /app\nCOPY . /${APP_DIR}\n", "/srv/pnpm-workspace.yaml", True),
    ('FROM node:20\nWORKDIR /app\nCOPY [".", "/${APP_DIR}/"]\n', "/srv/pnpm-workspace.yaml", True),
    # relative to / (no WORKDIR): every path is below
    ("FROM node:20\nCOPY apps/${APP} ./${APP}\n", "/apps/web/package.json", True),
])
def test_may_write(dockerfile: str, path: str, writes: bool) -> None:
    assert may_write(_copy(dockerfile), path) is writes
