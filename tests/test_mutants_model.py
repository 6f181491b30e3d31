"""The stage model (refactor/model.py): the gaps bench/mutation.py found."""

from __future__ import annotations

from refactor.document import parse
from refactor.images import ALPINE, DEBIAN
from refactor.model import StageModel, _after, _env_values, join_path, model_of, walk


def _model(text: str, index: int = -1) -> StageModel:
    return model_of(parse(text).stages[index])


def test_image_and_family_come_from_the_root_of_the_lineage() -> None:
    m = _model("FROM node:20-alpine AS base\nRUN true\nFROM base\nRUN true\n")
    assert (m.image.name, m.image.tag) == ("node", "20-alpine")
    assert m.family == ALPINE
    assert _model("FROM debian:12\n").family == DEBIAN


def test_defaults_and_resolve() -> None:
    m = _model("FROM alpine\nARG VERSION=1.2\nENV APP=/srv/app\n")
    assert m.resolve("$APP/v${VERSION}") == "/srv/app/v1.2"
    assert m.resolve("$NOPE") is None
    m.defaults["X"] = "changed"
    assert "X" not in model_of(parse("FROM alpine\nENV A=1\n").stages[0]).defaults


def test_env_at_forgets_build_arguments() -> None:
    text = "FROM alpine\nENV A=1 B=2\nARG B\nENV C=$A-x\nRUN true\n"
    stage = parse(text).stages[0]
    m = model_of(stage)
    assert m.env_at(stage.instructions[1]) == {}
    assert m.env_at(stage.instructions[2]) == {"A": "1", "B": "2"}
    assert m.env_at(stage.instructions[3]) == {"A": "1"}
    assert m.env_at() == {"A": "1", "C": "1-x"}


def test_steps_and_workdir_at_follow_relative_workdirs() -> None:
    text = "FROM alpine\nWORKDIR /app\nWORKDIR src\nRUN make\nWORKDIR ../out\n"
    stage = parse(text).stages[0]
    m = model_of(stage)
    steps = [(ins.name, cwd) for ins, _, cwd in m.steps()]
    assert steps == [("WORKDIR", "/"), ("WORKDIR", "/app"), ("RUN", "/app/src"), ("WORKDIR", "/app/src")]
    assert [cwd for _, _, cwd in m.steps(stage.instructions[3])] == ["/", "/app"]
    assert m.workdir_at(stage.instructions[3]) == "/app/src"
    assert m.workdir_at() == "/app/out"
    assert m.workdir_at(stage.instructions[1]) == "/"
    assert model_of(parse("FROM php:8.3-fpm\nRUN true\n").stages[0]).workdir_at() == "/var/www/html"
    unknown = parse("FROM alpine\nARG DIR\nWORKDIR $DIR\nWORKDIR sub\nRUN true\n").stages[0]
    assert model_of(unknown).workdir_at() is None


def test_declared_workdir() -> None:
    assert _model("FROM php:8.3-fpm\nRUN true\n").declared_workdir is None  # the image's own does not count
    assert _model('FROM alpine\nWORKDIR "/srv/app"\nWORKDIR ./web/\n').declared_workdir == "/srv/app/web"
    assert _model("FROM alpine\nWORKDIR rel\n").declared_workdir == "/rel"
    assert _model("FROM alpine\nARG D=/opt/x\nWORKDIR $D\n").declared_workdir == "/opt/x"
    assert _model("FROM alpine\nWORKDIR /a\nWORKDIR $NOPE\n").declared_workdir is None
    assert _model("FROM alpine AS b\nWORKDIR /base\nFROM b\nWORKDIR app\n").declared_workdir == "/base/app"


