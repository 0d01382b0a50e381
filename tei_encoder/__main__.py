from tei_encoder.cli import main

main()
