"""The registry of passes, in the order they run. Every module here is listed exactly once."""

from __future__ import annotations

from refactor.passes import Pass

# One import per pass module; each module exports PASSES (a tuple of the passes it defines).
# Order matters only for ties: project-aware passes, package managers, hygiene, then user and health.
# -- registry imports (keep one line per module) --
from transforms import multi_stage
from transforms import pnpm_directory_filter
from transforms import composer_platform_req
from transforms import merge_cleanup_layer
from transforms import apk_virtual_build_deps
from transforms import php_sockets_linux_headers
from transforms import apk_no_cache
from transforms import apt_to_apt_get
from transforms import apt_get_use_y
from transforms import apt_get_no_recommends
from transforms import apt_get_update
from transforms import apt_get_rm_lists
from transforms import apt_build_deps
from transforms import curl_use_flag_f
from transforms import curl_use_flag_l
from transforms import https_urls
from transforms import pip_no_cache
from transforms import npm_cache
from transforms import gem_hygiene
from transforms import gpg_rm_asc
from transforms import gpg_batch
from transforms import yum_hygiene
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
    *pnpm_directory_filter.PASSES,
    *composer_platform_req.PASSES,
    *merge_cleanup_layer.PASSES,
    *apk_virtual_build_deps.PASSES,
    *php_sockets_linux_headers.PASSES,
    *apk_no_cache.PASSES,
    *apt_to_apt_get.PASSES,
    *apt_get_use_y.PASSES,
    *apt_get_no_recommends.PASSES,
    *apt_get_update.PASSES,
    *apt_get_rm_lists.PASSES,
    *apt_build_deps.PASSES,
    *curl_use_flag_f.PASSES,
    *curl_use_flag_l.PASSES,
    *https_urls.PASSES,
    *pip_no_cache.PASSES,
    *npm_cache.PASSES,
    *gem_hygiene.PASSES,
    *gpg_rm_asc.PASSES,
    *gpg_batch.PASSES,
    *yum_hygiene.PASSES,
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
