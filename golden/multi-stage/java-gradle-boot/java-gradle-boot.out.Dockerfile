FROM gradle:8.7-jdk21-alpine AS build
WORKDIR /home/gradle/project
COPY build.gradle settings.gradle ./
COPY src ./src
RUN gradle bootJar --no-daemon

FROM eclipse-temurin:21-jre-alpine AS runtime
WORKDIR /home/gradle/project
COPY --from=build /home/gradle/project/build/libs/project-1.0.0.jar /home/gradle/project/build/libs/project-1.0.0.jar
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/home/gradle/project/build/libs/project-1.0.0.jar"]
