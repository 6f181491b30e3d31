"""Mutation tests for transforms/stage_split/php.py: how composer install moves into a composer:2 stage — which
composer commands and COPYs go along, what stops the split (with which finding, on which line), how composer and
its download tools leave the runtime, and the fix's evidence. Each test asserts behaviour a surviving mutant
changed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from refactor.applier import transform
from refactor.document import parse
from refactor.edits import Safety
from refactor.passes import Context
from refactor.project import Project
from transforms.multi_stage import PASS
from transforms.stage_split import php
from transforms.stage_split.subject import Subject

COMPOSER = {"name": "acme/app", "require": {"monolog/monolog": "^3"}}
BIN = "COPY --from=composer:2 /usr/bin/composer /usr/bin/composer\n"
APP = "WORKDIR /var/www\nCOPY . .\n"
STAGE = "FROM composer:2 AS vendor\nWORKDIR /app\nCOPY composer.json ./\n"
INSTALL = "composer install --no-dev --prefer-dist --optimize-autoloader --no-scripts --no-interaction"
NO_AUTOLOADER = INSTALL.replace("install", "install --no-autoloader", 1)
DUMP = "RUN composer dump-autoload --optimize --no-dev --no-scripts\n"
FLAGS = "--no-dev --prefer-dist --optimize-autoloader --no-scripts --no-interaction"


def _evidence(line: int, copied: int, removed: str, dev: bool = False, extra: str = "") -> str:
    return (f"split into a vendor stage on composer:2 and the php:8.3-fpm runtime (php, composer): composer install "
            f"at line {line} runs in a composer:2 stage with {FLAGS}; composer.json (composer.json) has no install "
            f"scripts{' and nothing here runs vendor/bin/' if dev else ''}; /var/www/vendor copied in at line "
            f"{copied}; {removed}{extra}")


def split(tmp_path: Path, body: str, composer: object = COMPOSER, files: dict[str, str | bytes] | None = None,
          base: str = "php:8.3-fpm", tail: str = 'CMD ["php-fpm"]\n') -> tuple[str, object]:
    """The multi-stage pass on ``FROM base`` + body + tail with composer.json (and ``files``) in the context: the
    new text and the fix's message and safety, or the text and the one finding as ``(line, message)``."""
    if composer is not None:
        data = composer if isinstance(composer, (str, bytes)) else json.dumps(composer)
        (tmp_path / "composer.json").write_bytes(data if isinstance(data, bytes) else data.encode())
    for name, content in (files or {}).items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(content if isinstance(content, bytes) else content.encode())
    text = f"FROM {base}\n{body}{tail}"
    out = transform(text, [PASS], Context(path=tmp_path / "Dockerfile", project=Project(), context_dir=tmp_path))
    assert out.error is None and out.failure is None and out.internal_errors == []
    if out.fixes:
        [fix] = out.fixes
        assert not out.findings and fix.item.safety is Safety.REVIEW
        return out.text, fix.item.message
    assert out.text == text
    [found] = out.findings
    return out.text, (found.line, found.item.message)


def finding(tmp_path: Path, body: str, **kw: object) -> tuple[int, str]:
    _, got = split(tmp_path, body, **kw)  # type: ignore[arg-type]
    assert isinstance(got, tuple), got
    return got


# -- what stops the split --------------------------------------------------------------------------------------

MANUAL = "split by hand"


@pytest.mark.parametrize(("body", "expected"), [
    ("WORKDIR /\nCOPY . .\nRUN composer install\nRUN composer dump-autoload\n",
     (4, "artifact unknown: no WORKDIR, so the application folder cannot be told from the system")),
    (BIN + "WORKDIR /a\nCOPY . .\nRUN composer install\nWORKDIR /b\nRUN composer dump-autoload\n",
     (5, "build too dynamic to see through: composer at line 5 runs outside /b or with a variable")),
    (BIN + APP + "RUN composer install -d /x\n",
     (5, "build too dynamic to see through: composer at line 5 runs outside /var/www or with a variable")),
    (BIN + APP + "RUN composer install --working-dir /x\n",
     (5, "build too dynamic to see through: composer at line 5 runs outside /var/www or with a variable")),
    (BIN + APP + "RUN composer install $FLAGS\n",
     (5, "build too dynamic to see through: composer at line 5 runs outside /var/www or with a variable")),
    (BIN + APP + "RUN composer install && php artisan optimize\n",
     (5, "composer runs with other commands: line 5 also runs php, which may need the app or PHP; split by hand")),
    (BIN + APP + "RUN composer install && composer require foo/bar\n",
     (5, "composer require at line 5: only install and dump-autoload move into the composer stage; split by hand")),
    (BIN + APP + "RUN composer install --dev\n",
     (5, "dev dependencies asked for: composer install --dev at line 5 installs require-dev on purpose; split by "
         "hand")),
    (BIN + "ARG COMPOSER_AUTH\n" + APP + "RUN composer install\n",
     (3, "composer configured by a build argument at line 3; split by hand")),
    (BIN + "USER www-data\n" + APP + "RUN composer install\n",
     (3, "USER before composer install: line 3 runs it as another user, who owns vendor/; split by hand")),
    ("WORKDIR /var/www\nCOPY <<EOF ./x.txt\nhi\nEOF\nCOPY . .\nRUN composer install\n" + BIN,
     (3, "build too dynamic to see through: COPY at line 3")),
])
def test_findings_that_stop_the_split(tmp_path: Path, body: str, expected: tuple[int, str]) -> None:
    assert finding(tmp_path, body) == expected


def test_a_copy_with_a_variable_or_no_source_stops_the_split(tmp_path: Path) -> None:
    (tmp_path / "composer.json").write_text(json.dumps(COMPOSER))
    assert finding(tmp_path, BIN + APP + "COPY lib$V lib\nRUN composer install\n") == (
        5, "build too dynamic to see through: COPY at line 5")


