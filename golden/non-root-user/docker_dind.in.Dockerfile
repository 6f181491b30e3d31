FROM docker:24-dind
RUN apk add --no-cache bash
COPY entry.sh /entry.sh
ENTRYPOINT ["/entry.sh"]
