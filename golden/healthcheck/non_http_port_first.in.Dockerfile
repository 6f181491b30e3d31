FROM python:3.12-alpine
RUN pip install --no-cache-dir graphite-web carbon
EXPOSE 2003 2004 8080
CMD ["run-graphite"]
