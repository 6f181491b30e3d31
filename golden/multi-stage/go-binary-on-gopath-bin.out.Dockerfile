FROM golang:1.19 AS build

WORKDIR /go/src/app
COPY . .

RUN go build -v -o /go/bin/app .

FROM debian:bookworm-slim AS runtime
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /go/src/app
COPY --from=build /go/bin/app /usr/local/bin/app
EXPOSE 8080
CMD ["app"]
