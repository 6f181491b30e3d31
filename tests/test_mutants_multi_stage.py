"""Tests that kill surviving mutants of the multi-stage pass (transforms/multi_stage.py, transforms/stage_split/)."""

from __future__ import annotations

from pathlib import Path

import pytest

from transforms.stage_split import dockerignore
from transforms.stage_split.dockerignore import ignore_file, ignored


@pytest.fixture(autouse=True)
def _fresh_caches() -> None:
    dockerignore._patterns.cache_clear()  # keyed by (file, mtime): a mutant must not reuse the real run's parse


# moby/patternmatcher (Go filepath.Match plus ``**``): what each pattern shape selects.
@pytest.mark.parametrize(("patterns", "path", "expected"), [
    ("*.md\n", "README.md", True),
    ("*.md\n", "docs/README.md", False),  # ``*`` stays inside one folder
    ("a?c\n", "abc", True),
    ("a?c\n", "a/c", False),  # ``?`` is not a separator
    ("a?c\n", "abbc", False),
    ("**/*.log\n", "a/b/c.log", True),
    ("**.log\n", "a/b.log", True),  # ``**`` without a slash spans folders
    ("logs/**\n", "logs/a/b.txt", True),
    ("[abc]x\n", "bx", True),
    ("[abc]x\n", "dx", False),
    ("[^a]x\n", "ax", False),
    ("[^a]x\n", "bx", True),
    ("a[b\n", "a[b", True),  # an unclosed class is a literal bracket
    ("a\\*b\n", "a*b", True),  # a backslash escapes the next character
    ("a\\*b\n", "axb", False),
    ("a.b\n", "axb", False),  # a dot is literal
    ("  # node_modules\n", "node_modules", False),  # a comment after blanks
    ("\n\n   \nnode_modules\n", "node_modules", True),
    ("dist\n! dist\n", "dist", False),  # an exception with a blank after the ``!``
    ("!dist\ndist\n", "dist", True),  # the last matching pattern decides, either way
    ("dist\n!dist/keep.txt\n", "dist/keep.txt", False),
    ("dist\n!dist/keep.txt\n", "dist/other.txt", True),
    ("./a/../b\n", "b", True),  # patterns are cleaned
    ("/\n", "x", False),  # the root pattern is dropped
    (".\n", "x", False),
    ("node_modules/\n", "./node_modules", True),  # the path is cleaned too
    ("src\n", "srcx", False),
    ("**.log\n", "a/blog", False),  # nothing after ``**`` is skipped
    ("a/**/c.txt\n", "a/b/d/c.txt", True),  # ``**/`` inside a pattern
    ("a/**/c.txt\n", "a/c.txt", True),
    ("a/**/c.txt\n", "a/bc.txt", False),
    ("[abc]x\n", "ax", True),  # the class starts right after its ``[``
    ("[ab]x[cd]\n", "axc", True),  # each class ends at its own ``]``
    ("[ab]x[cd]\n", "axb", False),
    ("]x[ab]\n", "]xa", True),  # a ``]`` before the ``[`` is a literal
    ("[ab]?[cd]\n", "ac", False),  # what follows a class is read on its own: ``?`` is one character
    ("[ab]?[cd]\n", "axc", True),
    ("[]a]\n", "a", False),  # Go's filepath.Match rejects an empty class (ErrBadPattern): it matches nothing
    ("[]a]\n", "]", False),
    ("ab\\*c\n", "ab*c", True),  # an escape further in
    ("ab\\*c\n", "abxc", False),
    ("a\\*\n", "a*", True),  # an escaped last character
    ("a\\*\n", "ab", False),
])
def test_pattern_shapes(tmp_path: Path, patterns: str, path: str, expected: bool) -> None:
    (tmp_path / ".dockerignore").write_text(patterns)
    assert ignored(tmp_path, tmp_path / "Dockerfile", path) is expected


def test_ignore_file_choice(tmp_path: Path) -> None:
    assert ignore_file(tmp_path, None) is None
    (tmp_path / "Dockerfile.dockerignore").mkdir()  # a folder of that name is not an ignore file
    assert ignore_file(tmp_path, tmp_path / "Dockerfile") is None
    (tmp_path / ".dockerignore").write_text("x\n")
    assert ignore_file(tmp_path, tmp_path / "Dockerfile") == tmp_path / ".dockerignore"
    assert ignore_file(tmp_path, None) == tmp_path / ".dockerignore"
    (tmp_path / "api.Dockerfile.dockerignore").write_text("y\n")
    assert ignore_file(tmp_path, tmp_path / "api.Dockerfile") == tmp_path / "api.Dockerfile.dockerignore"


def test_bad_bytes_are_read_not_raised(tmp_path: Path) -> None:
    (tmp_path / ".dockerignore").write_bytes(b"\xff\xfe junk\nnode_modules\n")
    assert ignored(tmp_path, None, "node_modules")


def test_a_trailing_backslash_does_not_raise(tmp_path: Path) -> None:
    (tmp_path / ".dockerignore").write_text("dist\\\nnode_modules\n")  # BuildKit rejects it; we must not raise
    assert ignored(tmp_path, None, "node_modules")
    assert not ignored(tmp_path, None, "dist")


def test_an_edited_ignore_file_is_read_again(tmp_path: Path) -> None:
    import os

    source = tmp_path / ".dockerignore"
    source.write_text("node_modules\n")
    os.utime(source, (1_000_000, 1_000_000))
    assert ignored(tmp_path, None, "node_modules")
    source.write_text("dist\n")
    os.utime(source, (2_000_000, 2_000_000))  # a new mtime: the cached patterns of the old file no longer hold
    assert not ignored(tmp_path, None, "node_modules")
    assert ignored(tmp_path, None, "dist")


# -- transforms/stage_split/common.py ------------------------------------------------------------------------

from refactor.document import parse  # noqa: E402
from refactor.passes import Context  # noqa: E402
from refactor.project import Project  # noqa: E402
from transforms.stage_split import common  # noqa: E402
from transforms.stage_split.subject import Subject  # noqa: E402


def subject(text: str, context: Path | None = None) -> Subject:
    doc = parse(text)
    ctx = Context(path=context / "Dockerfile" if context else None, project=Project(), context_dir=context)
    assert doc.final_stage is not None
    return Subject(doc, doc.final_stage, ctx)


def test_runtime_packages_keep_what_runs_and_the_libraries_of_dev_packages() -> None:
    s = subject("FROM python:3.12-alpine\n"
                "RUN apk add --no-cache build-base g++ libffi-dev postgresql-dev curl python3-dev\n"
                "CMD [\"python\", \"app.py\"]\n")
    assert common.runtime_packages(s, frozenset({"build-base"})) == ["curl", "libstdc++", "libffi", "libpq",
                                                                    "python3"]
    assert common.runtime_packages(s, frozenset({"build-base"}), keep_python=False) == [
        "curl", "libstdc++", "libffi", "libpq"]
    assert common.runtime_packages(s, frozenset({"build-base", "curl", "libffi"})) == [
        "libstdc++", "libpq", "python3"]  # a runtime library the toolchain lists is not repeated


def test_runtime_packages_on_debian() -> None:
    s = subject("FROM debian:12\nRUN apt-get update && apt-get install -y libpq-dev gcc make curl\nCMD [\"/app\"]\n")
    assert common.runtime_packages(s, frozenset({"gcc"})) == ["curl", "libpq5"]


def test_probe_tools_from_the_healthcheck_and_the_start_command() -> None:
    s = subject("FROM debian:12\nHEALTHCHECK CMD [\"wget\",\"-q\",\"http://x/\"]\nCMD [\"/usr/bin/curl\", \"x\"]\n")
    assert common.probe_tools(s) == ["curl", "wget"]
    s = subject("FROM debian:12\nHEALTHCHECK CMD wget -q http://x/ || exit 1\nCMD [\"/app\"]\n")
    assert common.probe_tools(s) == ["wget"]
    assert common.probe_tools(subject("FROM debian:12\nCMD [\"/app\", \"--curl\"]\n")) == []


def test_start_paths() -> None:
    s = subject("FROM debian:12\nWORKDIR /app\nCMD [\"sh\", \"-c\", \"./run.sh --config=conf/app.yaml "
                "https://x.y/z $HOME/a -v lib/x serve main.py /etc/x.conf ./run.sh\"]\n")
    assert common.start_paths(s) == ["/app/run.sh", "/app/conf/app.yaml", "/app/lib/x", "/app/main.py",
                                     "/etc/x.conf"]
    s = subject("FROM debian:12\nCMD [\"node\", \"server.js\", \"-x\", \"--flag=-a/b\"]\n")
    assert common.start_paths(s) == ["/server.js"]  # no WORKDIR: the root


@pytest.mark.parametrize(("copy", "expected"), [
    ("COPY --from=base /x /y", []),
    ("COPY a.txt", [None]),
    ("COPY a.txt /app/b.txt", ["/app/b.txt"]),
    ("COPY a.txt b.txt", ["/srv/b.txt"]),
    ("COPY a.txt /app/", ["/app/a.txt"]),
    ("COPY a b /app/", ["/app/a", "/app/b"]),
    ("COPY . /app", ["/app"]),
    ("COPY . /app/", ["/app"]),
    ("COPY ./ out/", ["/srv/out"]),
    ("COPY *.json ./", ["/srv"]),
    ("COPY *.json conf", [None]),
    ("COPY src/ lib/ /app", ["/app"]),
    ("COPY src/ /app", ["/app"]),
    ("COPY src/ app", ["/srv/app"]),
    ("COPY src/ *.txt app", ["/srv/app"]),
    ("ADD https://example.com/y.tgz /opt/", ["/opt"]),
    ("COPY a.txt $DEST", [None]),
    ("COPY [\"a b.txt\", \"/x y/\"]", ["/x y/a b.txt"]),
    ("COPY Xorg.conf /etc/X11/xorg.conf", ["/etc/X11/xorg.conf"]),
    ("COPY Xauth.txt Xorg.conf /etc/X11/", ["/etc/X11/Xauth.txt", "/etc/X11/Xorg.conf"]),
    ("COPY a.txt /x.txt\nCOPY b c /app/", ["/x.txt", "/app/b", "/app/c"]),
    ("COPY a.txt\nCOPY b.txt /app/b.txt", [None, "/app/b.txt"]),  # past a COPY that names no destination
    ("COPY a.txt $DEST\nCOPY b.txt /app/b.txt", [None, "/app/b.txt"]),
    ("COPY a.txt c.txt\nWORKDIR /other", ["/srv/c.txt"]),  # the WORKDIR at the COPY, not the last one
    ("ARG DIR\nWORKDIR $DIR\nCOPY a.txt c.txt", ["/c.txt"]),  # an unknown WORKDIR: from the root
])
def test_copy_destinations(copy: str, expected: list[str | None]) -> None:
    s = subject(f"FROM debian:12\nWORKDIR /srv\n{copy}\nCMD [\"/app\"]\n")
    assert [dest for _, dest in common.copy_destinations(s, s.stage.body())] == expected


def test_copy_destinations_of_a_heredoc_is_unknown() -> None:
    s = subject("FROM debian:12\nCOPY <<EOF /etc/x.conf\nkey=value\nEOF\nCMD [\"/app\"]\n")
    assert [dest for _, dest in common.copy_destinations(s, s.stage.body())] == [None]


@pytest.mark.parametrize(("path", "folder", "expected"), [
    ("/a/b", "/", True), ("/a", "/a", True), ("/a/b", "/a", True), ("/a/b", "/a/", True), ("/ab", "/a", False),
    ("/a", "/a/b", False), ("/opt/APEX/a", "/opt/APEX", True), ("/opt/APEX/a", "/opt/APEX/", True),
])
def test_inside(path: str, folder: str, expected: bool) -> None:
    assert common.inside(path, folder) is expected


def test_context_file_and_folder(tmp_path: Path) -> None:
    (tmp_path / "conf").mkdir()
    (tmp_path / "conf" / "app.yaml").write_text("a: 1\n")
    text = "FROM debian:12\nWORKDIR /app\nCOPY . .\nRUN make\nCMD [\"/app/x\"]\n"
    s = subject(text, tmp_path)
    run = s.stage.body()[2]
    assert common.context_file(s, "/app/conf/app.yaml", run) == tmp_path / "conf" / "app.yaml"
    assert common.context_file(s, "/app/conf", run) is None  # a folder is not a file
    assert common.context_file(s, "/app/missing.txt", run) is None
    assert common.context_file(s, "/etc/passwd", run) is None  # not from the context
    assert common.context_folder(s, "/app/conf", run) == tmp_path / "conf"
    assert common.context_folder(s, "/app/conf/app.yaml", run) is None
    assert common.context_folder(s, "/etc", run) is None
    s = subject(text)
    assert common.context_file(s, "/app/conf/app.yaml", run) is None
    assert common.context_folder(s, "/app/conf", run) is None


def test_context_folder_as_it_is_before_the_instruction(tmp_path: Path) -> None:
    (tmp_path / "conf").mkdir()
    (tmp_path / "other").mkdir()
    s = subject("FROM debian:12\nCOPY . /app\nRUN make\nCOPY other/ /app/conf\nCMD [\"/app/x\"]\n", tmp_path)
    run, last = s.stage.body()[1], s.stage.body()[2]
    assert common.context_folder(s, "/app/conf", run) == tmp_path / "conf"
    assert common.context_folder(s, "/app/conf", last.doc.instructions[-1]) == tmp_path / "other"
    (tmp_path / "conf" / "a.yaml").write_text("a: 1\n")
    (tmp_path / "other" / "a.yaml").write_text("b: 2\n")
    assert common.context_file(s, "/app/conf/a.yaml", run) == tmp_path / "conf" / "a.yaml"


def test_start_paths_with_an_unknown_workdir_are_taken_from_the_root() -> None:
    s = subject("FROM debian:12\nARG DIR\nWORKDIR $DIR\nCMD [\"node\", \"server.js\"]\n")
    assert s.model.workdir_at(None) is None
    assert common.start_paths(s) == ["/server.js"]


def test_start_paths_take_what_follows_the_first_equals_sign() -> None:
    s = subject("FROM debian:12\nWORKDIR /app\nCMD [\"/app/x\", \"--set=mode=conf/prod.yaml\"]\n")
    assert common.start_paths(s) == ["/app/x", "/app/mode=conf/prod.yaml"]


