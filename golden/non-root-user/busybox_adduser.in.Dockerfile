FROM golang:1.23 AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /out/app .

FROM busybox:1.36
WORKDIR /srv
COPY --from=build /out/app /srv/app
CMD ["/srv/app"]
