"""``compass-lint server``: a Language Server Protocol server over stdio (pygls, lsprotocol).

Only ``command`` may be imported without the ``server`` extra: it imports
pygls and lsprotocol when the command runs, so that the CLI and the
pre-commit hook never load them. ``session`` lints through the engine and
knows nothing of the protocol; ``convert``, ``actions`` and ``outline`` turn
its results into protocol types; ``app`` wires them to pygls.
"""