@pytest.mark.parametrize(("run", "expected"), [
    ("cp target/release/app /usr/local/bin/", "/usr/local/bin/app"),
    ("cp target/release/app /usr/local/bin", "/usr/local/bin/app"),
    ("mv target/release/app /opt/server", "/opt/server"),
    ("mv target/release/app /opt/", "/opt/app"),
    ("install -s target/release/app /usr/bin", "/usr/bin/app"),
    ("cp target/release/app target/release/app.bak /opt/", "/src/target/release/app"),  # three paths: unknown
    ("cp target/release/other /opt/x", "/src/target/release/app"),
    ("ln -s target/release/app /opt/x", "/src/target/release/app"),
    ("cp target/release/app /bin && mv /bin/app /app", "/app/app"),
    ("cp target/release/app $OUT", "/src/target/release/app"),
    ("cp -r assets static /opt/ && cp target/release/app /usr/local/bin/", "/usr/local/bin/app"),  # past 3 paths
    ("cp config.toml /etc/app/ && cp target/release/app /usr/local/bin/", "/usr/local/bin/app"),  # past another file
    ("cp target/release/app /", "/app"),
    ("cp target/release/app /.", "/app"),  # the root written without a trailing slash
])
def test_moved_to(run: str, expected: str) -> None:
    s = subject(f"FROM rust:1\nWORKDIR /src\nCOPY . .\nRUN cargo build --release && {run}\nCMD [\"/app\"]\n")
    s.build = [c for c in s.commands if c.tool == "cargo"]
    assert common.moved_to(s, "/src/target/release/app") == expected


# -- transforms/stage_split/subject.py -----------------------------------------------------------------------

SPLIT_SHAPE = ("FROM golang:1.22\n"
               "ENV CGO_ENABLED=0\n"
               "WORKDIR /src\n"
               "COPY . .\n"
               "RUN cd cmd && sudo -E env GOOS=linux go build -o /out/server . && cd .. && touch /done\n"
               "RUN [\"go\", \"vet\"]\n"
               "RUN for x in a b; do echo $x; done\n"
               "RUN GOARCH=amd64 go build -o /out/tool ./tool\n"
               "EXPOSE 8080\n"
               "CMD [\"sh\", \"-c\", \"/out/server --port=8080 && (exec /out/tool|tee /log);done\"]\n")


def test_subject_commands_builder_part_and_tail() -> None:
    s = subject(SPLIT_SHAPE)
    body = s.stage.body()
    builds = [c for c in s.commands if c.tool == "go"]
    assert [c.argv for c in builds] == [("go", "build", "-o", "/out/server", "."),
                                        ("go", "build", "-o", "/out/tool", "./tool")]
    assert builds[0].text == "sudo -E env GOOS=linux go build -o /out/server ."
    assert builds[1].assignments == {"GOARCH": "amd64"}
    assert s.unparsed_runs == [body[4]]  # the exec-form RUN
    s.build = builds[:1]
    assert s.build_end is body[3]
    assert s.builder_part == body[:4]
    assert s.tail == body[4:]
    s.build = builds
    assert s.build_end is body[6]
    assert s.tail == body[7:]
    assert [c.tool for c in s.commands_of([body[3]])] == ["cd", "go", "cd", "touch"]
    assert s.cwd_of(builds[0]) == "/src/cmd"
    assert s.cwd_of(s.commands_of([body[3]])[3]) == "/src"
    assert s.absolute(builds[0], "out") == "/src/cmd/out"
    assert s.absolute(builds[0], "/a/../b/") == "/b"
    assert s.absolute(builds[0], "$OUT/x") is None
    assert s.start_argvs == [["sh", "-c", "/out/server --port=8080 && (exec /out/tool|tee /log);done"]]
    assert s.start_words == ["sh", "-c", "/out/server", "--port=8080", "exec", "/out/tool", "tee", "/log", "done"]


def test_subject_knows_no_cwd_without_workdir_or_absolute_cd() -> None:
    s = subject("FROM golang:1.22\nARG DIR\nWORKDIR $DIR\nRUN go build -o app .\nCMD [\"./app\"]\n")
    build = next(c for c in s.commands if c.tool == "go")
    assert s.cwd_of(build) is None
    assert s.absolute(build, "app") is None
    assert s.absolute(build, "/abs") == "/abs"


def test_subject_family_context_and_model(tmp_path: Path) -> None:
    (tmp_path / "main.go").write_text("package main\n")
    s = subject("FROM golang:1.22-alpine\nCOPY . .\nRUN go build -o /app .\nCMD [\"/app\"]\n", tmp_path)
    assert s.family == "alpine"
    assert s.context_dir == tmp_path
    assert subject("FROM golang:1.22\nCMD [\"/app\"]\n").context_dir is None


# -- transforms/stage_split/gate.py and transforms/multi_stage.py: which rule answers ---------------------------

from refactor.edits import Finding  # noqa: E402
from transforms.multi_stage import analyze  # noqa: E402
from transforms.stage_split.layout import Plan  # noqa: E402


def verdict(text: str, context: Path | None = None) -> str:
    """``split`` or ``LINE: message`` of the finding that says why not."""
    s = subject(text, context)
    found = analyze(s.doc, s.ctx)
    if isinstance(found, Plan):
        return "split"
    assert isinstance(found, Finding), found
    return f"{text.count(chr(10), 0, found.offset) + 1}: {found.message}"


def go(pre: str = "", post: str = "", cmd: str = '["/out/app"]') -> str:
    return f"FROM golang:1.22\nWORKDIR /src\nCOPY . .\n{pre}RUN CGO_ENABLED=0 go build -o /out/app .\n{post}CMD {cmd}\n"


DYNAMIC = "build too dynamic to see through: "
STARTS = " runs when the container starts, so the toolchain must stay"
REPO = ("packages from another repository: line 4 installs with --repository, which the runtime stage's install "
        "would need too; split by hand")


@pytest.mark.parametrize(("text", "expected"), [
    (go(), "split"),
    (go(pre="ONBUILD RUN echo\n"), "4: SHELL or ONBUILD: ONBUILD at line 4; a changed shell or a base meant to be "
                                   "extended is split by hand"),
    (go(cmd='["sh", "-c", "cd /src && /usr/local/go/bin/go run ."]'), "5: start command builds: go run" + STARTS),
    (go(cmd='["./gradlew", "bootRun"]'), "5: start command builds: ./gradlew" + STARTS),
    (go(post='ENTRYPOINT ["tini", "--"]\n', cmd='["go", "run", "."]'), "6: start command builds: go run" + STARTS),
    (go(post="USER 1000:1000\n"), "split"),
    (go(post="USER root\n"), "split"),
    (go(post="USER app:app\n"), "5: named user: USER app is a user the build stage creates; the runtime stage would "
                                "not have it"),
    (go(pre="RUN make generate\n"), "4: " + DYNAMIC + "line 4 runs make; what it builds and installs is unknown"),
    (go(pre="RUN scripts/gen.sh\n"), "4: " + DYNAMIC + "line 4 runs scripts/gen.sh; what it builds and installs is "
                                     "unknown"),
    (go(pre='RUN ["go", "generate", "./..."]\n'), "4: " + DYNAMIC + "line 4: a RUN the shell parser cannot read; "
                                                  "what it builds and installs is unknown"),
    (go(post='RUN ["/out/app", "--check"]\n'), "5: runtime RUN needs the build: after the build, line 5: a RUN "
                                               "the shell parser cannot read, which may need the build tools; split "
                                               "by hand"),
    (go(post="RUN chown -R 1000 /src\n"), "split"),
    (go(pre="RUN apk add -X http://dl-cdn.alpinelinux.org/alpine/edge/testing foo\n"), "4: " + REPO),
    (go(pre="RUN apk add --repository=http://x/testing foo\n"), "4: " + REPO),
    (go(pre="RUN apk add --repositories-file /r foo\n"), "4: " + REPO),
    (go(pre="RUN apk add --repository=https://mirror.example/alpine/edge?key=1 foo\n"), "4: " + REPO),
    (go(pre="RUN apk add --no-cache git\n"), "split"),
    ("FROM golang:1.22\nWORKDIR $HOME/src\nCOPY . .\nRUN go build -o /out/app .\nCMD [\"/out/app\"]\n",
     "2: " + DYNAMIC + "a path from a build argument or unknown variable, WORKDIR $HOME/src at line 2"),
    ("FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build -o ${OUT} .\nCMD [\"/out/app\"]\n",
     "4: " + DYNAMIC + "a path from a build argument or unknown variable, $OUT at line 4"),
    ("FROM golang:1.22\nARG OUT=/out/app\nENV OUT=$OUT\nWORKDIR /src\nCOPY . .\nRUN go build -o $OUT .\n"
     "CMD [\"/out/app\"]\n", "6: " + DYNAMIC + "a path from a build argument or unknown variable, $OUT at line 6"),
    ("FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build -o $out .\nCMD [\"/out/app\"]\n",  # lower case
     "4: " + DYNAMIC + "a path from a build argument or unknown variable, $out at line 4"),
    ("FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build -o $OUT .\nENV OUT=/out/app\nCMD [\"/out/app\"]\n",
     "4: " + DYNAMIC + "a path from a build argument or unknown variable, $OUT at line 4"),  # set only after the build
    ("FROM golang:1.22\nARG D\nWORKDIR $D\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /out/app .\nWORKDIR /app\n"
     "CMD [\"/out/app\"]\n", "split"),  # the last WORKDIR is known: the start command's folder is
    ("FROM golang:1.22\nARG GOFLAGS=-mod=mod\nENV GOFLAGS=-mod=vendor\nWORKDIR /src\nCOPY . .\n"
     "RUN go build $GOFLAGS -o /out/app .\nCMD [\"/out/app\"]\n",  # a build argument, though an ENV sets it too
     "6: " + DYNAMIC + "a path from a build argument or unknown variable, $GOFLAGS at line 6"),
    ("FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app .\n",
     "1: no CMD or ENTRYPOINT: an image used as a tool or a base, nothing to run in a runtime stage"),
    ("FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go mod download\nCMD [\"go\"]\n",
     "4: nothing built: line 4 only installs go dependencies, no build step to leave behind"),
    ("FROM debian:12\nRUN ./configure && make\nCMD [\"/app\"]\n",
     "2: unknown ecosystem: RUN at line 2 builds with configure; the pass knows no layout or artifact for it"),
    ("FROM debian:12\nRUN echo hi\nCMD [\"/app\"]\n",
     "1: nothing built: no build step (go build, pip install, npm run build …) to leave behind in a builder stage"),
    ("FROM golang:1.22 AS a\nRUN true\nFROM a AS b\nRUN true\nFROM b\nCMD [\"x\"]\n",
     "5: already multi-stage: 3 stages, nothing to split"),
])
def test_gate_rules(text: str, expected: str) -> None:
    assert verdict(text) == expected


# -- transforms/stage_split/layout.py ------------------------------------------------------------------------

from refactor.edits import apply_edits  # noqa: E402
from refactor.knowledge.runtime_bases import RuntimeChoice  # noqa: E402
from transforms.stage_split import layout  # noqa: E402


def test_quoted_paths_with_blanks_use_the_json_form() -> None:
    assert layout._quoted("/out/app", "/usr/local/bin/app") == "/out/app /usr/local/bin/app"
    assert layout._quoted("/srv/my app", "/app") == '["/srv/my app", "/app"]'
    assert layout._quoted("/a", "/b\tc") == '["/a", "/b\\tc"]'


@pytest.mark.parametrize(("env", "names"), [
    ("ENV GO111MODULE on", {"GO111MODULE"}),
    ("ENV GOFLAGS=-mod=mod TZ=UTC", {"GOFLAGS", "TZ"}),
    ("ENV A=1 B=x=y", {"A", "B"}),
])
def test_env_names(env: str, names: set[str]) -> None:
    s = subject(f"FROM golang:1.22\n{env}\n")
    assert layout._env_names(s.stage.body()[0]) == names


def test_an_env_of_only_build_names_stays_in_the_builder() -> None:
    text = ("FROM golang:1.22\nENV CGO_ENABLED=0\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app .\n"
            "CMD [\"/out/app\"]\n")
    s = subject(text)
    s.build = [c for c in s.commands if c.tool == "go"]
    plan = Plan(s, "go", RuntimeChoice("scratch", "test"), [("/out/app", "/out/app")], ["test"],
                build_only_env=frozenset({"CGO_ENABLED"}))  # every name the ENV sets, and no other
    out = apply_edits(text, list(layout.render(plan).edits))
    assert out.count("ENV CGO_ENABLED=0") == 1


# -- transforms/stage_split/static_site.py -------------------------------------------------------------------

def nginx_site(base: str = "node:20", install: str = "RUN apt-get update && apt-get install -y nginx\n",
               build: str = "RUN npm run build && cp -r dist /var/www/html\n", extra: str = "") -> str:
    return (f"FROM {base}\n{install}WORKDIR /app\nCOPY package*.json ./\nRUN npm ci\nCOPY . .\n{build}{extra}"
            "EXPOSE 80\nCMD [\"nginx\", \"-g\", \"daemon off;\"]\n")


def static_plan(text: str) -> Plan:
    s = subject(text)
    found = analyze(s.doc, s.ctx)
    assert isinstance(found, Plan), found
    return found


UNKNOWN_ROOT = "7: artifact unknown: the build output is not copied into nginx's web root (/var/www/html)"
BY_HAND = ("nginx configured by hand: line {} changes nginx's configuration, which the official nginx image lays out "
           "differently; split by hand")


@pytest.mark.parametrize(("base", "install", "image"), [
    ("node:20", "RUN apt-get update && apt-get install -y nginx\n", "nginx:bookworm"),
    ("node", "RUN apt-get update && apt-get install -y nginx\n", "nginx:bookworm"),
    ("node:20-bullseye", "RUN apt-get update && apt-get install -y nginx\n", "nginx:bullseye"),
    ("node:18-trixie-slim", "RUN apt-get update && apt-get install -y nginx\n", "nginx:trixie"),
    ("node:20-alpine", "RUN apk add --no-cache nginx\n", "nginx:alpine"),
])
def test_static_site_runtime_follows_the_builders_release(base: str, install: str, image: str) -> None:
    plan = static_plan(nginx_site(base, install))
    assert plan.runtime.image == image
    assert plan.runtime.reason.endswith("(its default site serves /usr/share/nginx/html)")
    assert ("Alpine" in plan.runtime.reason) is (image == "nginx:alpine")
    assert plan.copies == [("/var/www/html", "/usr/share/nginx/html")]
    assert plan.evidence == ["npm run build at line 7", "the original serves /app/dist with nginx (copied into its "
                             "web root /var/www/html at line 7); the web root is copied, nginx's packages and Node "
                             "stay in the builder"]


@pytest.mark.parametrize("build", [
    "RUN npm run build && cp -a -r dist /var/www/html/\n",
    "RUN npm run build && cp -r dist /var/www/html/ && cp robots.txt /var/www/html\n",
])
def test_static_site_copy_into_the_web_root_with_flags(build: str) -> None:
    assert static_plan(nginx_site(build=build)).copies == [("/var/www/html", "/usr/share/nginx/html")]


