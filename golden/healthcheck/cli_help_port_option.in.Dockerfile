FROM python:3.8-alpine
ENV AIRFLOW_HOME=/opt/airflow
RUN pip install --no-cache-dir apache-airflow==1.10.11
WORKDIR ${AIRFLOW_HOME}
VOLUME ${AIRFLOW_HOME}
EXPOSE 8080
ENTRYPOINT ["airflow"]
CMD ["--help"]
