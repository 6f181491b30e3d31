FROM debian:bookworm
RUN export GNUPGHOME="$(mktemp -d)" && gpg --batch --recv-keys "$KEY" && rm -rf "${GNUPGHOME}"
