FROM debian:bookworm
RUN curl -s -o /dev/null -w "%{http_code}" https://example.com/health \
    && curl -X POST -d @payload.json https://example.com/hook \
    && curl -I https://example.com