def test_unreadable_composer_json(tmp_path: Path) -> None:
    assert finding(tmp_path, BIN + APP + "RUN composer install\n", composer=None) == (
        5, "composer.json not readable from the build context at /var/www/composer.json: its scripts, dev "
           "dependencies and extensions cannot be checked; split by hand (or run dockmod with --context)")
    assert finding(tmp_path, BIN + APP + "RUN composer install\n", composer="[1, 2]")[1].startswith(
        "composer.json not readable")  # a JSON list is not a manifest


@pytest.mark.parametrize(("body", "scripts", "expected"), [
    (BIN + APP + "RUN composer i\n", {"post-install-cmd": "php artisan x"},
     (5, "composer scripts the app needs: composer.json post-install-cmd runs `php artisan x`, which --no-scripts "
         "leaves out of the composer stage; split by hand")),
    (BIN + APP + "RUN composer install --no-scripts && composer dump-autoload\n",
     {"post-autoload-dump": ["@php artisan package:discover", "x"]},
     (5, "composer scripts the app needs: composer.json post-autoload-dump runs `@php artisan package:discover; x`, "
         "which --no-scripts leaves out of the composer stage; split by hand")),
    (BIN + APP + "RUN composer install --no-scripts && composer dumpautoload\n", {"post-autoload-dump": "y"},
     (5, "composer scripts the app needs: composer.json post-autoload-dump runs `y`, which --no-scripts leaves out "
         "of the composer stage; split by hand")),
])
def test_install_scripts_stop_the_split(tmp_path: Path, body: str, scripts: object,
                                        expected: tuple[int, str]) -> None:
    assert finding(tmp_path, body, composer={**COMPOSER, "scripts": scripts}) == expected


@pytest.mark.parametrize(("run", "scripts"), [
    ("composer install --no-scripts", {"post-install-cmd": "php artisan x"}),  # the user skips them too
    ("composer install --no-scripts && composer clear-cache", {"post-autoload-dump": "x"}),  # no dump runs them
    ("composer install", ["x"]),  # not a mapping of events: nothing composer would run
    ("composer install --no-scripts", {"post-autoload-dump": "x"}),
])
def test_scripts_that_never_run_do_not_stop_the_split(tmp_path: Path, run: str, scripts: object) -> None:
    text, message = split(tmp_path, BIN + APP + f"RUN {run}\n", composer={**COMPOSER, "scripts": scripts})
    assert isinstance(message, str) and text.startswith(STAGE)


@pytest.mark.parametrize(("body", "tail", "line"), [
    (BIN + APP + "RUN composer install\nRUN vendor/bin/phpunit\n", 'CMD ["php-fpm"]\n', 6),
    (BIN + APP + "RUN composer install\n", 'ENTRYPOINT ["vendor/bin/rr", "serve"]\n', 6),
    (BIN + APP + "RUN composer install\n", 'HEALTHCHECK CMD vendor/bin/check\nCMD ["php-fpm"]\n', 6),
    (BIN + APP + "RUN composer install\n", 'CMD ["vendor/bin/rr", "serve"]\n', 6),
])
def test_dev_dependencies_used_at_run_time(tmp_path: Path, body: str, tail: str, line: int) -> None:
    dev = {**COMPOSER, "require-dev": {"phpunit/phpunit": "^10"}}
    assert finding(tmp_path, body, composer=dev, tail=tail) == (
        line, f"dev dependencies used at run time: line {line} runs vendor/bin/ and composer install keeps "
              "require-dev; split by hand")


def test_no_dev_install_may_run_vendor_bin(tmp_path: Path) -> None:
    dev = {**COMPOSER, "require-dev": {"phpunit/phpunit": "^10"}}
    text, message = split(tmp_path, BIN + APP + "RUN composer install --no-dev\nRUN vendor/bin/phpunit\n",
                          composer=dev)
    assert message == _evidence(5, 5, "COPY --from=composer:2 at line 2 removed", dev=True)
    assert text.endswith("COPY --from=vendor /app/vendor /var/www/vendor\nRUN vendor/bin/phpunit\nCMD [\"php-fpm\"]\n")


def test_extensions_the_composer_image_lacks(tmp_path: Path) -> None:
    lock = {"packages": [{"name": "acme/geo", "require": {"ext-gmp": "*"}}]}
    body = BIN + APP + "RUN composer install\n"
    assert finding(tmp_path, body, files={"composer.lock": json.dumps(lock)}) == (
        5, "composer install needs ext-gmp (required by acme/geo), which the composer image lacks and this stage "
           "does not show installing it, so its platform check cannot be ignored; split by hand")
    # installed by the stage: fine; sorted, so the first missing one is named whatever the order
    installed = "RUN docker-php-ext-install gmp\n" + body
    _, message = split(tmp_path, installed, files={"composer.lock": json.dumps(lock)})
    assert isinstance(message, str)
    assert finding(tmp_path, "RUN docker-php-ext-install $EXTS\n" + body,
                   composer={**COMPOSER, "require": {"ext-zz": "*", "ext-gmp": "*"}}) == (
        6, "composer install needs ext-gmp (required by composer.json), which the composer image lacks and this "
           "stage installs extensions named by variables, so its platform check cannot be ignored; split by hand")


def test_an_extension_the_composer_image_has_is_skipped_not_the_rest(tmp_path: Path) -> None:
    got = finding(tmp_path, BIN + APP + "RUN composer install\n",
                  composer={**COMPOSER, "require": {"ext-ctype": "*", "ext-gmp": "*"}})
    assert got[1].startswith("composer install needs ext-gmp (required by composer.json)")


# -- composer's source in the runtime --------------------------------------------------------------------------

