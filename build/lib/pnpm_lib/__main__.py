from pnpm_lib.cli import main

raise SystemExit(main())
