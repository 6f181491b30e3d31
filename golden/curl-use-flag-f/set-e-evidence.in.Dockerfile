FROM buildpack-deps:bookworm-curl

RUN set -eux; \
    curl -sSL https://ifconfig.me; \
    echo
RUN set -o errexit; curl -sS https://ifconfig.me; echo
RUN set -e; curl -sS https://ifconfig.me || true; echo
RUN set -Eeux; curl -sS https://ifconfig.me; echo
