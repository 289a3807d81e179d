"""Running the checks: configuration loading, paths, the linter pipeline, the cache and the runner."""
