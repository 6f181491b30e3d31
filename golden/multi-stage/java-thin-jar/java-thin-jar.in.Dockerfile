FROM maven:3.9.6-eclipse-temurin-17
WORKDIR /usr/src/app
COPY . .
RUN mvn clean package -DskipTests
CMD ["java", "-jar", "target/worker-1.0.jar"]
