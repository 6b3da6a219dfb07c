"""One module per CLI command: HELP, configure(parser), run(args) -> exit code."""
