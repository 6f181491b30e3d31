FROM debian:bookworm-slim
USER 1000
RUN echo hi
USER 0:0
RUN apt-get update
ENTRYPOINT ["/bin/app"]
