FROM golang:1.23 AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /out/app .

FROM busybox:1.36
WORKDIR /srv
COPY --from=build /out/app /srv/app
RUN addgroup -S -g 1001 app \
    && adduser -S -D -u 1001 -G app app \
    && chown app:app /srv
USER 1001:1001
CMD ["/srv/app"]