INSTALLER = ("RUN cd /tmp && wget -O installer https://getcomposer.org/installer && php installer "
             "&& mv composer.phar /usr/local/bin/composer && chmod +x /usr/local/bin/composer && rm installer\n")


@pytest.mark.parametrize(("source", "removed", "kept"), [
    (BIN, "COPY --from=composer:2 at line 2 removed", ""),
    ("COPY --from=composer/composer:2-bin /composer /usr/bin/composer\n",
     "COPY --from=composer/composer:2-bin at line 2 removed", ""),
    (INSTALLER, "the installer RUN at line 2 removed", ""),
    ("RUN curl -sS https://getcomposer.org/installer | php -- --install-dir=/usr/local/bin --filename=composer\n",
     "the installer RUN at line 2 removed", ""),
    ("RUN apt-get update && apt-get install -y composer libzip-dev\n", "the composer package of line 2 removed",
     "RUN apt-get update && apt-get install -y libzip-dev\n"),
    ("RUN apt install -y libzip-dev composer\n", "the composer package of line 2 removed",
     "RUN apt install -y libzip-dev\n"),
])
def test_composer_leaves_the_runtime(tmp_path: Path, source: str, removed: str, kept: str) -> None:
    text, message = split(tmp_path, source + APP + "RUN composer install\n")
    assert message == _evidence(5, 5, removed)
    assert text == (STAGE + f"RUN {NO_AUTOLOADER}\nCOPY . .\n" + DUMP + "\nFROM php:8.3-fpm\n" + kept
                    + APP + "COPY --from=vendor /app/vendor /var/www/vendor\nCMD [\"php-fpm\"]\n")


def test_composer_from_apk_on_alpine(tmp_path: Path) -> None:
    text, message = split(tmp_path, "RUN apk add --no-cache icu-libs composer\n" + APP + "RUN composer install\n",
                          base="php:8.3-fpm-alpine")
    assert isinstance(message, str) and "the composer package of line 2 removed" in message
    assert "RUN apk add --no-cache icu-libs\n" in text


@pytest.mark.parametrize(("source", "expected"), [
    ("RUN apt-get install -y composer\n", (2, "line 2 installs only composer; split by hand")),
    ("RUN apt-get install -y --no-install-recommends composer\n", (2, "line 2 installs only composer; split by hand")),
    (INSTALLER.replace("rm installer", "a2enmod rewrite"),
     (2, "composer installer shares its RUN at line 2 with other commands; the runtime would keep composer; split "
         "by hand")),
    ("", (1, "composer not installed by this file (from the base image?): the runtime would keep it; split by hand")),
    ("RUN apt-get install -y composer-doc php-cli\n",
     (1, "composer not installed by this file (from the base image?): the runtime would keep it; split by hand")),
])
def test_composer_source_findings(tmp_path: Path, source: str, expected: tuple[int, str]) -> None:
    assert finding(tmp_path, source + APP + "RUN composer install\n") == expected


def test_composer_first_in_the_package_list(tmp_path: Path) -> None:
    text, _ = split(tmp_path, "RUN apt-get install -y composer unzip libzip-dev\n" + APP + "RUN composer install\n")
    assert "RUN apt-get install -y libzip-dev\n" in text  # unzip goes too: only composer used it


# -- composer's download tools ---------------------------------------------------------------------------------

TOOLS = "RUN apt-get update && apt-get install -y git unzip libzip-dev\n"
DROPPED = ("; composer's download tools dropped from the runtime: git (line 2), unzip (line 2); no other RUN of the "
           "stage runs them, no node install that may need git")


def test_download_tools_dropped(tmp_path: Path) -> None:
    text, message = split(tmp_path, TOOLS + BIN + APP + "RUN composer install\n")
    assert message == _evidence(6, 6, "COPY --from=composer:2 at line 3 removed", extra=DROPPED)
    assert "RUN apt-get update && apt-get install -y libzip-dev\n" in text


@pytest.mark.parametrize(("extra", "kept"), [
    ("RUN git config --global x y\n", "git kept at line 2: line 7 runs git"),
    ("RUN npm ci\n", "git kept at line 2: line 7 runs npm, which may fetch git dependencies"),
    ("RUN pip install git+https://x/y\n", "git kept at line 2: line 7 runs pip, which may fetch git dependencies"),
    ("RUN pip install git@x:y\n", "git kept at line 2: line 7 runs pip, which may fetch git dependencies"),
    ("RUN pip install git://x/y\n", "git kept at line 2: line 7 runs pip, which may fetch git dependencies"),
])
def test_download_tools_kept_for_other_users(tmp_path: Path, extra: str, kept: str) -> None:
    text, message = split(tmp_path, TOOLS + BIN + APP + "RUN composer install\n" + extra)
    assert isinstance(message, str)
    assert message.endswith("; composer's download tools dropped from the runtime: unzip (line 2); no other RUN of "
                            f"the stage runs them; {kept}")
    assert "apt-get install -y git libzip-dev\n" in text


def test_download_tools_kept_for_a_script_the_start_command_runs(tmp_path: Path) -> None:
    tail = 'CMD ["./start.sh"]\n'
    _, message = split(tmp_path, TOOLS + BIN + APP + "RUN composer install\n", tail=tail,
                          files={"start.sh": "#!/bin/sh\ngit pull\nexec php-fpm\n"})
    assert isinstance(message, str)
    assert message.endswith("unzip (line 2); no other RUN of the stage runs them and no script it runs (./start.sh) "
                            "calls them; git kept at line 2: ./start.sh calls it")
    unread = split(tmp_path, TOOLS + BIN + APP + "RUN composer install\n", tail='CMD ["./missing.sh"]\n')[1]
    assert isinstance(unread, str) and unread.endswith(
        "; git kept at line 2: ./missing.sh runs and cannot be read in the build context; unzip kept at line 2: "
        "./missing.sh runs and cannot be read in the build context")


