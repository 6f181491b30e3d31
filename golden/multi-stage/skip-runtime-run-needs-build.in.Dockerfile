FROM python:3.12
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir django==5.0 gunicorn
COPY . .
RUN python manage.py collectstatic --noinput
CMD ["gunicorn", "mysite.wsgi:application", "--bind", "0.0.0.0:8000"]
