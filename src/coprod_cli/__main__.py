from coprod_cli.cli.entry import main

main()
