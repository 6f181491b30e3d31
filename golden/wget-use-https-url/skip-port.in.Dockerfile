FROM alpine:3.20
RUN wget -q http://example.com:8081/a.jar
