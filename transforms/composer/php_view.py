"""Which PHP extensions a stage loads (its image's, plus what it installs), and the runtime stages that
receive a composer stage's ``vendor/``."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from refactor.document import Document, Instruction, Stage
from refactor.images import ImageRef
from refactor.knowledge import php_extensions as phpx
from refactor.shell import ShellCommand, ShellScript, shell_of


@dataclass
class PhpView:
    """The extensions a stage's PHP loads; ``open`` when some install could add ones we cannot name."""

    exts: set[str]
    version: tuple[int, int] | None
    open: bool = False
    unknown: str = ""  # why the stage's PHP is not known at all
    image: str = ""  # what the image's extensions are, and where that is known from
    where: dict[str, str] = field(default_factory=dict)  # extension -> the install that added it, with its line

    def source(self, ext: str) -> str:
        """Where ``ext`` comes from: the install that added it, or the image."""
        return self.where.get(ext, "its image loads it")


def php_of(stage: Stage, before: Instruction | None, script: ShellScript | None = None,
            upto: ShellCommand | None = None) -> PhpView:
    root = ImageRef.parse(stage.root_image())
    if root.name in ("composer", "composer/composer"):
        view = PhpView(set(phpx.composer_image_defaults()), None,
                       image=f"image {stage.root_image()}: the official composer image loads php:8-alpine's default "
                             "extensions plus bz2 and zip (refactor/knowledge/php_extensions.py)")
    elif root.name == "php":
        version = phpx.php_tag_version(root.tag)
        view = PhpView(set(phpx.php_image_defaults(version)), version,
                       image=f"image {stage.root_image()}: the official php image loads PHP's default extensions "
                             "and those it configures (refactor/knowledge/php_extensions.py)")
    else:
        return PhpView(set(), None, unknown=f"the extensions of image {stage.root_image()} are not known")
    for s in reversed(stage.lineage()):
        for ins in s.body():
            if ins is before:
                break
            installs(ins, shell_of(ins), None, view)
        else:
            continue
        break
    if before is not None and script is not None:
        installs(before, script, upto, view)
    return view


def installs(ins: Instruction, script: ShellScript | None, upto: ShellCommand | None, view: PhpView) -> None:
    if ins.name == "RUN" and script is None:
        if re.search(r"docker-php-ext-(install|enable)|install-php-extensions", ins.logical.text):
            view.open = True
        return
    if ins.name in ("COPY", "ADD") and ins.flag("from") is not None:
        dest = (ins.json_args or [w.value for w in ins.words] or [""])[-1]
        if "/usr/local/lib/php" in dest or "/usr/local/etc/php" in dest:
            view.open = True
        return
    if script is None:
        return
    for cmd in script.commands:
        if cmd is upto:
            return
        argv = [w.raw for w in cmd.words]
        name = cmd.name.rsplit("/", 1)[-1]
        source = f"{name} at line {ins.doc.line_number(cmd.words[0].start)}" if cmd.words else name
        if name in ("docker-php-ext-install", "docker-php-ext-enable"):
            for raw in argv[1:]:
                if raw.startswith("-"):
                    continue
                if "$" in raw or "`" in raw:
                    view.open = True
                    continue
                _add(view, phpx.canonical(raw.strip("'\"")), source)
        elif name == "install-php-extensions":
            for raw in argv[1:]:
                if raw.startswith(("-", "@")):
                    continue
                if "$" in raw or "`" in raw:
                    view.open = True
                    continue
                _add(view, phpx.canonical(re.split(r"@|-(?=[\d^~])", raw.strip("'\""))[0]), source)


def _add(view: PhpView, ext: str, source: str) -> None:
    if ext not in view.exts:
        view.where[ext] = source
    view.exts.add(ext)


def runtime_stages(doc: Document, stage: Stage, workdir: str) -> list[Stage]:
    """Stages that receive ``workdir/vendor`` from ``stage``: by ``COPY --from`` or by building on it."""
    vendor = f"{workdir.rstrip('/')}/vendor"
    out: list[Stage] = []
    for other in doc.stages[stage.index + 1:]:
        if stage in other.lineage()[1:]:
            out.append(other)
            continue
        for ins in other.body():
            ref = ins.flag("from") if ins.name in ("COPY", "ADD") else None
            if ref is None or not ref.value or doc.stage(ref.value, before=other.index) is not stage:
                continue
            words = ins.json_args if ins.is_json else [w.value for w in ins.words]
            for src in (words or [])[:-1]:
                src = "/" + src.strip("/") if src.strip("/") not in ("", ".") else "/"
                if src == "/" or vendor == src or vendor.startswith(src + "/"):
                    out.append(other)
                    break
            if out and out[-1] is other:
                break
    if not out and stage.is_final:
        return [stage]
    final = doc.final_stage
    in_final = [s for s in out if final is not None and s in final.lineage()]
    return in_final or out


def runtime_verdict(ext: str, runtimes: list[Stage], builder: Stage) -> str:
    """``provided``, ``missing:<stage>``, or the reason the runtime cannot be judged."""
    for rt in runtimes:
        view = php_of(rt, None)
        if view.unknown:
            return f"the runtime stage {stage_name(rt)} uses an image whose extensions are not known"
        if ext in view.exts:
            continue
        if view.open:
            return f"the runtime stage {stage_name(rt)} installs extensions named by variables"
        return f"missing:{stage_name(rt)}"
    return "provided"


def stage_name(stage: Stage) -> str:
    return stage.name or str(stage.index)

