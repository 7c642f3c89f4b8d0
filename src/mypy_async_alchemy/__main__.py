"""``python -m mypy_async_alchemy``: the same command line as ``mypy-async-alchemy``."""

from mypy_async_alchemy.cli import main

raise SystemExit(main())
