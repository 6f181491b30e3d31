FROM alpine:3.20
# the symlink would dangle once the folder is gone
RUN d="$(mktemp -d)" && wget -qO- https://example.com/tool.tgz | tar xz -C "$d" && ln -s "$d/bin/tool" /usr/local/bin/tool
RUN dir=$(mktemp -d) \
    && wget -qO- https://example.com/app.tgz | tar xz -C "$dir" \
    && echo "export APP_HOME=$dir" > /etc/profile.d/app.sh
CMD ["tool"]
