"""Machine-readable reports of a run: JSON (dockmod's own versioned schema), SARIF 2.1.0, GitHub annotations."""
