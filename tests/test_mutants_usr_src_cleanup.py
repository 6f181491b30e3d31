"""mkdir-usr-src-then-remove (transforms/usr_src_cleanup.py) on shapes its golden cases do not pin down: which
install steps count, which folders, the links that keep the tree, and the message naming the step."""

from __future__ import annotations

import pytest

from refactor.applier import transform
from refactor.edits import Level, Safety
from refactor.passes import Context
from transforms.usr_src_cleanup import USR_SRC

_FIXED = ("the build tree {path} stays in the layer after '{step}'; remove it (checked: no other instruction names "
          "it, and nothing links or installs in place from it)")
_LINKS = "the RUN links or installs in place from /usr/src/app; kept"


def _run(run: str, extra: str = ""):
    out = transform(f"FROM debian:bookworm-slim\n{run}\n{extra}", [USR_SRC], Context())
    assert out.error is None and out.failure is None and out.internal_errors == []
    return out


@pytest.mark.parametrize(("run", "path", "step"), [
    ("RUN mkdir -p /usr/src/redis && make -C /usr/src/redis install", "/usr/src/redis",
     "make -C /usr/src/redis install"),
    ("RUN mkdir -p /usr/src/redis/ && make -C /usr/src/redis -j4 install", "/usr/src/redis",
     "make -C /usr/src/redis -j4 install"),
    ("RUN mkdir /usr/src/app && cd /usr/src/app && ninja -C build install", "/usr/src/app", "ninja -C build install"),
    ("RUN mkdir /usr/src/app && cmake --install build", "/usr/src/app", "cmake --install"),
    ("RUN mkdir /usr/src/app && python setup.py install", "/usr/src/app", "setup.py install"),
    ("RUN mkdir /usr/src/app && checkinstall -y", "/usr/src/app", "checkinstall"),
    ("RUN mkdir /usr/src/app && make; make install", "/usr/src/app", "make install"),
    ("RUN mkdir -m 755 /usr/src/app && make install", "/usr/src/app", "make install"),
    ("RUN mkdir /usr/src/app && make install && ln /x /y", "/usr/src/app", "make install"),  # a hard link
    ("RUN mkdir /usr/src/app && make install && pip install /usr/src/app", "/usr/src/app", "make install"),
    ("RUN mkdir /usr/src/app && make install && pip install --no-cache-dir /usr/src/app", "/usr/src/app",
     "make install"),
    # "develop" before setup.py, or in another command, is not setup.py develop
    ("RUN mkdir /usr/src/app && grep develop setup.py && python setup.py install", "/usr/src/app",
     "setup.py install"),
    ("RUN mkdir /usr/src/app && python setup.py install && echo develop", "/usr/src/app", "setup.py install"),
])
def test_removed(run: str, path: str, step: str) -> None:
    out = _run(run)
    assert out.text == f"FROM debian:bookworm-slim\n{run} && rm -rf {path}\n"
    [fix] = out.fixes
    assert (fix.line, fix.item.message) == (2, _FIXED.format(path=path, step=step))
    assert fix.item.safety is Safety.REVIEW and fix.item.pass_id == USR_SRC.id and not out.findings


def test_a_step_over_continuation_lines_is_named_without_them() -> None:
    out = _run("RUN mkdir /usr/src/a && make \\\n    install")
    [fix] = out.fixes
    assert (fix.line, fix.item.message) == (3, _FIXED.format(path="/usr/src/a", step="make install"))


def test_each_folder_gets_its_own_removal() -> None:
    out = _run("RUN mkdir /usr/src/a /usr/src/b && make install")
    assert out.text.endswith("make install && rm -rf /usr/src/a && rm -rf /usr/src/b\n")
    assert [f.item.message for f in out.fixes] == [_FIXED.format(path=p, step="make install")
                                                   for p in ("/usr/src/a", "/usr/src/b")]


