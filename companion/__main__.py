from companion.cli.entry import run

run()
