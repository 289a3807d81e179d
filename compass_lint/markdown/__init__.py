"""Bytes to document: decoding, the mistune block parser, the scanner, inline text, text edits."""
