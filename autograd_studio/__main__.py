"""``python -m autograd_studio`` is the ``autograd-studio`` command."""

import sys

from autograd_studio.cli import main

sys.exit(main())
