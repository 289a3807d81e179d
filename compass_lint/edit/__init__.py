"""Commands that write: applying and verifying fixes, the next report (``new``), schema derivation."""
