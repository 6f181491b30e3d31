"""PHP with Composer: ``composer install`` moves into a ``composer:2`` stage named ``vendor`` (the app folder's
COPYs and composer commands repeated there in order, the manifests first), and the original stage, on its own
php image, stays the runtime: the composer binary is no longer installed and ``vendor/`` is copied in where the
last composer command ran. Unlike the other planners the original stage is the runtime, so its own RUNs, USER
and the base image's CMD stay as they are."""

from __future__ import annotations

import json
import posixpath
import re
from pathlib import Path

from refactor.document import Document, Instruction
from refactor.edits import Edit, Finding, Fix, Safety
from refactor.images import ImageRef
from refactor.knowledge import php_extensions as phpx
from refactor.knowledge.ecosystems.php import (
    COMPOSER_IMAGE,
    COMPOSER_SCRIPT_EVENTS,
    COMPOSER_STAGE_FLAGS,
    INSTALLER_MARKERS,
    PHP_RUNTIME_VARIANTS,
)
from refactor.knowledge.ecosystems.php import SPLIT_COMPOSER_FETCH_TOOLS as FETCH_TOOLS
from refactor.model import join_path
from refactor.rewrite import command_list, remove_word
from transforms.composer.php_view import php_of
from transforms.stage_split import PASS_ID
from transforms.stage_split.common import context_file, copy_destinations
from transforms.stage_split.gate import COMMON_RULES, SCRIPT_TOOLS, finding
from transforms.stage_split.subject import Command, Subject

# The original stage stays the runtime: it needs no CMD of its own (the php image's CMD runs), and the other
# planners' rules about the builder's RUNs and a named USER do not apply (those stay in the same stage).
NEEDS_START = False
RULES = COMMON_RULES[:1]  # only "the start command builds" (composer install in CMD)
VENDOR = "vendor"
APP = "/app"  # the composer image's WORKDIR (docker-library composer Dockerfile)
COMPOSER_TOOLS = ("composer", "composer.phar")
CLEANUP_TOOLS = frozenset({"rm", "true", ":", "echo", "set"})


def _is_php_runtime(image: str) -> bool:
    ref = ImageRef.parse(image)
    if ref.name != "php" or "$" in image:
        return False
    tag = ref.tag or "latest"
    return not re.search(r"zts|windows|nanoserver", tag) and (
        any(v in tag.split("-") for v in PHP_RUNTIME_VARIANTS) or re.fullmatch(r"[\d.]+|latest", tag) is not None)


def _composer_argv(c: Command) -> list[str] | None:
    """The argv from ``composer`` on (``php composer.phar install`` too)."""
    argv = list(c.argv)
    if c.tool == "php" and len(argv) > 1 and argv[1].rsplit("/", 1)[-1] == "composer.phar":
        argv = argv[1:]
    return argv if argv and argv[0].rsplit("/", 1)[-1] in COMPOSER_TOOLS else None


def _verb(argv: list[str]) -> str:
    return next((a for a in argv[1:] if not a.startswith("-")), "")


def detect(s: Subject) -> list[Command]:
    if not _is_php_runtime(s.stage.base_image):
        return []
    composer = [c for c in s.commands if _composer_argv(c) is not None]
    if not any(_verb(_composer_argv(c) or []) in ("install", "i") for c in composer):
        return []
    return composer


