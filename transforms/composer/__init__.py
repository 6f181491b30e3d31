"""The parts of the composer-platform-req pass (``transforms/composer_platform_req.py``): reading the composer
command (``invocation``), the PHP extensions of a stage and the runtimes it feeds (``php_view``), Composer's
version constraints (``constraints``) and the edits (``edits``)."""