@pytest.mark.parametrize(("text", "expected"), [
    (nginx_site(install=""), "1: artifact unknown: nginx is started but not installed by the build; which nginx "
                             "serves the site is unknown"),
    (nginx_site(install="RUN apt-get update && apt-get install -y nginx && sed -i 's/80/8080/' "
                        "/etc/nginx/sites-available/default\n"), "2: " + BY_HAND.format(2)),
    (nginx_site(install="RUN apt-get update && apt-get install -y nginx\nRUN echo 'gzip on;' | tee "
                        "/etc/nginx/conf.d/gzip.conf\n"), "3: " + BY_HAND.format(3)),
    (nginx_site(extra="ADD nginx.conf /etc/nginx/nginx.conf\n"), "8: " + BY_HAND.format(8)),
    (nginx_site(build="RUN npm run build\n"), UNKNOWN_ROOT),
    (nginx_site(build="RUN npm run build && cp -r $OUT /var/www/html\n"), UNKNOWN_ROOT),
    (nginx_site(build="RUN npm run build && cp -r dist/ /srv/www\n"), UNKNOWN_ROOT),
    (nginx_site(build="RUN npm run build && cp -r dist assets /var/www/html\n"), UNKNOWN_ROOT),
])
def test_static_site_skips(text: str, expected: str) -> None:
    assert verdict(text) == expected


# -- transforms/stage_split/manifests.py: what may stand between the sources' COPY and the install ---------------

import shutil  # noqa: E402

from transforms.stage_split.layout import render  # noqa: E402

NODE_APP = Path(__file__).resolve().parent.parent / "golden" / "multi-stage" / "node-sources-first"
MOVED = "package*.json copied before the install at line {} and the sources' COPY (line 3) moved after it, so the " \
        "dependency layer caches"
STAYS = "the install at line {} still follows the COPY of the sources (line 3): "


def node_split(tmp_path: Path, sources: str, between: str = "") -> tuple[str, str]:
    """The manifests note of the split's message and the output, for the Node app of node-sources-first."""
    for name in ("package.json", "package-lock.json", "tsconfig.json", ".dockerignore"):
        shutil.copy(NODE_APP / name, tmp_path / name)
    text = (f"FROM node:20\nWORKDIR /usr/src/app\n{sources}\n{between}RUN npm ci\nRUN npm run build\nEXPOSE 3000\n"
            "CMD [\"node\", \"dist/server.js\"]\n")
    s = subject(text, tmp_path)
    plan = analyze(s.doc, s.ctx)
    assert isinstance(plan, Plan), plan
    fix = render(plan)
    notes = [p for p in fix.message.split("; ") if "copied before the install" in p or "still follows" in p]
    assert len(notes) == 1, fix.message
    return notes[0], apply_edits(text, list(fix.edits))


@pytest.mark.parametrize(("sources", "between", "note"), [
    ("COPY . .", "", MOVED.format(4)),
    ("COPY --link . .", "", MOVED.format(4)),
    ("ADD . .", "", STAYS.format(4) + "ADD at line 3, which may unpack or fetch"),
    ("COPY --exclude=docs . .", "", STAYS.format(4) + "its --exclude flag"),
    ("COPY . .", "ENV NODE_ENV=development\n", MOVED.format(5)),
    ("COPY . .", "RUN apt-get update && apt-get install -y python3\n", MOVED.format(5)),
    ("COPY . .", "RUN apt-get update && apt-get install -y ./vendor/tool.deb\n",
     STAYS.format(5) + "line 4 runs apt-get between them, which may read the sources"),
    ("COPY . .", "RUN apk add --no-cache ./vendor/tool.apk\n",
     STAYS.format(5) + "line 4 runs apk between them, which may read the sources"),
    ("COPY . .", "RUN apt-get install -y ../tool\n", STAYS.format(5) + "line 4 runs apt-get between them, which may "
                                                    "read the sources"),
    ("COPY . .", "RUN npm cache clean --force\n", MOVED.format(5)),
    ("COPY . .", "RUN npm install -g pnpm\n", MOVED.format(5)),
    ("COPY . .", "RUN npm install --global turbo\n", MOVED.format(5)),
    ("COPY . .", "RUN npm config set fund false\n", MOVED.format(5)),
    ("COPY . .", "RUN yarn config set network-timeout 600000\n", MOVED.format(5)),
    ("COPY . .", "RUN corepack enable\n", MOVED.format(5)),
    ("COPY . .", "RUN npm run lint\n", STAYS.format(5) + "line 4 runs npm between them, which may read the sources"),
    ("COPY . .", "RUN rm -rf /tmp/x ~/.npm\n", MOVED.format(5)),
    ("COPY . .", "RUN rm -rf /usr/src/app/node_modules\n",
     STAYS.format(5) + "line 4 runs rm between them, which may read the sources"),
    ("COPY . .", "RUN rm -rf /usr/src/app\n", STAYS.format(5) + "line 4 runs rm between them, which may read the "
                                              "sources"),
    ("COPY . .", "RUN rm -rf /usr/src\n", STAYS.format(5) + "line 4 runs rm between them, which may read the sources"),
    ("COPY . .", "RUN rm -rf /usr/src/*\n", STAYS.format(5) + "line 4 runs rm between them, which may read the "
                                            "sources"),
    ("COPY . .", "RUN rm -rf /usr/src/application\n", MOVED.format(5)),
    ("COPY . .", "RUN rm -f .env\n", STAYS.format(5) + "line 4 runs rm between them, which may read the sources"),
    ("COPY . .", "RUN set -eux; true; :\n", MOVED.format(5)),
    ("COPY . .", "RUN pip install --upgrade pip setuptools\n", MOVED.format(5)),
    ("COPY . .", "RUN pip install -r requirements.txt\n",
     STAYS.format(5) + "line 4 runs pip between them, which may read the sources"),
    ("COPY . .", "RUN pip install -c constraints.txt wheel\n",
     STAYS.format(5) + "line 4 runs pip between them, which may read the sources"),
    ("COPY . .", "RUN pip install ./tools/lint\n", STAYS.format(5) + "line 4 runs pip between them, which may read "
                                                   "the sources"),
    ("COPY . .", "RUN pip install --upgrade\n", STAYS.format(5) + "line 4 runs pip between them, which may read the "
                                                "sources"),
    ("COPY . /usr/src/app", "WORKDIR /usr/src/app\n", MOVED.format(5)),
    ("COPY . .", "WORKDIR /usr/src/app\n", STAYS.format(5) + "WORKDIR at line 4 between them"),
    ("COPY . .", "VOLUME /data\n", STAYS.format(5) + "VOLUME at line 4 between them"),
])
def test_what_may_stand_between_the_sources_and_the_install(tmp_path: Path, sources: str, between: str,
                                                            note: str) -> None:
    assert node_split(tmp_path, sources, between)[0] == note


def test_the_manifests_copy_repeats_the_sources_ownership(tmp_path: Path) -> None:
    _, out = node_split(tmp_path, "COPY --chown=node:node --chmod=644 . .")
    assert "COPY --chown=node:node --chmod=644 package*.json ./\nRUN npm ci\nCOPY --chown=node:node --chmod=644 . .\n" \
        in out


# -- transforms/stage_split/rust.py --------------------------------------------------------------------------

CRATE = '[package]\nname = "api"\nversion = "0.1.0"\n'


def rust_verdict(tmp_path: Path, build: str, cmd: str = '["/app/target/release/api"]', cargo: str | None = CRATE,
                 base: str = "rust:1.82", pre: str = "") -> object:
    if cargo is not None:
        (tmp_path / "Cargo.toml").write_text(cargo)
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "main.rs").write_text("fn main() {}\n")
    text = f"FROM {base}\n{pre}WORKDIR /app\nCOPY . .\nRUN {build}\nCMD {cmd}\n"
    s = subject(text, tmp_path)
    found = analyze(s.doc, s.ctx)
    if isinstance(found, Plan):
        return found.runtime.image, found.copies, found.packages, found.evidence[0]
    assert isinstance(found, Finding)
    return f"{text.count(chr(10), 0, found.offset) + 1}: {found.message}"


BOOKWORM = ["ca-certificates", "libssl3"]
BY_NAME = " (the package name in Cargo.toml)"
NO_NAME = ("4: artifact unknown: cargo at line 4: the binary's name cannot be read (no --bin, Cargo.toml not in the "
           "build context or with several binaries)")



@pytest.mark.parametrize(("build", "cmd", "binary", "how"), [
    ("cargo build --release", '["/app/target/release/api"]', "/app/target/release/api", "target/release/api" + BY_NAME),
    ("cargo build -r", '["/app/target/release/api"]', "/app/target/release/api", "target/release/api" + BY_NAME),
    ("cargo build", '["/app/target/debug/api"]', "/app/target/debug/api", "target/debug/api" + BY_NAME),
    ("cargo build --profile prod", '["/app/target/prod/api"]', "/app/target/prod/api", "target/prod/api" + BY_NAME),
    ("cargo build --release --target x86_64-unknown-linux-musl",
     '["/app/target/x86_64-unknown-linux-musl/release/api"]', "/app/target/x86_64-unknown-linux-musl/release/api",
     "target/x86_64-unknown-linux-musl/release/api" + BY_NAME),
    ("cargo build --release --target-dir /out", '["/out/release/api"]', "/out/release/api",
     "/out/release/api" + BY_NAME),
    ("cargo build --release --bin worker", '["/app/target/release/worker"]', "/app/target/release/worker",
     "target/release/worker (--bin worker)"),
    ("cargo build --release && cp target/release/api /usr/local/bin/", '["api"]', "/usr/local/bin/api",
     "target/release/api" + BY_NAME),
])
def test_rust_binary(tmp_path: Path, build: str, cmd: str, binary: str, how: str) -> None:
    assert rust_verdict(tmp_path, build, cmd) == ("debian:bookworm-slim", [(binary, binary)], BOOKWORM,
                                                  f"cargo build at line 4 writes {how}")


@pytest.mark.parametrize(("cargo", "cmd", "expected"), [
    ('[package]\nname="api"\n[[bin]]\nname="srv"\n', '["/app/target/release/srv"]',
     ("debian:bookworm-slim", [("/app/target/release/srv", "/app/target/release/srv")], BOOKWORM,
      "cargo build at line 4 writes target/release/srv" + BY_NAME)),
    ('[package]\nname="api"\n[[bin]]\nname="srv"\n', '["/app/target/release/api"]',
     "4: artifact unknown: the start command runs api, not the binary the build writes (/app/target/release/srv)"),
    ('[package]\nname="api"\n[[bin]]\nname="a"\n[[bin]]\nname="b"\n', '["/app/target/release/a"]', NO_NAME),
    ('[package]\nname="api"\n[[bin]]\npath="src/x.rs"\n', '["/app/target/release/api"]', NO_NAME),
    ('[workspace]\nmembers=["x"]\n[package]\nname="api"\n', '["/app/target/release/api"]', NO_NAME),
    ('[package]\nversion="1"\n', '["/app/target/release/api"]', NO_NAME),
    ("not toml [", '["/app/target/release/api"]', NO_NAME),
    (None, '["/app/target/release/api"]', NO_NAME),
])
def test_rust_crate_name(tmp_path: Path, cargo: str | None, cmd: str, expected: object) -> None:
    assert rust_verdict(tmp_path, "cargo build --release", cmd, cargo) == expected


@pytest.mark.parametrize(("build", "cmd", "base", "pre", "expected"), [
    ("cargo build --release && cp target/release/api /usr/local/bin/", '["other"]', "rust:1.82", "",
     "4: artifact unknown: the start command runs other, not the binary the build writes (/usr/local/bin/api)"),
    ("cargo build --release", '["sh", "-c", "echo"]', "rust:1.82", "",
     "4: artifact unknown: the start command runs echo, not the binary the build writes (/app/target/release/api)"),
    ("cargo build --release && cp target/release/api /opt/", '["api"]', "rust:1.82", "",
     "4: artifact unknown: the start command runs api, not the binary the build writes (/opt/api)"),
    ("cargo install --path .", '["api"]', "rust:1.82", "", NO_NAME),
    ("cargo build --release", '["/app/target/release/api"]', "rust:1.82-alpine", "",
     ("alpine:3", [("/app/target/release/api", "/app/target/release/api")], [],
      "cargo build at line 4 writes target/release/api" + BY_NAME)),
    ("cargo build --release", '["/app/target/release/api"]', "rust:1.80-bullseye", "",
     ("debian:bullseye-slim", [("/app/target/release/api", "/app/target/release/api")],
      ["ca-certificates", "libssl1.1"], "cargo build at line 4 writes target/release/api" + BY_NAME)),
    ("cargo build --release", '["/app/target/release/api"]', "myrust:1", "",
     "1: no runtime base known: myrust:1 is not an official rust image"),
    ("cargo build --release", '["/app/target/release/api"]', "rust:1.82",
     "RUN apt-get update && apt-get install -y libpq-dev curl pkg-config\n",
     ("debian:bookworm-slim", [("/app/target/release/api", "/app/target/release/api")],
      ["ca-certificates", "libssl3", "curl", "libpq5"], "cargo build at line 5 writes target/release/api" + BY_NAME)),
    ("cargo build --release", '["/app/target/release/api"]', "rust:1.82", "RUN wget -q https://x/y.tgz\n",
     "2: build changes the image: RUN at line 2 runs wget; cannot tell whether the runtime stage needs what it "
     "changes"),
])
def test_rust_plan(tmp_path: Path, build: str, cmd: str, base: str, pre: str, expected: object) -> None:
    assert rust_verdict(tmp_path, build, cmd, CRATE, base, pre) == expected


def test_rust_probe_tools_join_the_runtime_packages(tmp_path: Path) -> None:
    (tmp_path / "Cargo.toml").write_text(CRATE)
    text = ("FROM rust:1.82\nWORKDIR /app\nCOPY . .\nRUN cargo build --release\n"
            "HEALTHCHECK CMD curl -f http://localhost:8000/health || exit 1\nCMD [\"/app/target/release/api\"]\n")
    s = subject(text, tmp_path)
    plan = analyze(s.doc, s.ctx)
    assert isinstance(plan, Plan)
    assert plan.packages == ["ca-certificates", "libssl3", "curl"]
    assert "CARGO_HOME" in plan.build_only_env


# -- transforms/stage_split/java.py --------------------------------------------------------------------------

BOOT_POM = ("<project><build><plugins><plugin><artifactId>spring-boot-maven-plugin</artifactId></plugin></plugins>"
            "</build></project>\n")