def test_users_and_user_at() -> None:
    text = "FROM alpine AS b\nUSER app\nRUN x\nFROM b\nARG U\nUSER $U\nRUN id\nUSER 1000:1000\nRUN true\n"
    doc = parse(text)
    final = doc.stages[1]
    m = model_of(final)
    assert [v for _, v in m.users] == ["app", None, "1000:1000"]
    assert m.user_at(final.instructions[1]) == "app"  # before ARG: the parent's USER
    assert m.user_at(final.instructions[3]) is None  # after USER $U (unknown)
    assert m.user_at(final.instructions[4]) is None  # the USER line itself is not yet in effect
    assert m.user_at() == "1000:1000"
    assert model_of(doc.stages[0]).user_at() == "app"
    assert _model("FROM alpine\nRUN true\n").user_at() is None
    # an instruction of the parent stage bounds only the parent's part
    assert m.user_at(doc.stages[0].instructions[2]) == "1000:1000"
    assert m.user_at(doc.stages[0].instructions[1]) is None


def test_installed_packages_and_copies() -> None:
    text = ("FROM alpine AS build\nRUN apk add gcc\nFROM alpine AS other\nRUN true\n"
            "FROM build AS final\nCOPY --from=build /a /a\nADD --from=other /b /b\nCOPY --from= /c /c\n"
            "COPY --from=node:20 /usr/local/bin/node /n\nCOPY --from=final /x /x\nRUN apk add curl\n"
            "FROM alpine\nCOPY --from=final /a /a\nCOPY --from=0 /g /g\n")
    doc = parse(text)
    build, other, final, last = doc.stages
    assert model_of(final).installed_packages == {"gcc", "curl"}
    assert [(ref, src) for _, ref, src in model_of(final).copied_from] == [
        ("build", build), ("other", other), ("node:20", None), ("final", None)]
    assert [ins.lineno for ins in model_of(build).copied_out] == [6, 14]
    assert [ins.lineno for ins in model_of(final).copied_out] == [13]
    assert model_of(other).copied_out == [doc.stages[2].instructions[2]]
    assert model_of(last).copied_out == []
    assert model_of(build).descendants == [final]


def test_start_command_entrypoint_resets_inherited_cmd() -> None:
    text = 'FROM alpine AS b\nCMD ["sh"]\nFROM b\nENTRYPOINT ["tini", "--"]\n'
    assert _model(text).start_command == [["tini", "--"]]
    text = 'FROM alpine AS b\nENTRYPOINT ["/entry.sh"]\nFROM b\nCMD node server.js\n'
    assert _model(text).start_command == [["/entry.sh"], ["node", "server.js"]]
    assert _model('FROM alpine\nCMD []\n').start_command == [[]]
    assert _model("FROM alpine\nRUN true\n").start_command == []


def test_start_programs_skip_launchers_options_and_assignments() -> None:
    text = 'FROM alpine\nENTRYPOINT ["/sbin/tini", "-s", "--", "env", "A=1"]\nCMD ["/usr/bin/node", "app.js"]\n'
    assert _model(text).start_programs == ["node"]
    assert _model('FROM alpine\nCMD ["sh -c", "exec /usr/local/bin/gunicorn app"]\n').start_programs == [
        "gunicorn"]
    assert _model('FROM alpine\nENTRYPOINT ["tini", "--"]\nCMD ["nginx"]\n').start_programs == ["nginx"]
    assert _model('FROM alpine\nCMD ["exec"]\n').start_programs == []


def test_start_words_split_shell_strings_to_base_names() -> None:
    text = 'FROM alpine\nCMD ["sh", "-c", "cd /app && (./bin/server --port=80; /usr/bin/true)|cat"]\n'
    assert _model(text).start_words == ["sh", "-c", "cd", "app", "server", "--port=80", "true", "cat"]


def test_ports_resolve_ranges_protocols_and_unknowns() -> None:
    text = ("FROM alpine AS b\nEXPOSE 5432\nFROM b\nARG P=8080\nENV Q=$UNSET\nEXPOSE 3000-3010/UDP $P ${NOPE} "
            "web 443/sctp\n")
    ports = _model(text).ports
    assert [(p.number, p.protocol, p.raw) for p in ports] == [
        (3000, "udp", "3000-3010/UDP"), (8080, "tcp", "$P"), (None, "tcp", "${NOPE}"), (None, "tcp", "web"),
        (443, "sctp", "443/sctp"), (5432, "tcp", "5432")]
    assert ports[0].instruction.lineno == 6
    assert _model('FROM alpine\nEXPOSE " 80 "\n').ports[0].number == 80


