"""Build and run images for ``dockmod verify``: one interface (:mod:`.base`), several backends.

:mod:`.buildah` (daemonless, chroot isolation), :mod:`.docker` (buildx or classic build against a
daemon) and :mod:`.podman`; :mod:`.select` picks one; :mod:`.stand_in` makes local Debian base
images with debootstrap for machines with no registry (tests, the image benchmark).
"""

from refactor.build.base import (
    Builder,
    BuildError,
    BuilderUnavailable,
    BuildResult,
    Container,
    ExecResult,
    HealthCheck,
    ImageConfig,
)
from refactor.build.select import choose, make

__all__ = ["BuildError", "BuildResult", "Builder", "BuilderUnavailable", "Container", "ExecResult", "HealthCheck",
           "ImageConfig", "choose", "make"]
