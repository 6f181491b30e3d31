FROM buildpack-deps:bookworm-curl

RUN set -eux; \
    curl -fsSL https://ifconfig.me; \
    echo
RUN set -o errexit; curl -fsS https://ifconfig.me; echo
RUN set -e; curl -sS https://ifconfig.me || true; echo
RUN set -Eeux; curl -fsS https://ifconfig.me; echo
