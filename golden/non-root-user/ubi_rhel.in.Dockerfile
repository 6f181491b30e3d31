FROM registry.access.redhat.com/ubi9/ubi
RUN dnf install -y python3 && dnf clean all
WORKDIR /opt/app
COPY app.py .
CMD ["python3", "app.py"]