def _composer_source(s: Subject) -> tuple[list[Edit], str] | Finding:
    """The edits that stop installing composer in the runtime, and how it was installed."""
    for ins in s.stage.body():
        ref = ins.flag("from") if ins.name == "COPY" else None
        if ref is not None and ref.value and ImageRef.parse(ref.value).name in ("composer", "composer/composer"):
            return [_delete(ins)], f"COPY --from={ref.value} at line {ins.lineno} removed"
    for ins in s.stage.body():
        if ins.name == "RUN" and any(m in ins.logical.text for m in INSTALLER_MARKERS):
            cmds = s.commands_of([ins])
            if cmds and all(c.tool in ("curl", "wget", "php", "mv", "chmod", "rm", "cd") for c in cmds):
                return [_delete(ins)], f"the installer RUN at line {ins.lineno} removed"
            return finding(ins, f"composer installer shares its RUN at line {ins.lineno} with other commands; "
                           "the runtime would keep composer; split by hand")
    for c in s.commands:
        if c.tool in ("apt-get", "apt", "apk") and "composer" in c.argv[2:]:
            word = next((w for w in c.cmd.words if w.value == "composer"), None)
            if word is None or len([a for a in c.argv[2:] if not a.startswith("-")]) < 2:
                return finding(c.ins, f"line {c.ins.lineno} installs only composer; split by hand")
            return [remove_word(c.ins, word)], f"the composer package of line {c.ins.lineno} removed"
    return finding(s.stage.from_, "composer not installed by this file (from the base image?): the runtime "
                   "would keep it; split by hand")


