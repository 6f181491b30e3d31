FROM gradle:8.7-jdk21-alpine
WORKDIR /home/gradle/project
COPY build.gradle settings.gradle ./
COPY src ./src
RUN gradle bootJar --no-daemon
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/home/gradle/project/build/libs/project-1.0.0.jar"]
