FROM alpine:3
WORKDIR /app
RUN set -xe \
 && apk add --no-cache curl \
 && mkdir -p bin etc var \
 && curl -sSL https://github.com/Jigsaw-Code/outline-ss-server/releases/download/v1.5.0/outline-ss-server.tar.gz | tar xz -C bin \
 && curl -sSL -o var/ip-country.mmdb https://download.db-ip.com/free/dbip-country-lite.mmdb
COPY config.yml etc/
EXPOSE 9092
RUN addgroup -S -g 1001 app \
 && adduser -S -D -u 1001 -G app app \
 && mkdir -p /app/var \
 && chown app:app /app /app/var
USER 1001:1001
ENTRYPOINT ["/app/bin/outline-ss-server"]
CMD ["-config=etc/config.yml", "-ip_country_db=var/ip-country.mmdb", "-metrics=0.0.0.0:9092"]