def test_download_tools_kept_when_the_install_would_be_empty(tmp_path: Path) -> None:
    _, message = split(tmp_path, "RUN apt-get install -y git unzip\n" + BIN + APP + "RUN composer install\n")
    assert isinstance(message, str) and message.endswith(
        "; git kept at line 2: the install would be left empty; unzip kept at line 2: the install would be left empty")


def test_download_tools_on_apk(tmp_path: Path) -> None:
    text, _ = split(tmp_path, "RUN apk add --no-cache git icu-libs\n" + BIN + APP + "RUN composer install\n",
                    base="php:8.3-fpm-alpine")
    assert "RUN apk add --no-cache icu-libs\n" in text


def test_download_tools_of_a_removed_composer_package_line(tmp_path: Path) -> None:
    # composer and unzip on one line: both go, the rest stays
    text, message = split(tmp_path, "RUN apt install -y composer unzip libzip-dev\n" + APP + "RUN composer install\n")
    assert "RUN apt install -y libzip-dev\n" in text
    assert isinstance(message, str) and "unzip (line 2)" in message


# -- the vendor stage ------------------------------------------------------------------------------------------

RUNTIME = "\nFROM php:8.3-fpm\n" + APP


@pytest.mark.parametrize(("runs", "stage", "copied"), [
    ("RUN composer i\n", f"RUN {NO_AUTOLOADER}\nCOPY . .\n" + DUMP, 5),
    ("RUN composer install && composer dumpautoload -o\n",
     f"RUN {NO_AUTOLOADER}\nCOPY . .\nRUN composer dumpautoload -o --no-dev --no-scripts\n", 5),
    ("RUN composer install && composer clear-cache && composer dump-autoload -o\n",
     f"RUN {NO_AUTOLOADER}\nCOPY . .\nRUN composer dump-autoload -o --no-dev --no-scripts\n", 5),
    ("RUN composer install && rm -rf /tmp/x && composer dump-autoload\n",
     f"RUN {NO_AUTOLOADER}\nCOPY . .\nRUN composer dump-autoload --no-dev --no-scripts\n", 5),
    ("RUN composer install && composer clearcache\nRUN composer cc\n", f"RUN {NO_AUTOLOADER}\nCOPY . .\n" + DUMP, 6),
    ("RUN composer install\nRUN composer dump-autoload --no-dev\n",
     f"RUN {NO_AUTOLOADER}\nCOPY . .\nRUN composer dump-autoload --no-dev --no-scripts\n", 6),
    ("RUN composer --quiet install\n", f"RUN {NO_AUTOLOADER.replace('--no-autoloader', '--no-autoloader --quiet')}\n"
                                       "COPY . .\n" + DUMP, 5),
    ("RUN composer install --no-autoloader\n",
     f"RUN {NO_AUTOLOADER.replace(' --optimize-autoloader', '')}\nCOPY . .\n" + DUMP, 5),
    ("RUN composer install && composer install\n",
     f"RUN {NO_AUTOLOADER}\nCOPY . .\nRUN {INSTALL}\n" + DUMP, 5),
])
def test_vendor_stage_commands(tmp_path: Path, runs: str, stage: str, copied: int) -> None:
    text, message = split(tmp_path, BIN + APP + runs)
    assert text == (STAGE + stage + RUNTIME + "COPY --from=vendor /app/vendor /var/www/vendor\nCMD [\"php-fpm\"]\n")
    assert message == _evidence(5, copied, "COPY --from=composer:2 at line 2 removed")


def test_a_later_workdir_does_not_move_vendor(tmp_path: Path) -> None:
    text, _ = split(tmp_path, BIN + APP + "RUN composer install\nWORKDIR /srv\n")
    assert text.endswith("COPY --from=vendor /app/vendor /var/www/vendor\nWORKDIR /srv\nCMD [\"php-fpm\"]\n")


def test_composer_settings_are_repeated_before_the_install_only(tmp_path: Path) -> None:
    body = (BIN + "ENV COMPOSER_ALLOW_SUPERUSER=1\nENV APP_ENV=prod\n" + APP + "RUN composer install\n"
            "ENV COMPOSER_HOME=/tmp/c\n")
    text, _ = split(tmp_path, body)
    assert text.startswith("FROM composer:2 AS vendor\nWORKDIR /app\nENV COMPOSER_ALLOW_SUPERUSER=1\n"
                           "COPY composer.json ./\n")
    assert text.count("COMPOSER_HOME") == 1 and text.count("APP_ENV") == 1


def test_lowercase_file_gets_lowercase_keywords(tmp_path: Path) -> None:
    (tmp_path / "composer.json").write_text(json.dumps(COMPOSER))
    text = ("from php:8.3-fpm\ncopy --from=composer:2 /usr/bin/composer /usr/bin/composer\nworkdir /var/www\n"
            "copy . .\nrun composer install\ncmd [\"php-fpm\"]\n")
    out = transform(text, [PASS], Context(path=tmp_path / "Dockerfile", project=Project(), context_dir=tmp_path))
    assert out.text == (f"from composer:2 as vendor\nworkdir /app\ncopy composer.json ./\nrun {NO_AUTOLOADER}\n"
                        "copy . .\nrun composer dump-autoload --optimize --no-dev --no-scripts\n\nfrom php:8.3-fpm\n"
                        "workdir /var/www\ncopy . .\ncopy --from=vendor /app/vendor /var/www/vendor\n"
                        "cmd [\"php-fpm\"]\n")


REORDERED = f"RUN {NO_AUTOLOADER}\n"


