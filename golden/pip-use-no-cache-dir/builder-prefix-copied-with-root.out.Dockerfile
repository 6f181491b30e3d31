FROM python:3.12-alpine AS build
RUN pip install --no-cache-dir --prefix=/install gunicorn
FROM python:3.12-alpine
COPY --from=build /install /usr/local
COPY --from=build /root /root
CMD ["gunicorn", "app:app"]
