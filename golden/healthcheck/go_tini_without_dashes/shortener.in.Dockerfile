FROM golang:1.22 AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /srv/shortener .

FROM scratch
ADD --chmod=755 https://github.com/krallin/tini/releases/download/v0.19.0/tini-static /tini
COPY --from=build /srv/shortener /srv/shortener
EXPOSE 3000
ENTRYPOINT ["/tini"]
CMD ["/srv/shortener"]