@pytest.mark.parametrize(("copies", "vendor"), [
    # the manifests alone first: no reorder, the install runs where it ran (only the COPYs into the app folder)
    ('COPY ["composer.json", "./"]\nRUN composer install\nCOPY ["src", "./src/"]\n',
     f"COPY composer.json ./\nRUN {INSTALL}\n"),
    ("COPY composer.json composer.lock ./\nRUN composer install\nCOPY . .\n",
     f"COPY composer.json composer.lock ./\nRUN {INSTALL}\n"),
    ("COPY composer.json /var/www/\nCOPY src /var/www/src/\nCOPY conf /etc/app/\nRUN composer install\n",
     f"COPY composer.json ./\nCOPY src src/\nRUN {INSTALL}\n"),
    ("COPY src/ /var/www/src\nCOPY composer.json .\nRUN composer install\n",
     f"COPY src/ src\nCOPY composer.json .\nRUN {INSTALL}\n"),
    # the whole folder first: the manifests, the install without autoloader, the folder, then the dump
    ("ADD . .\nRUN composer install\n", f"COPY composer.json ./\n{REORDERED}COPY . .\n" + DUMP),
    ("COPY --from=alpine:3 /etc/motd ./motd\nCOPY . .\nRUN composer install\n",
     f"COPY composer.json ./\n{REORDERED}COPY . .\n" + DUMP),
    ("COPY . .\nCOPY lib lib\nRUN composer install\n",
     f"COPY composer.json ./\nCOPY lib lib\n{REORDERED}COPY . .\n" + DUMP),
    ("COPY . ./\nRUN composer install\n", f"COPY composer.json ./\n{REORDERED}COPY . ./\n" + DUMP),
    ("COPY . /var/www\nRUN composer install\n", f"COPY composer.json ./\n{REORDERED}COPY . ./\n" + DUMP),
    ("COPY . .\nRUN composer install\n", f"COPY composer.json composer.lock ./\n{REORDERED}COPY . .\n" + DUMP),
])
def test_vendor_stage_copies(tmp_path: Path, copies: str, vendor: str) -> None:
    files = {"composer.lock": "{}"} if "composer.lock" in vendor else {}
    text, _ = split(tmp_path, BIN + "WORKDIR /var/www\n" + copies, files=files)
    assert text.startswith("FROM composer:2 AS vendor\nWORKDIR /app\n" + vendor + "\nFROM php:8.3-fpm\n"), text


def test_vendor_stage_copies_from_a_subfolder(tmp_path: Path) -> None:
    (tmp_path / "app").mkdir()
    text, _ = split(tmp_path, BIN + "WORKDIR /var/www\nCOPY app/ .\nRUN composer install\n", composer=None,
                    files={"app/composer.json": json.dumps(COMPOSER)})
    assert text.startswith(f"FROM composer:2 AS vendor\nWORKDIR /app\nCOPY app/composer.json ./\n{REORDERED}"
                           f"COPY app/ .\n{DUMP}\nFROM php:8.3-fpm\n"), text


def test_comments_above_removed_runs_stay(tmp_path: Path) -> None:
    body = "# composer\n" + BIN + APP + "# deps\nRUN composer install\n\n# autoload\nRUN composer dump-autoload -o\n"
    text, message = split(tmp_path, body)
    assert isinstance(message, str)
    assert text.endswith("# composer\nWORKDIR /var/www\nCOPY . .\n# deps\n\n# autoload\n"
                         "COPY --from=vendor /app/vendor /var/www/vendor\nCMD [\"php-fpm\"]\n")


def test_blank_line_after_a_removed_instruction(tmp_path: Path) -> None:
    text, _ = split(tmp_path, "RUN a2enmod rewrite\n\n" + BIN + "\n" + APP + "RUN composer install\n")
    assert "RUN a2enmod rewrite\n\nWORKDIR /var/www\n" in text
    text, _ = split(tmp_path, "RUN a2enmod rewrite\n" + BIN + "\n" + APP + "RUN composer install\n")
    assert "RUN a2enmod rewrite\n\nWORKDIR /var/www\n" in text


def test_composer_json_outside_the_context(tmp_path: Path) -> None:
    context = tmp_path / "ctx"
    context.mkdir()
    (tmp_path / "composer.json").write_text(json.dumps(COMPOSER))
    (context / "composer.json").symlink_to(tmp_path / "composer.json")
    text = "FROM php:8.3-fpm\n" + BIN + APP + "RUN composer install\nCMD [\"php-fpm\"]\n"
    out = transform(text, [PASS], Context(path=context / "Dockerfile", project=Project(), context_dir=context))
    assert [(f.line, f.item.message) for f in out.findings] == [
        (5, "build too dynamic to see through: composer.json is outside the build context")]


def test_manifest_that_is_not_utf8(tmp_path: Path) -> None:
    _, message = split(tmp_path, BIN + APP + "RUN composer install\n",
                       composer=b'{"name": "a/b", "description": "caf\xe9"}')
    assert message == _evidence(5, 5, "COPY --from=composer:2 at line 2 removed")


def test_require_dev_in_the_evidence(tmp_path: Path) -> None:
    _, message = split(tmp_path, BIN + APP + "RUN composer install\n",
                       composer={**COMPOSER, "require-dev": {"phpunit/phpunit": "^10"}})
    assert message == _evidence(5, 5, "COPY --from=composer:2 at line 2 removed", dev=True)


# -- the helpers -----------------------------------------------------------------------------------------------


def _subject(text: str, context: Path | None = None) -> Subject:
    doc = parse(text)
    ctx = Context(path=context / "Dockerfile" if context else None, project=Project(), context_dir=context)
    assert doc.final_stage is not None
    return Subject(doc, doc.final_stage, ctx)


