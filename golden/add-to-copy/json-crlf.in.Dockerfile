FROM alpine:3.20
ADD ["a b.txt", "/data/"]
