FROM cgr.dev/chainguard/python:latest-dev AS build
WORKDIR /app
RUN python -m venv venv
ENV PATH="/app/venv/bin:$PATH"
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt

FROM cgr.dev/chainguard/python:latest
WORKDIR /app
COPY --from=build /app/venv /app/venv
COPY main.py .
ENV PATH="/app/venv/bin:$PATH"
EXPOSE 8000
ENTRYPOINT ["python", "main.py"]
