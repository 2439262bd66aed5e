"""Developer tools: benchmarks, data exports and checks. Not installed with referat."""