@pytest.mark.parametrize(("image", "expected"), [
    ("php:8.3-zts-bookworm", False), ("php:8.3-zts-alpine", False), ("php:8.3-cli-nanoserver", False),
    ("php:8.3-fpm-windowsservercore-ltsc2022", False), ("php:8.3-cli-bookworm", True),
])
def test_is_php_runtime_variants(image: str, expected: bool) -> None:
    assert php._is_php_runtime(image) is expected


@pytest.mark.parametrize(("run", "argv"), [
    ("hhvm composer.phar install", None),  # only php runs composer.phar
    ("php composer.phar", ["composer.phar"]),
    ("php bin/composer.phar install", ["bin/composer.phar", "install"]),
    ("/usr/local/bin/composer install", ["/usr/local/bin/composer", "install"]),
])
def test_composer_argv(run: str, argv: list[str] | None) -> None:
    s = _subject(f"FROM php:8.3-fpm\nRUN {run}\nCMD [\"php-fpm\"]\n")
    assert php._composer_argv(s.commands[0]) == argv


def test_detect_takes_the_short_install_verb() -> None:
    s = _subject("FROM php:8.3-fpm\nWORKDIR /app\nRUN composer i && composer dump-autoload\nCMD [\"php-fpm\"]\n")
    assert [c.argv[1] for c in php.detect(s)] == ["i", "dump-autoload"]
    s = _subject("FROM php:8.3-fpm\nWORKDIR /app\nRUN composer dump-autoload\nCMD [\"php-fpm\"]\n")
    assert php.detect(s) == []


def test_new_install_keeps_flags_before_the_verb() -> None:
    assert php._new_install(["composer", "--quiet", "install"]) == f"composer install --quiet {FLAGS}"
    assert php._new_install(["composer", "i", "--no-dev"]) == (
        "composer install --no-dev --prefer-dist --optimize-autoloader --no-scripts --no-interaction")


def test_copy_words_of_json_form() -> None:
    doc = parse('FROM php:8.3-fpm\nCOPY ["a b", "./"]\n')
    assert php._copy_words(doc.instructions[1]) == ["a b", "./"]


def test_manifest_only_and_covers_manifest(tmp_path: Path) -> None:
    (tmp_path / "lib").mkdir()
    s = _subject("FROM php:8.3-fpm\nWORKDIR /var/www\nCOPY composer.json composer.lock/ ./\nCOPY lib ./\n"
                 "COPY src/ ./\nCOPY . ./\nCOPY ./ .\nCOPY x ./\nCOPY lib /srv/\nCOPY composer.json\n"
                 "CMD [\"php-fpm\"]\n", tmp_path)
    copies = s.stage.body()[1:-1]
    assert [php._manifest_only(i) for i in copies] == [True, False, False, False, False, False, False, False]
    assert [php._covers_manifest(s, i, "/var/www") for i in copies] == [
        True, True, True, True, True, False, False, False]
    bare = _subject("FROM php:8.3-fpm\nWORKDIR /var/www\nCOPY lib ./\nCMD [\"php-fpm\"]\n")
    assert php._covers_manifest(bare, bare.stage.body()[1], "/var/www") is False


def test_calls_finds_a_tool_on_any_line() -> None:
    assert php._calls("#!/bin/sh\nset -e\ngit pull\n", "git")
    assert not php._calls("#!/bin/sh\ngitk\n", "git")


# -- the scripts the runtime runs (which may call git or unzip) ----------------------------------------------

def _scripts(tmp_path: Path, body: str, files: dict[str, str | bytes] | None = None,
             base: str = "php:8.3-fpm") -> tuple[list[tuple[str, str]], str | None]:
    for name, content in (files or {}).items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(content if isinstance(content, bytes) else content.encode())
    s = _subject(f"FROM {base}\n{body}", tmp_path)
    runs = [i for i in s.stage.body() if i.name == "RUN" and "composer" in i.args]
    return php._scripts(s, runs)


def test_scripts_skip_image_programs_options_and_variables(tmp_path: Path) -> None:
    cmd = ('CMD ["/usr/local/bin/docker-php-entrypoint", "-c", "--conf=/etc/x.sh", "$APP/run.sh", "php-fpm", '
           '"plain", "./start.sh"]\n')
    assert _scripts(tmp_path, "WORKDIR /var/www\nCOPY . .\n" + cmd, {"start.sh": "exec php-fpm\n"}) == (
        [("./start.sh", "exec php-fpm\n")], None)


def test_scripts_of_the_start_command_with_a_slash_or_sh(tmp_path: Path) -> None:
    files = {"bin/run": "git pull\n", "boot.sh": "unzip x.zip\n", "plain": "never read\n"}
    body = "WORKDIR /var/www\nCOPY . .\nCOPY boot.sh /usr/local/bin/\n"
    assert _scripts(tmp_path, body + 'CMD ["bin/run", "boot.sh", "plain"]\n', files) == (
        [("bin/run", "git pull\n"), ("boot.sh", "unzip x.zip\n")], None)


def test_scripts_a_run_executes(tmp_path: Path) -> None:
    files = {"setup.sh": "a\n", "build": "b\n", "opt/init.sh": "c\n", "post.sh": "d\n"}
    body = ("WORKDIR /var/www\nCOPY . .\nCOPY opt/init.sh /opt/init.sh\nRUN bash ./setup.sh && sh -e ./skip.sh\n"
            "RUN ./build && /opt/init.sh && make\nRUN composer install && ./post.sh\nCMD [\"php-fpm\"]\n")
    assert _scripts(tmp_path, body, files) == (
        [("./setup.sh", "a\n"), ("./build", "b\n"), ("/opt/init.sh", "c\n")], None)


