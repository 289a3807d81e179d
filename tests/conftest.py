"""Shared pytest set-up: hypothesis profiles.

``ci`` (the default) keeps the property tests bounded; ``long`` explores more:
``HYPOTHESIS_PROFILE=long pytest tests/unit/test_fuzz.py`` or ``pytest --hypothesis-profile long``.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci",
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "long",
    max_examples=2000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
