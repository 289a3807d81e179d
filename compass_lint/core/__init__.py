"""The lowest layer: findings, settings as plain data, dates and the time limit.

Everything above may import it; it imports nothing of compass-lint.
"""
