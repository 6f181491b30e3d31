FROM maven:3.8-openjdk-11
WORKDIR /app
COPY . .
RUN mvn -B package -DskipTests
CMD ["java", "-jar", "target/app.jar"]
