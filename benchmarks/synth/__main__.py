"""python -m benchmarks.synth PLANS --out OUT: the generator without the cancu command."""

from benchmarks.synth.corpus import main

raise SystemExit(main())
