FROM alpine:3.20 AS build
RUN apk add --no-cache git
RUN apk del git

FROM alpine:3.20
COPY --from=build /etc/os-release /tmp/
