"""``python -m scripts.update_spec``: see :mod:`scripts.update_spec.cli`."""

import sys

from scripts.update_spec.cli import main

sys.exit(main())