def _json(path: Path | None) -> dict | None:
    if path is None:
        return None
    try:
        data = json.loads(path.read_text(errors="replace"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _required_exts(manifest: dict, lock: dict | None) -> dict[str, str]:
    """``ext-*`` the production install checks, with who requires it."""
    out: dict[str, str] = {}
    for name in manifest.get("require") or {}:
        if isinstance(name, str) and name.startswith("ext-"):
            out.setdefault(phpx.canonical(name[4:]), "composer.json")
    for pkg in (lock or {}).get("packages") or []:
        if isinstance(pkg, dict):
            for name in pkg.get("require") or {}:
                if isinstance(name, str) and name.startswith("ext-"):
                    out.setdefault(phpx.canonical(name[4:]), str(pkg.get("name", "a locked package")))
    return out


def _copy_words(ins: Instruction) -> list[str]:
    return ins.json_args if ins.is_json else [w.value for w in ins.words]


def _new_install(argv: list[str]) -> str:
    """The user's ``composer install`` with the stage's flags it lacks (its own stricter ones kept)."""
    flags = [a for a in argv[1:] if a not in ("install", "i")]
    for flag, equivalents in COMPOSER_STAGE_FLAGS:
        if not any(a == e or a.startswith(e + "=") for a in flags for e in equivalents):
            flags.append(flag)
    return " ".join(["composer", "install", *flags])


def _new_dump(argv: list[str], no_dev: bool) -> str:
    flags = argv[2:]
    extra = [f for f in ("--no-dev", "--no-scripts") if f not in flags and (f != "--no-dev" or no_dev)]
    return " ".join(["composer", argv[1], *flags, *extra])


def plan(s: Subject) -> Fix | Finding:
    doc = s.doc
    kw = doc.keyword
    if any(i.name == "USER" for i in s.builder_part):
        ins = next(i for i in s.builder_part if i.name == "USER")
        return finding(ins, f"USER before composer install: line {ins.lineno} runs it as another user, who owns "
                       "vendor/; split by hand")
    composer_runs: list[Instruction] = list(dict.fromkeys(c.ins for c in s.build))
    workdir = s.model.workdir_at(composer_runs[-1])
    if not workdir or workdir == "/":
        return finding(composer_runs[0], "artifact unknown: no WORKDIR, so the application folder cannot be "
                       "told from the system")
    steps: list[list[str]] = []  # the vendor stage's RUN commands, one list per composer RUN
    installs: list[list[str]] = []
    for ins in composer_runs:
        cmds = s.commands_of([ins])  # never empty: composer_runs are the RUNs of parsed composer commands
        run: list[str] = []
        for c in cmds:
            argv = _composer_argv(c)
            if argv is None:
                if c.tool in CLEANUP_TOOLS:
                    continue
                # The tool only, not its words: another pass may change those, and the finding must be the same
                # in the applier's last round to be reported.
                return finding(ins, f"composer runs with other commands: line {ins.lineno} also runs "
                               f"{c.tool}, which may need the app or PHP; split by hand")
            verb = _verb(argv)
            if any(a in ("-d", "--working-dir") or a.startswith("--working-dir=") for a in argv) \
                    or s.cwd_of(c) != workdir or any("$" in a for a in argv):
                return finding(ins, f"build too dynamic to see through: composer at line {ins.lineno} runs "
                               f"outside {workdir} or with a variable")
            if verb in ("install", "i"):
                installs.append(argv)
                run.append(_new_install(argv))
            elif verb in ("dump-autoload", "dumpautoload"):
                run.append(_new_dump(argv, True))
            elif verb in ("clear-cache", "clearcache", "cc"):
                continue
            else:
                return finding(ins, f"composer {verb} at line {ins.lineno}: only install and dump-autoload move "
                               "into the composer stage; split by hand")
        steps.append(run)
    if any("--dev" in argv for argv in installs):
        return finding(composer_runs[0], f"dev dependencies asked for: composer install --dev at line "
                       f"{composer_runs[0].lineno} installs require-dev on purpose; split by hand")
    for ins in s.stage.body():
        if ins.name == "ARG" and any(w.value.split("=", 1)[0].startswith("COMPOSER") for w in ins.words):
            return finding(ins, f"composer configured by a build argument at line {ins.lineno}; split by hand")

    # The app folder's COPYs from the context up to the last composer RUN, repeated in the vendor stage.
    last = composer_runs[-1]
    copies = [i for i in s.stage.body() if i.name in ("COPY", "ADD") and i.flag("from") is None
              and i.index < last.index]
    manifest_at = posixpath.join(workdir, "composer.json")
    manifest = context_file(s, manifest_at, composer_runs[0])
    data = _json(manifest)
    if data is None:
        return finding(composer_runs[0], f"composer.json not readable from the build context at {manifest_at}: "
                       "its scripts, dev dependencies and extensions cannot be checked; split by hand (or run "
                       "dockmod with --context)")
    lock = _json(manifest.with_name("composer.lock"))
    scripted = [_verb(a) for c in s.build if (a := _composer_argv(c)) and "--no-scripts" not in a]
    for event in COMPOSER_SCRIPT_EVENTS:
        script = (data.get("scripts") or {}).get(event) if isinstance(data.get("scripts"), dict) else None
        if script and any(v in ("install", "i") or (v in ("dump-autoload", "dumpautoload")
                                                   and event.endswith("autoload-dump")) for v in scripted):
            text = script if isinstance(script, str) else "; ".join(str(x) for x in script)
            return finding(composer_runs[0], f"composer scripts the app needs: composer.json {event} runs "
                           f"`{text[:60]}`, which --no-scripts leaves out of the composer stage; split by hand")
    if not all("--no-dev" in a for a in installs) and data.get("require-dev"):
        uses = [i for i in s.stage.body() if i.name in ("RUN", "CMD", "ENTRYPOINT", "HEALTHCHECK")
                and i not in composer_runs and "vendor/bin/" in i.args]
        if uses:
            return finding(uses[0], f"dev dependencies used at run time: line {uses[0].lineno} runs vendor/bin/ "
                           "and composer install keeps require-dev; split by hand")
    runtime_view = php_of(s.stage, None)
    composer_exts = phpx.composer_image_defaults()
    for ext, who in sorted(_required_exts(data, lock).items()):
        if ext in composer_exts or (ext in runtime_view.exts and not runtime_view.unknown):
            continue
        why = ("installs extensions named by variables" if runtime_view.open else runtime_view.unknown
               or "does not show installing it")
        return finding(composer_runs[0], f"composer install needs ext-{ext} (required by {who}), which the "
                       f"composer image lacks and this stage {why}, so its platform check cannot be ignored; split "
                       "by hand")

    source = _composer_source(s)
    if isinstance(source, Finding):
        return source
    edits, how_removed = source
    fetch_edits, fetch_evidence = _fetch_tools(s, composer_runs, edits)
    edits += fetch_edits

    # The vendor stage.
    nl = doc.newline
    block = [f"{kw('FROM')} {COMPOSER_IMAGE} {kw('AS')} {VENDOR}", f"{kw('WORKDIR')} {APP}"]
    # Composer's own settings (COMPOSER_ALLOW_SUPERUSER, COMPOSER_HOME …) are repeated as written.
    block += [doc.text[i.start:i.end] for i in s.stage.body()
              if i.name == "ENV" and i.index < last.index and "COMPOSER" in i.args]
    rel_manifests = posixpath.relpath(manifest_at, workdir)
    first_install = next(i for i in composer_runs if any(_verb(_composer_argv(c) or []) in ("install", "i")
                                                          for c in s.commands_of([i])))
    manifests_first = any(i.index < first_install.index and _covers_manifest(s, i, workdir)
                          and not _manifest_only(i) for i in copies)
    if manifests_first:  # the whole folder came first: the manifests alone before the install, so it caches
        try:
            folder = manifest.parent.resolve().relative_to(s.context_dir.resolve()).as_posix() if s.context_dir \
                else "."
        except ValueError:
            return finding(composer_runs[0], "build too dynamic to see through: composer.json is outside the "
                           "build context")
        files = ["composer.json", *(["composer.lock"] if lock is not None else [])]
        names = " ".join(f if folder == "." else posixpath.join(folder, f) for f in files)
        block.append(f"{kw('COPY')} {names} ./")
    runs = iter(zip(composer_runs, steps, strict=True))
    next_run = next(runs, None)
    pending_copies: list[str] = []
    for ins in sorted([*copies, *composer_runs], key=lambda i: i.index):
        if ins.name in ("COPY", "ADD"):
            words = _copy_words(ins)
            cwd = s.model.workdir_at(ins)
            dest = join_path(cwd, words[-1], {}) if len(words) >= 2 else None  # None: under an unknown WORKDIR
            if dest is None or ins.heredocs or any("$" in w for w in words):
                return finding(ins, f"build too dynamic to see through: COPY at line {ins.lineno}")
            if not (dest == workdir or dest.startswith(workdir.rstrip("/") + "/")):
                continue
            rel = posixpath.relpath(dest, workdir)
            if not words[-1].startswith("/") and cwd == workdir:
                target = words[-1]  # as written, relative to the same folder
            else:
                target = "./" if rel == "." else rel + ("/" if words[-1].endswith("/") else "")
            line = f"{kw('COPY')} {' '.join(words[:-1])} {target}"
            if manifests_first and ins.index < first_install.index and _covers_manifest(s, ins, workdir):
                pending_copies.append(line)  # after the install
            else:
                block.append(line)
        elif next_run is not None and ins is next_run[0]:
            cmds = next_run[1]
            if manifests_first and ins is first_install:
                # the install runs on the manifests alone; what follows it in its RUN (a dump-autoload) needs the
                # app's files, so it runs after they are copied
                k = next(i for i, cmd in enumerate(cmds) if cmd.startswith("composer install"))
                install = cmds[k] if "--no-autoloader" in cmds[k] else cmds[k].replace(
                    "composer install", "composer install --no-autoloader", 1)
                block.append(_run_line(doc, [*cmds[:k], install]))
                block += pending_copies
                pending_copies = []
                if cmds[k + 1:]:
                    block.append(_run_line(doc, cmds[k + 1:]))
                if not any(_verb(_composer_argv(c) or []) in ("dump-autoload", "dumpautoload") for c in s.build):
                    block.append(f"{kw('RUN')} composer dump-autoload --optimize --no-dev --no-scripts")
            elif cmds:
                block.append(_run_line(doc, cmds))
            next_run = next(runs, None)
    edits.append(Edit.insert(s.stage.from_.line_start, "".join(ln + nl for ln in block) + nl))

    # The runtime: the composer RUNs go, vendor/ arrives where the last one ran.
    vendor_dest = posixpath.join(workdir, "vendor")
    for ins in composer_runs[:-1]:
        edits.append(_delete(ins))
    edits.append(Edit(last.line_start, last.end, f"{kw('COPY')} --from={VENDOR} {APP}/vendor {vendor_dest}"))
    edits.append(Edit.insert(len(doc.text), ""))  # the split spans the file (see layout.render)
    evidence = [f"composer install at line {first_install.lineno} runs in a {COMPOSER_IMAGE} stage with "
                f"{' '.join(f for f, _ in COMPOSER_STAGE_FLAGS)}",
                f"composer.json ({rel_manifests}) has no install scripts" +
                ("" if data.get("require-dev") is None else " and nothing here runs vendor/bin/"),
                f"{vendor_dest} copied in at line {last.lineno}", how_removed, *fetch_evidence]
    message = (f"split into a {VENDOR} stage on {COMPOSER_IMAGE} and the {s.stage.base_image} runtime "
               f"(php, composer): " + "; ".join(evidence))
    return Fix(PASS_ID, message, tuple(edits), Safety.REVIEW, offset=s.stage.from_.start)


# Programs of the php image itself that a start command may name (docker-library/php: docker-php-entrypoint,
# apache2-foreground, php-fpm).
IMAGE_PROGRAMS = frozenset({"docker-php-entrypoint", "apache2-foreground", "php-fpm", "php", "php-cgi", "apache2ctl",
                            "httpd", "nginx", "supervisord"})
NODE_INSTALLERS = frozenset({"npm", "yarn", "pnpm", "bower"})


def _calls(text: str, tool: str) -> bool:
    return re.search(rf"(?:^|[\s;&|`(]){re.escape(tool)}(?:\s|$)", text, re.M) is not None


def _scripts(s: Subject, composer_runs: list[Instruction]) -> tuple[list[tuple[str, str]], str | None]:
    """``(what, text)`` of each script of the build context the runtime runs (the start command's, a RUN's), or
    the first one that cannot be read. Scripts are looked up as the stage ends: where the container finds them."""
    dests = [d for _, d in copy_destinations(s, s.stage.body()) if d]
    candidates: list[str] = []
    for word in s.start_words:
        if word.rsplit("/", 1)[-1] in IMAGE_PROGRAMS or word.startswith("-") or "$" in word:
            continue
        if "/" in word or word.endswith(".sh"):
            candidates.append(word)
    for c in s.commands:
        if c.ins in composer_runs:
            continue
        if c.tool in SCRIPT_TOOLS and len(c.argv) > 1 and not c.argv[1].startswith("-"):
            candidates.append(c.argv[1])
        elif c.argv[0].startswith("./") or c.argv[0].endswith(".sh"):
            candidates.append(c.argv[0])
    out: list[tuple[str, str]] = []
    for word in dict.fromkeys(candidates):
        if word.startswith("/"):
            path = word
        elif "/" in word:
            cwd = s.model.workdir_at(None)  # None: a WORKDIR with an unknown variable, so the script is not known
            path = posixpath.normpath(posixpath.join(cwd, word)) if cwd else ""
        else:
            path = next((d for d in dests if posixpath.basename(d) == word), "")
        local = context_file(s, path, None) if path else None
        if local is None:
            return out, word
        try:
            out.append((word, local.read_text(errors="replace")))
        except OSError:
            return out, word
    return out, None


def _fetch_tools(s: Subject, composer_runs: list[Instruction], taken: list[Edit]) -> tuple[list[Edit], list[str]]:
    """Drop composer's download tools (git, unzip) from the runtime's package installs when nothing else in the
    stage runs them: no other RUN, no node install (git dependencies), no script of the context it runs."""
    found = []
    for c in s.commands:
        if c.tool in ("apt-get", "apt", "apk") and len(c.argv) > 2 and c.argv[1] in ("install", "add"):
            found += [(c, w) for w in c.cmd.words[2:] if w.value in FETCH_TOOLS]
    if not found:
        return [], []
    others = [c for c in s.commands if c.ins not in composer_runs]
    scripts, unread = _scripts(s, composer_runs)

    def needed(tool: str) -> str | None:
        user = next((o for o in others if o.tool == tool or (tool == "git" and (
            o.tool in NODE_INSTALLERS or any(a.startswith(("git+", "git@", "git://")) for a in o.argv)))), None)
        if user is not None:
            return f"line {user.ins.lineno} " + (f"runs {tool}" if user.tool == tool else
                                                 f"runs {user.tool}, which may fetch git dependencies")
        script = next((w for w, text in scripts if _calls(text, tool)), None)
        if script is not None:
            return f"{script} calls it"
        return f"{unread} runs and cannot be read in the build context" if unread is not None else None

    why = {tool: needed(tool) for tool in FETCH_TOOLS}
    edits: list[Edit] = []
    dropped: list[str] = []
    kept: list[str] = []
    for c, word in found:
        tool = word.value
        going = {w.value for d, w in found if d is c and why[w.value] is None}
        going |= {w.value for w in c.cmd.words if any(e.start <= w.start < e.end for e in taken)}
        edit = remove_word(c.ins, word)
        if why[tool] is not None:
            kept.append(f"{tool} kept at line {c.ins.lineno}: {why[tool]}")
        elif not {a for a in c.argv[2:] if not a.startswith("-")} - going:
            kept.append(f"{tool} kept at line {c.ins.lineno}: the install would be left empty")
        elif any(e.start < edit.end and edit.start < e.end for e in [*taken, *edits]):
            kept.append(f"{tool} kept at line {c.ins.lineno}: its word cannot be removed on its own")
        else:
            edits.append(edit)
            dropped.append(f"{tool} (line {c.ins.lineno})")
    evidence = []
    if dropped:
        checked = f" and no script it runs ({', '.join(w for w, _ in scripts)}) calls them" if scripts else ""
        node = "" if why["git"] is not None else ", no node install that may need git"
        evidence.append(f"composer's download tools dropped from the runtime: {', '.join(dropped)}; no other "
                        f"RUN of the stage runs them{node}{checked}")
    return edits, evidence + kept


def _run_line(doc: Document, cmds: list[str]) -> str:
    """A vendor-stage RUN of ``cmds`` joined by ``&&``, laid out like the file's own RUNs."""
    return f"{doc.keyword('RUN')} {command_list(doc, cmds[0], cmds[1:])}"


def _delete(ins: Instruction) -> Edit:
    """Delete the instruction's lines, and one blank line after them when a blank line is also before them. The
    comment lines above it stay: a rewrite never drops a comment (refactor/validate.py refuses it)."""
    text = ins.doc.text
    start = ins.line_start
    stop = ins.stop
    m = re.match(r"[ \t]*\r?\n", text[stop:])
    if m and re.search(r"\n[ \t]*\r?\n$", text[:start]):
        stop += m.end()
    return Edit.delete(start, stop)


def _manifest_only(ins: Instruction) -> bool:
    sources = _copy_words(ins)[:-1]
    return bool(sources) and all(posixpath.basename(src.rstrip("/")).startswith("composer.") for src in sources)


def _covers_manifest(s: Subject, ins: Instruction, workdir: str) -> bool:
    """True when ``ins`` copies the app folder (or the manifests alone) to ``workdir``, where composer.json lands."""
    words = _copy_words(ins)
    dest = join_path(s.model.workdir_at(ins), words[-1], {}) if len(words) >= 2 else None
    if dest is None:  # no destination, or one under a WORKDIR that is not known
        return False
    folders = [src for src in words[:-1] if src in (".", "./") or src.endswith("/")
               or (s.context_dir is not None and (s.context_dir / src).is_dir())]
    return dest == workdir and (bool(folders) or _manifest_only(ins))
