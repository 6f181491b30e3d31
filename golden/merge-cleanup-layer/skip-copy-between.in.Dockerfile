FROM alpine:3.20
RUN apk add --no-cache git
COPY . /src
RUN apk del git
