"""The registry of passes, in the order they run. Every module here is listed exactly once.

A module whose passes all have ``triggers`` is listed with ``later``: its passes come from the generated table
transforms/_table.py (every field but ``run``) and the module is imported when one of them first runs, so a file
that names none of their tools never loads it (cold start). ``python -m refactor.docs`` regenerates the table from
the modules; tests/test_registry.py checks that it matches them.
"""

from __future__ import annotations

from collections.abc import Sequence

from refactor.passes import Pass
from transforms._lazy import MODULE_OF, later, real

# One import (or one later) per pass module; each module exports PASSES (a tuple of the passes it defines).
# Order matters only for ties: project-aware passes, package managers, hygiene, then user and health.
# -- registry imports (keep one line per module) --
from transforms import multi_stage
from transforms import merge_cleanup_layer
from transforms import mktemp_cleanup
from transforms import usr_src_cleanup
from transforms import tar_cleanup
from transforms import checksum_format
from transforms import configure_build
from transforms import add_to_copy
from transforms import non_root_user
from transforms import healthcheck
# -- end registry imports --

PASSES: tuple[Pass, ...] = (
    # -- registry entries (keep one line per module) --
    *multi_stage.PASSES,  # first: its split wins ties, the other passes then act on the runtime stage
    *later("pnpm_directory_filter"),
    *later("composer_platform_req"),
    *merge_cleanup_layer.PASSES,
    *later("apk_virtual_build_deps"),
    *later("php_sockets_linux_headers"),
    *later("apk_no_cache"),
    *later("apt_to_apt_get"),
    *later("apt_get_use_y"),
    *later("apt_get_no_recommends"),
    *later("apt_get_update"),
    *later("apt_get_rm_lists"),
    *later("apt_build_deps"),
    *later("curl_use_flag_f"),
    *later("curl_use_flag_l"),
    *later("https_urls"),
    *later("pip_no_cache"),
    *later("npm_cache"),
    *later("gem_hygiene"),
    *later("gpg_rm_asc"),
    *later("gpg_batch"),
    *later("yum_hygiene"),
    *mktemp_cleanup.PASSES,
    *usr_src_cleanup.PASSES,
    *tar_cleanup.PASSES,
    *checksum_format.PASSES,
    *configure_build.PASSES,
    *add_to_copy.PASSES,
    *non_root_user.PASSES,
    *healthcheck.PASSES,
    # -- end registry entries --
)


def loaded(passes: Sequence[Pass] | None = None) -> tuple[Pass, ...]:
    """``passes`` (default: all) as their modules define them, importing the modules still to load: what a bulk
    run forks its workers with (each would import them again) and what the table is generated from."""
    chosen = PASSES if passes is None else passes
    return tuple(real(MODULE_OF[p.id], p.id) if p.id in MODULE_OF else p for p in chosen)