BOOT_GRADLE = 'plugins { id "org.springframework.boot" version "3.2.0" }\n'
MVN_JAR = ("eclipse-temurin:17-jre", [("/app/target/app.jar", "/app/target/app.jar")],
           ["mvn -B package -DskipTests at line 4 writes /app/target/app.jar (the start command's -jar)",
            "pom.xml uses spring-boot-maven-plugin: the jar carries its dependencies"])
NOT_JAR = "1: artifact unknown: the start command does not run `java -jar FILE.jar` with a literal file"
NO_FAT = ("4: artifact unknown: the jar may need files beside it: it names no plugin that packages the dependencies "
          "into the jar; split by hand")


def java_verdict(tmp_path: Path, build: str = "mvn -B package -DskipTests",
                 cmd: str = '["java", "-jar", "target/app.jar"]', base: str = "maven:3.9-eclipse-temurin-17",
                 files: dict[str, str] | None = None, pre: str = "", post: str = "") -> object:
    for name, content in (files if files is not None else {"pom.xml": BOOT_POM}).items():
        (tmp_path / name).write_text(content)
    text = f"FROM {base}\n{pre}WORKDIR /app\nCOPY . .\nRUN {build}\n{post}CMD {cmd}\n"
    s = subject(text, tmp_path)
    found = analyze(s.doc, s.ctx)
    if isinstance(found, Plan):
        assert found.runtime.reason == f"the {found.ecosystem} image's JDK as a JRE (eclipse-temurin -jre)"
        assert "MAVEN_OPTS" in found.build_only_env
        return found.runtime.image, found.copies, found.evidence, *([found.packages] if found.packages else [])
    assert isinstance(found, Finding)
    return f"{text.count(chr(10), 0, found.offset) + 1}: {found.message}"


@pytest.mark.parametrize(("kwargs", "expected"), [
    ({}, MVN_JAR),
    ({"cmd": '["java", "-Xmx512m", "-jar", "/app/target/app.jar", "--server.port=8080"]'}, MVN_JAR),
    ({"cmd": '["/opt/java/openjdk/bin/java", "-jar", "target/app.jar"]'}, MVN_JAR),
    ({"cmd": '["java", "-jar"]'}, NOT_JAR),
    ({"cmd": '["java", "-jar", "target/app.war"]'}, NOT_JAR),
    ({"cmd": '["java", "-jar", "target/$APP.jar"]'}, NOT_JAR),
    ({"cmd": '["java", "-jar", "target/*.jar"]'}, NOT_JAR),
    ({"cmd": '["java", "-cp", "target/app.jar", "Main"]'}, NOT_JAR),
    ({"cmd": '["javaw", "-jar", "target/app.jar"]'}, NOT_JAR),
    ({"base": "maven:3.9-eclipse-temurin-17@sha256:" + "a" * 64},
     "1: no runtime base known: maven:3.9-eclipse-temurin-17@sha256:" + "a" * 64 + " is not a maven image that "
     "names its eclipse-temurin JDK"),
    ({"build": "gradle build --no-daemon", "cmd": '["java", "-jar", "build/libs/app.jar"]', "base": "gradle:8.5-jdk17",
      "files": {"build.gradle": BOOT_GRADLE}},
     ("eclipse-temurin:17-jre", [("/app/build/libs/app.jar", "/app/build/libs/app.jar")],
      ["gradle build --no-daemon at line 4 writes /app/build/libs/app.jar (the start command's -jar)",
       "build.gradle uses org.springframework.boot: the jar carries its dependencies"])),
    ({"build": "gradle bootJar", "cmd": '["java", "-jar", "build/libs/app.jar"]', "base": "gradle:8.5-jdk17",
      "files": {"build.gradle.kts": 'plugins { id("com.gradleup.shadow") }\n'}},
     ("eclipse-temurin:17-jre", [("/app/build/libs/app.jar", "/app/build/libs/app.jar")],
      ["gradle bootJar at line 4 writes /app/build/libs/app.jar (the start command's -jar)",
       "build.gradle.kts uses com.gradleup.shadow: the jar carries its dependencies"])),
    ({"build": "gradle build", "cmd": '["java", "-jar", "build/libs/app.jar"]', "base": "gradle:8.5-jdk17",
      "files": {"build.gradle": 'apply plugin: "java"\n'}}, NO_FAT),
    ({"build": "gradle build", "cmd": '["java", "-jar", "target/app.jar"]', "base": "gradle:8.5-jdk17",
      "files": {"build.gradle": BOOT_GRADLE}},
     "4: artifact unknown: the start command runs /app/target/app.jar, not a jar in the build/libs/ folder the build "
     "at line 4 writes"),
    ({"files": {"pom.xml": BOOT_POM.replace("</plugins>", "<plugin><addClasspath>true</addClasspath></plugin>"
                                                          "</plugins>")}},
     "4: artifact unknown: the jar may need files beside it: it uses addClasspath; split by hand"),
    ({"files": {"pom.xml": "<project/>\n"}}, NO_FAT),
    ({"files": {"pom.xml": "<descriptorRef>jar-with-dependencies</descriptorRef>"}},
     (*MVN_JAR[:2], [MVN_JAR[2][0], "pom.xml uses jar-with-dependencies: the jar carries its dependencies"])),
    ({"files": {"pom.xml": "<groupId>org.springframework.boot</groupId>"}},
     (*MVN_JAR[:2], [MVN_JAR[2][0], "pom.xml uses org.springframework.boot: the jar carries its dependencies"])),
    ({"files": {}}, "4: artifact unknown: pom.xml is not in the build context, so whether the jar carries its "
                    "dependencies is unknown; split by hand (or run dockmod with --context)"),
    ({"build": "gradle build", "cmd": '["java", "-jar", "build/libs/app.jar"]', "base": "gradle:8.5-jdk17",
      "files": {}}, "4: artifact unknown: build.gradle or build.gradle.kts is not in the build context, so whether the "
                    "jar carries its dependencies is unknown; split by hand (or run dockmod with --context)"),
    ({"pre": "RUN curl -fsSL https://x/y -o /y\n"},
     "2: build changes the image: RUN at line 2 runs curl; cannot tell whether the runtime stage needs what it "
     "changes"),
    ({"pre": "RUN apt-get update && apt-get install -y fontconfig\n"},
     "1: the build installs system packages: which of them the program needs at run time is unknown; split by hand"),
    ({"build": "cd sub && mvn package", "cmd": '["java", "-jar", "sub/target/app.jar"]'},
     "4: artifact unknown: pom.xml is not in the build context, so whether the jar carries its dependencies is "
     "unknown; split by hand (or run dockmod with --context)"),
    ({"post": "HEALTHCHECK CMD wget -qO- http://localhost:8080/actuator/health || exit 1\n"}, (*MVN_JAR, ["wget"])),
])
def test_java_plan(tmp_path: Path, kwargs: dict[str, object], expected: object) -> None:
    assert java_verdict(tmp_path, **kwargs) == expected  # type: ignore[arg-type]


def _writer_of(tmp_path: Path | None, copies: str, path: str) -> tuple[int, str | None] | None:
    from transforms.stage_split import manifests

    if tmp_path is not None:
        for name in ("package.json", "web/package.json"):
            (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / name).write_text("{}\n")
    s = subject(f"FROM node:20\nWORKDIR /app\n{copies}RUN npm ci\nCMD [\"node\", \"x.js\"]\n", tmp_path)
    found = manifests._writer(s, path, s.stage.body()[-2])
    return None if found is None else (found[0].lineno, found[1])


@pytest.mark.parametrize(("copies", "path", "expected"), [
    ("COPY . .\n", "/app/package.json", (3, ".")),
    ("COPY ./ /app/\n", "/app/package.json", (3, ".")),
    ("COPY web /app/web\n", "/app/web/package.json", (3, "web")),
    ("COPY /web /app/web\n", "/app/web/package.json", (3, "web")),  # a source is relative to the context root
    ("COPY web /app/web\n", "/app/web/missing.json", None),
    ("COPY package*.json ./\n", "/app/package.json", (3, None)),  # the file itself
    ("COPY w*/package.json ./web/\n", "/app/web/package.json", (3, None)),
    ("COPY package.json /app/package.json\n", "/app/package.json", (3, None)),
    ("COPY package.json /app/\n", "/app/package.json", (3, None)),
    ("COPY package.json web/package.json ./\n", "/app/package.json", (3, None)),
    ("COPY package.json x.json\n", "/app/package.json", None),
    ("COPY a**b ./\n", "/app/package.json", None),  # a pattern Path.glob refuses brings nothing we can name
    ("COPY package.json ./\nCOPY . .\n", "/app/package.json", (4, ".")),  # the last writer
    ("COPY . .\nCOPY --from=deps /app/node_modules ./node_modules\n", "/app/package.json", (3, ".")),
    ("COPY . .\nCOPY --from=deps /app/ ./\n", "/app/package.json", (4, None)),  # may write it: not from the context
    ("COPY . .\nCOPY $SRC ./\n", "/app/package.json", (4, None)),
    ("COPY . .\nCOPY <<EOF /etc/x\nx\nEOF\n", "/app/package.json", (3, ".")),
])
def test_writer_of_a_manifest(tmp_path: Path, copies: str, path: str, expected: tuple[int, str | None] | None
                              ) -> None:
    assert _writer_of(tmp_path, copies, path) == expected


@pytest.mark.parametrize(("copies", "path", "expected"), [
    ("COPY . .\n", "/app/package.json", (3, ".")),  # only the context root is surely a folder
    ("COPY ./ /app/\n", "/app/package.json", (3, ".")),
    ("COPY . /srv\n", "/app/package.json", None),
    ("COPY src/ /app\n", "/app/package.json", None),
])
def test_writer_of_a_manifest_without_the_context(copies: str, path: str, expected: object) -> None:
    assert _writer_of(None, copies, path) == expected


@pytest.mark.parametrize(("copy", "path", "expected"), [
    ("COPY --from=deps /x", "/app/package.json", True),  # one word: the destination is unknown
    ("COPY --from=deps /x $DEST", "/app/package.json", True),
    ("COPY --from=deps /x /app/package.json", "/app/package.json", True),
    ("COPY --from=deps /x /app", "/app/package.json", True),
    ("COPY --from=deps /x /app/", "/app/package.json", True),
    ("COPY --from=deps /x .", "/app/package.json", True),  # relative to WORKDIR
    ("COPY --from=deps /x /app/node_modules", "/app/package.json", False),
    ("COPY --from=deps /x /", "/app/package.json", True),
    ("COPY --from=deps /x /ap", "/app/package.json", False),
])
def test_may_write(copy: str, path: str, expected: bool) -> None:
    from transforms.stage_split import manifests

    s = subject(f"FROM node:20\nWORKDIR /app\n{copy}\nCMD [\"node\", \"x.js\"]\n")
    assert manifests._may_write(s, s.stage.body()[1], path) is expected


def test_may_write_under_an_unknown_workdir() -> None:
    from transforms.stage_split import manifests

    s = subject("FROM node:20\nARG D\nWORKDIR $D\nCOPY --from=deps /x app\nCMD [\"node\", \"x.js\"]\n")
    assert manifests._may_write(s, s.stage.body()[2], "/app/package.json")


LOCAL_NM = ("no .dockerignore leaves out web/node_modules, so the sources' COPY after the install could write a "
            "local node_modules over the installed one")


@pytest.mark.parametrize(("ignore", "writes", "expected"), [
    (None, ["/app/node_modules"], LOCAL_NM),
    ("web/node_modules\n", ["/app/node_modules"], None),
    ("**/node_modules\n", ["/app/node_modules"], None),
    ("node_modules\n", ["/app/node_modules"], LOCAL_NM),  # a bare name is the context root's only
    (None, ["/opt/venv"], None),  # outside the sources' folder: the COPY cannot reach it
    (None, ["/application"], None),
    (None, ["/app"], "no .dockerignore leaves out web, so the sources' COPY after the install could write a local "
                     "web over the installed one"),
    ("web/venv\n", ["/opt/x", "/app/.venv"], "no .dockerignore leaves out web/.venv, so the sources' COPY after the "
                                             "install could write a local .venv over the installed one"),
    ("web/.venv\n", ["/app/.venv/"], None),
])
def test_overwritten(tmp_path: Path, ignore: str | None, writes: list[str], expected: str | None) -> None:
    from transforms.stage_split import manifests

    if ignore is not None:
        (tmp_path / ".dockerignore").write_text(ignore)
    s = subject("FROM node:20\nCOPY web /app\nRUN npm ci\nCMD [\"node\", \"x.js\"]\n", tmp_path)
    assert manifests._overwritten(s, s.stage.body()[0], "web", writes) == expected
    if ignore is None and expected is not None:  # no context at all: nothing is known to be left out
        s = subject("FROM node:20\nCOPY web /app\nRUN npm ci\nCMD [\"node\", \"x.js\"]\n")
        assert manifests._overwritten(s, s.stage.body()[0], "web", writes) == expected


def test_context_rel(tmp_path: Path) -> None:
    from transforms.stage_split import manifests

    (tmp_path / "web").mkdir()
    s = subject("FROM node:20\nCMD [\"node\"]\n", tmp_path)
    assert manifests.context_rel(s, tmp_path / "web" / "package.json") == "web/package.json"
    assert manifests.context_rel(s, tmp_path.parent / "x") is None
    assert manifests.context_rel(subject("FROM node:20\nCMD [\"node\"]\n"), tmp_path / "web") is None


