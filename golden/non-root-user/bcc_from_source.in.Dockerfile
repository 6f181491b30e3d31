FROM debian:bookworm-slim
ENV PATH /usr/share/bcc/tools:$PATH
RUN apt-get update && apt-get install -y --no-install-recommends cmake clang git \
	&& git clone --depth 1 https://github.com/iovisor/bcc.git /usr/src/bcc \
	&& cd /usr/src/bcc && cmake . && make install
COPY entrypoint.sh /usr/local/bin/entrypoint.sh
ENTRYPOINT ["entrypoint.sh"]
