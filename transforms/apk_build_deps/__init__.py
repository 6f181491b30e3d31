"""The parts of the apk-virtual-build-deps pass (``transforms/apk_virtual_build_deps.py``): which package
words are build-only (``packages``) and the edits that move them into a virtual group (``edits``)."""
