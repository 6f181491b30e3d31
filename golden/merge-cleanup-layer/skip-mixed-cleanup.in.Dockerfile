FROM alpine:3.20
RUN apk add --no-cache git
RUN apk del git && echo cleaned
