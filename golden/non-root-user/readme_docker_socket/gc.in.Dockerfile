FROM golang:1.22-alpine AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /out/docker-gc .

FROM alpine:3.20
COPY --from=build /out/docker-gc /usr/local/bin/docker-gc
ENTRYPOINT ["/usr/local/bin/docker-gc"]
