FROM l.gcr.io/google/bazel:latest
ENV GITILES_VERSION v0.4
RUN set -x \
	&& git clone --depth 1 --branch "${GITILES_VERSION}" https://gerrit.googlesource.com/gitiles /usr/src/gitiles \
	&& ( \
		cd /usr/src/gitiles \
		&& bazel build java/com/google/gitiles/dev \
		&& cp -rL bazel-bin bin \
	)
COPY start.sh /usr/bin/start.sh
ENTRYPOINT [ "/usr/bin/start.sh" ]
