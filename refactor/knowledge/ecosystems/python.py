"""Python: pip, venv, uv, Poetry."""

from __future__ import annotations

from refactor.commands import pattern
from refactor.knowledge.ecosystems import BuildCommand, Ecosystem, RuntimeBase

# pip's general options that take a value, allowed before the command (pip.pypa.io/en/stable/cli/pip/).
PIP_GLOBAL_VALUE_OPTIONS = frozenset({"--log", "--proxy", "--retries", "--timeout", "--exists-action",
                                      "--trusted-host", "--cert", "--client-cert", "--cache-dir", "--python"})
# pip-install's options that take a value (pip.pypa.io/en/stable/cli/pip_install/).
PIP_INSTALL_VALUE_OPTIONS = PIP_GLOBAL_VALUE_OPTIONS | {
    "-r", "--requirement", "-c", "--constraint", "-e", "--editable", "-t", "--target", "--prefix", "--root",
    "-i", "--index-url", "--extra-index-url", "-f", "--find-links", "--src", "--platform", "--python-version",
    "--implementation", "--abi", "--no-binary", "--only-binary", "--upgrade-strategy", "--progress-bar",
    "-C", "--config-settings", "--report"}
# ``pip``, ``pip3``, ``pip3.12`` and ``python3 -m pip`` are the same tool (refactor.commands normalises them).
PIP_INSTALL = pattern("pip", ("install",), value_options=PIP_INSTALL_VALUE_OPTIONS,
                      global_value_options=PIP_GLOBAL_VALUE_OPTIONS,
                      examples=("pip install -r requirements.txt", "pip3 install --no-cache-dir flask",
                                "python3 -m pip install --upgrade pip", "/usr/local/bin/pip3.12 install .",
                                "pip --disable-pip-version-check install x", "sudo -H pip install x"),
                      counterexamples=("pip download x", "pip", "python -m venv /opt/venv", "pipx install x"))
# ``python -m venv DIR`` (docs.python.org/3/library/venv.html); the folder is what a runtime stage copies.
VENV_CREATE = pattern("venv", (), value_options=frozenset({"--prompt", "--upgrade-deps"}),
                      examples=("python3 -m venv /opt/venv", "python -m venv --copies .venv"),
                      counterexamples=("python3 -m pip install x", "python3 app.py"))
# uv (docs.astral.sh/uv/reference/cli/): ``uv pip install`` and ``uv sync`` install; ``--frozen`` uses uv.lock as is.
UV_INSTALL = pattern("uv", ("pip install", "sync"), value_options=frozenset({"-r", "--requirement", "--python",
                                                                                "-p", "--group", "--extra"}),
                     examples=("uv sync --frozen --no-dev", "uv pip install --system -r requirements.txt"),
                     counterexamples=("uv run app.py", "uv lock"))
# Poetry (python-poetry.org/docs/cli/#install): ``install``, ``--only main`` / ``--without dev`` (1.2+).
POETRY_INSTALL = pattern("poetry", ("install",), value_options=frozenset({"--only", "--without", "--with", "-E",
                                                                          "--extras", "-C", "--directory"}),
                         examples=("poetry install --only main --no-root", "poetry install --no-interaction"),
                         counterexamples=("poetry build", "poetry lock"))
POETRY_BUILD = pattern("poetry", ("build",), examples=("poetry build --format wheel",))

# The official python images: ``python:<version>`` and ``python:<version>-slim``, the OS release after ``slim``
# (``3.13-slim-bookworm``; docker-library/python, official-images library/python).
PYTHON_RUNTIME = RuntimeBase(r"python:(?P<version>\d+(?:\.\d+)*)(?P<os>-(?:trixie|bookworm|bullseye|buster))?",
                             "python:{version}-slim{os}",
                             examples=(("python:3.12", "python:3.12-slim"),
                                       ("python:3.11-bookworm", "python:3.11-slim-bookworm")))

# Python packages that build from source against a system library (no wheel bundles it) and load it at run
# time: the runtime package per OS family. psycopg2's docs ("Build prerequisites": libpq; psycopg2-binary bundles
# it), psycopg 3's docs (the pure-Python ``psycopg`` loads libpq; ``psycopg[binary]`` bundles it), mysqlclient's
# README (MySQL/MariaDB client library), pyodbc's wiki (unixODBC), python-magic's README (libmagic).
NATIVE_RUNTIME_LIBS: dict[str, dict[str, str]] = {
    "psycopg2": {"debian": "libpq5", "alpine": "libpq"},
    "psycopg": {"debian": "libpq5", "alpine": "libpq"},
    "mysqlclient": {"debian": "libmariadb3", "alpine": "mariadb-connector-c"},
    "pyodbc": {"debian": "unixodbc", "alpine": "unixodbc"},
    "python-magic": {"debian": "libmagic1", "alpine": "libmagic"},
}

PIP = Ecosystem(
    "pip", "python",
    manifests=("requirements.txt", "pyproject.toml", "setup.py", "setup.cfg"), lockfiles=(),
    install=(PIP_INSTALL,),
    # pip's cache (pip.pypa.io/en/stable/topics/caching/: ``~/.cache/pip`` on Linux).
    cache_dirs=("/root/.cache/pip",),
    builds=(BuildCommand(VENV_CREATE, (), output_arg=0, examples=("python3 -m venv /opt/venv",)),),
    production_install=None,  # requirements files have no development split of their own
    runtime_bases=(PYTHON_RUNTIME,),
)
UV = Ecosystem(
    "uv", "python",
    manifests=("pyproject.toml",), lockfiles=("uv.lock",),
    install=(UV_INSTALL,),
    # docs.astral.sh/uv/concepts/cache/: ``$XDG_CACHE_HOME/uv`` or ``~/.cache/uv``.
    cache_dirs=("/root/.cache/uv",),
    # docs.astral.sh/uv/guides/integration/docker/: ``uv sync --frozen --no-dev`` into ``.venv``.
    production_install="uv sync --frozen --no-dev",
    dependency_dirs=(".venv/",),
    runtime_bases=(PYTHON_RUNTIME,),
)
POETRY = Ecosystem(
    "poetry", "python",
    manifests=("pyproject.toml",), lockfiles=("poetry.lock",),
    install=(POETRY_INSTALL,),
    # python-poetry.org/docs/configuration/#cache-dir: ``~/.cache/pypoetry`` on Linux.
    cache_dirs=("/root/.cache/pypoetry",),
    builds=(BuildCommand(POETRY_BUILD, ("dist/",), examples=("poetry build",)),),
    production_install="poetry install --only main --no-root",
    runtime_bases=(PYTHON_RUNTIME,),
)

ECOSYSTEMS = (PIP, UV, POETRY)

# What the multi-stage split (transforms/stage_split/) needs to know about Python: the programs a build of it
# runs, the packages that are only its toolchain, and the ENV only its build reads.
SPLIT_TOOLS = frozenset({"pip", "python", "venv"})
SPLIT_TOOLCHAIN = frozenset({"py3-pip", "python3-pip", "py3-setuptools", "py3-wheel", "python3-dev", "py3-virtualenv"})
SPLIT_BUILD_ONLY_ENV = frozenset({"PIP_NO_CACHE_DIR", "PIP_DISABLE_PIP_VERSION_CHECK", "PIP_DEFAULT_TIMEOUT",
                                  "PIP_INDEX_URL", "PIP_EXTRA_INDEX_URL", "PIP_TRUSTED_HOST", "PIP_ROOT_USER_ACTION",
                                  "PIP_BREAK_SYSTEM_PACKAGES"})
