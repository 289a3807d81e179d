"""Outline schemas: builtin resources, loading and compiling, safety limits, the meta-check."""