def test_scripts_stop_at_the_first_unreadable_one(tmp_path: Path) -> None:
    body = "WORKDIR /var/www\nCOPY . .\nCMD [\"./a.sh\", \"missing.sh\", \"./b.sh\"]\n"
    assert _scripts(tmp_path, body, {"a.sh": "x\n", "b.sh": "y\n"}) == ([("./a.sh", "x\n")], "missing.sh")
    assert _scripts(tmp_path, "WORKDIR /var/www\nCOPY . .\nRUN make install\nCMD [\"php-fpm\"]\n") == ([], "install")


def test_scripts_copied_just_before_the_start_command(tmp_path: Path) -> None:
    body = "WORKDIR /var/www\nCOPY start.sh /start.sh\nCMD [\"/start.sh\"]\n"
    assert _scripts(tmp_path, body, {"start.sh": "git pull\n"}) == ([("/start.sh", "git pull\n")], None)


def test_scripts_copied_after_the_start_command_are_there_when_it_runs(tmp_path: Path) -> None:
    body = "WORKDIR /var/www\nCMD [\"/start.sh\"]\nCOPY start.sh /start.sh\n"
    assert _scripts(tmp_path, body, {"start.sh": "git pull\n"}) == ([("/start.sh", "git pull\n")], None)


def test_scripts_that_are_not_utf8_are_read_with_replacement(tmp_path: Path) -> None:
    got = _scripts(tmp_path, "WORKDIR /var/www\nCOPY . .\nCMD [\"./start.sh\"]\n", {"start.sh": b"git \xff pull\n"})
    assert got == ([("./start.sh", "git \ufffd pull\n")], None)


def test_scripts_relative_to_an_unknown_workdir_cannot_be_read(tmp_path: Path) -> None:
    body = "WORKDIR $APP_DIR\nCOPY . /\nCMD [\"bin/run\"]\n"
    assert _scripts(tmp_path, body, {"bin/run": "git pull\n"}) == ([], "bin/run")
    body = "WORKDIR $APP_DIR\nCOPY . /\nCMD [\"/bin/run\"]\n"
    assert _scripts(tmp_path, body, {"bin/run": "git pull\n"}) == ([("/bin/run", "git pull\n")], None)


def test_a_copy_relative_to_an_unknown_workdir_stops_the_split(tmp_path: Path) -> None:
    body = BIN + "WORKDIR $X\nCOPY . var/www\nWORKDIR /var/www\nCOPY . .\nRUN composer install\n"
    assert finding(tmp_path, body) == (4, "build too dynamic to see through: COPY at line 4")
    s = _subject("FROM php:8.3-fpm\nWORKDIR $X\nCOPY . .\nCOPY . /var/www\nCMD [\"php-fpm\"]\n", tmp_path)
    assert [php._covers_manifest(s, i, "/var/www") for i in s.stage.body()[1:3]] == [False, True]


def test_download_tools_dropped_after_reading_every_script(tmp_path: Path) -> None:
    _, message = split(tmp_path, TOOLS + BIN + APP + "RUN composer install\nRUN ./prepare.sh\n",
                       tail='CMD ["./start.sh"]\n', files={"start.sh": "exec php-fpm\n", "prepare.sh": "true\n"})
    assert isinstance(message, str) and message.endswith(
        DROPPED + " and no script it runs (./start.sh, ./prepare.sh) calls them")


# -- which package words are composer's download tools ----------------------------------------------------

def _runtime_line(text: str) -> str:
    return text.split("\nFROM php:8.3-fpm\n", 1)[1].split("\n", 1)[0]


@pytest.mark.parametrize(("install", "line", "tail"), [
    # the tool right after the verb, no -y
    ("RUN apt-get install git libzip-dev\n", "RUN apt-get install libzip-dev",
     "composer's download tools dropped from the runtime: git (line 2); no other RUN of the stage runs them, no "
     "node install that may need git"),
    ("RUN apt-get install libzip-dev git\n", "RUN apt-get install libzip-dev",
     "composer's download tools dropped from the runtime: git (line 2); no other RUN of the stage runs them, no "
     "node install that may need git"),
    ("RUN apt-get install git\n", "RUN apt-get install git", "git kept at line 2: the install would be left empty"),
    # every install of the RUN, not only the last
    ("RUN apt-get install -y git libx && apt-get install -y unzip liby\n",
     "RUN apt-get install -y libx && apt-get install -y liby",
     "composer's download tools dropped from the runtime: git (line 2), unzip (line 2); no other RUN of the stage "
     "runs them, no node install that may need git"),
    # a purge is not an install
    ("RUN apt-get purge -y git unzip\n" + TOOLS, "RUN apt-get purge -y git unzip",
     "composer's download tools dropped from the runtime: git (line 3), unzip (line 3); no other RUN of the stage "
     "runs them, no node install that may need git"),
])
def test_download_tool_words(tmp_path: Path, install: str, line: str, tail: str) -> None:
    text, message = split(tmp_path, install + BIN + APP + "RUN composer install\n")
    assert _runtime_line(text) == line
    assert isinstance(message, str) and message.endswith("removed; " + tail)


def test_a_needed_tool_keeps_the_install_from_being_empty(tmp_path: Path) -> None:
    # git stays (a later RUN runs it), so unzip can go: the install keeps git
    text, message = split(tmp_path, "RUN apt-get install -y git unzip\n" + BIN + APP + "RUN composer install\n"
                          "RUN git config --global a b\n")
    assert _runtime_line(text) == "RUN apt-get install -y git"
    assert isinstance(message, str) and message.endswith(
        "composer's download tools dropped from the runtime: unzip (line 2); no other RUN of the stage runs them; "
        "git kept at line 2: line 7 runs git")


