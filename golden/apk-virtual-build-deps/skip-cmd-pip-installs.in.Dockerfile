FROM python:3.12-alpine
WORKDIR /app
COPY . .
RUN apk add --no-cache gcc musl-dev libffi-dev \
    && pip install --no-cache-dir -r requirements.txt
CMD sh -c "pip install --no-cache-dir -r plugins.txt && python app.py"
