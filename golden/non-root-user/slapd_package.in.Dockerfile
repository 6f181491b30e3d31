FROM debian:bullseye-slim
RUN apt-get update && apt-get install -y \
	ldap-utils \
	slapd \
	--no-install-recommends \
	&& rm -rf /var/lib/apt/lists/*
COPY start.sh /start.sh
ENTRYPOINT [ "/start.sh" ]
