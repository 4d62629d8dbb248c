"""``python -m cartoparti``: the command line."""

from cartoparti.cli import main

raise SystemExit(main())
