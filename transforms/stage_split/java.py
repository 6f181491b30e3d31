"""Java (Maven, Gradle): the one jar the start command runs (``java -jar target/app.jar``) is copied into the
same JDK's ``-jre`` image of eclipse-temurin, when the build file shows a self-contained jar (Spring Boot's
plugin, the shade plugin, an assembly with dependencies, Gradle's Spring Boot or Shadow plugin)."""

from __future__ import annotations

import posixpath
import re

from refactor.edits import Finding
from refactor.images import ImageRef
from refactor.knowledge.ecosystems.java import FAT_JAR_MARKERS, GRADLE, GRADLE_BUILD, MAVEN, MVN_BUILD, THIN_JAR_MARKERS
from refactor.knowledge.ecosystems.java import SPLIT_BUILD_ONLY_ENV as BUILD_ONLY_ENV
from refactor.knowledge.ecosystems.java import SPLIT_TOOLS as TOOLS
from refactor.knowledge.runtime_bases import RuntimeChoice
from transforms.stage_split.common import context_file, probe_tools
from transforms.stage_split.gate import finding, system_change
from transforms.stage_split.layout import Plan
from transforms.stage_split.subject import Command, Subject


def detect(s: Subject) -> list[Command]:
    return [c for c in s.commands if c.runs(MVN_BUILD) or c.runs(GRADLE_BUILD)]


def _jar(s: Subject) -> str | None:
    """The jar of ``java [options] -jar FILE``, absolute against the final WORKDIR."""
    words = [w for argv in s.start_argvs for a in argv for w in a.split()]
    if not words or words[0].rsplit("/", 1)[-1] != "java" or "-jar" not in words:
        return None
    k = words.index("-jar")
    jar = words[k + 1] if k + 1 < len(words) else ""
    if not jar.endswith(".jar") or any(c in jar for c in "$*?["):
        return None
    return posixpath.normpath(posixpath.join(s.model.workdir_at(None) or "/", jar))


def plan(s: Subject) -> Plan | Finding:
    changed = system_change(s, TOOLS)
    if changed:
        return finding(changed[0], f"build changes the image: RUN at {changed[1]}; cannot tell whether the "
                       "runtime stage needs what it changes")
    if s.model.installed_packages:
        return finding(s.stage.from_, "the build installs system packages: which of them the program needs at "
                       "run time is unknown; split by hand")
    maven = any(MVN_BUILD.matches(list(c.argv)) for c in s.build)
    eco = MAVEN if maven else GRADLE
    ref = ImageRef.parse(s.stage.base_image)
    written = s.stage.base_image
    runtime_image = eco.runtime_for(f"{ref.name}:{ref.tag}") if "@" not in written else None
    if runtime_image is None:
        return finding(s.stage.from_, f"no runtime base known: {written} is not a {eco.name} image that names "
                       "its eclipse-temurin JDK")
    jar = _jar(s)
    if jar is None:
        return finding(s.stage.from_, "artifact unknown: the start command does not run `java -jar FILE.jar` "
                       "with a literal file")
    last = s.build[-1]
    cwd = s.cwd_of(last)
    out_dir = "target" if maven else "build/libs"
    if cwd is None or posixpath.dirname(jar) != posixpath.join(cwd, out_dir):
        return finding(last.ins, f"artifact unknown: the start command runs {jar}, not a jar in the {out_dir}/ "
                       f"folder the build at line {last.ins.lineno} writes")
    build_files = ("pom.xml",) if maven else ("build.gradle", "build.gradle.kts")
    text, build_file = "", build_files[0]
    for name in build_files:
        local = context_file(s, posixpath.join(cwd, name), last.ins)
        if local is not None:
            text, build_file = local.read_text(errors="replace"), name
            break
    if not text:
        return finding(last.ins, f"artifact unknown: {' or '.join(build_files)} is not in the build context, so "
                       "whether the jar carries its dependencies is unknown; split by hand (or run dockmod with "
                       "--context)")
    thin = next((m for m in THIN_JAR_MARKERS if m in text), None)
    fat = next((m for m in FAT_JAR_MARKERS if re.search(m, text)), None)
    if thin or not fat:
        why = f"it uses {thin}" if thin else "it names no plugin that packages the dependencies into the jar"
        return finding(last.ins, f"artifact unknown: the jar may need files beside it: {why}; split by hand")
    runtime = RuntimeChoice(runtime_image, f"the {eco.name} image's JDK as a JRE (eclipse-temurin -jre)")
    evidence = [f"{last.text} at line {last.ins.lineno} writes {jar} (the start command's -jar)",
                f"{build_file} uses {fat.replace(chr(92), '')}: the jar carries its dependencies"]
    return Plan(s, eco.name, runtime, [(jar, jar)], evidence, packages=probe_tools(s), build_only_env=BUILD_ONLY_ENV)
