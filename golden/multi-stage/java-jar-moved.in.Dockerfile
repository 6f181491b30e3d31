FROM maven:3.9-eclipse-temurin-17
WORKDIR /build
COPY . .
RUN mvn -B package -DskipTests && mv target/app-1.0.jar /app.jar
CMD ["java", "-jar", "/app.jar"]
