FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends ghc cabal-install && cabal update && cabal install --install-method=copy --installdir=/usr/local/bin brok
CMD ["brok"]
