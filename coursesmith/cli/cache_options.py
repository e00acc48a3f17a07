"""The options that hold a cache to the user's limits (`--cache-max`, `--cache-days`),
shared by `build` and `serve` (whose background builder gets them)."""
from __future__ import annotations

import argparse

from coursesmith.pruning import CacheLimits


def add_cache_limits(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--cache-max", type=size, metavar="SIZE",
                        help="after each build, keep the whole cache under SIZE (e.g. 300MB, 2GB), removing what "
                             "was used longest ago, never what this build used; a SIZE above a part's own limit "
                             "(100-500MB) lets it keep that much (default: each part's own limit)")
    parser.add_argument("--cache-days", type=days, metavar="DAYS",
                        help="after each build, remove from the cache what no build used for DAYS days, "
                             "fewer or more than the default (default: 14)")


def cache_limits(args: argparse.Namespace) -> CacheLimits:
    return CacheLimits(max_bytes=args.cache_max, days=args.cache_days)


UNITS = {"": 1, "B": 1, "K": 1000, "KB": 1000, "M": 1000**2, "MB": 1000**2, "G": 1000**3, "GB": 1000**3}


def size(text: str) -> int:
    """A size such as `500MB`, `1.5GB` or `800M` (powers of 1000, as the summary prints them), in bytes."""
    number = text.strip().upper().rstrip("B") or "0"
    unit = next((u for u in ("K", "M", "G") if number.endswith(u)), "")
    try:
        value = float(number.removesuffix(unit)) * UNITS[unit]
    except ValueError:
        raise argparse.ArgumentTypeError("write a size such as 300MB or 2GB") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be more than nothing")
    return int(value)


def days(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError("write a number of days, e.g. 7") from None
    if value <= 0:
        raise argparse.ArgumentTypeError("must be more than 0")
    return value

