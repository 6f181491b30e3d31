"""Manifests are read with libyaml's C loader when PyYAML has it, with exactly what safe_load builds."""

from __future__ import annotations

import pytest
import yaml

from refactor import yaml_docs

_COMPOSE = """\
services:
  api:
    build: {context: ./api, dockerfile: Dockerfile}
    healthcheck:
      test: ["CMD", "curl", "-f", "http://localhost:8080/healthz"]
      interval: 30s
    ports: ["8080:8080", 9000]
    environment:
      DEBUG: "false"
      ON: yes
  db: &db
    image: postgres:16
  replica: *db
"""


def test_load_builds_what_safe_load_builds():
    assert yaml_docs.load(_COMPOSE) == yaml.safe_load(_COMPOSE)
    environment = yaml_docs.load(_COMPOSE)["services"]["api"]["environment"]
    assert environment == {"DEBUG": "false", True: True}  # YAML 1.1: ON is a boolean, as a key too


def test_load_all_reads_every_document():
    text = "kind: Deployment\n---\nkind: Service\n---\n"
    assert list(yaml_docs.load_all(text)) == list(yaml.safe_load_all(text)) == [
        {"kind": "Deployment"}, {"kind": "Service"}, None]


def test_the_c_loader_is_used_when_pyyaml_has_it():
    _, loader = yaml_docs._loader()
    assert loader is (yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader)


@pytest.mark.parametrize("text", ["a: [1, 2\n", "!!python/object:os.system {}\n", "key: value\n bad indent: x\n"])
def test_broken_or_unsafe_yaml_raises_a_yaml_error(text):
    with pytest.raises(yaml.YAMLError):
        yaml_docs.load(text)
    with pytest.raises(yaml.YAMLError):
        list(yaml_docs.load_all(text))
