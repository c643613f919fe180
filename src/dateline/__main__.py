"""``python -m dateline``."""

import sys

from dateline.cli.main import main

sys.exit(main())
