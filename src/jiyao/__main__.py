from __future__ import annotations

from jiyao.cli import main

raise SystemExit(main())