@pytest.mark.parametrize(("install", "line", "tail"), [
    ("RUN apt-get install composer git libzip-dev\n", "RUN apt-get install libzip-dev",
     "the composer package of line 2 removed; composer's download tools dropped from the runtime: git (line 2); no "
     "other RUN of the stage runs them, no node install that may need git"),
    ("RUN apt-get install -y composer unzip\n", "RUN apt-get install -y unzip",
     "the composer package of line 2 removed; unzip kept at line 2: the install would be left empty"),
    ("RUN apt-get install -y composer unzip libzip-dev\n", "RUN apt-get install -y libzip-dev",
     "the composer package of line 2 removed; composer's download tools dropped from the runtime: unzip (line 2); "
     "no other RUN of the stage runs them, no node install that may need git"),
])
def test_download_tools_beside_the_composer_package(tmp_path: Path, install: str, line: str, tail: str) -> None:
    text, message = split(tmp_path, install + APP + "RUN composer install\n")
    assert _runtime_line(text) == line
    assert isinstance(message, str) and message.endswith("line 5; " + tail)


# -- the vendor stage's COPYs and RUNs ---------------------------------------------------------------------

def _stage(text: str) -> str:
    return text.split("\n\nFROM php:8.3-fpm\n", 1)[0] + "\n"


def test_copies_are_placed_by_the_workdir_they_ran_in(tmp_path: Path) -> None:
    text, _ = split(tmp_path, BIN + APP + "RUN composer install\nWORKDIR /srv\n")
    assert text == (STAGE + f"RUN {NO_AUTOLOADER}\nCOPY . .\n" + DUMP + RUNTIME
                    + "COPY --from=vendor /app/vendor /var/www/vendor\nWORKDIR /srv\nCMD [\"php-fpm\"]\n")


@pytest.mark.parametrize(("copy", "moved"), [
    ("COPY conf/ extra/ /etc/app/\n", ""),  # outside the app folder: stays in the runtime only
    ("COPY a b/ /var/www/lib/\n", "COPY a b/ lib/\n"),
    ("COPY a b/ /var/www/lib\n", "COPY a b/ lib\n"),
    ("COPY /a.php /b.php ./public\n", "COPY /a.php /b.php ./public\n"),
])
def test_copies_with_several_sources(tmp_path: Path, copy: str, moved: str) -> None:
    text, _ = split(tmp_path, BIN + "WORKDIR /var/www\n" + copy + "COPY . .\nRUN composer install\n")
    assert _stage(text) == STAGE + moved + f"RUN {NO_AUTOLOADER}\nCOPY . .\n" + DUMP


def test_a_copy_without_a_destination_stops_the_split(tmp_path: Path) -> None:
    assert finding(tmp_path, BIN + "WORKDIR /var/www\nCOPY onlyone\nCOPY . .\nRUN composer install\n") == (
        4, "build too dynamic to see through: COPY at line 4")


def test_commands_before_the_install_in_its_run(tmp_path: Path) -> None:
    text, _ = split(tmp_path, BIN + APP + "RUN composer dump-autoload && composer install && composer "
                    "dump-autoload -o\n")
    assert _stage(text) == (STAGE + "RUN composer dump-autoload --no-dev --no-scripts \\\n"
                            f"    && {NO_AUTOLOADER}\nCOPY . .\nRUN composer dump-autoload -o --no-dev --no-scripts\n")


def test_the_fix_is_reported_at_the_from_line(tmp_path: Path) -> None:
    text = "FROM php:8.3-fpm\n" + BIN + APP + "RUN composer install\nCMD [\"php-fpm\"]\n"
    (tmp_path / "composer.json").write_text(json.dumps(COMPOSER))
    out = transform(text, [PASS], Context(path=tmp_path / "Dockerfile", project=Project(), context_dir=tmp_path))
    [fix] = out.fixes
    assert (fix.line, fix.item.offset) == (1, 0)


def test_the_manifest_is_read_as_the_first_install_sees_it(tmp_path: Path) -> None:
    scripts = {**COMPOSER, "scripts": {"post-install-cmd": ["php artisan x"]}}
    text, message = split(tmp_path, BIN + APP + "RUN composer install\nCOPY alt/composer.json ./composer.json\n",
                          files={"alt/composer.json": json.dumps(scripts)})
    assert isinstance(message, str) and "COPY alt/composer.json ./composer.json\n" in text


def test_a_copy_of_a_file_and_a_folder_to_the_app_folder_covers_the_manifest(tmp_path: Path) -> None:
    text, _ = split(tmp_path, BIN + "WORKDIR /var/www\nCOPY x.php src/ ./\nRUN composer install\n", composer=None,
                    files={"src/composer.json": json.dumps(COMPOSER), "x.php": "<?php\n"})
    assert _stage(text) == ("FROM composer:2 AS vendor\nWORKDIR /app\nCOPY src/composer.json ./\n"
                            f"RUN {NO_AUTOLOADER}\nCOPY x.php src/ ./\n" + DUMP)


@pytest.mark.parametrize(("install", "runtime", "tail"), [
    # the composer line is deleted whole, from its first column: the word at its start goes with it
    ("RUN apt-get install -y \\\ncomposer \\\nunzip\n", "RUN apt-get install -y \\\nunzip\n",
     "unzip kept at line 2: the install would be left empty"),
    # and the next line's first word does not
    ("RUN apt-get install -y \\\ncomposer \\\nlibzip-dev \\\ngit\n", "RUN apt-get install -y \\\nlibzip-dev\n",
     "composer's download tools dropped from the runtime: git (line 2); no other RUN of the stage runs them, no node "
     "install that may need git"),
])
def test_download_tools_beside_a_composer_line_of_its_own(tmp_path: Path, install: str, runtime: str,
                                                          tail: str) -> None:
    text, message = split(tmp_path, install + APP + "RUN composer install\n")
    assert text.split("\nFROM php:8.3-fpm\n", 1)[1].split("WORKDIR", 1)[0] == runtime
    assert isinstance(message, str) and message.endswith("the composer package of line 2 removed; " + tail)
