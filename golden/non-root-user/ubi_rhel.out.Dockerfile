FROM registry.access.redhat.com/ubi9/ubi
RUN dnf install -y python3 && dnf clean all
WORKDIR /opt/app
COPY app.py .
RUN groupadd --system --gid 1001 app \
    && useradd --system --no-log-init --create-home --uid 1001 --gid app app \
    && chown app:app /opt/app
USER 1001:1001
CMD ["python3", "app.py"]
