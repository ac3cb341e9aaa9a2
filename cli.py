"""resdiff command line (thin: options, engine calls, rendering, exit codes)."""

import click


@click.group()
def main() -> None:
    """resdiff: what changed between versions of a UN resolution."""
