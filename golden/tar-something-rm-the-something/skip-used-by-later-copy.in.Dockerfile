FROM alpine:3.20 AS fetch
RUN wget -q https://example.com/app.tar.gz -O /app.tar.gz && tar -xzf /app.tar.gz -C /opt
FROM alpine:3.20
# the archive is shipped as it is: a later stage copies it
COPY --from=fetch /app.tar.gz /srv/
CMD ["sh"]
