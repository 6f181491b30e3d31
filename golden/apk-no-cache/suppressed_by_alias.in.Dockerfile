FROM alpine:3.19
# dockmod: ignore[apkAddUseNoCache]
RUN apk add --update git openssh-client
CMD ["git", "--version"]
