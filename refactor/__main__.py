from refactor.cli import main

main()
