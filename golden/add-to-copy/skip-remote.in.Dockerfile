FROM alpine:3.20
ADD https://example.com/a.txt /a.txt
ADD git@github.com:org/repo.git /src
