"""The command line: one typer app; options are parsed here, the core is called, errors become exit codes."""
