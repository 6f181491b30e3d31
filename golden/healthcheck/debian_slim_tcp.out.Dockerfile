FROM debian:bookworm-slim
COPY --from=ghcr.io/acme/relay:1.4 /usr/local/bin/relay /usr/local/bin/relay
EXPOSE 7070
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \
    CMD ["bash", "-c", ": </dev/tcp/127.0.0.1/7070"]
ENTRYPOINT ["relay", "--listen", ":7070"]
