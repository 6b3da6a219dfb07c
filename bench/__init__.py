"""Benchmarks at scale: synthetic cases (synth), the stage-by-stage harness (run, stages) and its report."""
