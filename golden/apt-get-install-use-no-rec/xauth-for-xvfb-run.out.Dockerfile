FROM node:lts-bookworm
RUN set -xe \
 && apt-get update \
 && apt-get install -y --no-install-recommends curl dumb-init fonts-noto-cjk xvfb xz-utils ca-certificates xauth \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /data
ENTRYPOINT ["/usr/bin/dumb-init", "--", "xvfb-run", "--server-args", "-screen 0 1280x1024x24 -ac", "editly"]
CMD ["--help"]
