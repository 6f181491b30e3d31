FROM eclipse-temurin:21-jre
WORKDIR /application
COPY application.jar app.jar
EXPOSE 8090
ENTRYPOINT ["java", "-jar", "app.jar"]
