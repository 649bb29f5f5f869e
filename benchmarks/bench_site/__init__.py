"""Settings and URLs used only by the benchmarks (never by the product)."""
