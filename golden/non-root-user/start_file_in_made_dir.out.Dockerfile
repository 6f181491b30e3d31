FROM golang:alpine AS build
WORKDIR /go/bin
RUN apk add --no-cache git
RUN go get -d -v github.com/jstemmer/rehook
RUN go build -o rehook github.com/jstemmer/rehook

FROM alpine:3
WORKDIR /opt/rehook
RUN mkdir -p bin log var
COPY --from=build /go/src/github.com/jstemmer/rehook/views views
COPY --from=build /go/bin/rehook bin
EXPOSE 9000 9001
RUN addgroup -S -g 1001 app \
    && adduser -S -D -u 1001 -G app app \
    && mkdir -p /opt/rehook/log /opt/rehook/var \
    && chown app:app /opt/rehook /opt/rehook/log /opt/rehook/var
USER 1001:1001
ENTRYPOINT ["bin/rehook"]
CMD ["-db", "var/rehook.db", "-http", ":9000", "-admin", ":9001"]
