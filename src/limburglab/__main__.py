from limburglab.cli import main

main()
