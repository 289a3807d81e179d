"""The ``compass-lint`` command line: click commands that build a run, report it and exit."""
