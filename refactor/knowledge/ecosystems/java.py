"""Java: Maven and Gradle."""

from __future__ import annotations

from refactor.commands import pattern
from refactor.knowledge.ecosystems import BuildCommand, Ecosystem, RuntimeBase

# maven.apache.org/ref/current/maven-embedder/cli.html: ``-f POM``, ``-s SETTINGS``, ``-pl LIST`` take values;
# ``mvn`` and the wrapper ``./mvnw`` are the same tool. ``dependency:go-offline`` fetches every dependency.
MVN_VALUE_OPTIONS = frozenset({"-f", "--file", "-s", "--settings", "-pl", "--projects", "-P",
                               "--activate-profiles", "-T", "--threads", "-gs", "--global-settings"})
MVN_FETCH = pattern(("mvn", "mvnw"), ("dependency:go-offline", "dependency:resolve"),
                    value_options=MVN_VALUE_OPTIONS, global_value_options=MVN_VALUE_OPTIONS,
                    examples=("mvn dependency:go-offline -B", "./mvnw -B dependency:go-offline"),
                    counterexamples=("mvn package",))
MVN_BUILD = pattern(("mvn", "mvnw"), ("package", "install", "verify", "clean package", "clean install"),
                    value_options=MVN_VALUE_OPTIONS, global_value_options=MVN_VALUE_OPTIONS,
                    examples=("mvn -B package -DskipTests", "mvn clean package", "./mvnw -f app/pom.xml install"),
                    counterexamples=("mvn dependency:go-offline",))
# docs.gradle.org: ``gradle build`` / ``bootJar`` (Spring Boot plugin); ``-p DIR`` takes a value; ``./gradlew``.
GRADLE_VALUE_OPTIONS = frozenset({"-p", "--project-dir", "-b", "--build-file", "-x", "--exclude-task",
                                  "-g", "--gradle-user-home"})
GRADLE_FETCH = pattern(("gradle", "gradlew"), ("dependencies",), value_options=GRADLE_VALUE_OPTIONS,
                       global_value_options=GRADLE_VALUE_OPTIONS,
                       examples=("gradle dependencies --no-daemon", "./gradlew dependencies"),
                       counterexamples=("gradle build",))
GRADLE_BUILD = pattern(("gradle", "gradlew"), ("build", "bootJar", "assemble", "clean build", "shadowJar"),
                       value_options=GRADLE_VALUE_OPTIONS, global_value_options=GRADLE_VALUE_OPTIONS,
                       examples=("gradle build --no-daemon", "./gradlew bootJar", "gradle clean build -x test"),
                       counterexamples=("gradle dependencies",))

# eclipse-temurin publishes ``<java>-jre`` images (docker-library official-images library/eclipse-temurin);
# the maven image's tags name their JDK (``maven:3.9-eclipse-temurin-21``), gradle's too (``gradle:8-jdk21``).
MAVEN_RUNTIME = RuntimeBase(r"maven:(?P<maven>[\d.]+)-eclipse-temurin-(?P<java>\d+)(?P<os>-alpine)?",
                            "eclipse-temurin:{java}-jre{os}",
                            examples=(("maven:3.9-eclipse-temurin-21", "eclipse-temurin:21-jre"),
                                      ("maven:3.9.6-eclipse-temurin-17-alpine", "eclipse-temurin:17-jre-alpine")))
GRADLE_RUNTIME = RuntimeBase(r"gradle:(?P<gradle>[\d.]+)-jdk(?P<java>\d+)(?P<os>-alpine)?",
                             "eclipse-temurin:{java}-jre{os}",
                             examples=(("gradle:8.7-jdk21", "eclipse-temurin:21-jre"),
                                       ("gradle:8-jdk17-alpine", "eclipse-temurin:17-jre-alpine")))

MAVEN = Ecosystem(
    "maven", "java",
    manifests=("pom.xml",), lockfiles=(),
    install=(MVN_FETCH,),
    cache_dirs=("/root/.m2/repository",),  # maven.apache.org/guides/mini/guide-configuring-maven.html
    # The jar plugin writes ``target/<artifactId>-<version>.jar`` (maven.apache.org/plugins/maven-jar-plugin).
    builds=(BuildCommand(MVN_BUILD, ("target/*.jar",), examples=("mvn -B package",)),),
    production_install=None,  # dependencies are packaged into the jar (or copied next to it)
    runtime_bases=(MAVEN_RUNTIME,),
)
GRADLE = Ecosystem(
    "gradle", "java",
    manifests=("build.gradle", "build.gradle.kts", "settings.gradle", "settings.gradle.kts"),
    lockfiles=("gradle.lockfile",),
    install=(GRADLE_FETCH,),
    cache_dirs=("/root/.gradle/caches", "/home/gradle/.gradle/caches"),  # the gradle image's user is gradle
    # docs.gradle.org/current/userguide/java_plugin.html: jars go to ``build/libs``.
    builds=(BuildCommand(GRADLE_BUILD, ("build/libs/*.jar",), examples=("gradle build",)),),
    production_install=None,
    runtime_bases=(GRADLE_RUNTIME,),
)

ECOSYSTEMS = (MAVEN, GRADLE)

# -- the multi-stage split (transforms/stage_split/java.py) -----------------------------------------------------

# A jar that carries its dependencies runs alone on a JRE: Spring Boot's repackaged jar
# (docs.spring.io/spring-boot/maven-plugin/packaging.html; the Gradle plugin's ``bootJar``), the shade plugin's
# uber-jar (maven.apache.org/plugins/maven-shade-plugin), the assembly plugin's ``jar-with-dependencies``
# descriptor, the Shadow plugin for Gradle (gradleup.com/shadow). Regular expressions over pom.xml/build.gradle.
FAT_JAR_MARKERS = (r"spring-boot-maven-plugin", r"maven-shade-plugin", r"jar-with-dependencies",
                   r"org\.springframework\.boot", r"com\.github\.johnrengelman\.shadow", r"com\.gradleup\.shadow")
# A jar whose manifest's Class-Path points at copied dependencies (``maven-dependency-plugin`` copy-dependencies
# into ``target/lib``) needs those files beside it.
THIN_JAR_MARKERS = ("copy-dependencies", "addClasspath")

# What the multi-stage split (transforms/stage_split/) needs to know about Java: the programs a build of it
# runs, the packages that are only its toolchain, and the ENV only its build reads.
SPLIT_TOOLS = frozenset({"mvn", "mvnw", "gradle", "gradlew", "java", "git"})
SPLIT_BUILD_ONLY_ENV = frozenset({"MAVEN_OPTS", "MAVEN_CONFIG", "MAVEN_HOME", "GRADLE_USER_HOME", "GRADLE_OPTS",
                                  "GRADLE_HOME"})
