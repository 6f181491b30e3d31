"""The stage model (refactor/model.py): per-stage facts computed once per parse."""

from __future__ import annotations

from refactor.document import parse
from refactor.model import model_of
from refactor.project import workdir_at

TEXT = """\
ARG VERSION=1
FROM php:8.3-fpm AS base
ENV APP_HOME=/srv/app
WORKDIR $APP_HOME
USER www-data
EXPOSE 9000 8080/udp ${PORT:-3000}

FROM base AS final
ARG BUILD
WORKDIR sub
USER root
COPY --from=base /srv/app /copy
COPY --from=composer:2 /usr/bin/composer /usr/bin/composer
ENTRYPOINT ["tini", "--"]
CMD ["php-fpm", "-F"]
"""


def test_workdir_env_and_user_at_an_instruction() -> None:
    doc = parse(TEXT)
    base, final = doc.stages
    m = model_of(final)
    assert model_of(base).workdir_at(base.instructions[1]) == "/var/www/html"  # php's own WORKDIR
    assert m.workdir_at() == "/srv/app/sub"
    assert workdir_at(final) == m.workdir_at()
    assert m.declared_workdir == "/srv/app/sub"
    assert m.env_at(final.instructions[1]) == {"APP_HOME": "/srv/app"}
    assert m.user_at(final.instructions[3]) == "www-data"
    assert m.user_at() == "root"


def test_copies_ports_and_start_command() -> None:
    doc = parse(TEXT)
    base, final = doc.stages
    assert [(ref, src) for _, ref, src in model_of(final).copied_from] == [("base", base), ("composer:2", None)]
    assert [ins.lineno for ins in model_of(base).copied_out] == [12]
    assert [(p.number, p.protocol) for p in model_of(final).ports] == [(9000, "tcp"), (8080, "udp"), (3000, "tcp")]
    assert model_of(final).start_programs == ["php-fpm"]
    anchor, before = model_of(final).entry_point
    assert (anchor.name, before) == ("ENTRYPOINT", True)


def test_the_model_is_made_once_per_parse() -> None:
    doc = parse(TEXT)
    assert model_of(doc.stages[1]) is model_of(doc.stages[1])
    assert model_of(parse(TEXT).stages[1]) is not model_of(doc.stages[1])
