FROM ubuntu:24.04
RUN groupadd -g 2000 runner && useradd -g 2000 --uid 1500 -m runner
WORKDIR /home/runner
COPY --chown=runner:runner bin/ ./bin/
CMD ["/home/runner/bin/run"]
