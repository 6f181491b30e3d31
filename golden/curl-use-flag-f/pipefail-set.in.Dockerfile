FROM debian:bookworm
SHELL ["/bin/bash", "-c"]
RUN set -o pipefail \
    && curl -sL https://deb.nodesource.com/setup_20.x | bash - \
    && apt-get install -y nodejs