def _first(tmp_path: Path, body: str, primary: object, needs: object, single_dest: str = "./") -> object:
    """manifests.first over ``body`` (a Node stage with a .dockerignore leaving out node_modules): None, the
    reason, or (output, evidence, after_build)."""
    from transforms.stage_split import manifests

    for name in ("package.json", "web/package.json"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("{}\n")
    (tmp_path / ".dockerignore").write_text("**/node_modules\n")
    text = f"FROM node:20\n{body}CMD [\"node\", \"x.js\"]\n"
    s = subject(text, tmp_path)
    installs = [c for c in s.commands if c.argv[:2] == ("npm", "ci")]
    s.build = [c for c in s.commands if c.argv[:3] == ("npm", "run", "build")] or installs
    found = manifests.first(s, installs, primary, needs, single_dest)  # type: ignore[arg-type]
    if isinstance(found, manifests.Reorder):
        return apply_edits(text, list(found.edits)), found.evidence, found.after_build
    return found


def _lock(c: object, folder: str) -> object:
    from transforms.stage_split.manifests import Needs

    return Needs([("package.json", "/app"), ("package-lock.json", "/app")], "package.json package-lock.json",
                 writes=["/app/node_modules"])


def _root_manifest(c: object) -> str:
    return "/app/package.json"


def _web_or_root(c: object) -> str:
    return "/app/web/package.json" if "cd web" in c.ins.args else "/app/package.json"  # type: ignore[attr-defined]


SOURCES_THEN_INSTALL = "WORKDIR /app\nCOPY . .\nRUN npm ci\nRUN npm run build\n"
CACHES = "copied before the install at line {} and the sources' COPY (line {}) moved after it, so the dependency " \
         "layer caches"


@pytest.mark.parametrize(("body", "primary", "expected"), [
    (SOURCES_THEN_INSTALL, lambda c: None, None),  # no manifest known
    ("WORKDIR /app\nCOPY x.txt /x.txt\nRUN npm ci\nRUN npm run build\n", _root_manifest, None),  # nothing writes it
    ("WORKDIR /app\nCOPY --from=deps /app ./\nRUN npm ci\nRUN npm run build\n", _root_manifest, None),
    ("WORKDIR /app\nCOPY package.json ./\nRUN npm ci\nRUN npm run build\n", _root_manifest, None),  # first already
    (SOURCES_THEN_INSTALL, _root_manifest,
     ("FROM node:20\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci\nCOPY . .\nRUN npm run build\n"
      "CMD [\"node\", \"x.js\"]\n", "package.json package-lock.json " + CACHES.format(4, 3), None)),
    ("WORKDIR /app\nCOPY . .\nRUN npm ci\n", _root_manifest,  # the install ends the build: the COPY ends it too
     ("FROM node:20\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci\nCMD [\"node\", \"x.js\"]\n",
      "package.json package-lock.json " + CACHES.format(4, 3), "COPY . .\n")),
    ("WORKDIR /app\nCOPY . .\nRUN npm ci\nRUN cd web && npm ci\nRUN npm run build\n", _web_or_root,
     ("FROM node:20\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci\nRUN cd web && npm ci\n"
      "COPY . .\nRUN npm run build\nCMD [\"node\", \"x.js\"]\n", "package.json package-lock.json "
      + CACHES.format(4, 3), None)),
    ("WORKDIR /app\nCOPY . .\nRUN npm ci\nCOPY web /app/web\nRUN cd web && npm ci\nRUN npm run build\n", _web_or_root,
     "the install at line 4 still follows the COPY of the sources (line 3): the manifests arrive through two folder "
     "COPYs (lines 3 and 5)"),
    ("ARG D\nWORKDIR $D\nCOPY . .\nRUN npm ci\nRUN npm run build\n", lambda c: "/package.json",
     "the install at line 5 still follows the COPY of the sources (line 4): the WORKDIR at line 5 is unknown"),
    ("WORKDIR /app\nCOPY . .\n  # deps\n  RUN npm ci\nRUN npm run build\n", _root_manifest,
     ("FROM node:20\nWORKDIR /app\n  COPY package.json package-lock.json ./\n  # deps\n  RUN npm ci\nCOPY . .\n"
      "RUN npm run build\nCMD [\"node\", \"x.js\"]\n", "package.json package-lock.json " + CACHES.format(5, 3), None)),
    ("WORKDIR /app\n# sources\nCOPY . .\nRUN npm ci\nRUN npm run build\n", _root_manifest,
     ("FROM node:20\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci\n# sources\nCOPY . .\n"
      "RUN npm run build\nCMD [\"node\", \"x.js\"]\n", "package.json package-lock.json " + CACHES.format(5, 4), None)),
])
def test_first(tmp_path: Path, body: str, primary: object, expected: object) -> None:
    assert _first(tmp_path, body, primary, _lock) == expected


def test_first_says_why_the_install_reads_more(tmp_path: Path) -> None:
    assert _first(tmp_path, SOURCES_THEN_INSTALL, _root_manifest, lambda c, f: "its postinstall script") == (
        "the install at line 4 still follows the COPY of the sources (line 3): its postinstall script")


@pytest.mark.parametrize(("files", "single_dest", "copies"), [
    ([("package.json", "/app")], "./", "COPY package.json ./\n"),
    ([("package.json", "/app")], "package.json", "COPY package.json package.json\n"),  # one file: the caller's name
    ([("*.json", "/app")], "package.json", "COPY *.json ./\n"),  # a glob goes into the folder
    ([("web/package.json", "/app/web"), ("shared/*.json", "/shared")], "./",
     "COPY web/package.json web/\nCOPY shared/*.json /shared/\n"),  # below WORKDIR: relative; above it: absolute
])
def test_first_groups_the_manifests_by_folder(tmp_path: Path, files: list[tuple[str, str]], single_dest: str,
                                              copies: str) -> None:
    from transforms.stage_split.manifests import Needs

    found = _first(tmp_path, SOURCES_THEN_INSTALL, _root_manifest, lambda c, f: Needs(files, "the manifests"),
                   single_dest)
    assert isinstance(found, tuple)
    assert found[0] == (f"FROM node:20\nWORKDIR /app\n{copies}RUN npm ci\nCOPY . .\nRUN npm run build\n"
                        "CMD [\"node\", \"x.js\"]\n")
    assert found[1] == "the manifests " + CACHES.format(4, 3)


# -- transforms/stage_split/go.py ----------------------------------------------------------------------------

GO_MOD = "module github.com/acme/api/v2\n\ngo 1.22\n"
DISTROLESS = "gcr.io/distroless/static-debian12"
STATIC = "CGO_ENABLED=0 written down: a static binary"
CGO = "cgo left on (the default)"
OUT_APP = [("/out/app", "/out/app")]
SRC = "WORKDIR /src\nCOPY . .\n"
GO_UNKNOWN = "4: artifact unknown: go at line 4 gives no -o and its binary's name cannot be read (go.mod not in the " \
             "build context)"


def go_verdict(tmp_path: Path, body: str, cmd: str = '["/out/app"]', gomod: str | None = GO_MOD,
               base: str = "golang:1.22", dirs: tuple[str, ...] = (), options: dict[str, str] | None = None,
               tail: str = "") -> object:
    if gomod is not None:
        (tmp_path / "go.mod").write_text(gomod)
    (tmp_path / "main.go").write_text("package main\n")
    for d in dirs:
        (tmp_path / d).mkdir(parents=True)
    text = f"FROM {base}\n{body}{tail}CMD {cmd}\n"
    ctx = Context(path=tmp_path / "Dockerfile", project=Project(), context_dir=tmp_path,
                  options={"multi-stage": options} if options else {})
    found = analyze(parse(text), ctx)
    if isinstance(found, Plan):
        assert "CGO_ENABLED" in found.build_only_env
        return found.runtime.image, found.copies, found.packages, found.evidence
    assert isinstance(found, Finding)
    return f"{text.count(chr(10), 0, found.offset) + 1}: {found.message}"


@pytest.mark.parametrize(("args", "expected"), [
    ((SRC + "RUN CGO_ENABLED=0 go build -o /out/app .\n",),
     (DISTROLESS, OUT_APP, [], ["`-o /out/app` of go build at line 4", STATIC])),
    ((SRC + "RUN export CGO_ENABLED=0 && go build -o /out/app .\n",),
     (DISTROLESS, OUT_APP, [], ["`-o /out/app` of go build at line 4", STATIC])),
    ((SRC + "RUN go build -o /out/app . && export CGO_ENABLED=0\n",),  # exported after the build: cgo stays on
     ("debian:bookworm-slim", OUT_APP, ["ca-certificates"], ["`-o /out/app` of go build at line 4", CGO])),
    (("ENV CGO_ENABLED=0\n" + SRC + "RUN go build -o /out/app .\n",),
     (DISTROLESS, OUT_APP, [], ["`-o /out/app` of go build at line 5", STATIC])),
    ((SRC + "RUN CGO_ENABLED=1 go build -o /out/app .\n",),
     ("debian:bookworm-slim", OUT_APP, ["ca-certificates"], ["`-o /out/app` of go build at line 4", CGO])),
    ((SRC + "RUN CGO_ENABLED=0 go build .\n", '["/src/api"]'),
     (DISTROLESS, [("/src/api", "/src/api")], [], ["go build at line 4 names it after the module path in go.mod",
                                                   STATIC])),
    ((SRC + "RUN CGO_ENABLED=0 go build ./\n", '["/src/api"]', 'module "example.com/api"\n'),
     (DISTROLESS, [("/src/api", "/src/api")], [], ["go build at line 4 names it after the module path in go.mod",
                                                   STATIC])),
    ((SRC + "RUN CGO_ENABLED=0 go build .\n", '["/src/v2"]', "module v2\n"),
     (DISTROLESS, [("/src/v2", "/src/v2")], [], ["go build at line 4 names it after the module path in go.mod",
                                                 STATIC])),
    ((SRC + "RUN CGO_ENABLED=0 go build .\n", '["/src/api"]', "go 1.22\n"), GO_UNKNOWN),
    ((SRC + "RUN CGO_ENABLED=0 go build .\n", '["/src/api"]', None), GO_UNKNOWN),
    ((SRC + "RUN CGO_ENABLED=0 go build ./cmd/server/\n", '["/src/server"]'),
     (DISTROLESS, [("/src/server", "/src/server")], [],
      ["go build at line 4 names it after the package folder ./cmd/server/", STATIC])),
    ((SRC + "RUN CGO_ENABLED=0 go build ./...\n", '["/src/api"]'), GO_UNKNOWN),
    ((SRC + "RUN CGO_ENABLED=0 go build ./cmd/a ./cmd/b\n", '["/src/a"]'), GO_UNKNOWN),
    ((SRC + "RUN CGO_ENABLED=0 go build github.com/acme/api\n", '["/src/api"]'), GO_UNKNOWN),
    (("ARG D\nWORKDIR $D\nCOPY . .\nRUN CGO_ENABLED=0 go build .\n", '["api"]'),
     "3: build too dynamic to see through: a path from a build argument or unknown variable, WORKDIR $D at line 3"),
    ((SRC + "RUN CGO_ENABLED=0 go install .\n", '["api"]'),
     (DISTROLESS, [("/go/bin/api", "/usr/local/bin/api")], [],
      ["go install at line 4 names it after the module path in go.mod",
       "api is found on golang's PATH in /go/bin; copied to /usr/local/bin, on the runtime's PATH", STATIC])),
    ((SRC + "RUN CGO_ENABLED=0 go install ./cmd/server\n", '["/go/bin/server"]'),
     (DISTROLESS, [("/go/bin/server", "/go/bin/server")], [],
      ["go install at line 4 names it after the package folder ./cmd/server", STATIC])),
    ((SRC + "RUN CGO_ENABLED=0 go build -o /usr/local/bin/app .\n", '["app"]'),
     (DISTROLESS, [("/usr/local/bin/app", "/usr/local/bin/app")], [],
      ["`-o /usr/local/bin/app` of go build at line 4", STATIC])),
    ((SRC + "RUN CGO_ENABLED=0 go build -o /opt/app .\n", '["app"]'),
     "4: artifact unknown: the start command runs app from PATH"),
    ((SRC + "RUN CGO_ENABLED=0 go build -o /out/app .\n", '["/out/other"]'),
     "4: artifact unknown: the start command runs other, not the binary the build writes (/out/app)"),
    ((SRC + "RUN CGO_ENABLED=0 go build -o /out/app .\n", "/out/app --port 80"),  # a shell-form CMD needs a shell
     ("debian:bookworm-slim", OUT_APP, ["ca-certificates"], ["`-o /out/app` of go build at line 4", STATIC])),
    ((SRC + "RUN CGO_ENABLED=0 go build -o /out/app .\n", '["/out/app"]', GO_MOD, "golang:1.22", (), None,
      "RUN mkdir -p /data\n"),
     ("debian:bookworm-slim", OUT_APP, ["ca-certificates"], ["`-o /out/app` of go build at line 4", STATIC])),
    ((SRC + "RUN CGO_ENABLED=0 go build -o /out/app .\n", '["/out/app", "/src/run.sh"]'),
     ("debian:bookworm-slim", [*OUT_APP, ("/src/run.sh", "/src/run.sh")], ["ca-certificates"],
      ["`-o /out/app` of go build at line 4", STATIC])),
    ((SRC + "RUN CGO_ENABLED=0 go build -o /out/app .\n", '["/out/app", "-c", "/src/config.yaml"]'),
     (DISTROLESS, [*OUT_APP, ("/src/config.yaml", "/src/config.yaml")], [],
      ["`-o /out/app` of go build at line 4", STATIC])),
    ((SRC + "RUN CGO_ENABLED=0 go build -o /out/app .\n", '["/out/app", "-c", "/etc/app.yaml"]'),
     (DISTROLESS, OUT_APP, [], ["`-o /out/app` of go build at line 4", STATIC])),  # not copied in by the build
    ((SRC + "RUN CGO_ENABLED=0 go build -o /out/app .\n", '["/out/app"]', GO_MOD, "golang:1.22",
      ("templates", "static", "docs")),
     (DISTROLESS, [*OUT_APP, ("/src/templates", "/src/templates"), ("/src/static", "/src/static")], [],
      ["`-o /out/app` of go build at line 4", STATIC,
       "the build context's templates/, static/ copied along (files a Go program reads at run time)"])),
    (("RUN apk add --no-cache go git\n" + SRC + "RUN go build -o /out/app .\n", '["/out/app"]', GO_MOD,
      "alpine:3.19"), ("alpine:3.19", OUT_APP, [], ["`-o /out/app` of go build at line 5", CGO])),
    ((SRC + "RUN go build -o /out/app .\n", '["/out/app"]', GO_MOD, "debian:12"),
     "1: no toolchain or full base to drop: debian:12 is not golang and installs no go package"),
    ((SRC + "RUN CGO_ENABLED=0 go build -o /out/app .\n", '["/out/app"]', GO_MOD, "golang:1.22", (),
      {"go-runtime": "scratch"}),
     ("scratch", [*OUT_APP, ("/etc/ssl/certs/ca-certificates.crt", "/etc/ssl/certs/ca-certificates.crt")], [],
      ["`-o /out/app` of go build at line 4", STATIC])),
    ((SRC + "RUN go build -o /out/app .\n", '["/out/app"]', GO_MOD, "golang:1.22", (), {"go-runtime": "scratch"}),
     "1: no runtime base known: golang:1.22 with multi-stage.go-runtime=scratch"),
    ((SRC + "RUN CGO_ENABLED=0 go build -o /out/app .\n", '["/out/app"]', GO_MOD, "golang:1.22-alpine", (), None,
      "HEALTHCHECK CMD wget -qO- http://localhost/ || exit 1\n"),
     ("alpine:3", OUT_APP, [], ["`-o /out/app` of go build at line 4", STATIC])),  # BusyBox has wget
    ((SRC + "RUN go build -o /out/app .\n", '["/out/app"]', GO_MOD, "golang:1.22", (), None,
      "HEALTHCHECK CMD curl -f http://localhost/ || exit 1\n"),
     ("debian:bookworm-slim", OUT_APP, ["ca-certificates", "curl"], ["`-o /out/app` of go build at line 4", CGO])),
    (("RUN apt-get update && apt-get install -y tzdata\n" + SRC + "RUN CGO_ENABLED=0 go build -o /out/app .\n",),
     ("debian:bookworm-slim", OUT_APP, ["ca-certificates", "tzdata"], ["`-o /out/app` of go build at line 5",
                                                                        STATIC])),
    ((SRC + "RUN go generate ./... && CGO_ENABLED=0 go build -o /out/app .\n",),
     (DISTROLESS, OUT_APP, [], ["`-o /out/app` of go build at line 4", STATIC])),
    ((SRC + "RUN wget -q https://x/y.tgz && CGO_ENABLED=0 go build -o /out/app .\n",),
     "4: build changes the image: RUN at line 4 runs wget; cannot tell whether the runtime stage needs what it "
     "changes"),
])
def test_go_plan(tmp_path: Path, args: tuple[object, ...], expected: object) -> None:
    assert go_verdict(tmp_path, *args) == expected  # type: ignore[arg-type]


# -- transforms/multi_stage.py: the planners' own gate ---------------------------------------------------------

PHP_APP = Path(__file__).resolve().parent.parent / "golden" / "multi-stage" / "php-fpm-copy-all"


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("", "", "Fix"),
    ('CMD ["php-fpm"]\n', "", "Fix"),  # the php image's own CMD runs: PHP needs none of its own
    ('CMD ["php-fpm"]\n', 'USER www-data\nCMD ["php-fpm"]\n', "Fix"),  # the runtime is the php image: it has the user
    ('CMD ["php-fpm"]\n', 'CMD ["sh", "-c", "composer install && php-fpm"]\n',
     "Finding: start command builds: composer install runs when the container starts, so the toolchain must stay"),
])
def test_php_keeps_only_the_start_rule(tmp_path: Path, old: str, new: str, expected: str) -> None:
    from transforms.multi_stage import run

    shutil.copy(PHP_APP / "composer.json", tmp_path / "composer.json")
    text = (PHP_APP / "php-fpm-copy-all.in.Dockerfile").read_text().replace(old, new) if old else (
        PHP_APP / "php-fpm-copy-all.in.Dockerfile").read_text()
    s = subject(text, tmp_path)
    results = list(run(s.doc, s.ctx))
    assert len(results) == 1
    got = type(results[0]).__name__
    assert (got if got == "Fix" else f"{got}: {results[0].message}") == expected


