from coprod_cli.cli.app import main

main()
