FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates && rm -rf /var/lib/apt/lists/* \
    && /usr/sbin/groupadd --gid=2000 svc \
    && /usr/sbin/useradd --gid=2000 --uid=1500 --no-create-home svc
COPY svc /usr/local/bin/svc
USER 1500
CMD ["/usr/local/bin/svc"]
