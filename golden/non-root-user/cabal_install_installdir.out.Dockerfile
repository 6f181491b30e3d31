FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends ghc cabal-install && cabal update && cabal install --install-method=copy --installdir=/usr/local/bin brok
RUN groupadd --system --gid 1001 app \
    && useradd --system --no-log-init --create-home --uid 1001 --gid app app
USER 1001:1001
CMD ["brok"]
