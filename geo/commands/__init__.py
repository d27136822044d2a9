"""Subcommands of the ``geo`` CLI, one module each (see ``geo.__main__``)."""