def test_no_stage_no_result() -> None:
    from transforms.multi_stage import run

    doc = parse("RUN apk add curl\n")
    assert analyze(doc, Context(project=Project())) is None
    assert list(run(doc, Context(project=Project()))) == []


def test_gate_uses() -> None:
    from transforms.stage_split.gate import uses

    s = subject("FROM node:20\nRUN npm ci && sudo npm run build\nCMD [\"node\"]\n")
    assert uses(s.commands, "npm")
    assert not uses(s.commands, "sudo")
    assert not uses([], "npm")


# -- transforms/stage_split/python.py: reading what pip installs ---------------------------------------------

def test_requirement_names_follow_nested_files(tmp_path: Path) -> None:
    from transforms.stage_split.python import _requirement_names

    (tmp_path / "base.txt").write_text("Django==5.0  # web\n# a comment\n\nrequests>=2\n--index-url https://x\n")
    (tmp_path / "prod.txt").write_text("-r base.txt\n--requirement=extra.txt\npsycopg2-binary\n")
    (tmp_path / "extra.txt").write_text("gunicorn\n")
    assert _requirement_names(tmp_path / "prod.txt") == ["Django==5.0", "requests>=2", "gunicorn", "psycopg2-binary"]
    assert _requirement_names(tmp_path / "missing.txt") is None
    (tmp_path / "broken.txt").write_text("-r missing.txt\nflask\n")
    assert _requirement_names(tmp_path / "broken.txt") is None


def test_requirement_names_give_up_on_deep_nesting(tmp_path: Path) -> None:
    from transforms.stage_split.python import _requirement_names

    for k in range(7):
        (tmp_path / f"r{k}.txt").write_text(f"-r r{k + 1}.txt\npkg{k}\n")
    (tmp_path / "r7.txt").write_text("last\n")
    assert _requirement_names(tmp_path / "r2.txt") == ["last", "pkg6", "pkg5", "pkg4", "pkg3", "pkg2"]  # depth 5
    assert _requirement_names(tmp_path / "r1.txt") is None  # six levels: past the limit


def test_project_names(tmp_path: Path) -> None:
    from transforms.stage_split.python import _project_names

    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n'
                                             'dependencies = ["fastapi", 3, "uvicorn[standard]"]\n')
    assert _project_names(tmp_path / "pyproject.toml") == ["fastapi", "uvicorn[standard]"]
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n')
    assert _project_names(tmp_path / "pyproject.toml") is None
    (tmp_path / "pyproject.toml").write_text('[tool.poetry]\nname = "x"\n')
    assert _project_names(tmp_path / "pyproject.toml") is None
    (tmp_path / "pyproject.toml").write_text('[project\n')
    assert _project_names(tmp_path / "pyproject.toml") is None
    assert _project_names(tmp_path / "missing.toml") is None


@pytest.mark.parametrize(("names", "family", "libs"), [
    (["psycopg2==2.9.9", "Django"], "debian", ["libpq5"]),
    (["psycopg2==2.9.9", "Django"], "alpine", ["libpq"]),
    (["mysqlclient>=2", "python_magic", "pyodbc;python_version>'3'"], "debian", ["libmariadb3", "libmagic1",
                                                                                "unixodbc"]),
    (["PSYCOPG[binary]~=3.1", " psycopg2 @ https://x/y.whl"], "alpine", ["libpq", "libpq"]),
    (["psycopg2-binary", "requests<3", "mysqlclient!=2.0"], "alpine", ["mariadb-connector-c"]),
    (["psycopg2"], "fedora", []),
])
def test_native_libs(names: list[str], family: str, libs: list[str]) -> None:
    from transforms.stage_split.python import _native_libs

    assert _native_libs(names, family) == libs


# -- transforms/stage_split/php.py: the helpers the composer stage is written from ---------------------------

@pytest.mark.parametrize(("image", "expected"), [
    ("php:8.3-fpm", True), ("php:8.2-apache-bookworm", True), ("php:8.3-cli-alpine", True), ("php:8.3", True),
    ("php", True), ("php:latest", True), ("php:8.3-zts", False), ("php:8.3-fpm-windowsservercore", False),
    ("php:${PHP_VERSION}-fpm", False), ("php:8.3-rc", False), ("composer:2", False), ("myorg/php:8.3-fpm", False),
])
def test_is_php_runtime(image: str, expected: bool) -> None:
    from transforms.stage_split.php import _is_php_runtime

    assert _is_php_runtime(image) is expected


@pytest.mark.parametrize(("run", "argv", "verb"), [
    ("composer install --no-dev", ["composer", "install", "--no-dev"], "install"),
    ("/usr/local/bin/composer -n i", ["/usr/local/bin/composer", "-n", "i"], "i"),
    ("php composer.phar install", ["composer.phar", "install"], "install"),
    ("php /opt/composer.phar --no-interaction", ["/opt/composer.phar", "--no-interaction"], ""),
    ("php artisan migrate", None, None),
    ("php", None, None),
    ("composer-setup install", None, None),
])
def test_composer_argv_and_verb(run: str, argv: list[str] | None, verb: str | None) -> None:
    from transforms.stage_split.php import _composer_argv, _verb

    s = subject(f"FROM php:8.3-fpm\nRUN {run}\nCMD [\"php-fpm\"]\n")
    found = _composer_argv(s.commands[0])
    assert found == argv
    if found is not None:
        assert _verb(found) == verb


def test_php_json(tmp_path: Path) -> None:
    from transforms.stage_split.php import _json

    assert _json(None) is None
    assert _json(tmp_path / "missing.json") is None
    (tmp_path / "a.json").write_text('{"require": {}}')
    assert _json(tmp_path / "a.json") == {"require": {}}
    (tmp_path / "a.json").write_text("[1]")
    assert _json(tmp_path / "a.json") is None
    (tmp_path / "a.json").write_text("{")
    assert _json(tmp_path / "a.json") is None


def test_required_exts() -> None:
    from transforms.stage_split.php import _required_exts

    manifest = {"require": {"php": ">=8.1", "ext-intl": "*", "ext-Zend-OPcache": "*", "laravel/framework": "^10"}}
    lock = {"packages": [{"name": "a/b", "require": {"ext-gd": "*", "ext-intl": "*"}}, {"require": {"ext-zip": "*"}},
                         "junk", {"name": "c/d", "require": None}]}
    assert _required_exts(manifest, lock) == {"intl": "composer.json", "zend-opcache": "composer.json", "gd": "a/b",
                                              "zip": "a locked package"}
    assert _required_exts({"require": None}, None) == {}
    assert _required_exts({}, {"packages": None}) == {}


@pytest.mark.parametrize(("argv", "expected"), [
    (["composer", "install"], "composer install --no-dev --prefer-dist --optimize-autoloader --no-scripts "
                              "--no-interaction"),
    (["composer", "i", "--classmap-authoritative", "--no-dev", "--prefer-source"],
     "composer install --classmap-authoritative --no-dev --prefer-source --no-scripts --no-interaction"),
    (["composer", "install", "-n", "-a", "--prefer-install=dist"],
     "composer install -n -a --prefer-install=dist --no-dev --no-scripts"),
    (["composer", "install", "--no-autoloader", "--no-scripts"],
     "composer install --no-autoloader --no-scripts --no-dev --prefer-dist --no-interaction"),
])
def test_new_install(argv: list[str], expected: str) -> None:
    from transforms.stage_split.php import _new_install

    assert _new_install(argv) == expected


@pytest.mark.parametrize(("argv", "no_dev", "expected"), [
    (["composer", "dump-autoload", "-o"], True, "composer dump-autoload -o --no-dev --no-scripts"),
    (["composer", "dump-autoload", "--no-dev"], False, "composer dump-autoload --no-dev --no-scripts"),
    (["composer", "dumpautoload"], False, "composer dumpautoload --no-scripts"),
    (["composer", "dump-autoload", "--no-scripts", "--no-dev"], True, "composer dump-autoload --no-scripts --no-dev"),
])
def test_new_dump(argv: list[str], no_dev: bool, expected: str) -> None:
    from transforms.stage_split.php import _new_dump

    assert _new_dump(argv, no_dev) == expected


@pytest.mark.parametrize(("text", "tool", "expected"), [
    ("git clone x", "git", True), ("cd /x && git pull", "git", True), ("exec $(git describe)", "git", True),
    ("(git log)", "git", True), ("echo `git rev-parse HEAD`", "git", True), ("legit x", "git", False),
    ("git-lfs pull", "git", False), ("a;git", "git", True), ("x\ngit status", "git", True), ("unzip", "unzip", True),
])
def test_calls(text: str, tool: str, expected: bool) -> None:
    from transforms.stage_split.php import _calls

    assert _calls(text, tool) is expected


@pytest.mark.parametrize(("copy", "expected"), [
    ("COPY composer.json composer.lock ./", True), ("COPY composer.* ./", True), ("COPY ./composer.json /app/", True),
    ("COPY composer.json package.json ./", False), ("COPY . .", False), ("COPY /app", False),
])
def test_manifest_only(copy: str, expected: bool) -> None:
    from transforms.stage_split.php import _manifest_only

    s = subject(f"FROM php:8.3-fpm\n{copy}\nCMD [\"php-fpm\"]\n")
    assert _manifest_only(s.stage.body()[0]) is expected


def test_an_inherited_workdir_is_kept_where_the_runtime_image_sets_another() -> None:
    """The program runs where it ran before: a base image's own WORKDIR (composer's /app, golang's /go) is
    written in the runtime when the runtime image does not set the same one."""
    text = "FROM composer:2\nRUN make\nCMD [\"/app/out\"]\n"
    s = subject(text)
    assert s.model.workdir_at(None) == "/app"
    s.build = [c for c in s.commands if c.tool == "make"]
    plan = Plan(s, "test", RuntimeChoice("alpine:3", "test"), [("/app/out", "/app/out")], ["test"])
    out = apply_edits(text, list(layout.render(plan).edits))
    assert out.endswith("FROM alpine:3 AS runtime\nWORKDIR /app\nCOPY --from=build /app/out /app/out\n"
                        "CMD [\"/app/out\"]\n")
    same = Plan(s, "test", RuntimeChoice("composer:2", "test"), [("/app/out", "/app/out")], ["test"])
    assert "WORKDIR" not in apply_edits(text, list(layout.render(same).edits))  # the runtime image sets /app too


# -- transforms/stage_split/node.py: the build, the start file and the output folders --------------------------

@pytest.mark.parametrize(("run", "expected"), [
    ("npm run build", True), ("yarn build", True), ("pnpm run build", True), ("npx tsc -p .", True),
    ("npx vite build", True), ("npx nest build", True), ("npx vite", False), ("npm ci", False), ("tsc", False),
    ("npx", False),
])
def test_node_is_build(run: str, expected: bool) -> None:
    from transforms.stage_split.node import _is_build

    s = subject(f"FROM node:20\nRUN {run}\nCMD [\"node\"]\n")
    assert _is_build(s.commands[0]) is expected


def _node_subject(tmp_path: Path, cmd: str, package: str | None = None, extra: dict[str, str] | None = None
                  ) -> Subject:
    if package is not None:
        (tmp_path / "package.json").write_text(package)
    for name, content in (extra or {}).items():
        (tmp_path / name).write_text(content)
    s = subject(f"FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm run build\nCMD {cmd}\n", tmp_path)
    s.build = [c for c in s.commands if c.tool == "npm"]
    return s


@pytest.mark.parametrize(("cmd", "package", "expected"), [
    ('["node", "dist/main.js"]', None, ("dist/main.js", "CMD/ENTRYPOINT")),
    ('["node", "--enable-source-maps", "./dist/main.js"]', None, ("dist/main.js", "CMD/ENTRYPOINT")),
    ('["node"]', None, (None, "")),
    ('["node", "--inspect"]', None, (None, "CMD/ENTRYPOINT")),
    ('["deno", "run", "main.ts"]', None, (None, "")),
    ('["npm", "start"]', '{"scripts": {"start": "node server/index.js"}}',
     ("server/index.js", "package.json scripts.start")),
    ('["npm", "start"]', '{"main": "lib/app.js"}', ("lib/app.js", "package.json scripts.start")),
    ('["npm", "start"]', '{"main": 3}', (None, "")),
    ('["npm", "run", "serve"]', '{"scripts": {"serve": "node dist/serve.js"}}',
     ("dist/serve.js", "package.json scripts.serve")),
    ('["yarn", "run", "serve"]', '// a comment line\n{"scripts": {"serve": "node dist/serve.js"}}',
     ("dist/serve.js", "package.json scripts.serve")),
    ('["npm", "run"]', '{"scripts": {"start": "node a.js"}}', (None, "")),
    ('["npm", "test"]', '{"scripts": {"test": "node a.js"}}', (None, "")),
    ('["npm", "start"]', None, (None, "")),
    ('["npm", "start"]', "[1]", (None, "")),
    ('["npm", "start"]', "{", (None, "")),
    ('["npm", "start"]', '{"scripts": {"start": "next start"}}', (None, "")),
    ('["npm"]', None, (None, "")),
])
def test_node_start_file(tmp_path: Path, cmd: str, package: str | None, expected: tuple[str | None, str]) -> None:
    from transforms.stage_split.node import _start_file

    assert _start_file(_node_subject(tmp_path, cmd, package), "/app") == expected


