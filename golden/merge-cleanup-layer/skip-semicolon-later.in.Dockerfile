FROM alpine:3.20
RUN apk add --no-cache git
RUN git clone https://example.com/r.git /r; echo done
RUN apk del git