@pytest.mark.parametrize(("run", "extra", "message"), [
    ("RUN mkdir /usr/src/app && make && make test", "",
     "/usr/src/app holds no build this RUN installs from (no 'make install'); kept"),
    ("RUN mkdir /usr/src/app && make install", "WORKDIR /usr/src/app\n",
     "/usr/src/app is used by another instruction (the app or a later build); kept"),
    ("RUN mkdir /usr/src/app && make install", "COPY . /usr/src/app/\n",
     "/usr/src/app is used by another instruction (the app or a later build); kept"),
    ("RUN mkdir /usr/src/app && make install && ln -s /usr/src/app/bin /usr/bin/app", "", _LINKS),
    ("RUN mkdir /usr/src/app && make install && ln -sf /usr/src/app/bin /usr/bin/app", "", _LINKS),
    ("RUN mkdir /usr/src/app && make install && ln --symbolic /x /y", "", _LINKS),
    ("RUN mkdir /usr/src/app && make install && sudo ln -s /x /y", "", _LINKS),
    ("RUN mkdir /usr/src/app && make install && pip install --editable /usr/src/app", "", _LINKS),
    ("RUN mkdir /usr/src/app && make install && pip install -e /usr/src/app", "", _LINKS),
    ("RUN mkdir /usr/src/app && make install && pip install --editable=/usr/src/app", "", _LINKS),
    ("RUN mkdir /usr/src/app && make install && npm link", "", _LINKS),
    ("RUN mkdir /usr/src/app && make install && python setup.py develop", "", _LINKS),
    ("RUN mkdir /usr/src/app && make install && python3 setup.py --quiet develop", "", _LINKS),
    # setup.py develop after interpreter options, by its path, or run itself (golden skip-develop-by-path)
    ("RUN mkdir /usr/src/app && make install && python3 -u setup.py develop", "", _LINKS),
    ("RUN mkdir /usr/src/app && make install && python /usr/src/app/setup.py develop", "", _LINKS),
    ("RUN mkdir /usr/src/app && make install && cd /usr/src/app && ./setup.py develop", "", _LINKS),
    ("RUN mkdir /usr/src/app && make install && ln -sT /usr/src/app/bin /usr/bin/app", "", _LINKS),
    # a VCS requirement's #egg= does not hide the editable option
    ("RUN mkdir /usr/src/app && make install && pip install --editable=git+https://github.com/a/b.git#egg=b", "",
     _LINKS),
    # an assignment-only command before the link is passed over, not the end of the search
    ("RUN mkdir /usr/src/app && make install && X=1 && ln -s /usr/src/app/bin /usr/bin/app", "", _LINKS),
])
def test_kept(run: str, extra: str, message: str) -> None:
    out = _run(run, extra)
    assert [(f.line, f.item.level, f.item.message) for f in out.findings] == [(2, Level.SKIP, message)]
    assert [f.item.pass_id for f in out.findings] == [USR_SRC.id] and not out.fixes


def test_a_run_that_cannot_take_the_removal_says_so_at_the_mkdir() -> None:
    out = _run("RUN make -C /x && \\\n    mkdir /usr/src/app && make install && exec /usr/bin/app")
    assert [(f.line, f.item.level, f.item.pass_id, f.item.message) for f in out.findings] == [
        (3, Level.SKIP, USR_SRC.id, "cannot append 'rm -rf /usr/src/app' to this RUN safely; add it by hand")]
    assert not out.fixes


@pytest.mark.parametrize(("run", "path", "step"), [
    ("RUN cd / && mkdir /usr/src/app && make install", "/usr/src/app", "make install"),  # mkdir is not first
    ("RUN mkdir /usr/src/FOX && make install", "/usr/src/FOX", "make install"),
    ("RUN mkdir /usr/src/a && make -C build \\ install", "/usr/src/a", "make -C build install"),  # an escaped blank
])
def test_removed_more(run: str, path: str, step: str) -> None:
    out = _run(run)
    assert out.text == f"FROM debian:bookworm-slim\n{run} && rm -rf {path}\n"
    [fix] = out.fixes
    assert fix.item.message == _FIXED.format(path=path, step=step)


@pytest.mark.parametrize("run", [
    "RUN mkdir /usr/src/app && make install && rm -rf /usr/src/app",
    "RUN mkdir /usr/src/$NAME && make install",
    "RUN mkdir /usr/src && make install",
    "RUN mkdir /usr/src/ && make install",
    "RUN mkdir /opt/src/a && make install",
    "RUN mkdir /usr/srcx/a && make install",
    "RUN mkdir -p && make install",
    "RUN echo /usr/src/a && make install",
])
def test_left_alone(run: str) -> None:
    out = _run(run)
    assert out.text == f"FROM debian:bookworm-slim\n{run}\n" and not out.fixes and not out.findings
