"""The parts of the pnpm-directory-filter pass (``transforms/pnpm_directory_filter.py``): the selectors
(``selectors``), where the workspace lands in the image (``location``), variable selectors (``variables``) and
the finding for a name no package has (``missing``)."""

PASS_ID = "pnpm-directory-filter"