def test_extension_base_reason() -> None:
    assert _model("FROM alpine\nONBUILD COPY . /app\n").extension_base_reason == (
        "ONBUILD at line 2: this is a base image meant to be extended")
    assert _model('FROM debian\nENTRYPOINT ["docker-php-entrypoint"]\n').extension_base_reason == (
        "ENTRYPOINT docker-php-entrypoint: this builds an official base image meant to be extended")
    assert _model('FROM debian\nENTRYPOINT ["php-entrypoint"]\n').extension_base_reason is None
    assert _model("FROM alpine\nRUN true\n").extension_base_reason is None


def test_entry_point_is_the_first_cmd_after_the_last_build_step() -> None:
    stage = parse('FROM alpine\nCMD ["a"]\nRUN x\nENV A=1\nEXPOSE 80\nENTRYPOINT ["e"]\nCMD ["b"]\n').stages[0]
    ins, before = model_of(stage).entry_point
    assert (ins.lineno, before) == (6, True)
    stage = parse('FROM alpine\nCMD ["a"]\nCOPY . /\nENV A=1\n').stages[0]
    ins, before = model_of(stage).entry_point
    assert (ins.lineno, before) == (4, False)
    stage = parse('FROM alpine\nCMD ["a"]\nENV A=1\n').stages[0]
    ins, before = model_of(stage).entry_point
    assert (ins.lineno, before) == (2, True)
    stage = parse("FROM alpine\n").stages[0]
    assert model_of(stage).entry_point == (stage.from_, False)


def test_model_of_replaces_a_model_of_another_stage_object() -> None:
    doc = parse("FROM alpine\nRUN true\n")
    first = model_of(doc.stages[0])
    assert first.stage is doc.stages[0] and first.doc is doc
    doc.__dict__["_stage_models"][0] = model_of(parse("FROM debian\n").stages[0])
    assert model_of(doc.stages[0]).stage is doc.stages[0]


def test_walk_stops_before_the_instruction() -> None:
    stage = parse("FROM alpine AS b\nENV A=1\nFROM b\nENV B=$A\nRUN x\n").stages[1]
    got = [(ins.lineno, env) for ins, env in walk(stage, stage.instructions[2])]
    assert got == [(2, {}), (4, {"A": "1"})]
    assert len(list(walk(stage, None))) == 3


def test_after_and_env_values() -> None:
    doc = parse("FROM alpine\nENV LEGACY value with spaces\nENV A=$B C=${A}x D=$NOPE\nARG A=1 C\nRUN x\n")
    legacy, modern, arg, run = doc.stages[0].instructions[1:]
    assert _env_values(legacy, {}) == {"LEGACY": "value with spaces"}
    assert _env_values(modern, {"B": "b"}) == {"A": "b", "C": "bx"}
    assert _after(arg, {"A": "1", "C": "2", "E": "3"}) == {"E": "3"}
    assert _after(run, {"A": "1"}) == {"A": "1"}
    assert _after(modern, {"B": "b", "Z": "z"}) == {"B": "b", "Z": "z", "A": "b", "C": "bx"}
    assert _env_values(parse("FROM a\nENV X $NOPE\n").stages[0].instructions[1], {}) == {}


def test_join_path() -> None:
    assert join_path("/app", "src/../lib", {}) == "/app/lib"
    assert join_path(None, "/abs//x/", {}) == "/abs/x"
    assert join_path(None, "rel", {}) is None
    assert join_path("/app", "$D", {"D": "/d"}) == "/d"
    assert join_path("/app", "$D", {}) is None
    assert join_path("/app", "$E", {"E": ""}) is None


def test_env_value_keeps_its_own_equals_signs() -> None:
    # ENV JAVA_OPTS=-Dspring.profiles.active=prod: the name ends at the first =
    ins = parse("FROM eclipse-temurin:21\nENV JAVA_OPTS=-Dspring.profiles.active=prod\n").stages[0].instructions[1]
    assert _env_values(ins, {}) == {"JAVA_OPTS": "-Dspring.profiles.active=prod"}
