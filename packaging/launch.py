"""The PyInstaller bundle's entry script: jhviewer's own entry point, nothing else."""

from jhviewer.cli import main

if __name__ == "__main__":
    main()
