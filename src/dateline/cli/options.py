"""Option types and helpers shared by the commands: one-line errors, --quiet/--verbose/--debug."""

from __future__ import annotations

import argparse
import sys


def positive_int(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if n < 1:
        raise argparse.ArgumentTypeError(f"expected a number of at least 1, got {n}")
    return n


def nonneg_int(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if n < 0:
        raise argparse.ArgumentTypeError(f"expected 0 or more, got {n}")
    return n


def user_date(text: str, *, end: bool = False):
    """``--from``: a date; a year or month stands for its first day."""
    from dateline.dating import parse_user_date

    d = parse_user_date(text, end=end)
    if d is None:
        raise argparse.ArgumentTypeError(
            f"cannot read {text!r} as a date; use YYYY, YYYY-MM or YYYY-MM-DD"
        )
    return d


def user_end_date(text: str):
    """``--to``: a date; a year or month stands for its last day (``--to 2008`` = 31 Dec 2008)."""
    return user_date(text, end=True)


def size(text: str) -> int:
    t = text.strip().upper().replace("B", "")
    mult = {"K": 1_000, "M": 1_000_000, "G": 1_000_000_000}.get(t[-1:], 1)
    try:
        n = int(float(t[:-1] if t[-1:] in "KMG" else t) * mult)
    except ValueError:
        raise argparse.ArgumentTypeError(f"cannot read {text!r} as a size (e.g. 50M, 2G)") from None
    if n <= 0:
        raise argparse.ArgumentTypeError("the size must be positive")
    return n


def formats_list(text: str) -> tuple[str, ...]:
    from dateline.render import FORMATS

    out = []
    for part in text.replace(" ", "").split(","):
        if not part:
            continue
        if part == "all":
            out.extend(FORMATS)
            continue
        if part not in FORMATS:
            raise argparse.ArgumentTypeError(f"unknown format {part!r}; choose from {', '.join(FORMATS)}, all")
        out.append(part)
    return tuple(dict.fromkeys(out))


class Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line, exit 2
        self.exit(2, f"{self.prog}: error: {message} (see '{self.prog} --help')\n")


def add_common(p: argparse.ArgumentParser) -> None:
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bars, warnings or summary")
    p.add_argument("-v", "--verbose", action="store_true", help="per-stage timings and more detail")
    p.add_argument("--debug", action="store_true", help="show full tracebacks on errors")


def error_line(msg: str) -> None:
    sys.stderr.write(f"dateline: error: {msg}\n")
