"""`python -m jhviewer`: the same entry point as the `jhviewer` command."""

from jhviewer.cli import main

if __name__ == "__main__":
    main()
