from lessonkit.cli import main

main()
