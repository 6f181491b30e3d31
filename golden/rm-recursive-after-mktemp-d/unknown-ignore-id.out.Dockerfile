FROM debian:bookworm
# dockmod: ignore[rm-recursive-after-mktmp-d]
RUN set -eux; \
	export GNUPGHOME="$(mktemp -d)"; \
	gpg --batch --recv-keys "$KEY"; \
	gpg --batch --export "$KEY" > /usr/share/keyrings/x.gpg; \
	rm -rf "$GNUPGHOME"