@pytest.mark.parametrize(("extra", "first"), [
    ({}, {}),
    ({"tsconfig.json": '{\n  // built here\n  "compilerOptions": {"outDir": "./build/server"}\n}'},
     {"build": "tsconfig.json outDir"}),
    ({"tsconfig.json": '{"compilerOptions": {"outDir": 1}}'}, {}),
    ({"tsconfig.json": '{"compilerOptions": null}'}, {}),
    ({"nest-cli.json": '{"sourceRoot": "src"}'}, {"dist": "nest-cli.json (nest build writes dist/)"}),
    ({"nest-cli.json": '{"sourceRoot": "src"}', "tsconfig.json": '{"compilerOptions": {"outDir": "dist"}}'},
     {"dist": "tsconfig.json outDir"}),
])
def test_node_output_dirs(tmp_path: Path, extra: dict[str, str], first: dict[str, str]) -> None:
    from transforms.stage_split.node import _output_dirs

    found = _output_dirs(_node_subject(tmp_path, '["node", "x.js"]', None, extra), "/app")
    usual = {d: "the build output folder" for d in ("dist", "build", ".next", "out", "lib")}
    assert found == {**usual, **first}
    assert list(found)[:len(first)] == list(first)


REQS = "Django==5.0.6\npsycopg2==2.9.9\ngunicorn==22.0.0\n"
VENV_PATH = ['PATH="/opt/venv/bin:$PATH"']
NEW_VENV = "into a virtualenv /opt/venv created just before it (same interpreter path in both stages)"
PY_REQ = "WORKDIR /app\nCOPY requirements.txt .\n"
PY_APP = [("/opt/venv", "/opt/venv"), ("/app", "/app")]


def py_verdict(tmp_path: Path, body: str, cmd: str = '["gunicorn", "app.wsgi"]', base: str = "python:3.12",
               req: str | None = REQS, options: dict[str, str] | None = None, tail: str = "") -> object:
    if req is not None:
        (tmp_path / "requirements.txt").write_text(req)
    text = f"FROM {base}\n{body}{tail}CMD {cmd}\n"
    ctx = Context(path=tmp_path / "Dockerfile", project=Project(), context_dir=tmp_path,
                  options={"multi-stage": options} if options else {})
    found = analyze(parse(text), ctx)
    if isinstance(found, Plan):
        assert "PIP_NO_CACHE_DIR" in found.build_only_env
        return found.runtime.image, found.copies, found.packages, found.env_lines, found.evidence
    assert isinstance(found, Finding)
    return f"{text.count(chr(10), 0, found.offset) + 1}: {found.message}"


OUTSIDE = "4: pip outside a virtualenv: pip at line 4 installs with {}; the runtime stage would not get its packages"


@pytest.mark.parametrize(("args", "expected"), [
    ((PY_REQ + "RUN pip install -r requirements.txt\nCOPY . .\n",),
     ("python:3.12-slim", PY_APP, ["libpq5"], VENV_PATH,
      ["pip install at line 4", NEW_VENV, "the requirements need libpq5 at run time"])),
    ((PY_REQ + "RUN pip install --user -r requirements.txt\nCOPY . .\n",), OUTSIDE.format("--user")),
    ((PY_REQ + "RUN pip install --target=/deps -r requirements.txt\nCOPY . .\n",), OUTSIDE.format("--target=/deps")),
    ((PY_REQ + "RUN pip install --prefix /install -r requirements.txt\nCOPY . .\n",), OUTSIDE.format("--prefix")),
    ((PY_REQ + "RUN pip install --root=/opt/a=b -r requirements.txt\nCOPY . .\n",), OUTSIDE.format("--root=/opt/a=b")),
    ((PY_REQ + "RUN /usr/local/bin/pip install -r requirements.txt\nCOPY . .\n",),
     OUTSIDE.format("/usr/local/bin/pip")),
    ((PY_REQ + "RUN python -m venv /opt/venv && /opt/venv/bin/pip install -r requirements.txt\nCOPY . .\n",
      '["/opt/venv/bin/gunicorn", "app.wsgi"]'),
     ("python:3.12-slim", PY_APP, ["libpq5"], [], ["pip install at line 4", "into the virtualenv /opt/venv the build "
                                                  "creates (line 4)", "the requirements need libpq5 at run time"])),
    ((PY_REQ + "RUN python -m venv .venv && .venv/bin/pip install -r requirements.txt\nCOPY . .\n",),
     ("python:3.12-slim", [("/app", "/app")], ["libpq5"], [],  # the venv inside the app folder goes with it
      ["pip install at line 4", "into the virtualenv /app/.venv the build creates (line 4)",
       "the requirements need libpq5 at run time"])),
    ((PY_REQ + "RUN pip install -r requirements.txt\nCOPY . .\n", '["gunicorn", "app.wsgi"]', "python:2.7"),
     "1: Python 2: python:2.7 has no venv module to install into"),
    ((PY_REQ + "RUN pip install -r requirements.txt\nCOPY . .\n", '["gunicorn", "app.wsgi"]',
      "docker.io/library/python:2.7"), "1: Python 2: docker.io/library/python:2.7 has no venv module to install into"),
    ((PY_REQ + "RUN pip install -r requirements.txt\nCOPY . .\n", '["gunicorn", "app.wsgi"]', "python:3.12-slim"),
     "1: no toolchain or full base to drop: python:3.12-slim is already slim and no build package stays installed"),
    (("RUN apt-get update && apt-get install -y gcc libpq-dev\n" + PY_REQ + "RUN pip install -r requirements.txt\n"
      "COPY . .\n", '["gunicorn", "app.wsgi"]', "python:3.12-slim"),
     ("python:3.12-slim", PY_APP, ["libpq5"], VENV_PATH,
      ["pip install at line 5", NEW_VENV, "build packages left behind: gcc, libpq-dev"])),
    ((PY_REQ + "RUN pip install -r requirements.txt\nCOPY . .\n", '["/usr/local/bin/gunicorn", "app.wsgi"]'),
     "1: absolute interpreter path: the start command runs /usr/local/bin/gunicorn; the packages move to a "
     "virtualenv"),
    ((PY_REQ + "RUN pip install -r requirements.txt\nCOPY . .\n", '["/usr/bin/python3", "app.py"]'),
     "1: absolute interpreter path: the start command runs /usr/bin/python3; the packages move to a virtualenv"),
    ((PY_REQ + "RUN pip install -r requirements.txt\nCOPY . .\n",
      '["python", "/usr/local/lib/python3.12/site-packages/app/main.py"]'),
     "1: absolute interpreter path: the start command runs /usr/local/lib/python3.12/site-packages/app/main.py; the "
     "packages move to a virtualenv"),
    ((PY_REQ + "RUN cd \"$(mktemp -d)\" && python -m venv .venv && .venv/bin/pip install -r /app/requirements.txt\n"
      "COPY . .\n",), "4: artifact unknown: the venv of line 4 has no known path"),
    ((PY_REQ + "RUN cd /app && pip install -r requirements.txt\nCOPY . .\n",),
     ("python:3.12-slim", PY_APP, ["libpq5"], VENV_PATH, ["pip install at line 4", NEW_VENV,
                                                         "the requirements need libpq5 at run time"])),
    ((PY_REQ + "RUN cd /app; pip install -r requirements.txt\nCOPY . .\n",),
     ("python:3.12-slim", PY_APP, ["libpq5"], VENV_PATH, ["pip install at line 4", NEW_VENV,
                                                         "the requirements need libpq5 at run time"])),
    ((PY_REQ + "RUN cd /tmp || pip install -r /app/requirements.txt\nCOPY . .\n",),
     "4: pip inside a compound command: line 4; the virtualenv cannot be created before it"),
    ((PY_REQ + "RUN pip install -r requirements.txt\nCOPY . .\n", '["gunicorn", "app.wsgi"]', "python:3.12", None),
     "4: requirements unknown: cannot read requirements.txt (line 4) in the build context; which runtime libraries "
     "its packages link in python:3.12 is unknown; set multi-stage.runtime-packages (or =none)"),
    ((PY_REQ + "RUN pip install -r requirements.txt\nCOPY . .\n", '["gunicorn", "app.wsgi"]', "python:3.12", None,
      {"runtime-packages": "libpq5,libxml2"}),
     ("python:3.12-slim", PY_APP, ["libpq5", "libxml2"], VENV_PATH,
      ["pip install at line 4", NEW_VENV, "runtime packages from multi-stage.runtime-packages=libpq5,libxml2"])),
    (("RUN apt-get update && apt-get install -y gcc libpq-dev\n" + PY_REQ + "RUN pip install -r requirements.txt\n"
      "COPY . .\n", '["gunicorn", "app.wsgi"]', "python:3.12", None, {"runtime-packages": "libxml2"}),
     ("python:3.12-slim", PY_APP, ["libpq5", "libxml2"], VENV_PATH,  # the -dev package's library stays too
      ["pip install at line 5", NEW_VENV, "runtime packages from multi-stage.runtime-packages=libxml2",
       "build packages left behind: gcc, libpq-dev"])),
    (("RUN apt-get update && apt-get install -y gcc libpq-dev\n" + PY_REQ + "RUN pip install -r requirements.txt\n"
      "COPY . .\n", '["gunicorn", "app.wsgi"]', "python:3.12", "mysqlclient\npyodbc\n"),
     ("python:3.12-slim", PY_APP, ["libpq5", "libmariadb3", "unixodbc"], VENV_PATH,
      ["pip install at line 5", NEW_VENV, "the requirements need libmariadb3, unixodbc at run time",
       "build packages left behind: gcc, libpq-dev"])),
    ((PY_REQ + "RUN pip install -r requirements.txt\nCOPY . .\n", '["gunicorn", "app.wsgi"]', "python:3.12", None,
      {"runtime-packages": "none"}),
     ("python:3.12-slim", PY_APP, [], VENV_PATH,
      ["pip install at line 4", NEW_VENV, "runtime packages from multi-stage.runtime-packages=none"])),
    ((PY_REQ + "RUN pip install -r requirements.txt\nCOPY . .\n", '["gunicorn", "app.wsgi"]', "python:3.12",
      "flask\n"), ("python:3.12-slim", PY_APP, [], VENV_PATH, ["pip install at line 4", NEW_VENV])),
    (("RUN apk add --no-cache python3 py3-pip build-base postgresql-dev\n" + PY_REQ
      + "RUN python3 -m venv /opt/venv && /opt/venv/bin/pip install -r requirements.txt\nCOPY . .\n",
      '["/opt/venv/bin/python3", "app.py"]', "alpine:3.19"),
     ("alpine:3.19", PY_APP, ["libstdc++", "libpq", "python3"], [],
      ["pip install at line 5", "into the virtualenv /opt/venv the build creates (line 5)",
       "build packages left behind: build-base, postgresql-dev"])),
    ((PY_REQ + "RUN pip install -r requirements.txt\nCOPY . .\n", '["gunicorn", "app.wsgi"]', "python:3.12", REQS,
      None, "HEALTHCHECK CMD curl -f http://localhost:8000/ || exit 1\n"),
     ("python:3.12-slim", PY_APP, ["libpq5", "curl"], VENV_PATH,
      ["pip install at line 4", NEW_VENV, "the requirements need libpq5 at run time"])),
    (("WORKDIR /app\nCOPY requirements.txt /tmp/\nRUN pip install -r /tmp/requirements.txt\n",
      '["python", "/srv/app/main.py"]'),
     ("python:3.12-slim", [("/opt/venv", "/opt/venv"), ("/tmp/requirements.txt", "/tmp/requirements.txt")],
      ["libpq5"], VENV_PATH, ["pip install at line 4", NEW_VENV, "the requirements need libpq5 at run time"])),
    ((PY_REQ + "RUN pip install --requirement=requirements.txt gunicorn\nCOPY . .\n",),
     ("python:3.12-slim", PY_APP, ["libpq5"], VENV_PATH,
      ["pip install at line 4", NEW_VENV, "the requirements need libpq5 at run time"])),
    ((PY_REQ + "RUN pip install -r requirements.txt\nRUN pip install ./plugins/x\nCOPY . .\n",),
     "4: requirements unknown: cannot read the project ./plugins/x (line 5) in the build context; which runtime "
     "libraries its packages link in python:3.12 is unknown; set multi-stage.runtime-packages (or =none)"),
])
def test_python_plan(tmp_path: Path, args: tuple[object, ...], expected: object) -> None:
    assert py_verdict(tmp_path, *args) == expected  # type: ignore[arg-type]


# -- transforms/stage_split/python.py: the files an install reads (for the manifests-first reorder) -----------

def _py_reads(context: Path, run: str = "pip install -r requirements.txt", files: dict[str, bytes | str] | None = None,
              before: str = "WORKDIR /app\nCOPY . .\n", after: str = "") -> object:
    """_install_reads of the pip command of ``run`` in a stage that copies ``context`` to /app (``before``): the
    reason, or (files, shown, writes)."""
    from transforms.stage_split.manifests import Needs
    from transforms.stage_split.python import _install_reads

    for name, content in (files or {}).items():
        (context / name).parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            (context / name).write_bytes(content)
        else:
            (context / name).write_text(content)
    s = subject(f"FROM python:3.12\n{before}RUN {run}\n{after}CMD [\"python\", \"app.py\"]\n", context)
    found = _install_reads(s, next(c for c in s.commands if c.tool == "pip"), "/opt/venv")
    return (found.files, found.shown, found.writes) if isinstance(found, Needs) else found


def _chain(depth: int) -> dict[str, bytes | str]:
    """requirements.txt naming r1.txt … r<depth>.txt, each the next one's parent."""
    files: dict[str, bytes | str] = {"requirements.txt": "-r r1.txt\n" if depth else "flask\n"}
    for k in range(1, depth + 1):
        files[f"r{k}.txt"] = f"-r r{k + 1}.txt\n" if k < depth else "flask\n"
    return files


