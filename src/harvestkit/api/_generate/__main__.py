"""Write, or with ``--check`` verify, what is generated from the operation table.

python -m harvestkit.api._generate          # rewrite the generated files
python -m harvestkit.api._generate --check  # fail if any differs (``make lint`` runs it)
"""

from __future__ import annotations

import argparse
import difflib
import sys

from ._files import expected, generated_root, stray

__all__ = ["main"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m harvestkit.api._generate")
    parser.add_argument("--check", action="store_true", help="verify instead of writing")
    args = parser.parse_args(argv)
    root = generated_root()
    files = expected(root)
    extra = stray(root, files)
    if not args.check:
        for path, text in files.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            if not path.exists() or path.read_text() != text:
                path.write_text(text)
                print(f"wrote {path.relative_to(root)}")
        for path in extra:
            path.unlink()
            print(f"removed {path.relative_to(root)}")
        return 0
    problems = 0
    for path, text in files.items():
        current = path.read_text() if path.exists() else ""
        if current != text:
            problems += 1
            name = str(path.relative_to(root))
            sys.stdout.writelines(
                difflib.unified_diff(
                    current.splitlines(keepends=True),
                    text.splitlines(keepends=True),
                    f"{name} (on disk)",
                    f"{name} (generated)",
                )
            )
    for path in extra:
        problems += 1
        print(f"{path.relative_to(root)}: not generated (resources/ is generated but for _base.py)")
    if problems:
        print(f"{problems} generated file(s) out of date: run `python -m harvestkit.api._generate`")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
