FROM haskell:9.6
RUN cabal update && cabal install brok
CMD ["brok"]
