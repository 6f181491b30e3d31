"""What dockmod knows about the world, as data with its provenance: base images, packages, ecosystems.

Passes and engine queries ask these modules; no knowledge table lives anywhere else.
"""
