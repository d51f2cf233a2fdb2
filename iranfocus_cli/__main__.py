"""python -m iranfocus_cli."""

from .cli import run

if __name__ == "__main__":
    run()
