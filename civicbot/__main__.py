from civicbot.cli import main

raise SystemExit(main())
