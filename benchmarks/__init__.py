"""Benchmark scripts and the synthetic-plan generator (benchmarks.synth): tools run from a checkout, not
part of the installed cancu package."""
