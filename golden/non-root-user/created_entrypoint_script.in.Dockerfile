FROM debian:bookworm-slim
RUN groupadd -r svc && useradd -r -g svc svc
COPY docker-entrypoint.sh /usr/local/bin/
ENTRYPOINT ["docker-entrypoint.sh"]
CMD ["svc"]
