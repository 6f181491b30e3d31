FROM golang:1.21 AS build
ENV GO111MODULE=on \
    APP_ENV=production
WORKDIR /go/src/app
COPY . .
# the sqlite driver needs cgo
RUN go build -o /go/bin/api ./cmd/api

FROM debian:bookworm-slim AS runtime
ENV GO111MODULE=on \
    APP_ENV=production
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /go/src/app
COPY --from=build /go/bin/api /go/bin/api
LABEL org.opencontainers.image.source="https://github.com/example/api"
EXPOSE 9000
ENTRYPOINT ["/go/bin/api"]
CMD ["--listen", ":9000"]
