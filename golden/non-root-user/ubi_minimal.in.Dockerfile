FROM registry.access.redhat.com/ubi9/ubi-minimal
RUN microdnf install -y python3 && microdnf clean all
COPY app.py /app.py
CMD ["python3", "/app.py"]