def test_install_reads_nested_files_up_to_four_levels_deep(tmp_path: Path) -> None:
    found = _py_reads(tmp_path, files=_chain(4))
    assert found == ([("requirements.txt", "/app"), *((f"r{k}.txt", "/app") for k in range(1, 5))],
                     "requirements.txt r1.txt r2.txt r3.txt r4.txt", ["/opt/venv"])
    assert _py_reads(tmp_path, files=_chain(5)) == "r5.txt is outside the build context"  # five: past the limit


def test_install_reads_a_file_outside_the_context(tmp_path: Path) -> None:
    context = tmp_path / "ctx"
    context.mkdir()
    (tmp_path / "shared.txt").write_text("flask\n")  # readable, but not in the build context
    assert _py_reads(context, files={"requirements.txt": "-r ../shared.txt\n"}) == (
        "shared.txt is outside the build context")


def test_install_reads_files_with_bad_bytes(tmp_path: Path) -> None:
    found = _py_reads(tmp_path, files={"requirements.txt": b"# caf\xe9\n-c constraints.txt\nflask\n",
                                       "constraints.txt": b"flask<4  # \xff\n"})
    assert found == ([("requirements.txt", "/app"), ("constraints.txt", "/app")], "requirements.txt constraints.txt",
                     ["/opt/venv"])


def test_install_reads_only_the_text_before_the_first_comment(tmp_path: Path) -> None:
    # a later " #" must not make the comment part of the requirement (here it would read as a local wheel)
    found = _py_reads(tmp_path, files={"requirements.txt": "flask  # not ./x.whl # see below\n"})
    assert found == ([("requirements.txt", "/app")], "requirements.txt", ["/opt/venv"])


def test_project_names_with_bad_bytes(tmp_path: Path) -> None:
    from transforms.stage_split.python import _project_names

    (tmp_path / "pyproject.toml").write_bytes(b'# \xff\n[project]\nname = "x"\ndependencies = ["psycopg2"]\n')
    assert _project_names(tmp_path / "pyproject.toml") == ["psycopg2"]


def test_merged_joins_inserts_at_one_offset_in_order() -> None:
    from refactor.edits import Edit
    from transforms.stage_split.python import _merged

    edits = [Edit.insert(5, "a"), Edit(1, 3, "x"), Edit.insert(5, "b"), Edit.insert(7, "c"), Edit(1, 1, "y")]
    assert _merged(edits) == [Edit.insert(5, "ab"), Edit(1, 3, "x"), Edit.insert(7, "c"), Edit(1, 1, "y")]
    assert _merged([Edit(2, 4, "a"), Edit(2, 4, "b")]) == [Edit(2, 4, "a"), Edit(2, 4, "b")]  # replacements stay


@pytest.mark.parametrize(("spec", "expected"), [
    (".", True), ("..", True), ("./pkg", True), ("../shared", True), ("/src/lib", True), ("file:///wheels/a.whl", True),
    ("~/pkg", True), ("pkg @ file:///src/pkg", True), ("dist/app-1.0-py3-none-any.whl", True),
    ("vendor/lib-2.0.tar.gz", True), ("vendor/lib.zip", True), ("flask", False), ("requests[socks]>=2.31", False),
    ("git+https://github.com/a/b.git", False), ("pkg @ https://x/pkg-1.0.tar", False), ("...", False),
])
def test_local_requirement(spec: str, expected: bool) -> None:
    from transforms.stage_split.python import _local

    assert _local(spec) is expected


REQS_ONLY = ([("requirements.txt", "/app")], "requirements.txt", ["/opt/venv"])


@pytest.mark.parametrize(("run", "expected"), [
    ("pip download flask", "pip's command line cannot be read"),
    ("pip install -e .", "pip install -e installs the project from its sources"),
    ("pip install --editable ./lib -r requirements.txt", "pip install -e installs the project from its sources"),
    ("pip install --editable=./lib", "pip install -e installs the project from its sources"),
    ("pip install -f wheels -r requirements.txt", "pip finds packages in wheels, a folder of the sources"),
    ("pip install -r requirements.txt --find-links ./wheels",
     "pip finds packages in ./wheels, a folder of the sources"),
    ("pip install -f https://download.example/simple -r requirements.txt", REQS_ONLY),  # an index, not the sources
    ("pip install -r requirements.txt -f https://download.example/simple", REQS_ONLY),
    ("pip install -r requirements.txt .", "pip install . builds the project from its sources"),
    ("pip install -r requirements.txt dist/app.whl", "pip install dist/app.whl builds the project from its sources"),
    ("pip install -r requirements.txt gunicorn", REQS_ONLY),
    ("pip install -r missing.txt", "missing.txt is not readable in the build context"),
    ("pip install --requirement requirements.txt --constraint constraints.txt",
     ([("requirements.txt", "/app"), ("constraints.txt", "/app")], "requirements.txt constraints.txt",
      ["/opt/venv"])),
    ("pip install --requirement=requirements.txt --constraint=constraints.txt",
     ([("requirements.txt", "/app"), ("constraints.txt", "/app")], "requirements.txt constraints.txt",
      ["/opt/venv"])),
])
def test_install_reads_the_command_line(tmp_path: Path, run: str, expected: object) -> None:
    assert _py_reads(tmp_path, run, {"requirements.txt": "flask\n", "constraints.txt": "flask<4\n"}) == expected


def test_install_reads_a_file_name_with_an_equals_sign(tmp_path: Path) -> None:
    assert _py_reads(tmp_path, "pip install --requirement=req=prod.txt -c pins=2.txt",
                     {"req=prod.txt": "flask\n", "pins=2.txt": "flask<4\n"}) == (
        [("pins=2.txt", "/app"), ("req=prod.txt", "/app")], "pins=2.txt req=prod.txt", ["/opt/venv"])


@pytest.mark.parametrize(("before", "after", "expected"), [
    ("WORKDIR /app\n", "COPY . .\n", "requirements.txt is not readable in the build context"),  # copied after it
    ("ARG APP\nWORKDIR $APP\nCOPY . .\n", "", "requirements.txt is not readable in the build context"),
    ("WORKDIR /app\nCOPY . .\n", "", REQS_ONLY),
])
def test_install_reads_the_files_as_they_are_when_it_runs(tmp_path: Path, before: str, after: str,
                                                           expected: object) -> None:
    assert _py_reads(tmp_path, files={"requirements.txt": "flask\n"}, before=before, after=after) == expected


LONG = "./vendor/a-rather-long-folder-name/of-a-local-package"


@pytest.mark.parametrize(("requirements", "expected"), [
    ("flask\n-f ./wheels\n", "requirements.txt line 2 finds packages in ./wheels, a folder of the sources"),
    ("--find-links=vendor\n", "requirements.txt line 1 finds packages in vendor, a folder of the sources"),
    ("flask\n--find-links https://download.example/simple\n-i https://pypi.example/simple/pkg.zip\n", REQS_ONLY),
    ("flask\n\n./plugins/x\n", "requirements.txt line 3 installs the local path ./plugins/x"),
    (f"{LONG}\n", f"requirements.txt line 1 installs the local path {LONG[:40]}"),
    ("-e ./lib\n", "requirements.txt line 1 is an editable install of the sources"),
    ("--editable=./lib\n", "requirements.txt line 1 is an editable install of the sources"),
    ("--extra-index-url https://x/simple\n--editables-are-not-an-option\n", REQS_ONLY),
])
def test_install_reads_the_requirements_lines(tmp_path: Path, requirements: str, expected: object) -> None:
    assert _py_reads(tmp_path, files={"requirements.txt": requirements}) == expected


def test_requirement_names_with_bad_bytes_and_comments(tmp_path: Path) -> None:
    from transforms.stage_split.python import _requirement_names

    (tmp_path / "requirements.txt").write_bytes(b"# caf\xe9\npsycopg2  # Postgres # via Django\nflask\n")
    assert _requirement_names(tmp_path / "requirements.txt") == ["psycopg2", "flask"]


def test_python_plan_reads_the_long_requirement_option(tmp_path: Path) -> None:
    assert py_verdict(tmp_path, PY_REQ + "RUN pip install --requirement requirements.txt\nCOPY . .\n") == (
        "python:3.12-slim", PY_APP, ["libpq5"], VENV_PATH,
        ["pip install at line 4", NEW_VENV, "the requirements need libpq5 at run time"])


PSYCOPG = '[project]\nname = "x"\ndependencies = ["psycopg2"]\n'
NEEDS_LIBPQ = "the requirements need libpq5 at run time"


@pytest.mark.parametrize(("body", "files", "expected"), [
    ("WORKDIR /app\nCOPY . .\nRUN pip install .\n", {"pyproject.toml": PSYCOPG},
     ("python:3.12-slim", PY_APP, ["libpq5"], VENV_PATH, ["pip install at line 4", NEW_VENV, NEEDS_LIBPQ])),
    ("WORKDIR /app\nCOPY . .\nRUN pip install /app/sub\n",
     {"pyproject.toml": '[project]\nname = "root"\ndependencies = ["flask"]\n', "sub/pyproject.toml": PSYCOPG},
     ("python:3.12-slim", PY_APP, ["libpq5"], VENV_PATH, ["pip install at line 4", NEW_VENV, NEEDS_LIBPQ])),
    ("WORKDIR /app\nCOPY . .\nRUN pip install -r a.txt -r b.txt\n", {"a.txt": "psycopg2\n", "b.txt": "flask\n"},
     ("python:3.12-slim", PY_APP, ["libpq5"], VENV_PATH, ["pip install at line 4", NEW_VENV,
                                                         "a.txt b.txt " + CACHES.format(4, 3), NEEDS_LIBPQ])),
    ("WORKDIR /app\nCOPY . .\nRUN pip install --requirement=req=prod.txt\n", {"req=prod.txt": "psycopg2\n"},
     ("python:3.12-slim", PY_APP, ["libpq5"], VENV_PATH, ["pip install at line 4", NEW_VENV,
                                                         "req=prod.txt " + CACHES.format(4, 3), NEEDS_LIBPQ])),
    ("WORKDIR /app\nRUN pip install -r requirements.txt\nCOPY . .\n", {},  # the file arrives after the install
     "3: requirements unknown: cannot read requirements.txt (line 3) in the build context; which runtime libraries "
     "its packages link in python:3.12 is unknown; set multi-stage.runtime-packages (or =none)"),
    ("WORKDIR /app\nCOPY . .\nRUN cd \"$(mktemp -d)\" && pip install -r requirements.txt\n", {},  # unknown folder
     "4: requirements unknown: cannot read requirements.txt (line 4) in the build context; which runtime libraries "
     "its packages link in python:3.12 is unknown; set multi-stage.runtime-packages (or =none)"),
    ("WORKDIR /app\nCOPY . .\nRUN cd \"$(mktemp -d)\" && pip install .\n", {"pyproject.toml": PSYCOPG},
     "4: requirements unknown: cannot read the project . (line 4) in the build context; which runtime libraries "
     "its packages link in python:3.12 is unknown; set multi-stage.runtime-packages (or =none)"),
    ("WORKDIR /app\nCOPY requirements.txt .\nRUN pip install -r requirements.txt .\nCOPY . .\n",
     {"pyproject.toml": PSYCOPG},  # the project arrives after the install
     "4: requirements unknown: cannot read the project . (line 4) in the build context; which runtime libraries "
     "its packages link in python:3.12 is unknown; set multi-stage.runtime-packages (or =none)"),
    ("WORKDIR /app\nCOPY . .\nRUN pip install --requirement a.txt\n", {"a.txt": "psycopg2\n"},
     ("python:3.12-slim", PY_APP, ["libpq5"], VENV_PATH, ["pip install at line 4", NEW_VENV,
                                                         "a.txt " + CACHES.format(4, 3), NEEDS_LIBPQ])),
    # the manifest is req=prod.txt, which the sources' COPY writes (not req or prod.txt, which line 4 copies)
    ("WORKDIR /app\nCOPY . .\nCOPY req prod.txt ./\nRUN pip install --requirement=req=prod.txt\n",
     {"req=prod.txt": "psycopg2\n", "req": "flask\n", "prod.txt": "flask\n"},
     ("python:3.12-slim", PY_APP, ["libpq5"], VENV_PATH, [
         "pip install at line 5", NEW_VENV,
         "the install at line 5 still follows the COPY of the sources (line 3): COPY at line 4 between them",
         NEEDS_LIBPQ])),
])
def test_python_plan_reads_what_pip_installs(tmp_path: Path, body: str, files: dict[str, str],
                                             expected: object) -> None:
    for name, content in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(content)
    assert py_verdict(tmp_path, body, req="psycopg2\n") == expected


def test_python_plan_stops_at_a_build_that_changes_the_image(tmp_path: Path) -> None:
    assert py_verdict(tmp_path, PY_REQ + "RUN wget -q https://x/y.tgz && pip install -r requirements.txt\n"
                      "COPY . .\n") == ("4: build changes the image: RUN at line 4 runs wget; cannot tell whether the "
                                        "runtime stage needs what it changes")


def test_python_on_alpine_keeps_its_own_image_and_says_why(tmp_path: Path) -> None:
    (tmp_path / "requirements.txt").write_text(REQS)
    text = ("FROM alpine:3.19\nRUN apk add --no-cache python3 py3-pip build-base\n" + PY_REQ
            + "RUN python3 -m venv /opt/venv && /opt/venv/bin/pip install -r requirements.txt\nCOPY . .\n"
            "CMD [\"/opt/venv/bin/python3\", \"app.py\"]\n")
    found = analyze(parse(text), Context(path=tmp_path / "Dockerfile", project=Project(), context_dir=tmp_path))
    assert isinstance(found, Plan)
    assert found.runtime == RuntimeChoice("alpine:3.19", "alpine:3.19 itself with its python3 package (the venv's "
                                          "interpreter), without the build packages", same_image=True)


@pytest.mark.parametrize(("copy", "tail"), [
    ("WORKDIR /app\nCOPY . .", ["COPY . ."]),
    ("WORKDIR /app\n\tCOPY . /app  ", ["COPY . /app  "]),  # its indentation goes, the rest stays as written
    ("WORKDIR /srvX\nCOPY . /srvX", ["COPY . /srvX"]),
])
def test_python_sources_copy_after_the_install_ends_the_builder(tmp_path: Path, copy: str, tail: list[str]) -> None:
    (tmp_path / "requirements.txt").write_text("flask\n")
    text = f"FROM python:3.12\n{copy}\nRUN pip install -r requirements.txt\nCMD [\"gunicorn\", \"app\"]\n"
    found = analyze(parse(text), Context(path=tmp_path / "Dockerfile", project=Project(), context_dir=tmp_path))
    assert isinstance(found, Plan)
    assert found.builder_tail == tail
